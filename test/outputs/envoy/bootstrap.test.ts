import { Duration } from 'aws-cdk-lib';
import { describe, expect, it } from 'vitest';
import { TYPE, appMesh } from './helpers';
import {
  EnvoyTracing, Mesh, ServiceDiscovery, VirtualGateway, VirtualGatewayListener, VirtualNode, VirtualNodeListener,
} from '../../../lib';
import { ACCOUNT, ENVOY_ENV, ENVOY_REGION as REGION, meshFixture, thrownBy } from '../../support/fixtures';

/* eslint-disable @typescript-eslint/no-explicit-any */

const NODE_ARN = `arn:aws:appmesh:${REGION}:${ACCOUNT}:mesh/shop/virtualNode/catalog-v1`;

function addNode(mesh: Mesh): VirtualNode {
  return mesh.addVirtualNode('Node', {
    virtualNodeName: 'catalog-v1',
    serviceDiscovery: ServiceDiscovery.dns('catalog.shop.local'),
    listeners: [VirtualNodeListener.http()],
  });
}

function addGateway(mesh: Mesh): VirtualGateway {
  return mesh.addVirtualGateway('Gateway', { virtualGatewayName: 'ingress', listeners: [VirtualGatewayListener.http()] });
}

/** The catalog-v1 node in mesh shop, in a stack with account 111122223333 and eu-west-1 (or the given Region). */
function envNode(region: string = REGION): VirtualNode {
  return addNode(meshFixture({}, { env: { account: ACCOUNT, region } }).mesh);
}

function googleGrpc(config: any): any {
  expect(config.dynamicResources.adsConfig.grpcServices).toHaveLength(1);
  return config.dynamicResources.adsConfig.grpcServices[0].googleGrpc;
}

describe('EnvoyConfig.appMesh: node identity', () => {
  it('names a node by its full ARN, as id and as cluster, when the stack has an account and Region', () => {
    const config = appMesh(envNode());
    expect(config.node.id).toBe(NODE_ARN);
    expect(config.node.cluster).toBe(NODE_ARN);
  });

  it('uses the aws-cn partition in the ARN in a China Region', () => {
    const config = appMesh(envNode('cn-north-1'));
    expect(config.node.id).toBe(`arn:aws-cn:appmesh:cn-north-1:${ACCOUNT}:mesh/shop/virtualNode/catalog-v1`);
  });

  it('names the node mesh/<mesh>/virtualNode/<name> when the stack has no account', () => {
    const { mesh } = meshFixture({}, { env: { region: REGION } });
    const config = appMesh(addNode(mesh));
    expect(config.node.id).toBe('mesh/shop/virtualNode/catalog-v1');
    expect(config.node.cluster).toBe('mesh/shop/virtualNode/catalog-v1');
  });

  it('uses the short name with legacyNodeName, even when the ARN is known', () => {
    const config = appMesh(envNode(), { legacyNodeName: true });
    expect(config.node.id).toBe('mesh/shop/virtualNode/catalog-v1');
    expect(config.node.cluster).toBe('mesh/shop/virtualNode/catalog-v1');
  });

  it('overrides only the cluster with resourceCluster', () => {
    const node = envNode();
    const config = appMesh(node, { resourceCluster: 'catalog' });
    expect(config.node.id).toBe(appMesh(node).node.id);
    expect(config.node.cluster).toBe('catalog');
  });

  it('carries the mesh and node names as node metadata', () => {
    expect(appMesh(envNode()).node.metadata).toEqual({ 'aws.appmesh.mesh': 'shop', 'aws.appmesh.virtualNode': 'catalog-v1' });
  });

  it('names a gateway with virtualGateway in its ARN', () => {
    const config = appMesh(addGateway(meshFixture({}, { env: ENVOY_ENV }).mesh));
    expect(config.node.id).toBe(`arn:aws:appmesh:${REGION}:${ACCOUNT}:mesh/shop/virtualGateway/ingress`);
    expect(config.node.cluster).toBe(config.node.id);
  });

  it('names a gateway mesh/<mesh>/virtualGateway/<name> with legacyNodeName, and in its metadata', () => {
    const config = appMesh(addGateway(meshFixture({}, { env: ENVOY_ENV }).mesh), { legacyNodeName: true });
    expect(config.node.id).toBe('mesh/shop/virtualGateway/ingress');
    expect(config.node.metadata).toEqual({ 'aws.appmesh.mesh': 'shop', 'aws.appmesh.virtualGateway': 'ingress' });
  });

  it('works for an imported node (only its names are needed)', () => {
    const { stack } = meshFixture({}, { env: ENVOY_ENV });
    const mesh = Mesh.fromMeshName(stack, 'Imported', 'other');
    const node = VirtualNode.fromVirtualNodeAttributes(stack, 'ImportedNode', { mesh, virtualNodeName: 'legacy-vn' });
    const config = appMesh(node);
    expect(config.node.metadata).toEqual({ 'aws.appmesh.mesh': 'other', 'aws.appmesh.virtualNode': 'legacy-vn' });
    expect(googleGrpc(config).targetUri).toBe(`appmesh-envoy-management.${REGION}.amazonaws.com:443`);
    expect(appMesh(node, { legacyNodeName: true }).node.id).toBe('mesh/other/virtualNode/legacy-vn');
  });

  it('names an imported node by its full ARN', () => {
    const { stack } = meshFixture({}, { env: ENVOY_ENV });
    const mesh = Mesh.fromMeshName(stack, 'Imported', 'other');
    const node = VirtualNode.fromVirtualNodeAttributes(stack, 'ImportedNode', { mesh, virtualNodeName: 'legacy-vn' });
    expect(appMesh(node).node.id).toBe(`arn:aws:appmesh:${REGION}:${ACCOUNT}:mesh/other/virtualNode/legacy-vn`);
  });

  it('works for an imported gateway', () => {
    const { stack } = meshFixture({}, { env: ENVOY_ENV });
    const mesh = Mesh.fromMeshName(stack, 'Imported', 'other');
    const gateway = VirtualGateway.fromVirtualGatewayAttributes(stack, 'ImportedGateway', { mesh, virtualGatewayName: 'edge' });
    expect(appMesh(gateway).node.id).toBe(`arn:aws:appmesh:${REGION}:${ACCOUNT}:mesh/other/virtualGateway/edge`);
  });
});

