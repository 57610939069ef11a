import { ListenerConnectionPool, connectionPoolModel } from './connection-pool';
import { HealthCheck } from './health-check';
import { InvalidInput } from './model/invalid-input';
import { ListenerTlsModel, Protocol, VirtualNodeListenerModel } from './model/spec';
import { OutlierDetection } from './outlier-detection';
import { durationModel } from './private/duration';
import { listenerOptions, listenerPort, renderPart } from './private/render';
import { listenerTlsModel } from './private/render-tls';
import { ListenerTimeout } from './timeouts';
import { ListenerTlsOptions } from './tls';

/**
 * Options of a virtual node listener.
 */
export interface VirtualNodeListenerOptions {
  /**
   * Port the application listens on (Envoy intercepts it).
   * @default 8080
   */
  readonly port?: number;
  /**
   * Active health check of the application.
   * @default - no health check
   */
  readonly healthCheck?: HealthCheck;
  /**
   * TLS termination, optionally mutual.
   * @default - plaintext
   */
  readonly tls?: ListenerTlsOptions;
  /**
   * Passive health checking (outlier ejection).
   * @default - none
   */
  readonly outlierDetection?: OutlierDetection;
  /**
   * Per-request and idle timeouts (tcp listeners: idle only).
   * @default - App Mesh's defaults (15 s per request, 300 s idle)
   */
  readonly timeout?: ListenerTimeout;
  /**
   * Destination-side connection pool; its protocol must be the listener's.
   * @default - no limits
   */
  readonly connectionPool?: ListenerConnectionPool;
}

/** aws-cdk-lib/aws-appmesh's name of the options of `VirtualNodeListener.http`. */
export interface HttpVirtualNodeListenerOptions extends VirtualNodeListenerOptions {}
/** aws-cdk-lib/aws-appmesh's name of the options of `VirtualNodeListener.http2`. */
export interface Http2VirtualNodeListenerOptions extends VirtualNodeListenerOptions {}
/** aws-cdk-lib/aws-appmesh's name of the options of `VirtualNodeListener.grpc`. */
export interface GrpcVirtualNodeListenerOptions extends VirtualNodeListenerOptions {}
/** aws-cdk-lib/aws-appmesh's name of the options of `VirtualNodeListener.tcp`. */
export interface TcpVirtualNodeListenerOptions extends VirtualNodeListenerOptions {}

/**
 * A port a virtual node accepts traffic on. A node may have several (one per port).
 * @see https://docs.aws.amazon.com/app-mesh/latest/userguide/virtual_nodes.html
 */
export abstract class VirtualNodeListener {
  /**
   * An HTTP/1.1 listener (websocket upgrades included).
   * @param options port, health check, timeouts, outlier detection, TLS and connection pool
   */
  public static http(options: HttpVirtualNodeListenerOptions = {}): VirtualNodeListener {
    return new ProtocolListener('http', options);
  }

  /**
   * An HTTP/2 listener.
   * @param options port, health check, timeouts, outlier detection, TLS and connection pool
   */
  public static http2(options: Http2VirtualNodeListenerOptions = {}): VirtualNodeListener {
    return new ProtocolListener('http2', options);
  }

  /**
   * A gRPC listener.
   * @param options port, health check, timeouts, outlier detection, TLS and connection pool
   */
  public static grpc(options: GrpcVirtualNodeListenerOptions = {}): VirtualNodeListener {
    return new ProtocolListener('grpc', options);
  }

  /**
   * A TCP listener.
   * @param options port, health check, timeouts, outlier detection, TLS and connection pool
   */
  public static tcp(options: TcpVirtualNodeListenerOptions = {}): VirtualNodeListener {
    return new ProtocolListener('tcp', options);
  }

  /** @internal */
  public abstract _toModel(meshTls?: ListenerTlsModel): VirtualNodeListenerModel;
}

class ProtocolListener extends VirtualNodeListener {
  constructor(private readonly protocol: Protocol, private readonly options: VirtualNodeListenerOptions) {
    super();
  }

  public _toModel(meshTls?: ListenerTlsModel): VirtualNodeListenerModel {
    const o = listenerOptions(this.options);
    const port = listenerPort(this.options, `VirtualNodeListener.${this.protocol}`);
    return {
      portMapping: { port, protocol: this.protocol },
      healthCheck: renderPart(o.healthCheck, 'a HealthCheck (HealthCheck.http(...) and friends)', typeof port === 'number' ? port : undefined),
      // The listener's own TLS, even DISABLED, wins over the mesh-wide mutual TLS.
      tls: o.tls !== undefined && o.tls !== null ? listenerTlsModel(o.tls) : meshTls,
      outlierDetection: outlierDetectionModel(o.outlierDetection),
      timeout: timeoutModel(this.protocol, o.timeout),
      connectionPool: connectionPoolModel(o.connectionPool, this.protocol, 'a ConnectionPool (ConnectionPool.http(...) and friends)'),
    } as VirtualNodeListenerModel;
  }
}

function outlierDetectionModel(od: OutlierDetection | undefined) {
  if (od === undefined || od === null) return undefined;
  if (typeof od !== 'object') return new InvalidInput(od, 'an OutlierDetection ({ maxServerErrors, interval, baseEjectionDuration, maxEjectionPercent })');
  return {
    maxServerErrors: od.maxServerErrors,
    interval: durationModel(od.interval),
    baseEjectionDuration: durationModel(od.baseEjectionDuration),
    maxEjectionPercent: od.maxEjectionPercent,
  };
}

/** Timeouts sit under the listener's protocol; tcp keeps a perRequest only so the rules can report it. */
function timeoutModel(protocol: Protocol, timeout: ListenerTimeout | undefined) {
  if (timeout === undefined || timeout === null) return undefined;
  if (typeof timeout !== 'object') return new InvalidInput(timeout, 'a ListenerTimeout ({ perRequest, idle })');
  const perRequest = durationModel(timeout.perRequest);
  const idle = durationModel(timeout.idle);
  if (perRequest === undefined && idle === undefined) return undefined;
  return { [protocol]: { perRequest, idle } };
}
