import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it, vi } from 'vitest';

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
