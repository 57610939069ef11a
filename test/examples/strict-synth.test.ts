import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { App, Stack } from 'aws-cdk-lib';
import { describe, expect, it, vi } from 'vitest';
import { Mesh } from '../../lib';

/* eslint-disable @typescript-eslint/no-explicit-any */

const ROOT = path.join(__dirname, '..', '..');
const EXAMPLES = path.join(ROOT, 'examples');

/** Every example: a folder of examples/ with a cdk.json. */
const examples = fs.readdirSync(EXAMPLES).filter((name) => fs.existsSync(path.join(EXAMPLES, name, 'cdk.json')));

/** The aws-cdk CLI of the repository, when it is installed. */
function cdkCli(): string | undefined {
  try {
    return require.resolve('aws-cdk/bin/cdk', { paths: [ROOT] });
  } catch {
    return undefined;
  }
}

/**
 * What `cdk synth --strict` fails on, read from a cloud assembly and its nested assemblies: warning
 * and error annotations (in the manifest or the stacks' metadata files) and the built-in
 * validator's violations that are not acknowledged.
 */
function strictFindings(dir: string): string[] {
  const findings: string[] = [];
  const manifest = JSON.parse(fs.readFileSync(path.join(dir, 'manifest.json'), 'utf8'));
  for (const [id, artifact] of Object.entries<any>(manifest.artifacts ?? {})) {
    const metadata = { ...artifact.metadata };
    const file = artifact.additionalMetadataFile;
    if (file) Object.assign(metadata, JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8')));
    for (const [where, entries] of Object.entries<any[]>(metadata)) {
      for (const entry of entries) {
        if (entry.type === 'aws:cdk:warning' || entry.type === 'aws:cdk:error') findings.push(`${id}${where} ${entry.type}: ${entry.data}`);
      }
    }
    if (artifact.type === 'cdk:cloud-assembly') findings.push(...strictFindings(path.join(dir, artifact.properties.directoryName)));
  }
  const report = path.join(dir, 'validation-report.json');
  if (fs.existsSync(report)) {
    for (const plugin of JSON.parse(fs.readFileSync(report, 'utf8')).pluginReports ?? []) {
      for (const v of plugin.violations ?? []) findings.push(`${plugin.pluginName} ${v.ruleName} (${v.severity}): ${v.description}`);
    }
  }
  return findings;
}

/** The built-in validator's W3696 findings that an acknowledgement suppressed (proof that the validator ran). */
function acknowledgedW3696(dir: string): number {
  const report = JSON.parse(fs.readFileSync(path.join(dir, 'validation-report.json'), 'utf8'));
  return report.pluginReports.flatMap((r: any) => r.suppressedViolations ?? []).filter((v: any) => v.ruleName === 'W3696').length;
}

describe('what cdk synth --strict fails on', () => {
  it('includes the built-in validator\'s W3696 when nothing acknowledges it', () => {
    const app = new App({ outdir: fs.mkdtempSync(path.join(os.tmpdir(), 'amk-strict-w3696-')) });
    new Mesh(new Stack(app, 'Shop'), 'Mesh', { meshName: 'shop' });
    try {
      expect(strictFindings(app.synth().directory)).toEqual([expect.stringMatching(/^CloudFormation Validate W3696 \(warning\)/)]);
    } finally {
      fs.rmSync(app.outdir, { recursive: true, force: true });
    }
  });
});

/** Runs an example's main.ts in this process, as the cdk CLI runs it (the CLI only adds CDK_OUTDIR). */
async function synthInProcess(example: string, outdir: string): Promise<void> {
  const before = { outdir: process.env.CDK_OUTDIR, validation: process.env.CDK_VALIDATION };
  process.env.CDK_OUTDIR = outdir;
  // The built-in validator stays on here: it is what reports W3696, which the example's main.ts acknowledges.
  process.env.CDK_VALIDATION = 'true';
  const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
  try {
    await import(path.join(EXAMPLES, example, 'main.ts'));
  } finally {
    log.mockRestore();
    for (const [key, value] of [['CDK_OUTDIR', before.outdir], ['CDK_VALIDATION', before.validation]] as const) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  }
}

// One process for all examples: the built-in validator's start-up (seconds) is paid once, not per example.
describe.each(examples)('examples/%s: cdk synth --strict', (example) => {
  const cli = cdkCli();
  const how = cli ? 'passes the aws-cdk CLI\'s cdk synth --strict' : 'leaves nothing cdk synth --strict fails on (aws-cdk CLI not installed)';

  it(how, { timeout: 240_000 }, async () => {
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), `amk-strict-${example}-`));
    try {
      const cwd = path.join(EXAMPLES, example);
      if (cli) {
        const env = { ...process.env, CDK_DISABLE_CLI_TELEMETRY: 'true', CDK_VALIDATION: 'true' };
        execFileSync(process.execPath, [cli, 'synth', '--strict', '--quiet', '--no-notices', '--output', outdir], { cwd, env, stdio: 'pipe' });
      } else {
        await synthInProcess(example, outdir);
      }
      expect(fs.existsSync(path.join(outdir, 'manifest.json'))).toBe(true);
      expect(strictFindings(outdir)).toEqual([]);
      // The validator ran, found App Mesh resources, and main.ts acknowledged W3696 for each.
      expect(acknowledgedW3696(outdir)).toBeGreaterThan(0);
      expect(JSON.parse(fs.readFileSync(path.join(cwd, 'cdk.json'), 'utf8')).app).toBe('npx tsx main.ts');
    } finally {
      fs.rmSync(outdir, { recursive: true, force: true });
    }
  });
});