describe('EnvoyConfig.appMesh: Region', () => {
  it('takes the Region from the stack', () => {
    const config = appMesh(envNode('us-west-2'));
    expect(googleGrpc(config).targetUri).toBe('appmesh-envoy-management.us-west-2.amazonaws.com:443');
    expect(googleGrpc(config).callCredentials[0].fromPlugin.typedConfig.region).toBe('us-west-2');
  });

  it('takes the Region from the option over the stack\'s', () => {
    const config = appMesh(envNode('us-west-2'), { region: 'ap-southeast-2' });
    expect(googleGrpc(config).targetUri).toBe('appmesh-envoy-management.ap-southeast-2.amazonaws.com:443');
    expect(googleGrpc(config).callCredentials[0].fromPlugin.typedConfig.region).toBe('ap-southeast-2');
  });

  it('builds in an environment-agnostic stack when the Region is given as an option', () => {
    const { mesh } = meshFixture();
    const config = appMesh(addNode(mesh), { region: 'eu-central-1' });
    expect(config.node.id).toBe('mesh/shop/virtualNode/catalog-v1');
    expect(googleGrpc(config).targetUri).toBe('appmesh-envoy-management.eu-central-1.amazonaws.com:443');
  });

  it('refuses an environment-agnostic stack without a Region option, naming region and the construct', () => {
    const { mesh } = meshFixture();
    const node = addNode(mesh);
    const error = thrownBy(() => appMesh(node));
    expect(error.message).toContain('region');
    expect(error.message).toContain(node.node.path);
  });
});

