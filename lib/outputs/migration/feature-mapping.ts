import { MigrationFeature as F } from './migration-feature';
import { MigrationStatus, MigrationTarget } from './migration-target';

/**
 * What becomes of each App Mesh feature on each target. Every Service Connect and VPC Lattice
 * statement comes from the mapping tables of the migration notes
 * (shared/reference/migration-targets.md: §6.2 "Crisp mapping", §1.3 App Mesh → Service Connect,
 * §2.3 App Mesh → VPC Lattice, §2.1 the Lattice model); each outcome cites its row. Plain Envoy
 * is appmesh-kit's standalone compiler, which keeps every feature except ACM sources
 * (AMK_ENVOY_APP_MESH_ONLY) and Cloud Map attribute filters (it reaches Cloud Map by DNS names).
 */

/** The targets in the order the report lists them. */
export const MIGRATION_TARGETS: readonly MigrationTarget[] = [
  MigrationTarget.PLAIN_ENVOY, MigrationTarget.SERVICE_CONNECT, MigrationTarget.VPC_LATTICE,
];

export interface TargetOutcome {
  readonly status: MigrationStatus;
  /** MAPS: to what; APPROXIMATED: how, and what behaves differently; LOST: what to do instead. */
  readonly detail: string;
  /** The row of the migration notes the statement comes from. */
  readonly source: string;
  /** An approximation that drops what the user configured: reported as AMK_MIGRATE_APPROXIMATED. */
  readonly attention?: boolean;
}

export interface FeatureMapping {
  /** The feature in words, for the report. */
  readonly name: string;
  readonly outcomes: Readonly<Record<MigrationTarget, TargetOutcome>>;
}

const { MAPS, APPROXIMATED, LOST } = MigrationStatus;
const REF = 'migration-targets.md';

/** One outcome: status, detail, and the row (§6.2 unless another section is named). */
function o(status: MigrationStatus, detail: string, row: string): TargetOutcome {
  return { status, detail, source: row.startsWith('§') ? `${REF} ${row}` : `${REF} §6.2 "${row}"` };
}

/** An approximation that drops what the user configured (a diagnostic points at it). */
function dropped(detail: string, row: string): TargetOutcome {
  return { ...o(APPROXIMATED, detail, row), attention: true };
}

/** Plain Envoy keeps the feature: the standalone compiler emits it. */
function envoy(what: string, row: string): TargetOutcome {
  return o(MAPS, `${what} in the standalone Envoy configuration`, row);
}

const ROUTING_SC = '§1.3 "Virtual router + routes (path/header/method/query/priority)"';
const NO_ROUTING_SC = 'Service Connect has no routes or matches. Instead: ALB listener rules in front of the services, VPC Lattice, or plain Envoy';

