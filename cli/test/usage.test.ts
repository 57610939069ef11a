import { describe, expect, it } from 'vitest';
import { errorLines, runCli } from './run-cli';

// What the command line says before it runs anything: help, bad arguments, missing files.
const APP_COMMANDS = ['synth', 'validate', 'explain', 'migrate', 'graph', 'drift'];
const COMMANDS = [...APP_COMMANDS, 'import'];

describe('help and bad arguments', () => {
  it('lists the commands', async () => {
    const result = await runCli(['--help']);
    expect(result.code).toBe(0);
    for (const command of COMMANDS) expect(result.stdout).toMatch(new RegExp(`^  ${command} `, 'm'));
  });

  it.each(COMMANDS)('%s --help shows its usage and options', async (command) => {
    const result = await runCli([command, '--help']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(new RegExp(`^Usage: appmesh-kit ${command} ${APP_COMMANDS.includes(command) ? '<app>' : '--template'}`));
    expect(result.stdout).toContain('--debug');
  });

  it.each([
    [['frobnicate'], "appmesh-kit: error: unknown command 'frobnicate' (commands: synth, validate, explain, migrate, graph, import, drift)"],
    [['synth'], 'appmesh-kit: error: synth: missing argument (usage: appmesh-kit synth <app> [-o <dir>])'],
    [['synth', 'a.ts', 'b.ts'], "appmesh-kit: error: synth: unexpected argument 'b.ts' (usage: appmesh-kit synth <app> [-o <dir>])"],
    [['synth', 'missing.ts'], 'appmesh-kit: error: no such app: missing.ts'],
    [['validate', 'cli'], 'appmesh-kit: error: cli is a folder without cdk.json: give a .ts or .js app, or a CDK project folder'],
    [['validate', 'README.md'], 'appmesh-kit: error: cannot run README.md: give a .ts or .js file, or a folder with cdk.json'],
    [['explain', 'x.ts'], 'appmesh-kit: error: explain: --from is required (a virtual node or virtual gateway)'],
    [['explain', 'x.ts', '--from', 'a', '--method', 'FETCH'], "appmesh-kit: error: --method must be one of GET, HEAD, POST, PUT, DELETE, CONNECT, OPTIONS, TRACE, PATCH, not 'FETCH'"],
    [['explain', 'x.ts', '--from', 'a', '-H', 'novalue'], "appmesh-kit: error: -H takes name:value, not 'novalue'"],
    [['migrate', 'x.ts', '--to', 'istio'], "appmesh-kit: error: migrate: unknown target 'istio' (envoy, service-connect, lattice)"],
    [['synth', 'x.ts', '-c', 'novalue'], "appmesh-kit: error: --context takes key=value, not 'novalue'"],
    [['import'], 'appmesh-kit: error: import: give one of --template, --describe or --mesh'],
    [['import', '--template', 'missing.json'], 'appmesh-kit: error: no such template: missing.json'],
    [['import', '--describe', 'missing'], 'appmesh-kit: error: no such folder: missing'],
  ])('%j: one line, exit 2, no stack trace', async (args, line) => {
    const result = await runCli(args);
    expect(result.code).toBe(2);
    expect(errorLines(result)).toEqual([line]);
    expect(result.stdout).toBe('');
  });

  it('names an unknown option', async () => {
    const result = await runCli(['validate', 'x.ts', '--jsn']);
    expect(result.code).toBe(2);
    expect(errorLines(result)).toHaveLength(1);
    expect(errorLines(result)[0]).toMatch(/^appmesh-kit: error: validate: Unknown option '--jsn'/);
  });
});
