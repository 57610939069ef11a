/**
 * An App Mesh feature the migration report follows to each target. Each is one row of the
 * feature mapping in appmesh-kit's migration notes (shared/reference/migration-targets.md §6.2,
 * with §1.3 for Service Connect and §2.3 for VPC Lattice); a row with several sources or kinds
 * that behave differently is split (listener TLS by certificate source, header matches by kind).
 */
export enum MigrationFeature {
  /** The mesh itself: the boundary of its resources. */
  MESH_BOUNDARY = 'MESH_BOUNDARY',
  /** The mesh's egress filter (ALLOW_ALL or DROP_ALL, App Mesh's default). */
  EGRESS_FILTER = 'EGRESS_FILTER',
  /** An IP preference of the mesh or of a node's service discovery. */
  IP_PREFERENCE = 'IP_PREFERENCE',
  /** The virtual service name callers use. */
  SERVICE_NAME = 'SERVICE_NAME',
  /** The virtual service name callers use, for a service whose traffic reaches several nodes (through a router). */
  SERVICE_NAME_SEVERAL_NODES = 'SERVICE_NAME_SEVERAL_NODES',
  /** A virtual node: one deployment of an application. */
  VIRTUAL_NODE = 'VIRTUAL_NODE',
  /** A virtual router. */
  VIRTUAL_ROUTER = 'VIRTUAL_ROUTER',
  /** A listener of protocol http, http2 or grpc. */
  LISTENER_HTTP = 'LISTENER_HTTP',
  /** A listener of protocol tcp. */
  LISTENER_TCP = 'LISTENER_TCP',
  /** More than one listener on one resource. */
  MULTIPLE_LISTENERS = 'MULTIPLE_LISTENERS',
  /** An active health check of protocol http or http2. */
  HEALTH_CHECK_HTTP = 'HEALTH_CHECK_HTTP',
  /** An active health check of protocol tcp or grpc. */
  HEALTH_CHECK_TCP_GRPC = 'HEALTH_CHECK_TCP_GRPC',
  /** A node's backends: the allow-list of the virtual services it calls. */
  BACKENDS = 'BACKENDS',
  /** A path prefix or exact path match. */
  PATH_PREFIX_EXACT = 'PATH_PREFIX_EXACT',
  /** A path regex match. */
  PATH_REGEX = 'PATH_REGEX',
  /** A header (or gRPC metadata) match by exact value or prefix. */
  HEADER_EXACT_PREFIX = 'HEADER_EXACT_PREFIX',
  /** A header (or gRPC metadata) match by suffix, regex or range, or inverted, or on presence only. */
  HEADER_OTHER = 'HEADER_OTHER',
  /** A query parameter match. */
  QUERY_PARAMETERS = 'QUERY_PARAMETERS',
  /** A method match. */
  METHOD = 'METHOD',
  /** A scheme match (http or https). */
  SCHEME = 'SCHEME',
  /** A gRPC service name, method name or metadata match. */
  GRPC_MATCH = 'GRPC_MATCH',
  /** A gateway route's host name match. */
  HOSTNAME_MATCH = 'HOSTNAME_MATCH',
  /** A route or gateway route priority. */
  PRIORITY = 'PRIORITY',
  /** Traffic split across several weighted targets (a canary). */
  WEIGHTED_TARGETS = 'WEIGHTED_TARGETS',
  /** A retry policy. */
  RETRIES = 'RETRIES',
  /** A per-request timeout of a listener or a route. */
  PER_REQUEST_TIMEOUT = 'PER_REQUEST_TIMEOUT',
  /** An idle timeout of a listener or a route. */
  IDLE_TIMEOUT = 'IDLE_TIMEOUT',
  /** Listener TLS with a certificate from a file. */
  LISTENER_TLS_FILE = 'LISTENER_TLS_FILE',
  /** Listener TLS with a certificate from an SDS secret. */
  LISTENER_TLS_SDS = 'LISTENER_TLS_SDS',
  /** Listener TLS with an ACM certificate. */
  LISTENER_TLS_ACM = 'LISTENER_TLS_ACM',
  /** A client TLS policy (enforce, ports, SANs) trusting a file certificate chain. */
  CLIENT_TLS_FILE = 'CLIENT_TLS_FILE',
  /** A client TLS policy trusting an SDS secret. */
  CLIENT_TLS_SDS = 'CLIENT_TLS_SDS',
  /** A client TLS policy trusting ACM Private CA authorities. */
  CLIENT_TLS_ACM = 'CLIENT_TLS_ACM',
  /** Mutual TLS: a listener that validates client certificates, or a client that presents one. */
  MUTUAL_TLS = 'MUTUAL_TLS',
  /** Outlier detection. */
  OUTLIER_DETECTION = 'OUTLIER_DETECTION',
  /** A connection pool. */
  CONNECTION_POOL = 'CONNECTION_POOL',
  /** An access log. */
  ACCESS_LOG = 'ACCESS_LOG',
  /** A virtual gateway with its gateway routes. */
  VIRTUAL_GATEWAY = 'VIRTUAL_GATEWAY',
  /** A gateway route's path, prefix or host name rewrite (set, or App Mesh's default prefix rewrite). */
  REWRITE = 'REWRITE',
  /** AWS Cloud Map service discovery. */
  CLOUD_MAP = 'CLOUD_MAP',
  /** AWS Cloud Map attribute filters. */
  CLOUD_MAP_ATTRIBUTES = 'CLOUD_MAP_ATTRIBUTES',
  /** A resource in a mesh another account shares (cross-account). */
  CROSS_ACCOUNT = 'CROSS_ACCOUNT',
}
