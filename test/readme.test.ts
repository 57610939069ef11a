import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { App, Stack, Validations } from 'aws-cdk-lib';
import { describe, expect, it, vi } from 'vitest';
import { Mesh } from '../lib';

/** The README's TypeScript blocks under a heading, in order. */
function codeBlocks(heading: string): string[] {
  const readme = fs.readFileSync(path.join(__dirname, '..', 'README.md'), 'utf8');
  const start = readme.indexOf(`\n${heading}\n`);
  expect(start, heading).toBeGreaterThan(0);
  const next = readme.indexOf('\n## ', start + heading.length + 2);
  const section = readme.slice(start, next < 0 ? undefined : next);
  return [...section.matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1]);
}

describe('README', () => {
  it('runs the short tour as written (imports swapped for the sources), and the mesh it builds has no errors', async () => {
    const [tour] = codeBlocks('## A short tour');
    const dir = path.join(__dirname, '..', 'test-output', 'readme');
    fs.mkdirSync(dir, { recursive: true });
    const file = path.join(dir, 'tour.ts');
    fs.writeFileSync(file, tour.replace(/from 'appmesh-kit'/g, `from ${JSON.stringify(path.join(__dirname, '..', 'lib'))}`));
    const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
    try {
      await import(file);
      const findings = log.mock.calls.map((call) => call.join(' '));
      expect(findings.filter((line) => line.startsWith('error'))).toEqual([]);
    } finally {
      log.mockRestore();
    }
  });
});

describe('README: a first app', () => {
  it('synthesizes as written into the folder the cdk CLI gives (CDK_OUTDIR): the template and the files the table lists', async () => {
    const [main] = codeBlocks('## A first app');
    const dir = path.join(__dirname, '..', 'test-output', 'readme');
    fs.mkdirSync(dir, { recursive: true });
    const file = path.join(dir, 'first-app.ts');
    fs.writeFileSync(file, main.replace(/from 'appmesh-kit'/g, `from ${JSON.stringify(path.join(__dirname, '..', 'lib'))}`));
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'amk-first-app-'));
    vi.stubEnv('CDK_OUTDIR', outdir);
    try {
      await import(file);
      for (const output of ['Shop.template.json', 'envoy/shop/catalog.standalone.yaml', 'envoy/shop/catalog.appmesh.yaml',
        'migration/shop.md', 'migration/shop.json', 'service-connect/shop/catalog.json', 'lattice/shop.json']) {
        expect(fs.existsSync(path.join(outdir, output)), output).toBe(true);
      }
    } finally {
      vi.unstubAllEnvs();
      fs.rmSync(outdir, { recursive: true, force: true });
    }
  });
});

describe('README: acknowledging W3696', () => {
  it('the one-liner it gives moves the built-in validator\'s App Mesh end-of-support warning to the suppressed ones', () => {
    const readme = fs.readFileSync(path.join(__dirname, '..', 'README.md'), 'utf8');
    const line = /> (Validations\.of\(app\)\.acknowledge\(\{[^\n]*\}\);)/.exec(readme)?.[1];
    expect(line, 'the acknowledgement line in the README').toBeDefined();
    /** W3696 findings of the validator's report: [reported, suppressed]. */
    const w3696 = (acknowledge: boolean): [number, number] => {
      const app = new App({ outdir: fs.mkdtempSync(path.join(os.tmpdir(), 'amk-w3696-')) });
      new Mesh(new Stack(app, 'Shop'), 'Mesh', { meshName: 'shop' });
      // The README's line as written, with its two names in scope.
      // eslint-disable-next-line @typescript-eslint/no-implied-eval
      if (acknowledge) new Function('Validations', 'app', line!)(Validations, app);
      const report = JSON.parse(fs.readFileSync(path.join(app.synth().directory, 'validation-report.json'), 'utf8'));
      const count = (key: string) => report.pluginReports.flatMap((r: Record<string, { ruleName: string }[]>) => r[key] ?? [])
        .filter((v: { ruleName: string }) => v.ruleName === 'W3696').length;
      fs.rmSync(app.outdir, { recursive: true, force: true });
      return [count('violations'), count('suppressedViolations')];
    };
    expect(w3696(false)).toEqual([1, 0]);
    expect(w3696(true)).toEqual([0, 1]);
  });
});
