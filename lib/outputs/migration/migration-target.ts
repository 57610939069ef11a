/**
 * Where an App Mesh mesh can move after App Mesh's end of support (2026-09-30).
 */
export enum MigrationTarget {
  /** Plain Envoy with the configuration appmesh-kit compiles from the mesh (`EnvoyMode.STANDALONE`). */
  PLAIN_ENVOY = 'PLAIN_ENVOY',
  /** Amazon ECS Service Connect. */
  SERVICE_CONNECT = 'SERVICE_CONNECT',
  /** Amazon VPC Lattice. */
  VPC_LATTICE = 'VPC_LATTICE',
}

/**
 * What becomes of one feature of the mesh on one target.
 */
export enum MigrationStatus {
  /** The target has an equivalent: the finding says which. */
  MAPS = 'MAPS',
  /** The target has something close: the finding says how, and what behaves differently. */
  APPROXIMATED = 'APPROXIMATED',
  /** The target has no equivalent: the finding says what to do instead. */
  LOST = 'LOST',
}

