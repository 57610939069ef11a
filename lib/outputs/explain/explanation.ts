import { Duration } from 'aws-cdk-lib';

/**
 * How an explained request ends.
 */
export enum RoutingOutcome {
  /** App Mesh routes it: to a gateway route's target, then a route's (or the provider node's) targets. */
  ROUTED = 'ROUTED',
  /**
   * The service is not a backend of the calling node and the mesh allows all egress: Envoy sends
   * the request, as it is, to the address the application resolved. No App Mesh routing applies.
   */
  LEAVES_MESH = 'LEAVES_MESH',
  /** The service is not a backend of the calling node, and the mesh (or the node) drops such traffic. */
  NOT_A_BACKEND = 'NOT_A_BACKEND',
  /** No virtual service of that name in the mesh, or a service whose provider this app does not define. */
  UNKNOWN_RESOURCE = 'UNKNOWN_RESOURCE',
  /** The virtual service has no provider: App Mesh answers 503. */
  NO_PROVIDER = 'NO_PROVIDER',
  /** No listener on the port (Envoy: `No matching filter chain found`), or no port given where several exist. */
  NO_LISTENER = 'NO_LISTENER',
  /** No gateway route of the gateway listener matches. */
  NO_GATEWAY_ROUTE_MATCHED = 'NO_GATEWAY_ROUTE_MATCHED',
  /** No route of the router listener matches (Envoy: `No cluster match for URL`). */
  NO_ROUTE_MATCHED = 'NO_ROUTE_MATCHED',
  /** The request itself cannot be explained (both or neither of `virtualNode` and `virtualGateway`, a node of another mesh, …). */
  INVALID_REQUEST = 'INVALID_REQUEST',
}

/**
 * The protocol a request is routed by: the protocol of the listener it arrives on.
 */
export enum RoutingProtocol {
  /** HTTP/1.1. */
  HTTP = 'http',
  /** HTTP/2. */
  HTTP2 = 'http2',
  /** gRPC (over HTTP/2). */
  GRPC = 'grpc',
  /** Plain TCP: routed by listener port only. */
  TCP = 'tcp',
}

/**
 * What provides a virtual service.
 */
export enum ServiceProviderKind {
  /** A virtual node answers the service directly. */
  VIRTUAL_NODE = 'virtualNode',
  /** A virtual router picks a route. */
  VIRTUAL_ROUTER = 'virtualRouter',
  /** Nothing: requests get 503. */
  NONE = 'none',
}

/**
 * The kind of a route `Mesh.explain` considered.
 */
export enum RouteCandidateKind {
  /** A route of a virtual router. */
  ROUTE = 'route',
  /** A gateway route of a virtual gateway. */
  GATEWAY_ROUTE = 'gatewayRoute',
}

/**
 * The kind of a check App Mesh makes on the way.
 */
export enum RoutingCheckKind {
  /** The calling node lists the virtual service as a backend. */
  BACKEND = 'BACKEND',
  /** The mesh defines the virtual service (and its provider). */
  VIRTUAL_SERVICE = 'VIRTUAL_SERVICE',
  /** The virtual service has a provider. */
  PROVIDER = 'PROVIDER',
  /** The port is a listener port (of the gateway, router or provider node). */
  LISTENER_PORT = 'LISTENER_PORT',
  /** A route's protocol matches its router listener's, and a target listener's matches the route's. */
  PROTOCOL = 'PROTOCOL',
  /** A route target names a node and listener this app defines. */
  TARGET = 'TARGET',
}

/**
 * The gateway route that matched a request at a virtual gateway, and what it did to the request.
 */
export interface ExplainedGatewayRoute {
  /** The gateway route's name. */
  readonly gatewayRouteName: string;
  /** The gateway route's construct path. */
  readonly constructPath: string;
  /** The gateway route's protocol. */
  readonly protocol: RoutingProtocol;
  /**
   * The gateway route's priority.
   * @default - none
   */
  readonly priority?: number;
  /**
   * The path sent on (after the rewrite; the path itself when nothing rewrites it).
   * @default - none: a grpc gateway route does not rewrite paths
   */
  readonly rewrittenPath?: string;
  /** How the path was (or was not) rewritten, in words. */
  readonly pathRewrite: string;
  /**
   * The host name sent on: the target virtual service's name (App Mesh's default), or the
   * request's own when the gateway route turns that rewrite off.
   * @default - none: the request had no host name and it was not rewritten
   */
  readonly rewrittenHostname?: string;
  /** The virtual service the gateway route sends to. */
  readonly targetVirtualServiceName: string;
  /**
   * The port of the target service's provider the gateway route names.
   * @default - none: the provider's only listener
   */
  readonly targetPort?: number;
}

/**
 * The route of a virtual router that matched.
 */
