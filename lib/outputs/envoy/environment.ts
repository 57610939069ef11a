import { initialFetchTimeoutSeconds } from './bootstrap';
import { AppMeshEnvoyOptions } from './envoy-options';
import { ProxyIdentity } from './identity';

/**
 * The App Mesh Envoy image's environment for these options. Only what differs from the image's
 * defaults is set (plus the identity and Region), in a stable order.
 */
export function appMeshEnvironment(id: ProxyIdentity, o: AppMeshEnvoyOptions): Record<string, string> {
  const env: Record<string, string> = {};
  const set = (name: string, value: string | number | boolean | undefined) => {
    if (value !== undefined) env[name] = String(value);
  };
  if (o.legacyNodeName) set('APPMESH_VIRTUAL_NODE_NAME', id.shortName);
  else set('APPMESH_RESOURCE_ARN', id.resourceArn);
  set('AWS_REGION', id.region);
  set('APPMESH_RESOURCE_CLUSTER', o.resourceCluster);
  set('ENVOY_LOG_LEVEL', o.logLevel ?? 'info');
  set('APPMESH_XDS_ENDPOINT', o.xdsEndpoint);
  set('ENVOY_INITIAL_FETCH_TIMEOUT', o.initialFetchTimeout !== undefined ? initialFetchTimeoutSeconds(o) : undefined);
  set('ENVOY_ADMIN_ACCESS_PORT', o.adminPort);
  set('ENVOY_ADMIN_ACCESS_LOG_FILE', o.adminAccessLogPath);
  set('ENVOY_OUTLIER_DETECTION_EVENT_LOG_PATH', o.outlierDetectionEventLogPath);
  if (o.statsTags) set('ENABLE_ENVOY_STATS_TAGS', 1);
  if (o.statsFlushInterval) set('ENVOY_STATS_FLUSH_INTERVAL', `${o.statsFlushInterval.toMilliseconds()}ms`);
  if (o.dogStatsd) {
    set('ENABLE_ENVOY_DOG_STATSD', 1);
    set('STATSD_ADDRESS', o.statsdAddress);
    set('STATSD_PORT', o.statsdPort);
    set('STATSD_SOCKET_PATH', o.statsdSocketPath);
  }
  const tracing = o.tracing?._settings;
  if (tracing?.kind === 'xray') {
    set('ENABLE_ENVOY_XRAY_TRACING', 1);
    set('AWS_XRAY_DAEMON_ADDRESS', tracing.address === '127.0.0.1' ? undefined : tracing.address);
    set('XRAY_DAEMON_PORT', tracing.port === 2000 ? undefined : tracing.port);
    set('XRAY_SEGMENT_NAME', tracing.name);
  } else if (tracing?.kind === 'datadog') {
    set('ENABLE_ENVOY_DATADOG_TRACING', 1);
    set('DATADOG_TRACER_ADDRESS', tracing.address === '127.0.0.1' ? undefined : tracing.address);
    set('DATADOG_TRACER_PORT', tracing.port === 8126 ? undefined : tracing.port);
    set('DD_SERVICE', tracing.name);
  } else if (tracing?.kind === 'jaeger') {
    set('ENABLE_ENVOY_JAEGER_TRACING', 1);
    set('JAEGER_TRACER_ADDRESS', tracing.address === '127.0.0.1' ? undefined : tracing.address);
    set('JAEGER_TRACER_PORT', tracing.port === 9411 ? undefined : tracing.port);
    if (tracing.jsonEncoding) set('JAEGER_TRACER_VERSION', 'json');
  }
  set('APPMESH_SDS_SOCKET_PATH', o.sdsSocketPath);
  return Object.fromEntries(Object.keys(env).sort().map((k) => [k, env[k]]));
}
