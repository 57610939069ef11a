import { MutualTlsCertificate, MutualTlsValidationTrust, SubjectAlternativeNames, TlsMode } from './tls';

/**
 * Mutual TLS for a whole mesh: every listener presents `certificate` and validates clients
 * against `trust`; every node and gateway presents `certificate` to its backends and validates
 * them against `trust`. A listener, node or backend with TLS settings of its own keeps them.
 */
export interface MeshMutualTlsOptions {
  /** The certificate every Envoy presents, as server and as client (file or SDS). */
  readonly certificate: MutualTlsCertificate;
  /** The trust every Envoy validates its peers against (file or SDS). */
  readonly trust: MutualTlsValidationTrust;
  /**
   * Names a peer certificate must carry. Exact names only: the mesh's client policies enforce
   * TLS, and App Mesh allows wildcard names only in client policies that do not.
   * @default - any certificate that chains to the trust
   */
  readonly subjectAlternativeNames?: SubjectAlternativeNames;
  /**
   * The listener TLS mode (PERMISSIVE while migrating clients).
   * @default TlsMode.STRICT
   */
  readonly mode?: TlsMode;
}
