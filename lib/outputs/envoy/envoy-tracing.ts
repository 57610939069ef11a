/**
 * X-Ray tracing options.
 */
export interface XRayTracingOptions {
  /**
   * Address of the X-Ray daemon (an IP literal, as App Mesh's Envoy requires).
   * @default 127.0.0.1
   */
  readonly daemonAddress?: string;
  /**
   * UDP port of the X-Ray daemon.
   * @default 2000
   */
  readonly daemonPort?: number;
  /**
   * Segment name.
   * @default - `<mesh>/<resource>`
   */
  readonly segmentName?: string;
}

/**
 * Datadog tracing options.
 */
export interface DatadogTracingOptions {
  /**
   * Address of the Datadog agent.
   * @default 127.0.0.1
   */
  readonly address?: string;
  /**
   * Port of the Datadog agent's trace intake.
   * @default 8126
   */
  readonly port?: number;
  /**
   * Service name the traces carry.
   * @default - `envoy-<mesh>/<resource>`
   */
  readonly serviceName?: string;
}

/**
 * Jaeger (Zipkin protocol) tracing options.
 */
export interface JaegerTracingOptions {
  /**
   * Address of the Jaeger collector.
   * @default 127.0.0.1
   */
  readonly address?: string;
  /**
   * Port of the Jaeger collector's Zipkin endpoint.
   * @default 9411
   */
  readonly port?: number;
  /**
   * Send spans as JSON instead of protobuf.
   * @default false
   */
  readonly jsonEncoding?: boolean;
}

/** @internal */
export interface TracingSettings {
  readonly kind: 'xray' | 'datadog' | 'jaeger';
  readonly address: string;
  readonly port: number;
  readonly name?: string;
  readonly jsonEncoding?: boolean;
}

/**
 * Which tracer the Envoy proxy reports to (App Mesh's Envoy supports one at a time).
 * @see https://docs.aws.amazon.com/app-mesh/latest/userguide/envoy-config.html
 */
export abstract class EnvoyTracing {
  /**
   * AWS X-Ray, through the X-Ray daemon (`ENABLE_ENVOY_XRAY_TRACING`).
   * @param options daemon address, port and segment name
   */
  public static xray(options: XRayTracingOptions = {}): EnvoyTracing {
    return new Tracing({ kind: 'xray', address: options.daemonAddress ?? '127.0.0.1', port: options.daemonPort ?? 2000, name: options.segmentName });
  }

  /**
   * Datadog, through the Datadog agent (`ENABLE_ENVOY_DATADOG_TRACING`).
   * @param options agent address, port and service name
   */
  public static datadog(options: DatadogTracingOptions = {}): EnvoyTracing {
    return new Tracing({ kind: 'datadog', address: options.address ?? '127.0.0.1', port: options.port ?? 8126, name: options.serviceName });
  }

  /**
   * Jaeger over the Zipkin protocol (`ENABLE_ENVOY_JAEGER_TRACING`).
   * @param options collector address, port and encoding
   */
  public static jaeger(options: JaegerTracingOptions = {}): EnvoyTracing {
    return new Tracing({ kind: 'jaeger', address: options.address ?? '127.0.0.1', port: options.port ?? 9411, jsonEncoding: options.jsonEncoding ?? false });
  }

  /** @internal */
  public abstract readonly _settings: TracingSettings;
}

class Tracing extends EnvoyTracing {
  constructor(public readonly _settings: TracingSettings) { super(); }
}
