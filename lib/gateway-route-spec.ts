import { HeaderMatch, HttpRouteMethod, QueryParameterMatch } from './header-match';
import { InvalidInput } from './model/invalid-input';
import { GatewayRouteBodyModel, GatewayRouteSpecModel } from './model/spec';
import { matchList, renderPart } from './private/render';
import { IVirtualService } from './virtual-service';

/** What a path match contributes to a gateway route: its match fields and its rewrite. */
interface GatewayRoutePathModel {
  prefix?: string;
  path?: { exact?: string; regex?: string };
  rewrite?: {
    prefix?: { defaultPrefix?: string; value?: string };
    path?: { exact: string };
  };
}

/**
 * How an HTTP or HTTP/2 gateway route matches the request path, and how it rewrites it.
 *
 * By default App Mesh rewrites the matched prefix to `/` (`/chapter/1` becomes `/1`);
 * exact and regex matches have no default path rewrite.
 * @see https://docs.aws.amazon.com/app-mesh/latest/userguide/gateway-routes.html
 */
export abstract class HttpGatewayRoutePathMatch {
  /**
   * The path starts with `prefix`.
   *
   * @param prefix the prefix to match, starting with `/`
   * @param rewriteTo `''` turns App Mesh's default prefix rewrite off (`defaultPrefix: DISABLED`);
   *   a value such as `/v2/` replaces the matched prefix with it (it must start and end with `/`).
   *   @default - App Mesh's default: the matched prefix is rewritten to `/` (no rewrite block is written)
   */
  public static startsWith(prefix: string, rewriteTo?: string): HttpGatewayRoutePathMatch {
    if (rewriteTo === undefined || rewriteTo === null) return new ModelPathMatch({ prefix });
    if (rewriteTo === '') return new ModelPathMatch({ prefix, rewrite: { prefix: { defaultPrefix: 'DISABLED' } } });
    return new ModelPathMatch({ prefix, rewrite: { prefix: { value: rewriteTo } } });
  }

  /**
   * The path starts with `prefix`, and the default prefix rewrite (to `/`) is written out
   * explicitly (`defaultPrefix: ENABLED`). Behaves as `startsWith(prefix)`.
   * @param prefix the prefix to match, starting with `/`
   */
  public static startsWithDefaultRewrite(prefix: string): HttpGatewayRoutePathMatch {
    return new ModelPathMatch({ prefix, rewrite: { prefix: { defaultPrefix: 'ENABLED' } } });
  }

  /**
   * The path is exactly `path`.
   *
   * @param path the path to match, starting with `/`
   * @param rewriteTo the path to send to the target instead (starting with `/`)
   *   @default - the path is not rewritten
   */
  public static exactly(path: string, rewriteTo?: string): HttpGatewayRoutePathMatch {
    return new ModelPathMatch({ path: { exact: path }, rewrite: pathRewrite(rewriteTo) });
  }

  /**
   * The path matches the RE2 regular expression `regex`.
   *
   * @param regex the expression the whole path must match
   * @param rewriteTo the path to send to the target instead (starting with `/`)
   *   @default - the path is not rewritten
   */
  public static regex(regex: string, rewriteTo?: string): HttpGatewayRoutePathMatch {
    return new ModelPathMatch({ path: { regex }, rewrite: pathRewrite(rewriteTo) });
  }

  /** @internal */
  public abstract _toModel(): GatewayRoutePathModel;
}

function pathRewrite(rewriteTo: string | undefined): GatewayRoutePathModel['rewrite'] {
  return rewriteTo === undefined || rewriteTo === null ? undefined : { path: { exact: rewriteTo } };
}

class ModelPathMatch extends HttpGatewayRoutePathMatch {
  constructor(private readonly model: GatewayRoutePathModel) { super(); }
  public _toModel(): GatewayRoutePathModel { return this.model; }
}

/**
 * How a gateway route matches the request's host name (the Host header, or gRPC :authority).
 */
export abstract class GatewayRouteHostnameMatch {
  /**
   * The host name is exactly `name` (1–253 characters).
   * @param name the host name, for example `shop.example.com`
   */
  public static exactly(name: string): GatewayRouteHostnameMatch {
    return new ModelHostnameMatch({ exact: name });
  }

  /**
   * The host name ends with `suffix` (1–253 characters), for example `.example.com`.
   * @param suffix the host name suffix, for example `.example.com`
   */
  public static endsWith(suffix: string): GatewayRouteHostnameMatch {
    return new ModelHostnameMatch({ suffix });
  }

  /** @internal */
  public abstract _toModel(): { exact?: string; suffix?: string };
}

class ModelHostnameMatch extends GatewayRouteHostnameMatch {
  constructor(private readonly model: { exact?: string; suffix?: string }) { super(); }
  public _toModel() { return this.model; }
}

/**
 * What an HTTP or HTTP/2 gateway route matches.
 */
