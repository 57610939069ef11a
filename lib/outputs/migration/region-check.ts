import { MeshGraph } from '../../model/mesh-graph';

/**
 * Regions without VPC Lattice (migration-targets.md §0 item 8, from cfn-lint 1.51's provider data:
 * no `AWS::VpcLattice::*` type there). App Mesh was available in the China and GovCloud Regions,
 * so meshes there have no Lattice path. ECS Service Connect is in all 46 Regions cfn-lint knows.
 */
export const REGIONS_WITHOUT_LATTICE: readonly string[] = [
  'ap-east-2', 'ap-southeast-5', 'ap-southeast-6', 'ap-southeast-7', 'cn-north-1', 'cn-northwest-1', 'us-gov-east-1', 'us-gov-west-1',
];

/** The Region of the mesh's stack: a literal, or undefined when the stack's Region is a token (environment-agnostic). */
export function meshRegion(graph: MeshGraph): string | undefined {
  const member = graph.mesh ?? graph.members()[0];
  if (!member) return undefined;
  const region = member.resolved.region;
  return typeof region === 'string' ? region : undefined;
}

/** Whether VPC Lattice exists in a Region. */
export function latticeAvailableIn(region: string): boolean {
  return !REGIONS_WITHOUT_LATTICE.includes(region);
}
