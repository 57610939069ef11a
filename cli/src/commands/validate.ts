import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { APP_HELP, APP_OPTIONS, contextOption } from '../app-options';
import { runApp } from '../app-runner';
import { Annotation, CloudAssembly } from '../assembly';
import { Command } from '../command';

/** A diagnostic as `Mesh.validate()` returns it (appmesh-kit's `Diagnostic`). */
export interface Diagnostic {
  readonly severity: 'error' | 'warning';
  readonly code: string;
  readonly constructPath: string;
  readonly field: string;
  readonly value?: string;
  readonly message: string;
  readonly fix: string;
}

interface MeshDiagnostics {
  readonly path: string;
  readonly name: string;
  readonly diagnostics: Diagnostic[];
}

/** What `validate --json` prints. */
export interface ValidationReport {
  readonly meshes: MeshDiagnostics[];
  /** Synth-time annotations that are not one of the diagnostics (the outputs' notes, other constructs' warnings). */
  readonly annotations: Annotation[];
  /** Why synthesis failed, when it did for another reason than a mesh diagnostic. */
  readonly synthError?: string;
  readonly errors: number;
  readonly warnings: number;
}

function groupBy<T>(items: T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) groups.set(key(item), [...(groups.get(key(item)) ?? []), item]);
  return groups;
}

function render(report: ValidationReport): string {
  const out: string[] = [];
  for (const mesh of report.meshes) {
    const errors = mesh.diagnostics.filter((d) => d.severity === 'error').length;
    out.push(`mesh ${mesh.name} (${mesh.path}): ${errors} error(s), ${mesh.diagnostics.length - errors} warning(s)`);
    for (const [construct, diagnostics] of groupBy(mesh.diagnostics, (d) => d.constructPath)) {
      out.push(`  ${construct}`);
      for (const d of diagnostics) {
        out.push(`    ${d.severity} ${d.code} ${d.field}: ${d.message}${d.value === undefined ? '' : ` (got ${d.value})`}`);
        out.push(`      fix: ${d.fix}`);
      }
    }
  }
  if (report.meshes.length === 0) out.push('the app defines no mesh');
  if (report.annotations.length > 0) {
    out.push('', 'synth notes:');
    for (const [construct, notes] of groupBy(report.annotations, (a) => a.constructPath)) {
      out.push(`  ${construct}`);
      for (const a of notes) out.push(`    ${a.level}: ${a.message}`);
    }
  }
  if (report.synthError) out.push('', `synthesis failed: ${report.synthError}`);
  out.push('', `${report.errors} error(s), ${report.warnings} warning(s)`);
  return out.join('\n') + '\n';
}

export const validateCommand: Command = {
  name: 'validate',
  usage: 'validate <app> [--json]',
  brief: 'every diagnostic of every mesh, with its fix; exit 1 on errors',
  summary: 'Every diagnostic of every mesh of the app (Mesh.validate()), grouped by construct, with its fix, and the '
    + 'synth-time notes of the outputs. Exit code 1 when there is an error.',
  description: APP_HELP,
  options: { ...APP_OPTIONS, json: { type: 'boolean', help: 'print the report as JSON' } },
  positionals: [1, 1],
  async run(args) {
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'appmesh-kit-validate-'));
    try {
      const run = await runApp(args.positionals[0], { outdir, task: { op: 'validate' }, context: contextOption(args), debug: args.values.debug === true });
      const meshes = (run.answer.meshes ?? []) as MeshDiagnostics[];
      const diagnostics = meshes.flatMap((m) => m.diagnostics);
      const said = (a: Annotation) => diagnostics.some((d) => a.message.includes(`${d.code} ${d.constructPath} ${d.field}`));
      const annotations = run.assemblyDir ? CloudAssembly.read(run.assemblyDir).annotations().filter((a) => !said(a)) : [];
      const errors = diagnostics.filter((d) => d.severity === 'error').length + annotations.filter((a) => a.level === 'error').length;
      // A synth that failed on something no diagnostic says is an error of its own.
      const synthError = typeof run.answer.synthError === 'string' && errors === 0 ? run.answer.synthError : undefined;
      const report: ValidationReport = {
        meshes,
        annotations,
        synthError,
        errors: errors + (synthError ? 1 : 0),
        warnings: diagnostics.length - diagnostics.filter((d) => d.severity === 'error').length + annotations.filter((a) => a.level === 'warning').length,
      };
      process.stdout.write(args.values.json ? `${JSON.stringify(report, null, 2)}\n` : render(report));
      return report.errors > 0 ? 1 : 0;
    } finally {
      fs.rmSync(outdir, { recursive: true, force: true });
    }
  },
};