describe('EnvoyConfig.appMesh: ADS', () => {
  it('streams from the regional management endpoint over googleGrpc with SSL and SigV4 call credentials', () => {
    const grpc = googleGrpc(appMesh(envNode()));
    expect(grpc.targetUri).toBe('appmesh-envoy-management.eu-west-1.amazonaws.com:443');
    expect(grpc.statPrefix).toBe('ads');
    expect(grpc.channelCredentials).toEqual({ sslCredentials: { rootCerts: { filename: '/etc/pki/tls/cert.pem' } } });
    expect(grpc.credentialsFactoryName).toBe('envoy.grpc_credentials.aws_iam');
    expect(grpc.callCredentials).toEqual([{
      fromPlugin: {
        name: 'envoy.grpc_credentials.aws_iam',
        typedConfig: { '@type': `${TYPE}envoy.config.grpc_credential.v3.AwsIamConfig`, 'serviceName': 'appmesh', 'region': 'eu-west-1' },
      },
    }]);
  });

  it('uses the GRPC v3 ADS API', () => {
    const ads = appMesh(envNode()).dynamicResources.adsConfig;
    expect(ads.apiType).toBe('GRPC');
    expect(ads.transportApiVersion).toBe('V3');
  });

  it('uses the .amazonaws.com.cn endpoint in China Regions', () => {
    expect(googleGrpc(appMesh(envNode('cn-north-1'))).targetUri).toBe('appmesh-envoy-management.cn-north-1.amazonaws.com.cn:443');
  });

  it('takes the endpoint from xdsEndpoint', () => {
    const grpc = googleGrpc(appMesh(envNode(), { xdsEndpoint: 'xds.internal.example:8443' }));
    expect(grpc.targetUri).toBe('xds.internal.example:8443');
    expect(grpc.callCredentials[0].fromPlugin.typedConfig.region).toBe('eu-west-1');
  });

  it('gets clusters and listeners over ADS and waits forever for the first response by default', () => {
    const { cdsConfig, ldsConfig } = appMesh(envNode()).dynamicResources;
    const expected = { ads: {}, initialFetchTimeout: '0s', resourceApiVersion: 'V3' };
    expect(cdsConfig).toEqual(expected);
    expect(ldsConfig).toEqual(expected);
  });

  it('takes the initial fetch timeout from the option', () => {
    const { cdsConfig, ldsConfig } = appMesh(envNode(), { initialFetchTimeout: Duration.seconds(5) }).dynamicResources;
    expect(cdsConfig.initialFetchTimeout).toBe('5s');
    expect(ldsConfig.initialFetchTimeout).toBe('5s');
  });
});

describe('EnvoyConfig.appMesh: admin, runtime, cluster manager', () => {
  it('binds the admin interface on 0.0.0.0:9901 with its access log in /tmp/envoy_admin_access.log by default', () => {
    const { admin } = appMesh(envNode());
    expect(admin.address).toEqual({ socketAddress: { address: '0.0.0.0', portValue: 9901 } });
    expect(admin.accessLog).toEqual([{
      name: 'envoy.access_loggers.file',
      typedConfig: { '@type': `${TYPE}envoy.extensions.access_loggers.file.v3.FileAccessLog`, 'path': '/tmp/envoy_admin_access.log' },
    }]);
  });

  it('takes the admin port and access log path from the options', () => {
    const { admin } = appMesh(envNode(), { adminPort: 9999, adminAccessLogPath: '/var/log/admin.log' });
    expect(admin.address.socketAddress.portValue).toBe(9999);
    expect(admin.accessLog[0].typedConfig.path).toBe('/var/log/admin.log');
  });

  it('layers the runtime: static_layer_0 then admin_layer', () => {
    const { layers } = appMesh(envNode()).layeredRuntime;
    expect(layers.map((l: any) => l.name)).toEqual(['static_layer_0', 'admin_layer']);
    expect(layers[0].staticLayer['envoy.features.enable_all_deprecated_features']).toBe(true);
    expect(layers[0].staticLayer['re2.max_program_size.error_level']).toBe(1000);
    expect(layers[1]).toEqual({ name: 'admin_layer', adminLayer: {} });
  });

  it('logs outlier ejections to /dev/stdout by default, or to the given path', () => {
    expect(appMesh(envNode()).clusterManager).toEqual({ outlierDetection: { eventLogPath: '/dev/stdout' } });
    expect(appMesh(envNode(), { outlierDetectionEventLogPath: '/tmp/outliers.log' }).clusterManager.outlierDetection.eventLogPath)
      .toBe('/tmp/outliers.log');
  });

  it('has no static resources, sinks, flush interval or tracing by default', () => {
    const config = appMesh(envNode());
    expect(config.staticResources).toBeUndefined();
    expect(config.statsSinks).toBeUndefined();
    expect(config.statsFlushInterval).toBeUndefined();
    expect(config.tracing).toBeUndefined();
  });
});

