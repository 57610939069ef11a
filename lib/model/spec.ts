/**
 * The mesh model: plain data in the App Mesh API shape (the `spec` of `CreateVirtualNode`
 * and friends, camelCase). aws-cdk-lib's L1 props have the same shape, so CloudFormation is
 * produced from it directly; the Envoy and ECS outputs read it too. Internal: not exported.
 *
 * Any field may hold an `InvalidInput` in place of a value that could not be rendered;
 * the field rules report those.
 */

export type Protocol = 'http' | 'http2' | 'grpc' | 'tcp';

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

/** One resource of the mesh, as the App Mesh API would see it. */
export interface ResourceModel<Spec> {
  kind: ResourceKind;
  /** Construct path, for diagnostics. */
  path: string;
  /** The resource's name (for a mesh, the mesh name). */
  name: string;
  meshName: string;
  meshOwner?: string;
  spec: Spec;
  tags?: TagModel[];
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
    spec: model.spec,
    tags: model.tags,
  };
}