export const FEATURE_MAPPING: Readonly<Record<F, FeatureMapping>> = {
  [F.MESH_BOUNDARY]: {
    name: 'Mesh',
    outcomes: {
      PLAIN_ENVOY: o(APPROXIMATED, 'the set of generated Envoy configurations; no control plane: you ship each configuration to its tasks (environment, S3 or SSM) and rotate certificates yourself', 'Mesh boundary'),
      SERVICE_CONNECT: o(MAPS, 'a Cloud Map namespace; use a new one and cut over from a parallel environment (one ECS service cannot be in a mesh and a namespace at once)', '§1.3 "Mesh"'),
      VPC_LATTICE: o(MAPS, 'a service network with VPC associations (names 3–63 characters of [a-z0-9-])', '§2.3 "Mesh"'),
    },
  },
  [F.EGRESS_FILTER]: {
    name: 'Egress filter',
    outcomes: {
      PLAIN_ENVOY: envoy('the egress filter (DROP_ALL: no passthrough cluster)', 'Egress filter ALLOW_ALL/DROP_ALL'),
      SERVICE_CONNECT: o(LOST, 'only endpoint names go through the proxy. Instead: security groups and network controls', '§1.3 "Egress filter ALLOW_ALL/DROP_ALL"'),
      VPC_LATTICE: o(LOST, 'Lattice controls inbound access (auth policy, association security groups), not egress. Instead: security groups', '§2.3 "Egress filter"'),
    },
  },
  [F.IP_PREFERENCE]: {
    name: 'IP preference',
    outcomes: {
      PLAIN_ENVOY: envoy('the IP preference (dns_lookup_family)', 'IP preference'),
      SERVICE_CONNECT: o(LOST, 'not configurable: it follows task networking. Instead: choose the task networking (IPv4, IPv6 or dual stack)', '§1.3 "IP preference"'),
      VPC_LATTICE: o(APPROXIMATED, 'the target group\'s IpAddressType (IPV4 or IPV6), per target group rather than a preference with fallback; MeshLattice leaves Lattice\'s default (IPV4)', '§2.3 "IP preference"'),
    },
  },
  [F.SERVICE_NAME]: {
    name: 'Virtual service name',
    outcomes: {
      PLAIN_ENVOY: envoy('the name as a virtual host domain', 'Virtual service name callers use'),
      SERVICE_CONNECT: o(MAPS, 'a client alias dnsName:port on the providing ECS service, so callers keep the name; only when one node ends up behind it (one alias per service)', '§1.3 "Virtual service name"'),
      VPC_LATTICE: o(APPROXIMATED, 'Lattice generates a DNS name; keep this one with a CustomDomainName (MeshLattice customDomainNames: true) plus your own Route 53 records (and a CertificateArn for HTTPS)', '§2.3 "Virtual service name"'),
    },
  },
  [F.SERVICE_NAME_SEVERAL_NODES]: {
    name: 'Virtual service name (several nodes behind it)',
    outcomes: {
      PLAIN_ENVOY: envoy('the name as a virtual host domain, routed to each node\'s cluster', 'Virtual service name callers use'),
      SERVICE_CONNECT: o(LOST, 'a client alias names one ECS service, and two services cannot share an alias. Instead: run the nodes as revisions of one ECS service (ECS-native canary, linear or blue/green deployments), or VPC Lattice', '§1.3 "Weighted targets / canary"'),
      VPC_LATTICE: o(APPROXIMATED, 'one Lattice service whose rules forward to each node\'s target group; Lattice generates a DNS name, keep this one with a CustomDomainName (MeshLattice customDomainNames: true) plus your own Route 53 records', '§2.3 "Virtual service name"'),
    },
  },
  [F.VIRTUAL_NODE]: {
    name: 'Virtual node',
    outcomes: {
      PLAIN_ENVOY: envoy('a cluster', 'Virtual node'),
      SERVICE_CONNECT: o(MAPS, 'an ECS service with one Service Connect service per named port mapping', '§1.3 "Virtual node"'),
      VPC_LATTICE: o(MAPS, 'an IP target group that ECS registers tasks into (VpcLatticeConfigurations)', '§2.3 "Virtual node"'),
    },
  },
  [F.VIRTUAL_ROUTER]: {
    name: 'Virtual router',
    outcomes: {
      PLAIN_ENVOY: envoy('a route configuration', 'Virtual node'),
      SERVICE_CONNECT: o(LOST, NO_ROUTING_SC, ROUTING_SC),
      VPC_LATTICE: o(MAPS, 'a Lattice service with a listener (quota: 2 listeners per service)', '§2.3 "Virtual router / listener"'),
    },
  },
  [F.LISTENER_HTTP]: {
    name: 'Listener http/http2/grpc',
    outcomes: {
      PLAIN_ENVOY: envoy('an HTTP connection manager listener', 'Listener protocols http/http2/grpc'),
      SERVICE_CONNECT: o(MAPS, 'the port mapping\'s appProtocol (http, http2 or grpc)', 'Listener protocols http/http2/grpc'),
      VPC_LATTICE: o(MAPS, 'an HTTP or HTTPS listener (MeshLattice makes HTTP ones); HTTP/2 and gRPC as target group ProtocolVersion HTTP2 and GRPC', 'Listener protocols http/http2/grpc'),
    },
  },
  [F.LISTENER_TCP]: {
    name: 'Listener tcp',
    outcomes: {
      PLAIN_ENVOY: envoy('a TCP proxy listener', 'Listener protocol tcp'),
      SERVICE_CONNECT: o(MAPS, 'a port mapping without appProtocol', 'Listener protocol tcp'),
      VPC_LATTICE: o(APPROXIMATED, 'only a TLS_PASSTHROUGH listener: the client must speak TLS; plain TCP has no clean target, so MeshLattice leaves tcp listeners out (AMK_LATTICE_TCP)', '§2.3 "Listener protocols"'),
    },
  },
  [F.MULTIPLE_LISTENERS]: {
    name: 'Multiple listeners',
    outcomes: {
      PLAIN_ENVOY: envoy('one listener per port', 'Multiple listeners'),
      SERVICE_CONNECT: o(MAPS, 'one Service Connect service per named port mapping', 'Multiple listeners'),
      VPC_LATTICE: o(APPROXIMATED, 'at most 2 listeners per service by default (adjustable quota)', 'Multiple listeners'),
    },
  },
  [F.HEALTH_CHECK_HTTP]: {
    name: 'Health check http/http2',
    outcomes: {
      PLAIN_ENVOY: envoy('an active health check', 'Active health checks'),
      SERVICE_CONNECT: o(LOST, 'not configurable. Instead: an ECS container healthCheck; the proxy\'s built-in outlier detection', '§1.3 "Listener health check"'),
      VPC_LATTICE: o(MAPS, 'the target group HealthCheck (HTTP/HTTPS, same ranges: 5–300 s interval, thresholds 2–10)', '§2.3 "Health checks"'),
    },
  },
  [F.HEALTH_CHECK_TCP_GRPC]: {
    name: 'Health check tcp/grpc',
    outcomes: {
      PLAIN_ENVOY: envoy('an active health check', 'Active health checks'),
      SERVICE_CONNECT: o(LOST, 'not configurable. Instead: an ECS container healthCheck; the proxy\'s built-in outlier detection', '§1.3 "Listener health check"'),
      VPC_LATTICE: o(APPROXIMATED, 'Lattice health checks are HTTP or HTTPS: MeshLattice turns the target group\'s health check off (AMK_LATTICE_HEALTH_CHECK); check an HTTP path of the app instead', '§2.3 "Health checks"'),
    },
  },
  [F.BACKENDS]: {
    name: 'Backends',
    outcomes: {
      PLAIN_ENVOY: envoy('only the listed backends get clusters', 'Backends allow-list'),
      SERVICE_CONNECT: o(LOST, 'every endpoint in the namespace is reachable. Instead: security groups between the services', '§1.3 "Backends / backend defaults"'),
      VPC_LATTICE: o(APPROXIMATED, 'an IAM auth policy (allow caller X to invoke service Y; MeshLattice authPolicy: true, off by default): callers must SigV4-sign their requests', '§2.3 "Backends"'),
    },
  },
  [F.PATH_PREFIX_EXACT]: {
    name: 'Path prefix / exact match',
    outcomes: {
      PLAIN_ENVOY: envoy('a prefix or path match', 'Path prefix / exact'),
      SERVICE_CONNECT: o(LOST, NO_ROUTING_SC, ROUTING_SC),
      VPC_LATTICE: o(MAPS, 'a rule PathMatch Prefix or Exact, case-sensitive as in App Mesh (paths up to 128 characters of /[a-zA-Z0-9@:%_+.~#?&/=-])', '§2.3 "prefix / exact path"'),
    },
  },
  [F.PATH_REGEX]: {
    name: 'Path regex match',
    outcomes: {
      PLAIN_ENVOY: envoy('a safe_regex path match', 'Path regex'),
      SERVICE_CONNECT: o(LOST, NO_ROUTING_SC, ROUTING_SC),
      VPC_LATTICE: o(LOST, 'Lattice rules have no regex, so MeshLattice gives the route no rule (AMK_LATTICE_MATCH_UNSUPPORTED). Instead: rewrite the match as prefixes or exact paths, or keep plain Envoy', '§2.3 "prefix / exact path"'),
    },
  },
  [F.HEADER_EXACT_PREFIX]: {
    name: 'Header match exact/prefix',
    outcomes: {
      PLAIN_ENVOY: envoy('a header matcher', 'Header exact/prefix'),
      SERVICE_CONNECT: o(LOST, `only the blue/green test-traffic header of a deployment. ${NO_ROUTING_SC}`, 'Header exact/prefix'),
      VPC_LATTICE: o(MAPS, 'rule HeaderMatches Exact or Prefix, case-sensitive as in App Mesh (at most 5 per rule: a route with more gets no rule, AMK_LATTICE_HEADER_LIMIT)', '§2.3 "Headers exact/prefix"'),
    },
  },
  [F.HEADER_OTHER]: {
    name: 'Header match suffix/regex/range/invert/present',
    outcomes: {
      PLAIN_ENVOY: envoy('a header matcher', 'Header suffix/regex/range/invert'),
      SERVICE_CONNECT: o(LOST, NO_ROUTING_SC, ROUTING_SC),
      VPC_LATTICE: o(LOST, 'Lattice header matches are Exact, Prefix or Contains only, so MeshLattice gives the route no rule (AMK_LATTICE_MATCH_UNSUPPORTED). Instead: keep plain Envoy for this route, or match in the app', '§2.3 "Headers exact/prefix"'),
    },
  },
  [F.QUERY_PARAMETERS]: {
    name: 'Query parameter match',
    outcomes: {
      PLAIN_ENVOY: envoy('a query parameter matcher', 'Query parameters'),
      SERVICE_CONNECT: o(LOST, NO_ROUTING_SC, ROUTING_SC),
      VPC_LATTICE: o(LOST, 'no query parameter matches, so MeshLattice gives the route no rule (AMK_LATTICE_MATCH_UNSUPPORTED). Instead: an ALB listener rule (query string condition) or plain Envoy', '§2.3 "Query parameters"'),
    },
  },
  [F.METHOD]: {
    name: 'Method match',
    outcomes: {
      PLAIN_ENVOY: envoy('a :method header matcher', 'Method'),
      SERVICE_CONNECT: o(LOST, NO_ROUTING_SC, ROUTING_SC),
      VPC_LATTICE: o(APPROXIMATED, 'rule Method; PATCH is missing from the CloudFormation enum (the API takes it), so MeshLattice gives a PATCH route no rule (AMK_LATTICE_MATCH_UNSUPPORTED)', '§2.3 "Method"'),
    },
  },
  [F.SCHEME]: {
    name: 'Scheme match',
    outcomes: {
      PLAIN_ENVOY: envoy('a :scheme header matcher', 'Header exact/prefix'),
      SERVICE_CONNECT: o(LOST, NO_ROUTING_SC, ROUTING_SC),
      VPC_LATTICE: o(LOST, 'a rule matches method, path and headers only, so MeshLattice gives the route no rule (AMK_LATTICE_MATCH_UNSUPPORTED). Instead: separate HTTP and HTTPS listeners, or plain Envoy', '§2.1 "Rule"'),
    },
  },
  [F.GRPC_MATCH]: {
    name: 'gRPC service/method/metadata match',
    outcomes: {
      PLAIN_ENVOY: envoy('a path and header match', 'gRPC service/method/metadata'),
      SERVICE_CONNECT: o(LOST, NO_ROUTING_SC, ROUTING_SC),
      VPC_LATTICE: o(APPROXIMATED, 'as the path gRPC requests carry (exact /pkg.Service/Method, or the prefix /pkg.Service/) plus header matches for exact and prefix metadata, as MeshLattice emits them; other metadata matches are lost (AMK_LATTICE_MATCH_UNSUPPORTED)', '§2.3 "gRPC service/method/metadata"'),
    },
  },
  [F.HOSTNAME_MATCH]: {
    name: 'Gateway route host name match',
    outcomes: {
      PLAIN_ENVOY: envoy('a virtual host domain', 'Virtual gateway + gateway routes'),
      SERVICE_CONNECT: o(LOST, 'no gateways. Instead: an ALB host-header rule via the ECS load-balancer integration', '§1.3 "Virtual gateway / gateway routes / rewrites"'),
      VPC_LATTICE: o(LOST, 'a rule matches method, path and headers only. Instead: one Lattice service per host name (CustomDomainName), or an ALB', '§2.1 "Rule"'),
    },
  },
  [F.PRIORITY]: {
    name: 'Route priority',
    outcomes: {
      PLAIN_ENVOY: envoy('the route order', 'Route priority'),
      SERVICE_CONNECT: o(LOST, NO_ROUTING_SC, ROUTING_SC),
      VPC_LATTICE: o(APPROXIMATED, 'rule Priority 1–100 (App Mesh: 0–1000): MeshLattice renumbers the routes 1, 2, … in App Mesh\'s order; 5–10 rules per listener by default (AMK_LATTICE_RULE_QUOTA)', '§2.3 "Priority 0–1000"'),
    },
  },
  [F.WEIGHTED_TARGETS]: {
    name: 'Weighted targets',
    outcomes: {
      PLAIN_ENVOY: envoy('weighted_clusters', 'Weighted targets (canary)'),
      SERVICE_CONNECT: dropped('the standing split is lost: Service Connect shifts traffic only between revisions of one ECS service during a deployment, and two services cannot share an alias. Instead: an ECS-native CANARY, LINEAR or BLUE_GREEN deployment of one service; during the migration Route 53 weighted records or ALB weighted target groups', '§1.3 "Weighted targets / canary"'),
      VPC_LATTICE: o(MAPS, 'a Forward action over up to 10 weighted target groups with the same weights; weight-0 targets are dropped (rules need weight ≥1, AMK_LATTICE_ZERO_WEIGHT)', '§2.3 "Weighted targets"'),
    },
  },
  [F.RETRIES]: {
    name: 'Retry policy',
    outcomes: {
      PLAIN_ENVOY: envoy('a retry_policy', 'Retries'),
      SERVICE_CONNECT: dropped('this retry policy is lost: the managed proxy retries with a fixed default (reported: twice on connect failure or 503), not configurable. Instead: retries in the app or its SDK', '§1.3 "Retry policy"'),
      VPC_LATTICE: o(LOST, 'no retries. Instead: retries in the app or its SDK, or plain Envoy', '§2.3 "Retries"'),
    },
  },
  [F.PER_REQUEST_TIMEOUT]: {
    name: 'Per-request timeout',
    outcomes: {
      PLAIN_ENVOY: envoy('a route timeout', 'Per-request timeout'),
      SERVICE_CONNECT: o(APPROXIMATED, 'Timeout.PerRequestTimeoutSeconds per server endpoint (not on TCP): a route\'s timeout collapses onto its target\'s service', '§1.3 "Timeouts"'),
      VPC_LATTICE: o(LOST, 'no per-request timeout. Instead: a timeout in the calling app, or plain Envoy', '§2.3 "Timeouts"'),
    },
  },
  [F.IDLE_TIMEOUT]: {
    name: 'Idle timeout',
    outcomes: {
      PLAIN_ENVOY: envoy('an idle_timeout', 'Idle timeout'),
      SERVICE_CONNECT: o(APPROXIMATED, 'Timeout.IdleTimeoutSeconds per server endpoint: a route\'s timeout collapses onto its target\'s service', '§1.3 "Timeouts"'),
      VPC_LATTICE: o(APPROXIMATED, 'one IdleTimeoutSeconds per Lattice service (since 2026-06; cfn-lint 1.51 does not know it yet, so MeshLattice sets it only when given idleTimeout)', '§2.3 "Timeouts"'),
    },
  },
  [F.LISTENER_TLS_FILE]: {
    name: 'Listener TLS (file certificate)',
    outcomes: {
      PLAIN_ENVOY: envoy('a DownstreamTlsContext with the files', 'Listener TLS'),
      SERVICE_CONNECT: o(APPROXIMATED, 'TLS on or off per service with certificates AWS Private CA issues, TLS 1.3 only, no PERMISSIVE mode: the file certificate is not used', '§1.3 "Listener TLS (STRICT/PERMISSIVE, ACM/file/SDS)"'),
      VPC_LATTICE: o(APPROXIMATED, 'an HTTPS listener with an ACM certificate, or TLS_PASSTHROUGH so the app terminates TLS with its own certificate; MeshLattice makes HTTP listeners only', '§2.3 "TLS modes / cert sources"'),
    },
  },
  [F.LISTENER_TLS_SDS]: {
    name: 'Listener TLS (SDS certificate)',
    outcomes: {
      PLAIN_ENVOY: envoy('a DownstreamTlsContext with an SDS secret', 'Listener TLS'),
      SERVICE_CONNECT: o(APPROXIMATED, 'TLS on or off per service with certificates AWS Private CA issues, TLS 1.3 only, no PERMISSIVE mode: SDS is not used', '§1.3 "Listener TLS (STRICT/PERMISSIVE, ACM/file/SDS)"'),
      VPC_LATTICE: o(APPROXIMATED, 'an HTTPS listener with an ACM certificate, or TLS_PASSTHROUGH so the app terminates TLS itself; MeshLattice makes HTTP listeners only', '§2.3 "TLS modes / cert sources"'),
    },
  },
  [F.LISTENER_TLS_ACM]: {
    name: 'Listener TLS (ACM certificate)',
    outcomes: {
      PLAIN_ENVOY: o(LOST, 'only the App Mesh control plane delivers ACM certificates (AMK_ENVOY_APP_MESH_ONLY). Instead: a file or SDS certificate (export from AWS Private CA)', 'Listener TLS'),
      SERVICE_CONNECT: o(APPROXIMATED, 'TLS with certificates AWS Private CA issues (the CA behind the ACM certificate), TLS 1.3 only, no PERMISSIVE mode', '§1.3 "Listener TLS (STRICT/PERMISSIVE, ACM/file/SDS)"'),
      VPC_LATTICE: o(APPROXIMATED, 'an HTTPS listener with an ACM certificate on the service\'s custom domain; MeshLattice makes HTTP listeners only', '§2.3 "TLS modes / cert sources"'),
    },
  },
  [F.CLIENT_TLS_FILE]: {
    name: 'Client TLS policy (file trust)',
    outcomes: {
      PLAIN_ENVOY: envoy('an UpstreamTlsContext with the trusted chain', 'Client TLS policy (SAN, ports, trust)'),
      SERVICE_CONNECT: o(APPROXIMATED, 'implicit trust of the issuing AWS Private CA; no SAN or port rules', '§1.3 "Client TLS policy (enforce, ports, SAN, trust)"'),
      VPC_LATTICE: o(APPROXIMATED, 'validated by the client itself (HTTPS to the service\'s ACM certificate)', 'Client TLS policy (SAN, ports, trust)'),
    },
  },
  [F.CLIENT_TLS_SDS]: {
    name: 'Client TLS policy (SDS trust)',
    outcomes: {
      PLAIN_ENVOY: envoy('an UpstreamTlsContext with an SDS validation context', 'Client TLS policy (SAN, ports, trust)'),
      SERVICE_CONNECT: o(APPROXIMATED, 'implicit trust of the issuing AWS Private CA; no SAN or port rules', '§1.3 "Client TLS policy (enforce, ports, SAN, trust)"'),
      VPC_LATTICE: o(APPROXIMATED, 'validated by the client itself (HTTPS to the service\'s ACM certificate)', 'Client TLS policy (SAN, ports, trust)'),
    },
  },
  [F.CLIENT_TLS_ACM]: {
    name: 'Client TLS policy (ACM Private CA trust)',
    outcomes: {
      PLAIN_ENVOY: o(LOST, 'only the App Mesh control plane delivers ACM Private CA trust (AMK_ENVOY_APP_MESH_ONLY). Instead: the CA certificate as a file or SDS trust', 'Client TLS policy (SAN, ports, trust)'),
      SERVICE_CONNECT: o(APPROXIMATED, 'the trusted certificateAuthorityArns value is the AWS Private CA ARN Service Connect TLS takes (IssuerCertificateAuthority.AwsPcaAuthorityArn); trust is implicit, no SAN or port rules', '§1.3 "Listener TLS (STRICT/PERMISSIVE, ACM/file/SDS)"'),
      VPC_LATTICE: o(APPROXIMATED, 'validated by the client itself (HTTPS to the service\'s ACM certificate)', 'Client TLS policy (SAN, ports, trust)'),
    },
  },
  [F.MUTUAL_TLS]: {
    name: 'Mutual TLS',
    outcomes: {
      PLAIN_ENVOY: envoy('client certificates required and presented', 'mTLS'),
      SERVICE_CONNECT: o(LOST, 'Service Connect TLS is one-way (aws/containers-roadmap#2150). Instead: plain Envoy, or VPC Lattice IAM auth for identity', '§1.3 "mTLS"'),
      VPC_LATTICE: o(LOST, 'no mTLS. Instead: IAM auth policies, or app-level mTLS through a TLS_PASSTHROUGH listener, or plain Envoy', '§2.3 "mTLS"'),
    },
  },
  [F.OUTLIER_DETECTION]: {
    name: 'Outlier detection',
    outcomes: {
      PLAIN_ENVOY: envoy('outlier_detection', 'Outlier detection'),
      SERVICE_CONNECT: o(APPROXIMATED, 'the managed proxy has built-in outlier detection, but these settings are not tunable', '§1.3 "Outlier detection"'),
      VPC_LATTICE: o(LOST, 'no outlier detection. Instead: target group health checks, or plain Envoy', '§2.3 "Outlier detection / connection pools"'),
    },
  },
  [F.CONNECTION_POOL]: {
    name: 'Connection pool',
    outcomes: {
      PLAIN_ENVOY: envoy('circuit_breakers', 'Connection pools'),
      SERVICE_CONNECT: o(LOST, 'no connection pools. Instead: limit concurrency in the app, or keep plain Envoy', '§1.3 "Connection pools"'),
      VPC_LATTICE: o(LOST, 'no connection pools. Instead: limit concurrency in the app, or keep plain Envoy', '§2.3 "Outlier detection / connection pools"'),
    },
  },
  [F.ACCESS_LOG]: {
    name: 'Access log',
    outcomes: {
      PLAIN_ENVOY: envoy('a file access log with the same format', 'Access logs'),
      SERVICE_CONNECT: o(APPROXIMATED, 'AccessLogConfiguration TEXT or JSON to the proxy\'s log driver (needs LogConfiguration); the path and custom format are lost', '§1.3 "Access logs (path + text/json format)"'),
      VPC_LATTICE: o(APPROXIMATED, 'an AccessLogSubscription to CloudWatch Logs, S3 or Firehose, in Lattice\'s fixed format; MeshLattice makes none (add a CfnAccessLogSubscription on its service network)', '§2.3 "Access logs"'),
    },
  },
  [F.VIRTUAL_GATEWAY]: {
    name: 'Virtual gateway and gateway routes',
    outcomes: {
      PLAIN_ENVOY: envoy('an ingress Envoy', 'Virtual gateway + gateway routes'),
      SERVICE_CONNECT: o(LOST, 'no gateways. Instead: an ALB or NLB in front of the service through the ECS load-balancer integration', '§1.3 "Virtual gateway / gateway routes / rewrites"'),
      VPC_LATTICE: o(APPROXIMATED, 'a Lattice service is the entry point for clients in associated VPCs; no rewrites, and outside clients need an ALB or NLB; MeshLattice builds nothing for the gateway (AMK_LATTICE_GATEWAY)', '§2.3 "Virtual gateway / gateway routes"'),
    },
  },
  [F.REWRITE]: {
    name: 'Gateway route rewrite',
    outcomes: {
      PLAIN_ENVOY: envoy('prefix_rewrite, regex_rewrite or host_rewrite_literal', 'Rewrites (prefix/path/hostname)'),
      SERVICE_CONNECT: o(LOST, 'no rewrites. Instead: serve the original path in the app, or an ingress plain Envoy', '§1.3 "Virtual gateway / gateway routes / rewrites"'),
      VPC_LATTICE: o(LOST, 'no rewrites. Instead: serve the original path in the app, or an ingress plain Envoy', '§2.3 "Rewrites"'),
    },
  },
  [F.CLOUD_MAP]: {
    name: 'Cloud Map discovery',
    outcomes: {
      PLAIN_ENVOY: o(APPROXIMATED, 'reached by its DNS name service.namespace: needs a DNS namespace (an HTTP namespace cannot be resolved), and DNS answers replace the API\'s health status', 'Cloud Map discovery'),
      SERVICE_CONNECT: o(APPROXIMATED, 'the namespace is reused, but ECS creates its own Cloud Map services (discoveryName must not collide with this one)', '§1.3 "Cloud Map discovery (namespace, service, attributes)"'),
      VPC_LATTICE: o(LOST, 'Lattice does not use Cloud Map. Instead: let ECS register the tasks into an IP target group (VpcLatticeConfigurations)', '§2.3 "Cloud Map discovery"'),
    },
  },
  [F.CLOUD_MAP_ATTRIBUTES]: {
    name: 'Cloud Map attribute filter',
    outcomes: {
      PLAIN_ENVOY: o(LOST, 'DNS answers every instance of the Cloud Map service. Instead: one Cloud Map service per filtered set of instances', 'Cloud Map discovery'),
      SERVICE_CONNECT: o(LOST, 'ECS ignores attribute filters. Instead: one ECS service per filtered set of tasks', '§1.3 "Cloud Map discovery (namespace, service, attributes)"'),
      VPC_LATTICE: o(LOST, 'Lattice does not use Cloud Map. Instead: one target group per filtered set of tasks', '§2.3 "Cloud Map discovery"'),
    },
  },
  [F.CROSS_ACCOUNT]: {
    name: 'Cross-account (shared mesh)',
    outcomes: {
      PLAIN_ENVOY: o(APPROXIMATED, 'each account deploys its own configurations; connectivity and certificates between the accounts are yours to set up', 'Cross-account'),
      SERVICE_CONNECT: o(MAPS, 'a Cloud Map namespace shared through AWS RAM (since 2025; same Region, needs VPC connectivity)', '§1.3 "Cross-account mesh sharing"'),
      VPC_LATTICE: o(MAPS, 'a service network shared through AWS RAM, no VPC peering needed (MeshLattice does not share it: add the RAM share)', '§2.3 "Cross-account"'),
    },
  },
};
