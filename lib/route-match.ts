import { HeaderMatch, HttpRouteMethod, HttpRouteProtocol, QueryParameterMatch } from './header-match';
import { HttpRouteMatchModel } from './model/spec';

/**
 * How an HTTP route matches the request path.
 * @see https://docs.aws.amazon.com/app-mesh/latest/userguide/routes.html
 */
export abstract class HttpRoutePathMatch {
  /**
   * Paths starting with `prefix` (which starts with `/`; `/` matches everything).
   * @param prefix the prefix, starting with `/`
   */
  public static startsWith(prefix: string): HttpRoutePathMatch {
    return new ModelPathMatch({ prefix });
  }

  /**
   * Exactly this path.
   * @param path the whole path, starting with `/` (1–255 characters)
   */
  public static exactly(path: string): HttpRoutePathMatch {
    return new ModelPathMatch({ path: { exact: path } });
  }

  /**
   * Paths matching an RE2 regular expression.
   * @param regex an RE2 expression the whole path must match (no look-ahead, no back-references, 1–255 characters)
   */
  public static regex(regex: string): HttpRoutePathMatch {
    return new ModelPathMatch({ path: { regex } });
  }

  /** @internal */
  public abstract _toModel(): Pick<HttpRouteMatchModel, 'prefix' | 'path'>;
}

class ModelPathMatch extends HttpRoutePathMatch {
  constructor(private readonly model: Pick<HttpRouteMatchModel, 'prefix' | 'path'>) { super(); }
  public _toModel() { return this.model; }
}

/**
 * What an http or http2 route matches. All given criteria must match.
 */
export interface HttpRouteMatch {
  /**
   * The request path.
   * @default - every path (prefix `/`)
   */
  readonly path?: HttpRoutePathMatch;
  /**
   * Headers (1–10), all of which must match.
   * @default - any headers
   */
  readonly headers?: HeaderMatch[];
  /**
   * The HTTP method.
   * @default - any method
   */
  readonly method?: HttpRouteMethod;
  /**
   * The URL scheme (http2 routes only).
   * @default - any scheme
   */
  readonly scheme?: HttpRouteProtocol;
  /**
   * The same setting as `scheme`, by aws-cdk-lib/aws-appmesh's name; it wins when both are given.
   * @default - `scheme`
   */
  readonly protocol?: HttpRouteProtocol;
  /**
   * Query parameters (1–10), all of which must match.
   * @default - any query
   */
  readonly queryParameters?: QueryParameterMatch[];
  /**
   * The router listener port (required when the router has several listeners).
   * @default - any port
   */
  readonly port?: number;
}

/**
 * What a gRPC route matches. Give at least one criterion.
 */
export interface GrpcRouteMatch {
  /**
   * The fully qualified gRPC service name.
   * @default - any service
   */
  readonly serviceName?: string;
  /**
   * The method name (needs serviceName).
   * @default - any method
   */
  readonly methodName?: string;
  /**
   * Metadata (1–10), all of which must match.
   * @default - any metadata
   */
  readonly metadata?: HeaderMatch[];
  /**
   * The router listener port (required when the router has several listeners).
   * @default - any port
   */
  readonly port?: number;
}

/**
 * What a TCP route matches.
 */
export interface TcpRouteMatch {
  /**
   * The router listener port (required when the router has several listeners).
   * @default - any port
   */
  readonly port?: number;
}
