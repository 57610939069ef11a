import { Duration } from 'aws-cdk-lib';
import { InvalidInput } from './model/invalid-input';
import { HttpRouteMatchModel, Protocol } from './model/spec';
import { matchList, renderPart } from './private/render';
import { GrpcRetryPolicy } from './retry-policy';
import { GrpcRouteMatch, HttpRouteMatch, TcpRouteMatch } from './route-match';
import { IVirtualNode } from './virtual-node';

/**
 * A virtual node a route sends a share of its traffic to.
 */
export interface WeightedTarget {
  /** The target virtual node (same mesh). */
  readonly virtualNode: IVirtualNode;
  /**
   * Relative share of the traffic, an integer 0–100; all targets together at most 100 (then they read as percentages).
   * @default 1 (as aws-cdk-lib/aws-appmesh renders it: unweighted targets share evenly)
   */
  readonly weight?: number;
  /**
   * The node's listener port (required when the node has several listeners).
   * @default - the node's only listener
   */
  readonly port?: number;
}

/**
 * Timeouts of a route.
 */
export interface RouteTimeout {
  /**
   * Time a request may take (not for tcp routes); zero disables it. Above 15 s, the target
   * nodes' listeners need a longer timeout too.
   * @default - App Mesh's default of 15 seconds
   */
  readonly perRequest?: Duration;
  /**
   * Time a connection may stay idle; zero disables it.
   * @default - App Mesh's default of 300 seconds
   */
  readonly idle?: Duration;
}

/**
 * Options every route spec has.
 */
export interface RouteSpecOptionsBase {
  /**
   * Order among the router's routes: 0 is matched first, 1000 last.
   * @default - after every route with a priority
   */
  readonly priority?: number;
  /**
   * Where traffic goes (1–10 targets). The route's builder methods (`to`, `canary`, …) set them too.
   * @default - none yet: set them with `Route.to(...)`
   */
  readonly weightedTargets?: WeightedTarget[];
  /**
   * Timeouts.
   * @default - App Mesh's defaults
   */
  readonly timeout?: RouteTimeout;
  /**
   * Retries (not for tcp routes): `RetryPolicy.recommended()`, or the fields as a plain object
   * (`grpcRetryEvents` for gRPC routes only).
   * @default - no retry policy of the route's own
   */
  readonly retryPolicy?: GrpcRetryPolicy;
}

/** Options of an http or http2 route. */
export interface HttpRouteSpecOptions extends RouteSpecOptionsBase {
  /**
   * What the route matches.
   * @default - every request (path prefix `/`)
   */
  readonly match?: HttpRouteMatch;
}

/** Options of a gRPC route. */
export interface GrpcRouteSpecOptions extends RouteSpecOptionsBase {
  /** What the route matches (at least one criterion). */
  readonly match: GrpcRouteMatch;
}

/** Options of a TCP route. */
export interface TcpRouteSpecOptions extends RouteSpecOptionsBase {
  /**
   * What the route matches.
   * @default - every connection
   */
  readonly match?: TcpRouteMatch;
}

/**
 * The protocol and match of a route, with its initial targets, retries and timeouts.
 * @see https://docs.aws.amazon.com/app-mesh/latest/userguide/routes.html
 */
export abstract class RouteSpec {
  /**
   * An HTTP/1.1 route.
   * @param options match, weighted targets, retries, timeouts and priority
   */
  public static http(options: HttpRouteSpecOptions = {}): RouteSpec {
    return new ProtocolRouteSpec('http', options ?? {});
  }

  /**
   * An HTTP/2 route.
   * @param options match, weighted targets, retries, timeouts and priority
   */
  public static http2(options: HttpRouteSpecOptions = {}): RouteSpec {
    return new ProtocolRouteSpec('http2', options ?? {});
  }

  /**
   * A gRPC route.
   * @param options match (at least one criterion), weighted targets, retries, timeouts and priority
   */
  public static grpc(options: GrpcRouteSpecOptions): RouteSpec {
    return new ProtocolRouteSpec('grpc', options ?? ({} as GrpcRouteSpecOptions));
  }

  /**
   * A TCP route.
   * @param options weighted targets, idle timeout, listener port and priority
   */
  public static tcp(options: TcpRouteSpecOptions = {}): RouteSpec {
    return new ProtocolRouteSpec('tcp', options ?? {});
  }

  /** @internal */
  public abstract readonly _protocol: Protocol;

  /** @internal */
  public abstract readonly _options: RouteSpecOptionsBase;

  /** The match in the model's shape. @internal */
  public abstract _matchModel(): object | InvalidInput | undefined;
}

class ProtocolRouteSpec extends RouteSpec {
  constructor(public readonly _protocol: Protocol, public readonly _options: RouteSpecOptionsBase & { readonly match?: object }) {
    super();
  }

  public _matchModel(): object | InvalidInput | undefined {
    const match = this._options.match as (HttpRouteMatch & GrpcRouteMatch) | undefined;
    if (match !== undefined && match !== null && typeof match !== 'object') return new InvalidInput(match, 'a route match object');
    const m = match ?? {};
    switch (this._protocol) {
      case 'tcp':
        return m.port !== undefined ? { port: m.port } : undefined;
      case 'grpc':
        return {
          serviceName: m.serviceName,
          methodName: m.methodName,
          metadata: matchList(m.metadata, 'HeaderMatch'),
          port: m.port,
        };
      default: {
        const path = renderPart<Pick<HttpRouteMatchModel, 'prefix' | 'path'>>(m.path, 'an HttpRoutePathMatch')
          ?? { prefix: '/' };
        return {
          ...(path instanceof InvalidInput ? { path } : path),
          headers: matchList(m.headers, 'HeaderMatch'),
          queryParameters: matchList(m.queryParameters, 'QueryParameterMatch'),
          method: m.method,
          scheme: m.protocol ?? m.scheme,
          port: m.port,
        };
      }
    }
  }
}
