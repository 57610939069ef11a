/**
 * The mesh model: plain data in the App Mesh API shape (the `spec` of `CreateVirtualNode`
 * and friends, camelCase). aws-cdk-lib's L1 props have the same shape, so CloudFormation is
 * produced from it directly; the Envoy and ECS outputs read it too. Internal: not exported.
 *
 * Any field may hold an `InvalidInput` in place of a value that could not be rendered;
 * the field rules report those.
 */

import type { MeshRegistry } from './registry';

export type Protocol = 'http' | 'http2' | 'grpc' | 'tcp';

/** App Mesh's per-request timeout when none is set (User Guide, routes and virtual nodes: 15 seconds). */
export const DEFAULT_REQUEST_TIMEOUT_MS = 15000;

/** App Mesh's idle timeout when none is set: "Idle duration – The default is 300 seconds" (seed 001:77, 001:86). */
export const DEFAULT_IDLE_TIMEOUT_MS = 300000;

export interface DurationModel {
  unit: 's' | 'ms';
  value: number;
}

/** A model duration in milliseconds; undefined when it is absent or not a literal `{ unit, value }`. */
export function durationModelMillis(d: unknown): number | undefined {
  const model = d as DurationModel | undefined;
  if (!model || typeof model.value !== 'number' || (model.unit !== 's' && model.unit !== 'ms')) return undefined;
  return model.unit === 's' ? model.value * 1000 : model.value;
}

export interface TagModel {
  key: string;
  value: string;
}

// ----- shared pieces -----

export interface HealthCheckModel {
  protocol: Protocol;
  port?: number;
  path?: string;
  healthyThreshold: number;
  unhealthyThreshold: number;
  intervalMillis: number;
  timeoutMillis: number;
}

export interface TlsCertificateModel {
  acm?: { certificateArn: string };
  file?: { certificateChain: string; privateKey: string };
  sds?: { secretName: string };
}

export interface TlsTrustModel {
  acm?: { certificateAuthorityArns: string[] };
  file?: { certificateChain: string };
  sds?: { secretName: string };
}

export interface SubjectAlternativeNamesModel {
  match: { exact: string[] };
}

export interface TlsValidationModel {
  trust: TlsTrustModel;
  subjectAlternativeNames?: SubjectAlternativeNamesModel;
}

export interface ListenerTlsModel {
  mode: string;
  certificate?: TlsCertificateModel;
  validation?: TlsValidationModel;
}

export interface ClientPolicyModel {
  tls?: {
    enforce?: boolean;
    ports?: number[];
    certificate?: TlsCertificateModel;
    validation: TlsValidationModel;
  };
}

export interface OutlierDetectionModel {
  maxServerErrors: number;
  interval: DurationModel;
  baseEjectionDuration: DurationModel;
  maxEjectionPercent: number;
}

export interface ListenerTimeoutModel {
  perRequest?: DurationModel;
  idle?: DurationModel;
}

export interface ConnectionPoolModel {
  http?: { maxConnections: number; maxPendingRequests?: number };
  http2?: { maxRequests: number };
  grpc?: { maxRequests: number };
  tcp?: { maxConnections: number };
}

export interface LoggingModel {
  accessLog?: {
    file?: {
      path: string;
      format?: { text?: string; json?: { key: string; value: string }[] };
    };
  };
}

// ----- mesh -----

export interface MeshSpecModel {
  egressFilter?: { type: string };
  serviceDiscovery?: { ipPreference?: string };
}

// ----- virtual node -----

export interface VirtualNodeListenerModel {
  portMapping: { port: number; protocol: Protocol };
  healthCheck?: HealthCheckModel;
  tls?: ListenerTlsModel;
  outlierDetection?: OutlierDetectionModel;
  timeout?: Partial<Record<Protocol, ListenerTimeoutModel>>;
  connectionPool?: ConnectionPoolModel;
}

export interface ServiceDiscoveryModel {
  dns?: { hostname: string; responseType?: string; ipPreference?: string };
  awsCloudMap?: {
    namespaceName: string;
    serviceName: string;
    attributes?: { key: string; value: string }[];
    ipPreference?: string;
  };
}

export interface BackendModel {
  virtualService: { virtualServiceName: string; clientPolicy?: ClientPolicyModel };
}

export interface VirtualNodeSpecModel {
  listeners?: VirtualNodeListenerModel[];
  serviceDiscovery?: ServiceDiscoveryModel;
  backends?: BackendModel[];
  backendDefaults?: { clientPolicy?: ClientPolicyModel };
  logging?: LoggingModel;
}

// ----- virtual router -----

export interface VirtualRouterSpecModel {
  listeners: { portMapping: { port: number; protocol: Protocol } }[];
}

// ----- route -----

export interface MatchMethodModel {
  exact?: string;
  prefix?: string;
  suffix?: string;
  regex?: string;
  range?: { start: number; end: number };
}

export interface HeaderMatchModel {
  name: string;
  invert?: boolean;
  match?: MatchMethodModel;
}

export interface QueryParameterModel {
  name: string;
  match?: { exact: string };
}

export interface WeightedTargetModel {
  virtualNode: string;
  weight: number;
  port?: number;
}

export interface HttpRouteMatchModel {
  prefix?: string;
  path?: { exact?: string; regex?: string };
  headers?: HeaderMatchModel[];
  queryParameters?: QueryParameterModel[];
  method?: string;
  scheme?: string;
  port?: number;
}

export interface GrpcRouteMatchModel {
  serviceName?: string;
  methodName?: string;
  metadata?: HeaderMatchModel[];
  port?: number;
}

