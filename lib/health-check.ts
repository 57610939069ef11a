import { Duration } from 'aws-cdk-lib';
import { HealthCheckModel, Protocol } from './model/spec';
import { durationMillis } from './private/duration';

/**
 * Options for every health check.
 */
export interface HealthCheckOptions {
  /**
   * Consecutive successes before the target counts as healthy (2–10).
   * @default 2
   */
  readonly healthyThreshold?: number;
  /**
   * Consecutive failures before the target counts as unhealthy (2–10).
   * @default 2
   */
  readonly unhealthyThreshold?: number;
  /**
   * Time between checks (5–300 seconds).
   * @default Duration.seconds(5)
   */
  readonly interval?: Duration;
  /**
   * How long to wait for an answer (2–60 seconds).
   * @default Duration.seconds(2)
   */
  readonly timeout?: Duration;
  /**
   * Port to check. App Mesh requires it to be the listener's own port (AMK_HEALTH_CHECK_PORT);
   * it is here because the API has the field.
   * @default - the listener's port
   */
  readonly port?: number;
}

/**
 * Options for HTTP and HTTP/2 health checks.
 */
export interface HttpHealthCheckOptions extends HealthCheckOptions {
  /**
   * Path to request.
   * @default /
   */
  readonly path?: string;
}

/** aws-cdk-lib/aws-appmesh's name of the options of `HealthCheck.grpc`. */
export interface GrpcHealthCheckOptions extends HealthCheckOptions {}
/** aws-cdk-lib/aws-appmesh's name of the options of `HealthCheck.tcp`. */
export interface TcpHealthCheckOptions extends HealthCheckOptions {}

/**
 * An active health check of a listener.
 * @see https://docs.aws.amazon.com/app-mesh/latest/userguide/virtual_nodes.html
 */
export abstract class HealthCheck {
  /**
   * An HTTP health check (2xx answers are healthy).
   * @param options thresholds, interval, timeout, port and path
   */
  public static http(options: HttpHealthCheckOptions = {}): HealthCheck {
    return new ProtocolHealthCheck('http', options ?? {}, options?.path ?? '/');
  }

  /**
   * An HTTP/2 health check.
   * @param options thresholds, interval, timeout, port and path
   */
  public static http2(options: HttpHealthCheckOptions = {}): HealthCheck {
    return new ProtocolHealthCheck('http2', options ?? {}, options?.path ?? '/');
  }

  /**
   * A gRPC health check (the target must implement the gRPC Health Checking Protocol).
   * @param options thresholds, interval, timeout and port
   */
  public static grpc(options: GrpcHealthCheckOptions = {}): HealthCheck {
    return new ProtocolHealthCheck('grpc', options ?? {}, (options as HttpHealthCheckOptions | undefined)?.path);
  }

  /**
   * A TCP connect check.
   * @param options thresholds, interval, timeout and port
   */
  public static tcp(options: TcpHealthCheckOptions = {}): HealthCheck {
    return new ProtocolHealthCheck('tcp', options ?? {}, (options as HttpHealthCheckOptions | undefined)?.path);
  }

  /** @internal */
  public abstract _toModel(listenerPort: number): HealthCheckModel;
}

class ProtocolHealthCheck extends HealthCheck {
  constructor(private readonly protocol: Protocol, private readonly options: HealthCheckOptions,
    // A path on a grpc or tcp check only arrives from plain JavaScript; it is kept so the rules can report it.
    private readonly path: string | undefined) {
    super();
  }

  public _toModel(listenerPort: number): HealthCheckModel {
    const o = this.options ?? {};
    return {
      protocol: this.protocol,
      port: o.port ?? listenerPort,
      path: this.path,
      healthyThreshold: o.healthyThreshold ?? 2,
      unhealthyThreshold: o.unhealthyThreshold ?? 2,
      intervalMillis: durationMillis(o.interval) ?? 5000,
      timeoutMillis: durationMillis(o.timeout) ?? 2000,
    } as HealthCheckModel;
  }
}
