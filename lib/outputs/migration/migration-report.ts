import { FEATURE_MAPPING, MIGRATION_TARGETS } from './feature-mapping';
import { scanFeatures } from './feature-scan';
import { MigrationFinding, MigrationRow, MigrationSummary } from './migration-finding';
import { MigrationStatus, MigrationTarget } from './migration-target';
import { latticeAvailableIn, meshRegion } from './region-check';
import { renderJson, renderMarkdown } from './render';
import { IMesh } from '../../mesh';
import { MeshGraph } from '../../model/mesh-graph';
import { wholeMeshGraph } from '../../model/mesh-group';
import { MeshRegistry } from '../../model/registry';
import { Diagnostic, DiagnosticSeverity } from '../../rules/diagnostic';
import { renderValue } from '../../rules/format';

import './assembly-output';

/** The code of a lost feature, per target. */
const LOST_CODES: Readonly<Record<MigrationTarget, string>> = {
  PLAIN_ENVOY: 'AMK_MIGRATE_ENVOY_LOST',
  SERVICE_CONNECT: 'AMK_MIGRATE_SERVICE_CONNECT_LOST',
  VPC_LATTICE: 'AMK_MIGRATE_LATTICE_LOST',
};

const TARGET_NAMES: Readonly<Record<MigrationTarget, string>> = {
  PLAIN_ENVOY: 'plain Envoy',
  SERVICE_CONNECT: 'ECS Service Connect',
  VPC_LATTICE: 'VPC Lattice',
};

/**
 * What a mesh becomes when it leaves App Mesh (which AWS ended on 2026-09-30): for every
 * resource and every feature it uses, what plain Envoy (appmesh-kit's standalone output), ECS
 * Service Connect and VPC Lattice do with it: maps (to what), approximated (how, and what
 * behaves differently) or lost (what to do instead). Findings that need attention (lost
 * features, a Region without a target) are diagnostics with `AMK_MIGRATE_*` codes.
 *
 * At synth the report is also written to `migration/<mesh>.md` and `migration/<mesh>.json` in
 * the cloud assembly (off with context `appmesh-kit:migrationOutput=false`).
 *
 * @example
 * const report = MigrationReport.of(mesh);
 * console.log(report.toMarkdown());
 */
export class MigrationReport {
  /**
   * The report of a mesh as it is now: the resources this app defines in it, through this mesh
   * object and any other of the same App Mesh mesh (a `Mesh` and its imports), as the synthesized
   * report has them.
   * @param mesh the mesh to report on (only the resources this app defines in it are read)
   */
  public static of(mesh: IMesh): MigrationReport {
    return MigrationReport._fromGraph(wholeMeshGraph(MeshRegistry.of(mesh)));
  }

  /**
   * The report of a resolved mesh graph (the synth-time output uses the graph of the synthesis).
   * @internal
   */
  public static _fromGraph(graph: MeshGraph): MigrationReport {
    return new MigrationReport(graph);
  }

  /** The mesh's name (its construct path when the name is only known after deployment). */
  public readonly meshName: string;
  /**
   * The Region of the mesh's stack.
   * @default - the stack is environment-agnostic: the Region could not be checked
   */
  public readonly region?: string;
  /** Whether the Region was checked for targets it lacks (false for an environment-agnostic stack). */
  public readonly regionChecked: boolean;
  /** The targets that do not exist in the stack's Region. */
  public readonly blockedTargets: MigrationTarget[];
  /** One row per resource and feature, in the order the resources joined the mesh. */
  public readonly rows: MigrationRow[];
  /** How many features each target keeps: plain Envoy, Service Connect, VPC Lattice. */
  public readonly summaries: MigrationSummary[];
  /** The findings that need attention: lost features and Region blockers (`AMK_MIGRATE_*`). */
  public readonly diagnostics: Diagnostic[];