export interface RetryPolicyModel {
  maxRetries: number;
  perRetryTimeout: DurationModel;
  httpRetryEvents?: string[];
  tcpRetryEvents?: string[];
  grpcRetryEvents?: string[];
}

export interface RouteBodyModel {
  match?: HttpRouteMatchModel & GrpcRouteMatchModel;
  action: { weightedTargets: WeightedTargetModel[] };
  retryPolicy?: RetryPolicyModel;
  timeout?: ListenerTimeoutModel;
}

/** The key of a route spec's body for each protocol (`httpRoute`, …). */
export const ROUTE_KEYS: Readonly<Record<Protocol, 'httpRoute' | 'http2Route' | 'grpcRoute' | 'tcpRoute'>> = {
  http: 'httpRoute', http2: 'http2Route', grpc: 'grpcRoute', tcp: 'tcpRoute',
};

export interface RouteSpecModel {
  priority?: number;
  httpRoute?: RouteBodyModel;
  http2Route?: RouteBodyModel;
  grpcRoute?: RouteBodyModel;
  tcpRoute?: RouteBodyModel;
}

// ----- virtual gateway -----

export interface VirtualGatewayListenerModel {
  portMapping: { port: number; protocol: Protocol };
  healthCheck?: HealthCheckModel;
  tls?: ListenerTlsModel;
  connectionPool?: ConnectionPoolModel;
}

export interface VirtualGatewaySpecModel {
  listeners: VirtualGatewayListenerModel[];
  backendDefaults?: { clientPolicy?: ClientPolicyModel };
  logging?: LoggingModel;
}

// ----- gateway route -----

export interface GatewayRouteBodyModel {
  match?: HttpRouteMatchModel & GrpcRouteMatchModel & { hostname?: { exact?: string; suffix?: string } };
  action: {
    target: { virtualService: { virtualServiceName: string }; port?: number };
    rewrite?: {
      prefix?: { defaultPrefix?: string; value?: string };
      path?: { exact: string };
      hostname?: { defaultTargetHostname: string };
    };
  };
}

export interface GatewayRouteSpecModel {
  priority?: number;
  httpRoute?: GatewayRouteBodyModel;
  http2Route?: GatewayRouteBodyModel;
  grpcRoute?: GatewayRouteBodyModel;
}

// ----- virtual service -----

export interface VirtualServiceSpecModel {
  provider?: {
    virtualNode?: { virtualNodeName: string };
    virtualRouter?: { virtualRouterName: string };
  };
}

// ----- resources -----

/** The kinds of resource a mesh holds, named as in their ARNs. */
export type ResourceKind = 'mesh' | 'virtualNode' | 'virtualService' | 'virtualRouter' | 'route' | 'virtualGateway' | 'gatewayRoute';

/**
 * A resource this one names (a backend's virtual service, a route's target node, a service's
 * provider, a gateway route's target): by name as the API has it, plus the mesh it belongs to,
 * so rules can tell a cross-mesh reference and the graph can find the resource.
 */
export interface ReferenceModel {
  /** Field of the referencing resource that holds the name, for diagnostics. */
  readonly field: string;
  readonly kind: ResourceKind;
  /** The referenced resource's name (may be a token). */
  readonly name: string;
  /** Construct path of the referenced resource, for messages. */
  readonly path: string;
  /** The mesh the referenced resource belongs to. */
  readonly mesh: MeshRegistry;
  /** A weighted target's or gateway route target's port. */
  readonly port?: number;
}

/** A misuse the construct noticed while it was built (a builder call, a wrong kind of prop); the rules report it. */
export interface ConstructIssue {
  readonly code: string;
  readonly field: string;
  /** The offending value, already rendered as JSON. */
  readonly value?: string;
  readonly message: string;
  readonly fix: string;
}

/** One resource of the mesh, as the App Mesh API would see it, with what outputs need to place it. */
export interface ResourceModel<Spec> {
  kind: ResourceKind;
  /** Construct path, for diagnostics. */
  path: string;
  /** The resource's name (for a mesh, the mesh name). */
  name: string;
  meshName: string;
  meshOwner?: string;
  /** Account and Region of the resource (tokens in an environment-agnostic stack). */
  account: string;
  region: string;
  /** A route's virtual router. */
  virtualRouterName?: string;
  /** A gateway route's virtual gateway. */
  virtualGatewayName?: string;
  spec: Spec;
  tags?: TagModel[];
  /** The resources this one names, in field order. */
  references: ReferenceModel[];
  /** Builder misuses and wrong kinds of props the construct noticed. */
  issues: ConstructIssue[];
}

const NAME_FIELDS: Record<ResourceKind, string> = {
  mesh: 'meshName',
  virtualNode: 'virtualNodeName',
  virtualService: 'virtualServiceName',
  virtualRouter: 'virtualRouterName',
  route: 'routeName',
  virtualGateway: 'virtualGatewayName',
  gatewayRoute: 'gatewayRouteName',
};

/**
 * The resource as the App Mesh create request names its fields (`virtualNodeName`, `spec`, `tags`):
 * field rules run over this, so diagnostics name fields as the API and CloudFormation do.
 */
export function requestShape(model: ResourceModel<unknown>): Record<string, unknown> {
  return {
    [NAME_FIELDS[model.kind]]: model.name,
    ...(model.kind === 'mesh' ? {} : { meshName: model.meshName }),
    ...(model.virtualRouterName !== undefined ? { virtualRouterName: model.virtualRouterName } : {}),
    ...(model.virtualGatewayName !== undefined ? { virtualGatewayName: model.virtualGatewayName } : {}),
    spec: model.spec,
    tags: model.tags,
  };
}
