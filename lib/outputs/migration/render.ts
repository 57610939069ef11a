import { MigrationRow, MigrationSummary } from './migration-finding';
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

/** The report as a Markdown document a reviewer reads in a pull request. */
export function renderMarkdown(report: ReportData): string {
  const total = report.rows.length;
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
    '## Features',
    '',
    `| Resource | Feature | ${report.summaries.map((s) => TARGET_TITLES[s.target]).join(' | ')} |`,
    `| --- | --- | ${report.summaries.map(() => '---').join(' | ')} |`,
    ...report.rows.map((row) => {
      const findings = row.findings.map((f) => cell(`${STATUS_TEXT[f.status]}: ${f.detail}`));
      return `| ${cell(`${row.resourceKind} ${row.resourceName}`)} | ${cell(`${row.featureName}: ${row.usage} (\`${row.field}\`)`)} `
        + `| ${findings.join(' | ')} |`;
    }),
  ];
  if (report.diagnostics.length > 0) {
    lines.push('', '## Needs attention', '');
    for (const d of report.diagnostics) {
      lines.push(`- \`${d.code}\` ${d.constructPath} \`${d.field}\`: ${d.message}. Fix: ${d.fix}`);
    }
  }
  lines.push('', 'Sources: the rows of appmesh-kit\'s migration notes (migration-targets.md) each finding cites, in the JSON report.', '');
  return lines.join('\n');
}

/** The report as JSON, keys in a fixed order. */
export function renderJson(report: ReportData): string {
  const data = {
    mesh: report.meshName,
    region: report.region ?? null,
    regionChecked: report.regionChecked,
    blockedTargets: report.blockedTargets,
    summaries: report.summaries.map((s) => ({
      target: s.target, maps: s.maps, approximated: s.approximated, lost: s.lost, blockedInRegion: s.blockedInRegion,
    })),
    rows: report.rows.map((r) => ({
      resourceKind: r.resourceKind,
      resourceName: r.resourceName,
      constructPath: r.constructPath,
      feature: r.feature,
      featureName: r.featureName,
      field: r.field,
      usage: r.usage,
      findings: r.findings.map((f) => ({ target: f.target, status: f.status, detail: f.detail, source: f.source })),
    })),
    diagnostics: report.diagnostics.map((d) => ({
      severity: d.severity,
      code: d.code,
      constructPath: d.constructPath,
      field: d.field,
      ...(d.value !== undefined ? { value: d.value } : {}),
      message: d.message,
      fix: d.fix,
    })),
  };
  return `${JSON.stringify(data, null, 2)}\n`;
}
