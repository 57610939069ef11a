import { MigrationFeature } from './migration-feature';
import { MigrationStatus, MigrationTarget } from './migration-target';

/**
 * What becomes of one feature of one resource on one target.
 */
export interface MigrationFinding {
  /** The target. */
  readonly target: MigrationTarget;
  /** Whether the target keeps the feature, approximates it or loses it. */
  readonly status: MigrationStatus;
  /** MAPS: to what; APPROXIMATED: how, and what behaves differently; LOST: what to do instead. */
  readonly detail: string;
  /** The row of appmesh-kit's migration notes (migration-targets.md) the statement comes from. */
  readonly source: string;
}

/**
 * One feature one resource of the mesh uses, with one finding per target.
 */
export interface MigrationRow {
  /** The kind of the resource, as in its ARN: mesh, virtualNode, virtualService, virtualRouter, route, virtualGateway or gatewayRoute. */
  readonly resourceKind: string;
  /** The resource's name (its construct path when the name is only known after deployment). */
  readonly resourceName: string;
  /** The resource's construct path. */
  readonly constructPath: string;
  /** The feature. */
  readonly feature: MigrationFeature;
  /** The feature in words. */
  readonly featureName: string;
  /** Where the resource uses it, in the App Mesh API shape, for example `spec.listeners[0].tls`. */
  readonly field: string;
  /** How the resource uses it, for example `90/10 canary: white-vn 90, red-vn 10`. */
  readonly usage: string;
  /** One finding per target: plain Envoy, Service Connect, VPC Lattice. */
  readonly findings: MigrationFinding[];
}

/**
 * How many of the mesh's features one target keeps.
 */
export interface MigrationSummary {
  /** The target. */
  readonly target: MigrationTarget;
  /** Rows the target maps. */
  readonly maps: number;
  /** Rows the target approximates. */
  readonly approximated: number;
  /** Rows the target loses. */
  readonly lost: number;
  /** Whether the target is unavailable in the stack's Region. */
  readonly blockedInRegion: boolean;
}
