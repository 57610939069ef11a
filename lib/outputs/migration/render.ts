import { MigrationFinding, MigrationRow, MigrationSummary } from './migration-finding';
import { MigrationStatus, MigrationTarget } from './migration-target';
import { REGIONS_WITHOUT_LATTICE } from './region-check';
import { Diagnostic } from '../../rules/diagnostic';

/** What the renderers read of a report (the public `MigrationReport`). */
export interface ReportData {
  readonly meshName: string;
  readonly region?: string;
  readonly regionChecked: boolean;
  readonly blockedTargets: MigrationTarget[];
  readonly rows: MigrationRow[];
  readonly summaries: MigrationSummary[];
  readonly diagnostics: Diagnostic[];
}

const TARGET_TITLES: Readonly<Record<MigrationTarget, string>> = {
  PLAIN_ENVOY: 'Plain Envoy',
  SERVICE_CONNECT: 'ECS Service Connect',
  VPC_LATTICE: 'VPC Lattice',
};

const STATUS_TEXT: Readonly<Record<MigrationStatus, string>> = {
  MAPS: '✅ maps',
  APPROXIMATED: '◐ approximated',
  LOST: '✗ lost',
};

/** A table cell: one line, pipes escaped. */
function cell(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\s*\n\s*/g, ' ');
}

function regionText(report: ReportData): string {
  if (report.region === undefined) {
    return 'Region: not known (the stack is environment-agnostic), so the report could not check it. VPC Lattice does not exist in '
      + `${REGIONS_WITHOUT_LATTICE.join(', ')}.`;
  }
  if (report.blockedTargets.length === 0) return `Region: ${report.region}: every target is available.`;
  return `Region: ${report.region}: **${report.blockedTargets.map((t) => TARGET_TITLES[t]).join(', ')} not available in this Region.**`;
}

/** One distinct finding (feature, target, status, detail), numbered in order of first use. */
interface NumberedFinding {
  readonly id: string;
  readonly row: MigrationRow;
  readonly finding: MigrationFinding;
  uses: number;
}

interface NumberedFindings {
  readonly findings: readonly NumberedFinding[];
  readonly idsOfRow: readonly string[][];
}

const NUMBERED = new WeakMap<readonly MigrationRow[], NumberedFindings>();

/**
 * Every distinct finding once, and for each row the ids of its findings (one per target, in the
 * summaries' order). A large mesh repeats a few dozen findings thousands of times; the files state
 * each one once and point at it.
 */
function numberFindings(rows: readonly MigrationRow[]): NumberedFindings {
  // The Markdown and the JSON of one report number the same rows: once is enough.
  const known = NUMBERED.get(rows);
  if (known) return known;
  const byKey = new Map<string, NumberedFinding>();
  const idsOfRow = rows.map((row) => row.findings.map((finding) => {
    const key = `${row.feature}\u0000${finding.target}\u0000${finding.status}\u0000${finding.detail}\u0000${finding.source}`;
    let numbered = byKey.get(key);
    if (!numbered) {
      numbered = { id: `F${byKey.size + 1}`, row, finding, uses: 0 };
      byKey.set(key, numbered);
    }
    numbered.uses++;
    return numbered.id;
  }));
  const numbered = { findings: [...byKey.values()], idsOfRow };
  NUMBERED.set(rows, numbered);
  return numbered;
}

/** Diagnostics that say the same thing (code, message, fix), with every place they apply to, in first-seen order. */
function groupDiagnostics(diagnostics: readonly Diagnostic[]): Array<{ first: Diagnostic; places: Diagnostic[] }> {
  const groups = new Map<string, { first: Diagnostic; places: Diagnostic[] }>();
  for (const d of diagnostics) {
    const key = `${d.severity}\u0000${d.code}\u0000${d.message}\u0000${d.fix}`;
    const group = groups.get(key);
    if (group) group.places.push(d);
    else groups.set(key, { first: d, places: [d] });
  }
  return [...groups.values()];
}

/** How many places of one diagnostic the Markdown names before it points at the table. */
const PLACES_LISTED = 10;

