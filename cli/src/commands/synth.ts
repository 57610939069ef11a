import * as fs from 'node:fs';
import * as path from 'node:path';
import { APP_HELP, APP_OPTIONS, contextOption } from '../app-options';
import { runApp } from '../app-runner';
import { CloudAssembly, fileKind } from '../assembly';
import { CliError } from '../cli-error';
import { Command, stringOption } from '../command';
import { table } from '../table';

/**
 * Makes `dir` ready for an assembly: a missing or empty folder, or an earlier cloud assembly (its
 * files go, so the summary counts only this run's). Anything else is the user's: refuse.
 */
export function prepareOutdir(dir: string): void {
  if (fs.existsSync(dir)) {
    if (!fs.statSync(dir).isDirectory()) throw new CliError(`${dir} exists and is not a folder`);
    const entries = fs.readdirSync(dir);
    if (entries.length > 0 && !entries.includes('manifest.json')) {
      throw new CliError(`${dir} is not empty and is not a cloud assembly: give another -o folder`);
    }
    fs.rmSync(dir, { recursive: true, force: true });
  }
  fs.mkdirSync(dir, { recursive: true });
}

/** The first two lines of a CDK error ("Validation failed with the following errors:" and the first error) as one. */
function firstLines(message: string): string {
  return message.split('\n').slice(0, 2).map((l) => l.trim()).filter((l) => l).join(' ');
}

/** A path as the user would type it: relative below the working directory, else absolute. */
export function displayPath(file: string): string {
  const relative = path.relative(process.cwd(), file);
  return relative === '' ? '.' : relative.startsWith('..') ? file : relative;
}

/** The summary of an assembly: resources per type, files per kind. */
export function assemblySummary(assembly: CloudAssembly): string {
  const types = new Map<string, number>();
  for (const { template } of assembly.templates()) {
    for (const resource of Object.values(template.Resources ?? {})) types.set(resource.Type, (types.get(resource.Type) ?? 0) + 1);
  }
  const kinds = new Map<string, number>();
  for (const file of assembly.files()) kinds.set(fileKind(file), (kinds.get(fileKind(file)) ?? 0) + 1);
  const sorted = (m: Map<string, number>) => [...m.entries()].sort(([a], [b]) => a.localeCompare(b));
  const warnings = assembly.annotations().filter((a) => a.level === 'warning').length;
  return [
    table(['Resource type', 'Count'], sorted(types)),
    table(['Files', 'Count'], sorted(kinds)),
    ...(warnings > 0 ? [`${warnings} warning${warnings === 1 ? '' : 's'}: appmesh-kit validate lists them with their fixes\n`] : []),
  ].join('\n');
}

export const synthCommand: Command = {
  name: 'synth',
  usage: 'synth <app> [-o <dir>]',
  brief: 'run an app and write all its outputs into one folder, with a summary',
  summary: 'Runs a CDK app and writes everything it produces into one folder: the CloudFormation templates, envoy/, ecs/, '
    + 'migration/, service-connect/ and the other outputs; then prints a summary.',
  description: APP_HELP,
  options: {
    ...APP_OPTIONS,
    output: { type: 'string', short: 'o', value: '<dir>', help: 'the folder to write (default cdk.out); an earlier assembly there is replaced' },
  },
  positionals: [1, 1],
  async run(args) {
    const app = args.positionals[0];
    const context = contextOption(args);
    const outdir = path.resolve(stringOption(args, 'output') ?? 'cdk.out');
    prepareOutdir(outdir);
    const started = Date.now();
    const run = await runApp(app, { outdir, task: { op: 'synth' }, context, debug: args.values.debug === true });
    if (run.exitCode !== 0 || typeof run.answer.synthError === 'string') {
      const why = typeof run.answer.synthError === 'string' ? firstLines(run.answer.synthError) : `exit code ${run.exitCode}`;
      throw new CliError(`synthesis failed: ${why} (appmesh-kit validate ${app} lists every finding)`, 1);
    }
    const assemblyDir = run.assemblyDir ?? outdir;
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    process.stdout.write(`Synthesized ${app} into ${displayPath(assemblyDir)} in ${seconds} s\n\n`);
    process.stdout.write(assemblySummary(CloudAssembly.read(assemblyDir)));
    return 0;
  },
};
