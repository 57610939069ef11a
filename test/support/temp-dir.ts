/**
 * Vitest global setup: every temporary folder of a test run goes under one folder that is removed
 * when the run ends. Apps without an outdir make a `cdk.out*` folder in the OS temp folder and
 * never remove it, and worker processes that vitest stops do not run exit hooks; without this, each
 * run of the suite left thousands of folders behind.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

let runDir: string | undefined;

export function setup(): void {
  runDir = fs.mkdtempSync(path.join(os.tmpdir(), 'amk-test-run-'));
  // Worker processes start after this and inherit it; os.tmpdir() reads TMPDIR on every call.
  process.env.TMPDIR = runDir;
}

export function teardown(): void {
  if (runDir) fs.rmSync(runDir, { recursive: true, force: true });
}
