import { ConnectionPoolModel } from './model/spec';

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
 * The destination-side connection pool of a listener; its protocol must be the listener's.
 * @see https://docs.aws.amazon.com/app-mesh/latest/userguide/virtual_nodes.html
 */
export abstract class ConnectionPool {
  /**
   * A pool for an http listener.
   * @param options the pool limits: maxConnections and maxPendingRequests
   */
  public static http(options: HttpConnectionPoolOptions): ConnectionPool {
    return new ModelConnectionPool({ http: { maxConnections: options?.maxConnections, maxPendingRequests: options?.maxPendingRequests } });
  }

  /**
   * A pool for an http2 listener.
   * @param options the pool limit: maxRequests
   */
  public static http2(options: RequestConnectionPoolOptions): ConnectionPool {
    return new ModelConnectionPool({ http2: { maxRequests: options?.maxRequests } });
  }

  /**
   * A pool for a grpc listener.
   * @param options the pool limit: maxRequests
   */
  public static grpc(options: RequestConnectionPoolOptions): ConnectionPool {
    return new ModelConnectionPool({ grpc: { maxRequests: options?.maxRequests } });
  }

  /**
   * A pool for a tcp listener.
   * @param options the pool limit: maxConnections
   */
  public static tcp(options: TcpConnectionPoolOptions): ConnectionPool {
    return new ModelConnectionPool({ tcp: { maxConnections: options?.maxConnections } });
  }

  /** @internal */
  public abstract _toModel(): ConnectionPoolModel;
}

class ModelConnectionPool extends ConnectionPool {
  constructor(private readonly model: ConnectionPoolModel) { super(); }
  public _toModel(): ConnectionPoolModel { return this.model; }
}
