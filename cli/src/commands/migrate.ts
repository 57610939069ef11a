import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { APP_HELP, APP_OPTIONS, contextOption } from '../app-options';
import { runApp } from '../app-runner';
import { CloudAssembly } from '../assembly';
import { CliError } from '../cli-error';
import { Command, stringOption } from '../command';
import { displayPath, prepareOutdir } from './synth';
import { table } from '../table';

/** A migration target: the assembly files that are its output, and its name in the migration report. */
interface Target {
  readonly reportName: string;
  readonly label: string;
  /** Whether an assembly file (relative path) belongs to the target's output. */
  owns(file: string): boolean;
}

const TARGETS: Record<string, Target> = {
  'envoy': {
    reportName: 'PLAIN_ENVOY',
    label: 'plain Envoy',
    owns: (file) => file.startsWith(`envoy${path.sep}`) && file.endsWith('.standalone.yaml'),
  },
  'service-connect': {
    reportName: 'SERVICE_CONNECT',
    label: 'ECS Service Connect',
    owns: (file) => file.startsWith(`service-connect${path.sep}`),
  },
  'lattice': {
    reportName: 'VPC_LATTICE',
    label: 'VPC Lattice',
    owns: (file) => file.startsWith(`lattice${path.sep}`),
  },
};

interface ReportSummary {
  readonly target: string;
  readonly maps: number;
  readonly approximated: number;
  readonly lost: number;
  readonly blockedInRegion: boolean;
}

export const migrateCommand: Command = {
  name: 'migrate',
  usage: 'migrate <app> --to envoy|service-connect|lattice [-o <dir>]',
  brief: 'write one migration target\'s files and the migration report',
  summary: 'Synthesizes the app and writes the files of one way out of App Mesh (plain Envoy configurations, ECS Service '
    + 'Connect configurations, or VPC Lattice) with the migration report of every mesh (migration/<mesh>.md and .json).',
  description: APP_HELP,
  options: {
    ...APP_OPTIONS,
    to: { type: 'string', value: '<target>', help: 'envoy, service-connect or lattice' },
    output: { type: 'string', short: 'o', value: '<dir>', help: 'the folder to write (default migration-<target>)' },
  },
  positionals: [1, 1],
  async run(args) {
    const name = stringOption(args, 'to');
    if (!name) throw new CliError(`migrate: --to is required (${Object.keys(TARGETS).join(', ')})`);
    const target = TARGETS[name];
    if (!target) throw new CliError(`migrate: unknown target '${name}' (${Object.keys(TARGETS).join(', ')})`);
    const outdir = path.resolve(stringOption(args, 'output') ?? `migration-${name}`);
    const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'appmesh-kit-migrate-'));
    try {
      const run = await runApp(args.positionals[0], { outdir: scratch, task: { op: 'synth' }, context: contextOption(args), debug: args.values.debug === true });
      if (run.exitCode !== 0 || typeof run.answer.synthError === 'string') {
        throw new CliError(`synthesis failed (appmesh-kit validate ${args.positionals[0]} lists every finding)`, 1);
      }
      const assembly = CloudAssembly.read(run.assemblyDir ?? scratch);
      const files = assembly.files();
      const reports = files.filter((f) => f.startsWith(`migration${path.sep}`));
      if (reports.length === 0) throw new CliError('the app has no mesh with resources: there is nothing to migrate', 1);
      const own = files.filter((f) => target.owns(f));
      if (own.length === 0 && name === 'lattice') {
        throw new CliError('the VPC Lattice output is not available in the appmesh-kit version this app uses: the migration report '
          + '(migration/) says what maps; run appmesh-kit migrate --to envoy or --to service-connect for files', 1);
      }
      prepareOutdir(outdir);
      for (const file of [...own, ...reports]) {
        fs.mkdirSync(path.dirname(path.join(outdir, file)), { recursive: true });
        fs.copyFileSync(path.join(assembly.dir, file), path.join(outdir, file));
      }
      const rows: Array<Array<string | number>> = [];
      for (const report of reports.filter((f) => f.endsWith('.json'))) {
        const json = JSON.parse(fs.readFileSync(path.join(assembly.dir, report), 'utf8')) as { mesh: string; summaries: ReportSummary[] };
        const summary = json.summaries.find((s) => s.target === target.reportName);
        if (summary) rows.push([json.mesh, summary.maps, summary.approximated, summary.lost, summary.blockedInRegion ? 'yes' : 'no']);
      }
      process.stdout.write(`Wrote ${own.length} ${target.label} file(s) and ${reports.length} migration report file(s) into `
        + `${displayPath(outdir)}\n\n`);
      process.stdout.write(table(['Mesh', 'Maps', 'Approximated', 'Lost', 'Blocked in region'], rows));
      return 0;
    } finally {
      fs.rmSync(scratch, { recursive: true, force: true });
    }
  },
};