export interface ExplainedRoute {
  /** The route's name. */
  readonly routeName: string;
  /** The route's construct path. */
  readonly constructPath: string;
  /** The route's virtual router. */
  readonly virtualRouterName: string;
  /** The route's protocol. */
  readonly protocol: RoutingProtocol;
  /**
   * The route's priority (0 is tried first).
   * @default - none: tried after every route with a priority
   */
  readonly priority?: number;
}

/**
 * A virtual node the request may go to, with its share.
 */
export interface ExplainedTarget {
  /** The virtual node's name. */
  readonly virtualNodeName: string;
  /**
   * The virtual node's construct path.
   * @default - none: the node is not defined in this app (imported)
   */
  readonly constructPath?: string;
  /**
   * The node's listener port the request goes to: the target's port, or the node's only listener.
   * @default - unknown: the node has several listeners and the target names none, or it is imported
   */
  readonly port?: number;
  /** The target's weight (its share is weight / the sum of the weights). */
  readonly weight: number;
}

/**
 * A route's retry policy.
 */
export interface ExplainedRetryPolicy {
  /** Retries after the first attempt. */
  readonly maxRetries: number;
  /** The time limit of each attempt, the first one included. */
  readonly perRetryTimeout: Duration;
  /** The events retried on (HTTP, TCP and gRPC events, as App Mesh names them). */
  readonly events: string[];
}

/**
 * The timeouts that apply to the routed request.
 */
export interface ExplainedTimeouts {
  /**
   * Time the request may take (zero: no limit).
   * @default - none: tcp has no per-request timeout
   */
  readonly perRequest?: Duration;
  /** Whether `perRequest` is App Mesh's default (15 seconds) because nothing sets one. */
  readonly perRequestIsDefault: boolean;
  /** Time the stream or connection may stay idle (zero: no limit). */
  readonly idle: Duration;
  /** Whether `idle` is App Mesh's default (300 seconds) because nothing sets one. */
  readonly idleIsDefault: boolean;
}

/**
 * A route or gateway route that App Mesh passed over, and why.
 */
export interface RouteCandidate {
  /** A route or a gateway route. */
  readonly kind: RouteCandidateKind;
  /** Its name. */
  readonly name: string;
  /** Its construct path. */
  readonly constructPath: string;
  /** Every condition it failed, in words, for example `prefix /api does not match path /v2/books`. */
  readonly failedConditions: string[];
}

/**
 * A check App Mesh makes on the way, and its result.
 */
export interface RoutingCheck {
  /** What is checked. */
  readonly check: RoutingCheckKind;
  /** Whether it passed. */
  readonly passed: boolean;
  /** What was found, in words. */
  readonly message: string;
}

/**
 * How App Mesh routes one request, and why: the gateway route, the virtual service and its
 * provider, the route, the weighted targets, retries and timeouts; or, when nothing matches,
 * which conditions of which routes failed.
 */
export interface RoutingExplanation {
  /** Whether App Mesh routes the request to a target (the outcome is ROUTED). */
  readonly matched: boolean;
  /** How the request ends. */
  readonly outcome: RoutingOutcome;
  /** The explanation in one line. */
  readonly summary: string;
  /** Every step of the walk, in order, in words (with the App Mesh rule each applies). */
  readonly steps: string[];
  /**
   * The protocol the request is routed by (the last listener's).
   * @default - none: no listener was reached
   */
  readonly protocol?: RoutingProtocol;
  /**
   * The gateway route that matched (requests at a gateway).
   * @default - none
   */
  readonly gatewayRoute?: ExplainedGatewayRoute;
  /**
   * The virtual service the request is routed by (a gateway route's target, or the one called).
   * @default - none: a gateway request that no gateway route matched
   */
  readonly virtualServiceName?: string;
  /**
   * The port of the virtual service's provider the request arrives on.
   * @default - none: not known
   */
  readonly port?: number;
  /**
   * What provides the virtual service.
   * @default - none: the service was not reached or is not defined in this app
   */
  readonly providerKind?: ServiceProviderKind;
  /**
   * The name of the providing node or router.
   * @default - none
   */
  readonly providerName?: string;
  /**
   * The route that matched (when a router provides the service).
   * @default - none
   */
  readonly route?: ExplainedRoute;
  /** The virtual nodes the request may go to, with their weights (empty when it is not routed). */
  readonly targets: ExplainedTarget[];
  /**
   * The matched route's retry policy.
   * @default - none: no retry policy of the route's own (App Mesh may apply its default one)
   */
  readonly retryPolicy?: ExplainedRetryPolicy;
  /**
   * The timeouts of the routed request.
   * @default - none: the request is not routed
   */
  readonly timeouts?: ExplainedTimeouts;
  /**
   * The routes and gateway routes App Mesh tried and passed over, in App Mesh's order, each with
   * the conditions it failed: those before the match, or all of the listener's when none matched.
   */
  readonly reasons: RouteCandidate[];
  /** The checks App Mesh made on the way (backend, service, provider, ports, protocols, targets). */
  readonly checks: RoutingCheck[];
}