describe('EnvoyConfig.appMesh: stats', () => {
  const tagNames = (config: any) => config.statsConfig.statsTags.map((t: any) => t.tagName);

  it('has no appmesh.mesh or appmesh.virtual_node tags without statsTags', () => {
    const names = tagNames(appMesh(envNode()));
    expect(names).not.toContain('appmesh.mesh');
    expect(names).not.toContain('appmesh.virtual_node');
  });

  it('tags every metric with the mesh and node names with statsTags', () => {
    const tags = appMesh(envNode(), { statsTags: true }).statsConfig.statsTags;
    expect(tags).toContainEqual({ tagName: 'appmesh.mesh', fixedValue: 'shop' });
    expect(tags).toContainEqual({ tagName: 'appmesh.virtual_node', fixedValue: 'catalog-v1' });
  });

  it('tags a gateway\'s metrics with appmesh.virtual_gateway', () => {
    const tags = appMesh(addGateway(meshFixture({}, { env: ENVOY_ENV }).mesh), { statsTags: true }).statsConfig.statsTags;
    expect(tags).toContainEqual({ tagName: 'appmesh.mesh', fixedValue: 'shop' });
    expect(tags).toContainEqual({ tagName: 'appmesh.virtual_gateway', fixedValue: 'ingress' });
  });

  it('sends metrics to DogStatsD on 127.0.0.1:8125 over UDP by default', () => {
    expect(appMesh(envNode(), { dogStatsd: true }).statsSinks).toEqual([{
      name: 'envoy.stat_sinks.dog_statsd',
      typedConfig: {
        '@type': `${TYPE}envoy.config.metrics.v3.DogStatsdSink`,
        'address': { socketAddress: { protocol: 'UDP', address: '127.0.0.1', portValue: 8125 } },
      },
    }]);
  });

  it('sends DogStatsD metrics to the given address and port', () => {
    const config = appMesh(envNode(), { dogStatsd: true, statsdAddress: '10.0.0.7', statsdPort: 9125 });
    expect(config.statsSinks[0].typedConfig.address).toEqual({ socketAddress: { protocol: 'UDP', address: '10.0.0.7', portValue: 9125 } });
  });

  it('sends DogStatsD metrics to a Unix socket instead when a socket path is given', () => {
    const config = appMesh(envNode(), { dogStatsd: true, statsdSocketPath: '/var/run/datadog/dsd.socket' });
    expect(config.statsSinks[0].typedConfig.address).toEqual({ pipe: { path: '/var/run/datadog/dsd.socket' } });
  });

  it('sets the stats flush interval', () => {
    expect(appMesh(envNode(), { statsFlushInterval: Duration.seconds(10) }).statsFlushInterval).toBe('10s');
    expect(appMesh(envNode(), { statsFlushInterval: Duration.millis(1500) }).statsFlushInterval).toBe('1.5s');
  });
});

describe('EnvoyConfig.appMesh: tracing', () => {
  it('traces to the X-Ray daemon on UDP 127.0.0.1:2000 with segment name <mesh>/<node> by default', () => {
    const config = appMesh(envNode(), { tracing: EnvoyTracing.xray() });
    expect(config.tracing).toEqual({
      http: {
        name: 'envoy.tracers.xray',
        typedConfig: {
          '@type': `${TYPE}envoy.config.trace.v3.XRayConfig`,
          'segmentName': 'shop/catalog-v1',
          'segmentFields': {
            origin: 'AWS::AppMesh::Proxy',
            aws: { app_mesh: { mesh_name: 'shop', virtual_node_name: 'catalog-v1' } },
          },
          'daemonEndpoint': { protocol: 'UDP', address: '127.0.0.1', portValue: 2000 },
        },
      },
    });
    expect(config.staticResources).toBeUndefined();
  });

  it('takes the X-Ray daemon address, port and segment name from the options', () => {
    const config = appMesh(envNode(), { tracing: EnvoyTracing.xray({ daemonAddress: '10.0.0.9', daemonPort: 3000, segmentName: 'catalog' }) });
    expect(config.tracing.http.typedConfig.segmentName).toBe('catalog');
    expect(config.tracing.http.typedConfig.daemonEndpoint).toEqual({ protocol: 'UDP', address: '10.0.0.9', portValue: 3000 });
  });

  it('names the gateway in the X-Ray segment fields of a gateway', () => {
    const config = appMesh(addGateway(meshFixture({}, { env: ENVOY_ENV }).mesh), { tracing: EnvoyTracing.xray() });
    expect(config.tracing.http.typedConfig.segmentName).toBe('shop/ingress');
    expect(config.tracing.http.typedConfig.segmentFields.aws).toEqual({ app_mesh: { mesh_name: 'shop', virtual_gateway_name: 'ingress' } });
  });

  it('traces to Datadog through the datadog_agent cluster on 127.0.0.1:8126', () => {
    const config = appMesh(envNode(), { tracing: EnvoyTracing.datadog() });
    expect(config.tracing.http).toEqual({
      name: 'envoy.tracers.datadog',
      typedConfig: { '@type': `${TYPE}envoy.config.trace.v3.DatadogConfig`, 'collectorCluster': 'datadog_agent', 'serviceName': 'envoy-shop/catalog-v1' },
    });
    expect(config.staticResources.clusters).toEqual([{
      name: 'datadog_agent',
      type: 'STRICT_DNS',
      connectTimeout: '1s',
      loadAssignment: {
        clusterName: 'datadog_agent',
        endpoints: [{ lbEndpoints: [{ endpoint: { address: { socketAddress: { address: '127.0.0.1', portValue: 8126 } } } }] }],
      },
    }]);
  });

  it('takes the Datadog agent address, port and service name from the options', () => {
    const config = appMesh(envNode(), { tracing: EnvoyTracing.datadog({ address: 'datadog.local', port: 8200, serviceName: 'catalog' }) });
    expect(config.tracing.http.typedConfig.serviceName).toBe('catalog');
    expect(config.staticResources.clusters[0].loadAssignment.endpoints[0].lbEndpoints[0].endpoint.address)
      .toEqual({ socketAddress: { address: 'datadog.local', portValue: 8200 } });
  });

  it('traces to Jaeger over Zipkin protobuf through the jaeger cluster on 127.0.0.1:9411', () => {
    const config = appMesh(envNode(), { tracing: EnvoyTracing.jaeger() });
    expect(config.tracing.http).toEqual({
      name: 'envoy.tracers.zipkin',
      typedConfig: {
        '@type': `${TYPE}envoy.config.trace.v3.ZipkinConfig`,
        'collectorCluster': 'jaeger',
        'collectorEndpoint': '/api/v2/spans',
        'collectorEndpointVersion': 'HTTP_PROTO',
        'sharedSpanContext': false,
      },
    });
    const cluster = config.staticResources.clusters[0];
    expect(cluster.name).toBe('jaeger');
    expect(cluster.type).toBe('STRICT_DNS');
    expect(cluster.loadAssignment.endpoints[0].lbEndpoints[0].endpoint.address).toEqual({ socketAddress: { address: '127.0.0.1', portValue: 9411 } });
  });

  it('sends Jaeger spans as JSON with jsonEncoding', () => {
    const config = appMesh(envNode(), { tracing: EnvoyTracing.jaeger({ jsonEncoding: true }) });
    expect(config.tracing.http.typedConfig.collectorEndpointVersion).toBe('HTTP_JSON');
  });
});