  private constructor(graph: MeshGraph) {
    this.meshName = graph.meshName;
    this.region = meshRegion(graph);
    this.regionChecked = this.region !== undefined;
    this.blockedTargets = this.region !== undefined && !latticeAvailableIn(this.region) ? [MigrationTarget.VPC_LATTICE] : [];

    this.rows = scanFeatures(graph).map((use) => {
      const mapping = FEATURE_MAPPING[use.feature];
      const findings: MigrationFinding[] = MIGRATION_TARGETS.map((target) => {
        const { status, detail, source } = mapping.outcomes[target];
        return { target, status, detail, source };
      });
      return {
        resourceKind: use.member.kind,
        resourceName: use.member.name ?? use.member.path,
        constructPath: use.member.path,
        feature: use.feature,
        featureName: mapping.name,
        field: use.field,
        usage: use.usage,
        findings,
      };
    });

    this.summaries = MIGRATION_TARGETS.map((target) => {
      const statuses = this.rows.map((row) => row.findings.find((f) => f.target === target)!.status);
      return {
        target,
        maps: statuses.filter((s) => s === MigrationStatus.MAPS).length,
        approximated: statuses.filter((s) => s === MigrationStatus.APPROXIMATED).length,
        lost: statuses.filter((s) => s === MigrationStatus.LOST).length,
        blockedInRegion: this.blockedTargets.includes(target),
      };
    });

    const meshPath = graph.mesh?.path ?? graph.registry.path;
    const diagnostics: Diagnostic[] = [];
    if (this.region === undefined) {
      diagnostics.push({
        severity: DiagnosticSeverity.WARNING,
        code: 'AMK_MIGRATE_REGION_UNKNOWN',
        constructPath: meshPath,
        field: 'region',
        message: 'the stack is environment-agnostic, so the report could not check whether VPC Lattice exists in its Region '
          + '(it does not in cn-north-1, cn-northwest-1, us-gov-east-1, us-gov-west-1, ap-east-2, ap-southeast-5, ap-southeast-6 or ap-southeast-7)',
        fix: 'Give the stack an env with a region (new Stack(app, id, { env: { region } })) and read the report again',
      });
    } else if (this.blockedTargets.includes(MigrationTarget.VPC_LATTICE)) {
      diagnostics.push({
        severity: DiagnosticSeverity.WARNING,
        code: 'AMK_MIGRATE_LATTICE_REGION',
        constructPath: meshPath,
        field: 'region',
        value: renderValue(this.region),
        message: `VPC Lattice does not exist in ${this.region}: every VPC Lattice finding of this report is out of reach there`,
        fix: 'Move to plain Envoy (keeps every feature) or ECS Service Connect, both available in this Region',
      });
    }
    for (const row of this.rows) {
      for (const finding of row.findings) {
        if (finding.status === MigrationStatus.APPROXIMATED && FEATURE_MAPPING[row.feature].outcomes[finding.target].attention) {
          diagnostics.push({
            severity: DiagnosticSeverity.WARNING,
            code: 'AMK_MIGRATE_APPROXIMATED',
            constructPath: row.constructPath,
            field: row.field,
            value: renderValue(row.usage),
            message: `${row.featureName} is only approximated on ${TARGET_NAMES[finding.target]}: ${finding.detail.split('. Instead: ')[0]}`,
            fix: insteadOf(finding.detail),
          });
        }
        if (finding.status !== MigrationStatus.LOST) continue;
        diagnostics.push({
          severity: DiagnosticSeverity.WARNING,
          code: LOST_CODES[finding.target],
          constructPath: row.constructPath,
          field: row.field,
          value: renderValue(row.usage),
          message: `${row.featureName} is lost on ${TARGET_NAMES[finding.target]}: ${finding.detail.split('. Instead: ')[0]}`,
          fix: insteadOf(finding.detail),
        });
      }
    }
    this.diagnostics = diagnostics;
  }

  /**
   * The rows where a target has the given status, for example what Service Connect loses.
   * @param target the migration target: plain Envoy, Service Connect or VPC Lattice
   * @param status the status to look for, for example LOST
   */
  public rowsWith(target: MigrationTarget, status: MigrationStatus): MigrationRow[] {
    return this.rows.filter((row) => row.findings.some((f) => f.target === target && f.status === status));
  }

  /**
   * The report as Markdown for a pull request: a summary per target and the Region, each distinct finding once (numbered F1, F2, …),
   * one table row per resource and feature pointing at its findings, then what needs attention.
   */
  public toMarkdown(): string {
    return renderMarkdown(this);
  }

  /**
   * The report as JSON (two-space indented, one trailing newline): mesh, Region, summaries, each distinct finding once (`findings`,
   * with ids), rows naming their findings' ids (one per target, in the summaries' order), and diagnostics grouped by what they say
   * with the places they apply to.
   */
  public toJson(): string {
    return renderJson(this);
  }
}

/** The "what to do instead" of a lost finding. */
function insteadOf(detail: string): string {
  const at = detail.indexOf('Instead: ');
  const text = at >= 0 ? detail.slice(at + 'Instead: '.length) : 'Keep plain Envoy for this feature';
  return text.charAt(0).toUpperCase() + text.slice(1);
}
