import { spawn } from 'node:child_process';
import * as path from 'node:path';

/** The bin npm links as node_modules/.bin/appmesh-kit (the workspace package's own file). */
export const BIN = path.join(__dirname, '..', 'bin', 'appmesh-kit.js');
export const REPO = path.join(__dirname, '..', '..');
export const FIXTURES = path.join(__dirname, 'fixtures');

export interface CliResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs the command line as a user does: its own node process, in `cwd`, with `env` over this process's environment. */
export function runCli(args: string[], cwd: string = REPO, env: NodeJS.ProcessEnv = {}): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.once('error', reject);
    child.once('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}

/** The lines of standard error that are not progress lines (`appmesh-kit: running app.ts…`). */
export function errorLines(result: CliResult): string[] {
  return result.stderr.split('\n').filter((l) => l.length > 0 && !/^appmesh-kit: (?!error:).*…$/.test(l));
}
