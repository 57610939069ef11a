import { spawnSync } from 'node:child_process';

// Probing a tool costs a process spawn; cache per command line.
const cache = new Map<string, boolean>();

/** How to install each external tool the tests know about. */
const INSTALL_HINTS: Record<string, string> = {
  'cfn-lint': 'pip install cfn-lint',
  'botocore': 'pip install botocore (python3 must import botocore)',
};

/**
 * True when `command` can be spawned and exits with status 0.
 * `args` default to `['--version']`, which most CLIs support.
 */
export function toolAvailable(command: string, args: string[] = ['--version']): boolean {
  const key = JSON.stringify([command, ...args]);
  const cached = cache.get(key);
  if (cached !== undefined) {
    return cached;
  }
  const result = spawnSync(command, args, { stdio: 'ignore', timeout: 30000 });
  const ok = result.error === undefined && result.status === 0;
  cache.set(key, ok);
  return ok;
}

/**
 * Returns true when the tool is available. When it is missing, CI
 * (`APPMESH_KIT_REQUIRE_TOOLS=1`) fails hard so coverage cannot silently
 * vanish; locally we warn loudly and let the caller skip.
 */
export function requireToolOrSkip(name: string, command: string, probeArgs: string[] = ['--version']): boolean {
  if (toolAvailable(command, probeArgs)) {
    return true;
  }
  const hint = INSTALL_HINTS[name] ?? `install ${name} and put '${command}' on PATH`;
  if (process.env.APPMESH_KIT_REQUIRE_TOOLS === '1') {
    throw new Error(
      `${name} ('${command}') is required when APPMESH_KIT_REQUIRE_TOOLS=1 (CI) but was not found on PATH. ` +
      `Install it with: ${hint}`,
    );
  }
  const bar = '!'.repeat(78);
  process.stderr.write([
    '',
    bar,
    `!!! SKIPPED: ${name} not found ('${command}' is not on PATH).`,
    `!!! Tests that need ${name} will NOT run. Install it with: ${hint}`,
    '!!! (Set APPMESH_KIT_REQUIRE_TOOLS=1 to make this an error, as CI does.)',
    bar,
    '',
  ].join('\n') + '\n');
  return false;
}
