import { ChildProcess, spawn } from 'node:child_process';
import * as net from 'node:net';
import { requireToolOrSkip } from './tools';

/** A running `moto_server` (the AWS API mock), reachable at `endpoint`. */
export interface MotoServer {
  /** `http://127.0.0.1:<port>`. */
  readonly endpoint: string;
  /** Stops the server (SIGTERM, then SIGKILL after a bounded wait). Safe to call twice. */
  stop(): Promise<void>;
}

/** How long `startMoto` waits for the server to answer. */
const START_TIMEOUT_MS = 15000;
/** How long `stop` waits for the server to exit after SIGTERM before SIGKILL. */
const STOP_TIMEOUT_MS = 5000;

/**
 * Whether moto can run. `moto_server` has no `--version` (it exits 2 with a usage message), so the
 * default probe of `requireToolOrSkip` always reports it missing: probe with `--help` first, and
 * only fall back to `requireToolOrSkip` (its warning, or its hard failure in CI) when that fails.
 */
export function motoAvailable(): boolean {
  return requireToolOrSkip('moto_server', 'moto_server', ['--help']);
}

/** A TCP port free on 127.0.0.1 right now (the OS picks it). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : undefined;
      server.close(() => (port ? resolve(port) : reject(new Error('no port assigned'))));
    });
  });
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Kills the child's process group (it was spawned detached, so it leads one), else the child alone. */
function signal(child: ChildProcess, sig: NodeJS.Signals): void {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  try {
    process.kill(-child.pid, sig);
  } catch {
    try {
      child.kill(sig);
    } catch {
      // already gone
    }
  }
}

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

async function stopChild(child: ChildProcess): Promise<void> {
  signal(child, 'SIGTERM');
  const done = await Promise.race([exited(child).then(() => true), sleep(STOP_TIMEOUT_MS).then(() => false)]);
  if (!done) {
    signal(child, 'SIGKILL');
    await Promise.race([exited(child), sleep(STOP_TIMEOUT_MS)]);
  }
}

/**
 * Starts `moto_server -H 127.0.0.1 -p <free port>` and waits (at most 15 s) until it answers HTTP.
 * The child is always killed: on a failed start here, otherwise by `stop()` (and at process exit).
 */
export async function startMoto(): Promise<MotoServer> {
  const port = await freePort();
  const endpoint = `http://127.0.0.1:${port}`;
  const child = spawn('moto_server', ['-H', '127.0.0.1', '-p', String(port)], {
    stdio: ['ignore', 'ignore', 'pipe'],
    detached: true,
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4000);
  });
  let spawnError: Error | undefined;
  child.once('error', (error) => {
    spawnError = error;
  });
  const killAtExit = () => signal(child, 'SIGKILL');
  process.once('exit', killAtExit);

  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    process.removeListener('exit', killAtExit);
    await stopChild(child);
  };

  const deadline = Date.now() + START_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (spawnError || child.exitCode !== null || child.signalCode !== null) break;
    try {
      const response = await fetch(`${endpoint}/`, { signal: AbortSignal.timeout(1000) });
      await response.arrayBuffer();
      return { endpoint, stop };
    } catch {
      await sleep(200);
    }
  }
  await stop();
  const why = spawnError ? spawnError.message
    : child.exitCode !== null ? `it exited with status ${child.exitCode}` : `it did not answer within ${START_TIMEOUT_MS / 1000} s`;
  throw new Error(`moto_server did not start on ${endpoint}: ${why}${stderr ? `\n${stderr}` : ''}`);
}
