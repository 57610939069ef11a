import { InvalidInput } from './model/invalid-input';
import { ConnectionPoolModel, Protocol } from './model/spec';
import { hasMethod, renderPart } from './private/render';

/** Limits of an HTTP connection pool. */
export interface HttpConnectionPoolOptions {
  /** Most connections to all hosts together (at least 1). */
  readonly maxConnections: number;
  /**
   * Most requests queued while waiting for a connection (at least 1).
   * @default - App Mesh's default of 2147483647
   */
  readonly maxPendingRequests?: number;
}

/** Limits of an HTTP/2 or gRPC connection pool. */
export interface RequestConnectionPoolOptions {
  /** Most requests in flight to all hosts together (at least 1). */
  readonly maxRequests: number;
}

/** Limits of a TCP connection pool. */
export interface TcpConnectionPoolOptions {
  /** Most connections to all hosts together (at least 1). */
  readonly maxConnections: number;
}

/**
 * A listener's connection pool as a plain object, the shape aws-cdk-lib/aws-appmesh takes
 * (`HttpConnectionPool`, `Http2ConnectionPool`, `GrpcConnectionPool`, `TcpConnectionPool` in one):
 * the listener's protocol picks the fields that apply (http: `maxConnections` and `maxPendingRequests`,
 * http2 and grpc: `maxRequests`, tcp: `maxConnections`). A `ConnectionPool` fits it too.
 */
export interface ListenerConnectionPool {
  /**
   * Most connections to all hosts together (http and tcp listeners).
   * @default - none
   */
  readonly maxConnections?: number;
  /**
   * Most requests queued while waiting for a connection (http listeners).
   * @default - App Mesh's default of 2147483647
   */
  readonly maxPendingRequests?: number;
  /**
   * Most requests in flight to all hosts together (http2 and grpc listeners).
   * @default - none
   */
  readonly maxRequests?: number;
}

/** aws-cdk-lib/aws-appmesh's name of an HTTP listener's connection pool. */
export interface HttpConnectionPool extends HttpConnectionPoolOptions {}
/** aws-cdk-lib/aws-appmesh's name of an HTTP/2 listener's connection pool. */
export interface Http2ConnectionPool extends RequestConnectionPoolOptions {}
/** aws-cdk-lib/aws-appmesh's name of a gRPC listener's connection pool. */
export interface GrpcConnectionPool extends RequestConnectionPoolOptions {}
/** aws-cdk-lib/aws-appmesh's name of a TCP listener's connection pool. */
export interface TcpConnectionPool extends TcpConnectionPoolOptions {}

/**
 * The destination-side connection pool of a listener; its protocol must be the listener's.
 * @see https://docs.aws.amazon.com/app-mesh/latest/userguide/virtual_nodes.html
 */
export abstract class ConnectionPool {
  /**
   * An HTTP/1.1 pool: connections, and requests queued for one.
   * @param options the pool limits: maxConnections and maxPendingRequests
   */
  public static http(options: HttpConnectionPoolOptions): ConnectionPool {
    return new ModelConnectionPool({ http: { maxConnections: options?.maxConnections, maxPendingRequests: options?.maxPendingRequests } });
  }

  /**
   * An HTTP/2 pool: requests in flight.
   * @param options the pool limit: maxRequests
   */
  public static http2(options: RequestConnectionPoolOptions): ConnectionPool {
    return new ModelConnectionPool({ http2: { maxRequests: options?.maxRequests } });
  }

  /**
   * A gRPC pool: requests in flight.
   * @param options the pool limit: maxRequests
   */
  public static grpc(options: RequestConnectionPoolOptions): ConnectionPool {
    return new ModelConnectionPool({ grpc: { maxRequests: options?.maxRequests } });
  }

  /**
   * A TCP pool: connections.
   * @param options the pool limit: maxConnections
   */
  public static tcp(options: TcpConnectionPoolOptions): ConnectionPool {
    return new ModelConnectionPool({ tcp: { maxConnections: options?.maxConnections } });
  }

  /** Most connections (http and tcp pools). */
  public readonly maxConnections?: number;
  /** Most queued requests (http pools). */
  public readonly maxPendingRequests?: number;
  /** Most requests in flight (http2 and grpc pools). */
  public readonly maxRequests?: number;

  /** @param limits the pool's limits, as an aws-cdk-lib/aws-appmesh listener pool object */
  protected constructor(limits: ListenerConnectionPool) {
    this.maxConnections = limits.maxConnections;
    this.maxPendingRequests = limits.maxPendingRequests;
    this.maxRequests = limits.maxRequests;
  }

  /** @internal */
  public abstract _toModel(): ConnectionPoolModel;
}

class ModelConnectionPool extends ConnectionPool {
  constructor(private readonly model: ConnectionPoolModel) {
    super({ ...model.http, ...model.http2, ...model.grpc, ...model.tcp });
  }

  public _toModel(): ConnectionPoolModel { return this.model; }
}

/** A listener's connection pool: a `ConnectionPool`, or a plain object read for the listener's protocol. */
export function connectionPoolModel(pool: unknown, protocol: Protocol, expected: string): ConnectionPoolModel | InvalidInput | undefined {
  if (pool === undefined || pool === null || hasMethod(pool, '_toModel')) return renderPart(pool, expected);
  if (typeof pool !== 'object' || Array.isArray(pool)) return new InvalidInput(pool, expected);
  const p = pool as ListenerConnectionPool;
  if (protocol === 'http') return { http: { maxConnections: p.maxConnections!, maxPendingRequests: p.maxPendingRequests } };
  if (protocol === 'tcp') return { tcp: { maxConnections: p.maxConnections! } };
  return { [protocol]: { maxRequests: p.maxRequests! } };
}