describe('EnvoyConfig.appMesh: SDS', () => {
  it('adds the static_cluster_sds_unix_socket cluster on the SDS socket', () => {
    const config = appMesh(envNode(), { sdsSocketPath: '/run/spire/sockets/agent.sock' });
    expect(config.staticResources.clusters).toHaveLength(1);
    const cluster = config.staticResources.clusters[0];
    expect(cluster.name).toBe('static_cluster_sds_unix_socket');
    expect(cluster.type).toBe('STATIC');
    expect(cluster.loadAssignment).toEqual({
      clusterName: 'static_cluster_sds_unix_socket',
      endpoints: [{ lbEndpoints: [{ endpoint: { address: { pipe: { path: '/run/spire/sockets/agent.sock' } } } }] }],
    });
    expect(cluster.typedExtensionProtocolOptions['envoy.extensions.upstreams.http.v3.HttpProtocolOptions'].explicitHttpConfig)
      .toEqual({ http2ProtocolOptions: {} });
  });

  it('keeps the tracing cluster next to the SDS cluster', () => {
    const config = appMesh(envNode(), { sdsSocketPath: '/tmp/sds.sock', tracing: EnvoyTracing.datadog() });
    expect(config.staticResources.clusters.map((c: any) => c.name)).toEqual(['datadog_agent', 'static_cluster_sds_unix_socket']);
  });
});

describe('plain statsd sink', () => {
  it('adds an envoy.stat_sinks.statsd sink at the statsd address, beside DogStatsD when both are on', () => {
    const { mesh } = meshFixture({}, { env: ENVOY_ENV });
    const node = mesh.addVirtualNode('Node', { virtualNodeName: 'catalog' });
    const config = appMesh(node, { statsd: true, dogStatsd: true, statsdAddress: '10.0.0.5', statsdPort: 9125 });
    expect(config.statsSinks.map((s: any) => s.name)).toEqual(['envoy.stat_sinks.dog_statsd', 'envoy.stat_sinks.statsd']);
    expect(config.statsSinks[1].typedConfig).toEqual({
      '@type': 'type.googleapis.com/envoy.config.metrics.v3.StatsdSink',
      'address': { socketAddress: { protocol: 'UDP', address: '10.0.0.5', portValue: 9125 } },
    });
  });
});
