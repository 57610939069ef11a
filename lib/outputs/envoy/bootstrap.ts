import { millisDuration } from './durations';
import { AppMeshEnvoyOptions } from './envoy-options';
import { ProxyIdentity } from './identity';
import { tracerClusters, tracerProvider } from './tracers';

const ANY = 'type.googleapis.com/';
const AWS_IAM = 'envoy.grpc_credentials.aws_iam';
/** The SDS cluster name App Mesh's Envoy uses (static_cluster_sds_unix_socket). */
export const SDS_CLUSTER = 'static_cluster_sds_unix_socket';

/**
 * ENVOY_INITIAL_FETCH_TIMEOUT takes whole seconds, so a finer duration is rounded up, in the
 * bootstrap and the environment alike.
 */
export function initialFetchTimeoutSeconds(o: AppMeshEnvoyOptions): number {
  return Math.ceil((o.initialFetchTimeout?.toMilliseconds() ?? 0) / 1000);
}

/** `appmesh-envoy-management.<region>.amazonaws.com:443` (`.com.cn` in China Regions). */
export function managementEndpoint(region: string): string {
  return `appmesh-envoy-management.${region}.${region.startsWith('cn-') ? 'amazonaws.com.cn' : 'amazonaws.com'}:443`;
}

function socketAddress(address: string, port: number, protocol?: string) {
  return { socketAddress: { ...(protocol ? { protocol } : {}), address, portValue: port } };
}

/** The SDS cluster: a Unix socket speaking gRPC (HTTP/2). */
export function sdsCluster(socketPath: string) {
  return {
    name: SDS_CLUSTER,
    type: 'STATIC',
    connectTimeout: '1s',
    typedExtensionProtocolOptions: {
      'envoy.extensions.upstreams.http.v3.HttpProtocolOptions': {
        '@type': `${ANY}envoy.extensions.upstreams.http.v3.HttpProtocolOptions`,
        'explicitHttpConfig': { http2ProtocolOptions: {} },
      },
    },
    loadAssignment: { clusterName: SDS_CLUSTER, endpoints: [{ lbEndpoints: [{ endpoint: { address: { pipe: { path: socketPath } } } }] }] },
  };
}

/** Bootstrap-level tracing, as the App Mesh image writes it (segments tagged with the mesh resource). */
function tracingConfig(id: ProxyIdentity, o: AppMeshEnvoyOptions): object | undefined {
  const t = o.tracing?._settings;
  if (!t) return undefined;
  const ownName = `${id.meshName}/${id.name}`;
  return {
    http: tracerProvider(t, {
      segmentName: ownName,
      serviceName: `envoy-${ownName}`,
      segmentFields: {
        origin: 'AWS::AppMesh::Proxy',
        aws: { app_mesh: { mesh_name: id.meshName, [id.kind === 'virtualGateway' ? 'virtual_gateway_name' : 'virtual_node_name']: id.name } },
      },
    }),
  };
}

function statsTags(id: ProxyIdentity, o: AppMeshEnvoyOptions) {
  const fixed = o.statsTags ? [
    { tagName: 'appmesh.mesh', fixedValue: id.meshName },
    { tagName: id.kind === 'virtualGateway' ? 'appmesh.virtual_gateway' : 'appmesh.virtual_node', fixedValue: id.name },
  ] : [];
  return [
    ...fixed,
    { tagName: 'appmesh.listener_protocol', regex: '.*?\\.ingress\\.((\\w+?)\\.)[0-9]+?\\.(.+?)$' },
    { tagName: 'appmesh.listener_port', regex: '.*?\\.ingress\\.\\w+?\\.(([0-9]+?)\\.)(.+?)$' },
    { tagName: 'envoy_rds_route_config', regex: '^http\\.\\w+\\.rds\\.(.+?)\\.' },
  ];
}

/**
 * The bootstrap the App Mesh Envoy image writes from its environment: node identity, ADS to the
 * App Mesh management endpoint (googleGrpc, SSL, SigV4 through the aws_iam call credentials),
 * admin, layered runtime, stats tags and sinks, tracing.
 */
