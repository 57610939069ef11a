import { ListenerConnectionPool, connectionPoolModel } from './connection-pool';
import { HealthCheck } from './health-check';
import { Protocol, VirtualGatewayListenerModel, ListenerTlsModel } from './model/spec';
import { listenerOptions, listenerPort, renderPart } from './private/render';
import { listenerTlsModel } from './private/render-tls';
import { ListenerTlsOptions } from './tls';

/**
 * Options of a virtual gateway listener.
 */
export interface VirtualGatewayListenerOptions {
  /**
   * Port the gateway's Envoy listens on (Fargate: above 1024; lower ports need CAP_NET_BIND_SERVICE).
   * @default 8080
   */
  readonly port?: number;
  /**
   * Active health check of the gateway's Envoy (http, http2 or grpc; gateways have no tcp health check).
   * @default - no health check
   */
  readonly healthCheck?: HealthCheck;
  /**
   * TLS termination, optionally mutual.
   * @default - plaintext, or the mesh's mutual TLS when `Mesh.requireMutualTls` was called
   */
  readonly tls?: ListenerTlsOptions;
  /**
   * Connection pool of the listener; its protocol must be the listener's.
   * @default - no limits
   */
  readonly connectionPool?: ListenerConnectionPool;
}

/** aws-cdk-lib/aws-appmesh's name of the options of `VirtualGatewayListener.http`. */
export interface HttpGatewayListenerOptions extends VirtualGatewayListenerOptions {}
/** aws-cdk-lib/aws-appmesh's name of the options of `VirtualGatewayListener.http2`. */
export interface Http2GatewayListenerOptions extends VirtualGatewayListenerOptions {}
/** aws-cdk-lib/aws-appmesh's name of the options of `VirtualGatewayListener.grpc`. */
export interface GrpcGatewayListenerOptions extends VirtualGatewayListenerOptions {}

/**
 * A port a virtual gateway accepts traffic on. A gateway may have several (one per port).
 * App Mesh gateways have no tcp listeners.
 * @see https://docs.aws.amazon.com/app-mesh/latest/userguide/virtual_gateways.html
 */
export abstract class VirtualGatewayListener {
  /**
   * An HTTP/1.1 listener.
   * @param options port, health check, TLS and connection pool
   */
  public static http(options: HttpGatewayListenerOptions = {}): VirtualGatewayListener {
    return new ProtocolGatewayListener('http', options);
  }

  /**
   * An HTTP/2 listener.
   * @param options port, health check, TLS and connection pool
   */
  public static http2(options: Http2GatewayListenerOptions = {}): VirtualGatewayListener {
    return new ProtocolGatewayListener('http2', options);
  }

  /**
   * A gRPC listener.
   * @param options port, health check, TLS and connection pool
   */
  public static grpc(options: GrpcGatewayListenerOptions = {}): VirtualGatewayListener {
    return new ProtocolGatewayListener('grpc', options);
  }

  /** @internal */
  public abstract _toModel(meshTls?: ListenerTlsModel): VirtualGatewayListenerModel;
}

class ProtocolGatewayListener extends VirtualGatewayListener {
  constructor(private readonly protocol: Protocol, private readonly options: VirtualGatewayListenerOptions) {
    super();
  }

  public _toModel(meshTls?: ListenerTlsModel): VirtualGatewayListenerModel {
    const o = listenerOptions(this.options);
    const port = listenerPort(this.options, `VirtualGatewayListener.${this.protocol}`);
    return {
      portMapping: { port, protocol: this.protocol },
      healthCheck: renderPart(o.healthCheck, 'a HealthCheck (HealthCheck.http(...), .http2(...) or .grpc(...))', typeof port === 'number' ? port : undefined),
      // The listener's own TLS, even DISABLED, wins over the mesh-wide mutual TLS.
      tls: o.tls !== undefined && o.tls !== null ? listenerTlsModel(o.tls) : meshTls,
      connectionPool: connectionPoolModel(o.connectionPool, this.protocol, 'a ConnectionPool (ConnectionPool.http(...), .http2(...) or .grpc(...))'),
    } as VirtualGatewayListenerModel;
  }
}
