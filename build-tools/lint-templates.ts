/**
 * Lints every `*.template.json` under the given directories with cfn-lint.
 *
 *   npx tsx build-tools/lint-templates.ts <dir> [<dir>...]
 *
 * Errors and warnings fail the run; informational findings are printed only.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

/**
 * The single rule we ignore. cfn-lint 1.51.0 reports it on every App Mesh
 * resource because the service reaches end of support, e.g.:
 *   W3696 Resource type 'AWS::AppMesh::Mesh' is from a service that will be
 *   shut down on 2026-09-30. Plan to migrate to an alternative
 * It says nothing about the template itself, so it would only be noise here.
 */
const IGNORED_RULES = ['W3696'];

// cfn-lint takes many files per process; batch to stay well under argv limits.
const BATCH_SIZE = 200;

interface Finding {
  readonly Filename: string | null;
  readonly Level: string;
  readonly Message: string;
  readonly Rule: { readonly Id: string };
  readonly Location?: { readonly Start?: { readonly LineNumber?: number; readonly ColumnNumber?: number } };
}

function findTemplates(dir: string, out: string[]): void {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      findTemplates(full, out);
    } else if (entry.isFile() && entry.name.endsWith('.template.json')) {
      out.push(full);
    }
  }
}

function cfnLintAvailable(): boolean {
  const probe = spawnSync('cfn-lint', ['--version'], { stdio: 'ignore' });
  return probe.error === undefined && probe.status === 0;
}

function describe(f: Finding): string {
  const start = f.Location?.Start;
  const where = start ? `:${start.LineNumber ?? 0}:${start.ColumnNumber ?? 0}` : '';
  return `${f.Filename ?? '<cfn-lint>'}${where}: ${f.Rule.Id} ${f.Message}`;
}

function lintBatch(files: string[]): Finding[] {
  // `--` ends the multi-value options (-i/-c) so templates are not eaten as rule ids.
  const args = [
    '--format', 'json',
    '--include-checks', 'I',
    '--ignore-checks', ...IGNORED_RULES,
    '--', ...files,
  ];
  const result = spawnSync('cfn-lint', args, { encoding: 'utf-8', maxBuffer: 256 * 1024 * 1024 });
  if (result.error) {
    throw result.error;
  }
  // Exit status is a bitmask of 2 (error), 4 (warning), 8 (info); an odd status means cfn-lint itself failed.
  const status = result.status ?? 1;
  if (status % 2 === 1) {
    throw new Error(`cfn-lint failed (exit ${status}):\n${result.stderr}${result.stdout}`);
  }
  try {
    return JSON.parse(result.stdout) as Finding[];
  } catch {
    throw new Error(`cannot parse cfn-lint output (exit ${status}):\n${result.stderr}${result.stdout}`);
  }
}

function main(dirs: string[]): number {
  if (dirs.length === 0) {
    console.error('usage: tsx build-tools/lint-templates.ts <dir> [<dir>...]');
    return 1;
  }

  const templates: string[] = [];
  for (const dir of dirs) {
    if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) {
      console.error(`lint-templates: '${dir}' is not a directory`);
      return 1;
    }
    findTemplates(dir, templates);
  }
  templates.sort();
  if (templates.length === 0) {
    // A test run that synthesized nothing means the pipeline is broken, not clean.
    console.error(`lint-templates: no *.template.json found under ${dirs.join(', ')}; did the tests synthesize anything?`);
    return 1;
  }

  if (!cfnLintAvailable()) {
    if (process.env.APPMESH_KIT_REQUIRE_TOOLS === '1') {
      console.error('lint-templates: cfn-lint is required (APPMESH_KIT_REQUIRE_TOOLS=1) but was not found on PATH. Install it with: pip install cfn-lint');
      return 1;
    }
    const bar = '!'.repeat(78);
    console.error([
      bar,
      `!!! SKIPPED: cfn-lint not found; ${templates.length} templates were NOT linted.`,
      '!!! Install it with: pip install cfn-lint',
      '!!! (Set APPMESH_KIT_REQUIRE_TOOLS=1 to make this an error, as CI does.)',
      bar,
    ].join('\n'));
    return 0;
  }

  const failures: Finding[] = [];
  const infos: Finding[] = [];
  for (let i = 0; i < templates.length; i += BATCH_SIZE) {
    for (const finding of lintBatch(templates.slice(i, i + BATCH_SIZE))) {
      // Classify by rule id prefix (E/W/I) and never trust unknown ids to be harmless.
      if (finding.Rule.Id.startsWith('I')) {
        infos.push(finding);
      } else {
        failures.push(finding);
      }
    }
  }

  for (const f of infos) {
    console.log(`info: ${describe(f)}`);
  }
  for (const f of failures) {
    console.error(`${f.Rule.Id.startsWith('W') ? 'warning' : 'error'}: ${describe(f)}`);
  }
  const infoNote = infos.length > 0 ? ` (${infos.length} informational)` : '';
  const summary = `cfn-lint: ${templates.length} templates, ${failures.length} findings${infoNote}`;
  if (failures.length > 0) {
    console.error(summary);
    return 1;
  }
  console.log(summary);
  return 0;
}

try {
  process.exitCode = main(process.argv.slice(2));
} catch (err) {
  console.error(`lint-templates: ${err instanceof Error ? err.message : String(err)}`);
  process.exitCode = 1;
}