export function appMeshBootstrap(id: ProxyIdentity, o: AppMeshEnvoyOptions): Record<string, unknown> {
  const tracing = tracingConfig(id, o);
  const clusters = [...tracerClusters(o.tracing?._settings), ...(o.sdsSocketPath ? [sdsCluster(o.sdsSocketPath)] : [])];
  const initialFetchTimeout = `${initialFetchTimeoutSeconds(o)}s`;
  const configSource = { ads: {}, initialFetchTimeout, resourceApiVersion: 'V3' };
  const statsdAddress = o.statsdSocketPath
    ? { pipe: { path: o.statsdSocketPath } }
    : socketAddress(o.statsdAddress ?? '127.0.0.1', o.statsdPort ?? 8125, 'UDP');
  return {
    node: {
      id: o.legacyNodeName ? id.shortName : id.resourceArn,
      cluster: o.resourceCluster ?? (o.legacyNodeName ? id.shortName : id.resourceArn),
      metadata: { 'aws.appmesh.mesh': id.meshName, [`aws.appmesh.${id.kind}`]: id.name },
    },
    admin: {
      accessLog: [{
        name: 'envoy.access_loggers.file',
        typedConfig: { '@type': `${ANY}envoy.extensions.access_loggers.file.v3.FileAccessLog`, 'path': o.adminAccessLogPath ?? '/tmp/envoy_admin_access.log' },
      }],
      address: socketAddress('0.0.0.0', o.adminPort ?? 9901),
    },
    dynamicResources: {
      adsConfig: {
        apiType: 'GRPC',
        transportApiVersion: 'V3',
        grpcServices: [{
          googleGrpc: {
            targetUri: o.xdsEndpoint ?? managementEndpoint(id.region),
            statPrefix: 'ads',
            channelCredentials: { sslCredentials: { rootCerts: { filename: '/etc/pki/tls/cert.pem' } } },
            credentialsFactoryName: AWS_IAM,
            callCredentials: [{
              fromPlugin: {
                name: AWS_IAM,
                typedConfig: { '@type': `${ANY}envoy.config.grpc_credential.v3.AwsIamConfig`, 'serviceName': 'appmesh', 'region': id.region },
              },
            }],
            channelArgs: {
              args: {
                'grpc.http2.max_pings_without_data': { intValue: '0' },
                'grpc.keepalive_time_ms': { intValue: '10000' },
                'grpc.keepalive_timeout_ms': { intValue: '20000' },
                'grpc.initial_reconnect_backoff_ms': { intValue: '10000' },
                'grpc.max_connection_age_ms': { intValue: '2400000' },
                'grpc.max_connection_age_grace_ms': { intValue: '5000' },
              },
            },
          },
        }],
      },
      cdsConfig: configSource,
      ldsConfig: configSource,
    },
    layeredRuntime: {
      layers: [
        {
          name: 'static_layer_0',
          staticLayer: {
            'envoy.features.enable_all_deprecated_features': true,
            're2.max_program_size.error_level': 1000,
            'envoy.reloadable_features.http_set_tracing_decision_in_request_id': true,
            'envoy.reloadable_features.no_extension_lookup_by_name': true,
            'envoy.reloadable_features.use_http_client_to_fetch_aws_credentials': false,
          },
        },
        { name: 'admin_layer', adminLayer: {} },
      ],
    },
    clusterManager: { outlierDetection: { eventLogPath: o.outlierDetectionEventLogPath ?? '/dev/stdout' } },
    statsConfig: { statsTags: statsTags(id, o) },
    ...(o.statsFlushInterval ? { statsFlushInterval: millisDuration(o.statsFlushInterval.toMilliseconds()) } : {}),
    ...(o.dogStatsd || o.statsd ? {
      statsSinks: [
        ...(o.dogStatsd ? [{
          name: 'envoy.stat_sinks.dog_statsd',
          typedConfig: { '@type': `${ANY}envoy.config.metrics.v3.DogStatsdSink`, 'address': statsdAddress },
        }] : []),
        ...(o.statsd ? [{
          name: 'envoy.stat_sinks.statsd',
          typedConfig: { '@type': `${ANY}envoy.config.metrics.v3.StatsdSink`, 'address': statsdAddress },
        }] : []),
      ],
    } : {}),
    ...(tracing ? { tracing } : {}),
    ...(clusters.length ? { staticResources: { clusters } } : {}),
  };
}