/** The report as a Markdown document a reviewer reads in a pull request. */
export function renderMarkdown(report: ReportData): string {
  const total = report.rows.length;
  const { findings, idsOfRow } = numberFindings(report.rows);
  const statusOf = new Map(findings.map((f) => [f.id, f.finding.status]));
  const lines = [
    `# Leaving App Mesh: mesh \`${report.meshName}\``,
    '',
    `${total} features used by the mesh's resources, followed to plain Envoy (appmesh-kit's standalone output), `
      + 'ECS Service Connect and VPC Lattice.',
    '',
    regionText(report),
    '',
    '| Target | Keeps (maps) | Approximated | Lost |',
    '| --- | --- | --- | --- |',
    ...report.summaries.map((s) => `| ${TARGET_TITLES[s.target]}${s.blockedInRegion ? ' (not in this Region)' : ''} `
      + `| ${s.maps} of ${total} | ${s.approximated} | ${s.lost} |`),
    '',
    '## Findings',
    '',
    'What each target does with each feature the mesh uses, stated once; the table of features below points here.',
    '',
    '| # | Feature | Target | Status | What it becomes, or what to do instead | Rows |',
    '| --- | --- | --- | --- | --- | --- |',
    ...findings.map(({ id, row, finding, uses }) => `| ${id} | ${cell(row.featureName)} | ${TARGET_TITLES[finding.target]} `
      + `| ${STATUS_TEXT[finding.status]} | ${cell(finding.detail)} | ${uses} |`),
    '',
    '## Features',
    '',
    `| Resource | Feature | ${report.summaries.map((s) => TARGET_TITLES[s.target]).join(' | ')} |`,
    `| --- | --- | ${report.summaries.map(() => '---').join(' | ')} |`,
    ...report.rows.map((row, i) => {
      const cells = idsOfRow[i].map((id) => `${STATUS_TEXT[statusOf.get(id)!]} (${id})`);
      return `| ${cell(`${row.resourceKind} ${row.resourceName}`)} | ${cell(`${row.featureName}: ${row.usage} (\`${row.field}\`)`)} `
        + `| ${cells.join(' | ')} |`;
    }),
  ];
  if (report.diagnostics.length > 0) {
    lines.push('', '## Needs attention', '');
    for (const { first, places } of groupDiagnostics(report.diagnostics)) {
      const named = places.slice(0, PLACES_LISTED).map((d) => `${d.constructPath} \`${d.field}\``).join(', ');
      const more = places.length > PLACES_LISTED ? ` and ${places.length - PLACES_LISTED} more (the features table lists every row)` : '';
      lines.push(`- \`${first.code}\` ${first.message}. Fix: ${first.fix}. At ${named}${more}.`);
    }
  }
  lines.push('', 'Sources: the rows of appmesh-kit\'s migration notes (migration-targets.md) each finding cites, in the JSON report.', '');
  return lines.join('\n');
}

/** The report as JSON, keys in a fixed order: each finding and each diagnostic text once, rows and places pointing at them. */
export function renderJson(report: ReportData): string {
  const { findings, idsOfRow } = numberFindings(report.rows);
  const data = {
    mesh: report.meshName,
    region: report.region ?? null,
    regionChecked: report.regionChecked,
    blockedTargets: report.blockedTargets,
    summaries: report.summaries.map((s) => ({
      target: s.target, maps: s.maps, approximated: s.approximated, lost: s.lost, blockedInRegion: s.blockedInRegion,
    })),
    findings: findings.map(({ id, row, finding, uses }) => ({
      id,
      feature: row.feature,
      featureName: row.featureName,
      target: finding.target,
      status: finding.status,
      detail: finding.detail,
      source: finding.source,
      rows: uses,
    })),
    rows: report.rows.map((r, i) => ({
      resourceKind: r.resourceKind,
      resourceName: r.resourceName,
      constructPath: r.constructPath,
      feature: r.feature,
      field: r.field,
      usage: r.usage,
      findings: idsOfRow[i],
    })),
    diagnostics: groupDiagnostics(report.diagnostics).map(({ first, places }) => ({
      severity: first.severity,
      code: first.code,
      message: first.message,
      fix: first.fix,
      places: places.map((d) => ({ constructPath: d.constructPath, field: d.field, ...(d.value !== undefined ? { value: d.value } : {}) })),
    })),
  };
  return `${JSON.stringify(data, null, 2)}\n`;
}
