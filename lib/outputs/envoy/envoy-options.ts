import { Duration } from 'aws-cdk-lib';
import { EnvoyTracing } from './envoy-tracing';

/**
 * Envoy's log levels (`ENVOY_LOG_LEVEL`).
 */
export enum EnvoyLogLevel {
  /** Everything, including per-request detail: for short debugging sessions only. */
  TRACE = 'trace',
  /** Debug detail, such as configuration updates received from the management server. */
  DEBUG = 'debug',
  /** Informational messages (App Mesh's default). */
  INFO = 'info',
  /** Warnings and errors only. */
  WARN = 'warn',
  /** Errors only. */
  ERROR = 'error',
  /** Critical errors only. */
  CRITICAL = 'critical',
  /** No Envoy logs, while access logs on stdout still appear. */
  OFF = 'off',
}

/**
 * Options of an App Mesh Envoy proxy. Each mirrors one of the environment variables the App Mesh
 * Envoy image reads, with its documented default; the same options give both the bootstrap and
 * the container environment, so the two cannot disagree.
 * @see https://docs.aws.amazon.com/app-mesh/latest/userguide/envoy-config.html
 */
export interface AppMeshEnvoyOptions {
  /**
   * AWS Region of the mesh (`AWS_REGION`): the management endpoint and request signing use it.
   * @default - the stack's Region
   */
  readonly region?: string;
  /**
   * Name the resource by `APPMESH_VIRTUAL_NODE_NAME` (`mesh/<mesh>/virtualNode/<name>`) instead of
   * `APPMESH_RESOURCE_ARN`, for Envoy images older than 1.15.
   * @default false
   */
  readonly legacyNodeName?: boolean;
  /**
   * Overrides the resource's name in metrics and traces (`APPMESH_RESOURCE_CLUSTER`).
   * @default - the resource's identity
   */
  readonly resourceCluster?: string;
  /**
   * Envoy's log level (`ENVOY_LOG_LEVEL`).
   * @default EnvoyLogLevel.INFO
   */
  readonly logLevel?: EnvoyLogLevel;
  /**
   * The management endpoint (`APPMESH_XDS_ENDPOINT`).
   * @default - appmesh-envoy-management.<region>.amazonaws.com:443
   */
  readonly xdsEndpoint?: string;
  /**
   * How long Envoy waits for its first configuration (`ENVOY_INITIAL_FETCH_TIMEOUT`); zero waits forever.
   * @default Duration.seconds(0)
   */
  readonly initialFetchTimeout?: Duration;
  /**
   * Admin interface port (`ENVOY_ADMIN_ACCESS_PORT`).
   * @default 9901
   */
  readonly adminPort?: number;
  /**
   * Admin interface access log (`ENVOY_ADMIN_ACCESS_LOG_FILE`).
   * @default /tmp/envoy_admin_access.log
   */
  readonly adminAccessLogPath?: string;
  /**
   * Where outlier ejections are logged (`ENVOY_OUTLIER_DETECTION_EVENT_LOG_PATH`).
   * @default /dev/stdout
   */
  readonly outlierDetectionEventLogPath?: string;
  /**
   * Tag metrics with `appmesh.mesh` and the resource name (`ENABLE_ENVOY_STATS_TAGS`).
   * @default false
   */
  readonly statsTags?: boolean;
  /**
   * How often stats are flushed to sinks (`ENVOY_STATS_FLUSH_INTERVAL`).
   * @default - Envoy's default of 5 seconds
   */
  readonly statsFlushInterval?: Duration;
  /**
   * Send metrics to a DogStatsD agent (`ENABLE_ENVOY_DOG_STATSD`).
   * @default false
   */
  readonly dogStatsd?: boolean;
  /**
   * Send metrics to a plain statsd server (Envoy's statsd sink), at statsdAddress and statsdPort.
   * The App Mesh image has no environment variable for this sink: it is in the bootstrap only, so
   * run Envoy with this bootstrap (for example through ENVOY_CONFIG_FILE) to get it.
   * @default false
   */
  readonly statsd?: boolean;
  /**
   * DogStatsD or statsd address (`STATSD_ADDRESS`).
   * @default 127.0.0.1
   */
  readonly statsdAddress?: string;
  /**
   * DogStatsD or statsd port (`STATSD_PORT`).
   * @default 8125
   */
  readonly statsdPort?: number;
  /**
   * DogStatsD Unix socket (`STATSD_SOCKET_PATH`), used instead of address and port.
   * @default - address and port
   */
  readonly statsdSocketPath?: string;
  /**
   * The tracer (one of X-Ray, Datadog, Jaeger).
   * @default - no tracing
   */
  readonly tracing?: EnvoyTracing;
  /**
   * Unix socket of an SDS provider (`APPMESH_SDS_SOCKET_PATH`), for SDS certificates.
   * @default - no SDS cluster
   */
  readonly sdsSocketPath?: string;
}