export interface HttpGatewayRouteMatch {
  /**
   * The request path, and how it is rewritten.
   * @default - HttpGatewayRoutePathMatch.startsWith('/'): every path, with App Mesh's default prefix rewrite
   */
  readonly path?: HttpGatewayRoutePathMatch;
  /**
   * Headers the request must carry (1–10).
   * @default - headers are not matched
   */
  readonly headers?: HeaderMatch[];
  /**
   * The request's host name.
   * @default - any host name
   */
  readonly hostname?: GatewayRouteHostnameMatch;
  /**
   * The HTTP method.
   * @default - any method
   */
  readonly method?: HttpRouteMethod;
  /**
   * Query parameters the request must carry (1–10).
   * @default - query parameters are not matched
   */
  readonly queryParameters?: QueryParameterMatch[];
  /**
   * Whether the Host header is rewritten to the target virtual service's name.
   * `false` writes `defaultTargetHostname: DISABLED`, `true` writes `ENABLED`.
   * @default - App Mesh's default (the host name is rewritten); no rewrite block is written
   */
  readonly rewriteRequestHostname?: boolean;
  /**
   * The gateway listener port the route serves. Required when the gateway has more than one listener.
   * @default - the gateway's only listener
   */
  readonly port?: number;
}

/**
 * What a gRPC gateway route matches. At least one of serviceName, hostname, metadata and port is needed.
 */
export interface GrpcGatewayRouteMatch {
  /**
   * The fully qualified gRPC service name, for example `shop.Catalog`.
   * @default - any service
   */
  readonly serviceName?: string;
  /**
   * The request's host name (:authority).
   * @default - any host name
   */
  readonly hostname?: GatewayRouteHostnameMatch;
  /**
   * Metadata the request must carry (1–10).
   * @default - metadata is not matched
   */
  readonly metadata?: HeaderMatch[];
  /**
   * Whether :authority is rewritten to the target virtual service's name.
   * `false` writes `defaultTargetHostname: DISABLED`, `true` writes `ENABLED`.
   * @default - App Mesh's default (the host name is rewritten); no rewrite block is written
   */
  readonly rewriteRequestHostname?: boolean;
  /**
   * The gateway listener port the route serves. Required when the gateway has more than one listener.
   * @default - the gateway's only listener
   */
  readonly port?: number;
}

/**
 * Options every gateway route spec has.
 */
export interface CommonGatewayRouteSpecOptions {
  /** The virtual service requests are sent to (same mesh as the gateway). */
  readonly routeTarget: IVirtualService;
  /**
   * The listener port of the target service's provider to send to. Required when the provider
   * (virtual node or virtual router) has more than one listener.
   * @default - the provider's only listener
   */
  readonly targetPort?: number;
  /**
   * Priority among the gateway's routes: 0 (first) to 1000.
   * @default - no priority: App Mesh orders by the longest match
   */
  readonly priority?: number;
}

/**
 * Options of an HTTP or HTTP/2 gateway route.
 */
export interface HttpGatewayRouteSpecOptions extends CommonGatewayRouteSpecOptions {
  /**
   * What the route matches.
   * @default - every request (path prefix `/`)
   */
  readonly match?: HttpGatewayRouteMatch;
}

/**
 * Options of a gRPC gateway route.
 */
export interface GrpcGatewayRouteSpecOptions extends CommonGatewayRouteSpecOptions {
  /** What the route matches. */
  readonly match: GrpcGatewayRouteMatch;
}

/**
 * What a gateway route matches and where it sends the traffic: an HTTP, HTTP/2 or gRPC route
 * (App Mesh gateways have no tcp routes).
 * @see https://docs.aws.amazon.com/app-mesh/latest/userguide/gateway-routes.html
 */
export abstract class GatewayRouteSpec {
  /**
   * An HTTP/1.1 gateway route.
   * @param options the match, the target virtual service and the priority
   */
  public static http(options: HttpGatewayRouteSpecOptions): GatewayRouteSpec {
    return new HttpGatewayRouteSpec('httpRoute', options);
  }

  /**
   * An HTTP/2 gateway route.
   * @param options the match, the target virtual service and the priority
   */
  public static http2(options: HttpGatewayRouteSpecOptions): GatewayRouteSpec {
    return new HttpGatewayRouteSpec('http2Route', options);
  }

  /**
   * A gRPC gateway route.
   * @param options the match, the target virtual service and the priority
   */
  public static grpc(options: GrpcGatewayRouteSpecOptions): GatewayRouteSpec {
    return new GrpcGatewayRouteSpec(options);
  }

  /** The target virtual service, for creation order and mesh rules. @internal */
  public abstract readonly _routeTarget: IVirtualService | undefined;

  /** @internal */
  public abstract _toModel(): GatewayRouteSpecModel;
}

type Body = GatewayRouteBodyModel;
type Rewrite = NonNullable<Body['action']['rewrite']>;

