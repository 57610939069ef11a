import { TracingSettings } from './envoy-tracing';

const ANY = 'type.googleapis.com/';

/** Names a tracer reports under; the App Mesh bootstrap also tags X-Ray segments with the mesh resource. */
export interface TracerNames {
  readonly segmentName: string;
  readonly serviceName: string;
  readonly segmentFields?: object;
}

/** The collector cluster a tracer sends to (X-Ray sends to its daemon directly, without one). */
function collectorCluster(t: TracingSettings): string | undefined {
  return t.kind === 'datadog' ? 'datadog_agent' : t.kind === 'jaeger' ? 'jaeger' : undefined;
}

/** A tracer as Envoy's tracing provider: X-Ray, Datadog, or Jaeger over the Zipkin protocol. */
export function tracerProvider(t: TracingSettings, names: TracerNames): object {
  switch (t.kind) {
    case 'xray':
      return {
        name: 'envoy.tracers.xray',
        typedConfig: {
          '@type': `${ANY}envoy.config.trace.v3.XRayConfig`,
          'segmentName': t.name ?? names.segmentName,
          ...(names.segmentFields ? { segmentFields: names.segmentFields } : {}),
          'daemonEndpoint': { protocol: 'UDP', address: t.address, portValue: t.port },
        },
      };
    case 'datadog':
      return {
        name: 'envoy.tracers.datadog',
        typedConfig: { '@type': `${ANY}envoy.config.trace.v3.DatadogConfig`, 'collectorCluster': collectorCluster(t), 'serviceName': t.name ?? names.serviceName },
      };
    default:
      return {
        name: 'envoy.tracers.zipkin',
        typedConfig: {
          '@type': `${ANY}envoy.config.trace.v3.ZipkinConfig`,
          'collectorCluster': collectorCluster(t),
          'collectorEndpoint': '/api/v2/spans',
          'collectorEndpointVersion': t.jsonEncoding ? 'HTTP_JSON' : 'HTTP_PROTO',
          'sharedSpanContext': false,
        },
      };
  }
}

/** The static cluster of a tracer's collector, if it needs one. */
export function tracerClusters(t: TracingSettings | undefined): object[] {
  const name = t && collectorCluster(t);
  if (!t || !name) return [];
  return [{
    name,
    type: 'STRICT_DNS',
    connectTimeout: '1s',
    loadAssignment: {
      clusterName: name,
      endpoints: [{ lbEndpoints: [{ endpoint: { address: { socketAddress: { address: t.address, portValue: t.port } } } }] }],
    },
  }];
}