const HEADER_MATCH = 'HeaderMatch (HeaderMatch.valueIs(...) and friends)';

/** The target: a virtual service by plain name, and the provider's listener port. */
function targetModel(routeTarget: unknown, targetPort: unknown): Body['action']['target'] {
  let virtualService: { virtualServiceName: string } | InvalidInput | undefined;
  if (routeTarget === undefined || routeTarget === null) {
    virtualService = undefined;
  } else if (typeof routeTarget === 'object' && typeof (routeTarget as Partial<IVirtualService>).virtualServiceName === 'string') {
    virtualService = { virtualServiceName: (routeTarget as IVirtualService).virtualServiceName };
  } else {
    virtualService = new InvalidInput(routeTarget, 'an IVirtualService (a VirtualService or an imported one)');
  }
  return { virtualService, port: targetPort } as Body['action']['target'];
}

function hostnameRewrite(value: unknown): Rewrite['hostname'] {
  if (value === undefined || value === null) return undefined;
  const defaultTargetHostname = typeof value === 'boolean' ? (value ? 'ENABLED' : 'DISABLED')
    : new InvalidInput(value, 'true or false (rewriteRequestHostname)');
  return { defaultTargetHostname } as Rewrite['hostname'];
}

/** A rewrite block, or nothing when nothing is rewritten. */
function rewriteModel(rewrite: Rewrite): Rewrite | undefined {
  return Object.values(rewrite).some((v) => v !== undefined) ? rewrite : undefined;
}

/** A match struct given from plain JavaScript as something that is not an object. */
function matchObject<T>(match: T | undefined): { value: Partial<T>; invalid?: InvalidInput } {
  if (match === undefined || match === null) return { value: {} };
  if (typeof match !== 'object' || Array.isArray(match)) {
    return { value: {}, invalid: new InvalidInput(match, 'a match object') };
  }
  return { value: match };
}

class HttpGatewayRouteSpec extends GatewayRouteSpec {
  constructor(private readonly key: 'httpRoute' | 'http2Route', private readonly options: HttpGatewayRouteSpecOptions) {
    super();
  }

  public get _routeTarget(): IVirtualService | undefined {
    return this.options?.routeTarget;
  }

  public _toModel(): GatewayRouteSpecModel {
    const o: Partial<HttpGatewayRouteSpecOptions> = this.options ?? {};
    const { value: m, invalid } = matchObject(o.match);
    const pathMatch = renderPart<GatewayRoutePathModel>(m.path ?? HttpGatewayRoutePathMatch.startsWith('/'),
      'an HttpGatewayRoutePathMatch (HttpGatewayRoutePathMatch.startsWith(...) and friends)');
    const path = pathMatch instanceof InvalidInput ? undefined : pathMatch;
    const match = invalid ?? {
      prefix: path?.prefix,
      path: pathMatch instanceof InvalidInput ? pathMatch : path?.path,
      // An empty list is kept (not dropped as absent), so the rules report it as a Route's would.
      headers: matchList(m.headers, HEADER_MATCH),
      queryParameters: matchList(m.queryParameters, 'QueryParameterMatch (QueryParameterMatch.valueIs(...))'),
      method: m.method,
      hostname: renderPart(m.hostname, 'a GatewayRouteHostnameMatch (GatewayRouteHostnameMatch.exactly(...) or .endsWith(...))'),
      port: m.port,
    };
    const body = {
      match,
      action: {
        target: targetModel(o.routeTarget, o.targetPort),
        rewrite: rewriteModel({
          prefix: path?.rewrite?.prefix,
          path: path?.rewrite?.path,
          hostname: hostnameRewrite(m.rewriteRequestHostname),
        }),
      },
    } as Body;
    return { priority: o.priority, [this.key]: body };
  }
}

class GrpcGatewayRouteSpec extends GatewayRouteSpec {
  constructor(private readonly options: GrpcGatewayRouteSpecOptions) {
    super();
  }

  public get _routeTarget(): IVirtualService | undefined {
    return this.options?.routeTarget;
  }

  public _toModel(): GatewayRouteSpecModel {
    const o: Partial<GrpcGatewayRouteSpecOptions> = this.options ?? {};
    const { value: m, invalid } = matchObject(o.match);
    const match = invalid ?? {
      serviceName: m.serviceName,
      hostname: renderPart(m.hostname, 'a GatewayRouteHostnameMatch (GatewayRouteHostnameMatch.exactly(...) or .endsWith(...))'),
      metadata: matchList(m.metadata, HEADER_MATCH),
      port: m.port,
    };
    const body = {
      match,
      action: {
        target: targetModel(o.routeTarget, o.targetPort),
        rewrite: rewriteModel({ hostname: hostnameRewrite(m.rewriteRequestHostname) }),
      },
    } as Body;
    return { priority: o.priority, grpcRoute: body };
  }
}
