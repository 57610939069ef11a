import { Duration } from 'aws-cdk-lib';
import { describe, expect, it } from 'vitest';
import { expectValid } from './helpers';
import {
  AppMeshEnvoyOptions, EnvoyConfig, EnvoyLogLevel, EnvoyTracing, VirtualGatewayListener, VirtualNode, ServiceDiscovery, VirtualNodeListener,
} from '../../../lib';
import { ACCOUNT, ENVOY_ENV, ENVOY_REGION as REGION, meshFixture } from '../../support/fixtures';

/* eslint-disable @typescript-eslint/no-explicit-any */

const NODE_ARN = `arn:aws:appmesh:${REGION}:${ACCOUNT}:mesh/shop/virtualNode/catalog-v1`;

function envNode(region: string = REGION): VirtualNode {
  return meshFixture({}, { env: { account: ACCOUNT, region } }).mesh.addVirtualNode('Node', {
    virtualNodeName: 'catalog-v1',
    serviceDiscovery: ServiceDiscovery.dns('catalog.shop.local'),
    listeners: [VirtualNodeListener.http()],
  });
}

/** The environment for the options; the bootstrap for the same options must be valid too. */
function environment(node: VirtualNode, options: AppMeshEnvoyOptions = {}): Record<string, string> {
  expectValid(EnvoyConfig.appMesh(node, options));
  return EnvoyConfig.appMeshEnvironment(node, options);
}

/** The environment without the resource's ARN (which the identity tests check), for the options. */
function settings(options: AppMeshEnvoyOptions): Record<string, string> {
  const { APPMESH_RESOURCE_ARN: arn, ...rest } = environment(envNode(), options);
  expect(arn).toBeDefined();
  return rest;
}

describe('EnvoyConfig.appMeshEnvironment', () => {
  it('names the resource by its full ARN', () => {
    expect(environment(envNode()).APPMESH_RESOURCE_ARN).toBe(NODE_ARN);
  });

  it('sets only the resource, its Region and the info log level by default', () => {
    expect(Object.keys(environment(envNode()))).toEqual(['APPMESH_RESOURCE_ARN', 'AWS_REGION', 'ENVOY_LOG_LEVEL']);
    expect(settings({})).toEqual({ AWS_REGION: REGION, ENVOY_LOG_LEVEL: 'info' });
  });

  it('sets APPMESH_RESOURCE_ARN to the bootstrap\'s node id', () => {
    const node = envNode();
    const config = expectValid(EnvoyConfig.appMesh(node));
    expect(EnvoyConfig.appMeshEnvironment(node).APPMESH_RESOURCE_ARN).toBe(config.node.id);
  });

  it('names the resource by APPMESH_VIRTUAL_NODE_NAME, and not by ARN, with legacyNodeName', () => {
    expect(environment(envNode(), { legacyNodeName: true })).toEqual({
      APPMESH_VIRTUAL_NODE_NAME: 'mesh/shop/virtualNode/catalog-v1',
      AWS_REGION: REGION,
      ENVOY_LOG_LEVEL: 'info',
    });
  });

  it('names a gateway by its ARN', () => {
    const gateway = meshFixture({}, { env: ENVOY_ENV }).mesh.addVirtualGateway('Gateway', { virtualGatewayName: 'ingress', listeners: [VirtualGatewayListener.http()] });
    expectValid(EnvoyConfig.appMesh(gateway));
    expect(EnvoyConfig.appMeshEnvironment(gateway).APPMESH_RESOURCE_ARN)
      .toBe(`arn:aws:appmesh:${REGION}:${ACCOUNT}:mesh/shop/virtualGateway/ingress`);
  });

  it('sets AWS_REGION from the Region option', () => {
    expect(environment(envNode(), { region: 'us-east-2' }).AWS_REGION).toBe('us-east-2');
  });

  it('sets the log level', () => {
    expect(environment(envNode(), { logLevel: EnvoyLogLevel.DEBUG }).ENVOY_LOG_LEVEL).toBe('debug');
  });

  it('sets ENABLE_ENVOY_XRAY_TRACING=1 with X-Ray, and only non-default daemon settings', () => {
    expect(settings({ tracing: EnvoyTracing.xray() })).toEqual({
      AWS_REGION: REGION,
      ENABLE_ENVOY_XRAY_TRACING: '1',
      ENVOY_LOG_LEVEL: 'info',
    });
    const custom = environment(envNode(), { tracing: EnvoyTracing.xray({ daemonAddress: '10.0.0.9', daemonPort: 3000, segmentName: 'catalog' }) });
    expect(custom).toMatchObject({ AWS_XRAY_DAEMON_ADDRESS: '10.0.0.9', XRAY_DAEMON_PORT: '3000', XRAY_SEGMENT_NAME: 'catalog' });
  });

  it('sets ENABLE_ENVOY_DATADOG_TRACING=1 and the agent\'s address and port with Datadog', () => {
    expect(settings({ tracing: EnvoyTracing.datadog({ address: '10.0.0.5', port: 8200, serviceName: 'catalog' }) })).toEqual({
      AWS_REGION: REGION,
      DATADOG_TRACER_ADDRESS: '10.0.0.5',
      DATADOG_TRACER_PORT: '8200',
      DD_SERVICE: 'catalog',
      ENABLE_ENVOY_DATADOG_TRACING: '1',
      ENVOY_LOG_LEVEL: 'info',
    });
  });

  it('sets ENABLE_ENVOY_JAEGER_TRACING=1 and the collector\'s address and port with Jaeger (json as JAEGER_TRACER_VERSION)', () => {
    expect(settings({ tracing: EnvoyTracing.jaeger({ address: '10.0.0.6', port: 9412, jsonEncoding: true }) })).toEqual({
      AWS_REGION: REGION,
      ENABLE_ENVOY_JAEGER_TRACING: '1',
      ENVOY_LOG_LEVEL: 'info',
      JAEGER_TRACER_ADDRESS: '10.0.0.6',
      JAEGER_TRACER_PORT: '9412',
      JAEGER_TRACER_VERSION: 'json',
    });
  });

  it('sets ENABLE_ENVOY_STATS_TAGS=1 with statsTags', () => {
    expect(environment(envNode(), { statsTags: true }).ENABLE_ENVOY_STATS_TAGS).toBe('1');
    expect(environment(envNode(), { statsTags: false }).ENABLE_ENVOY_STATS_TAGS).toBeUndefined();
  });

  it('sets ENABLE_ENVOY_DOG_STATSD=1 and the STATSD_ variables given', () => {
    expect(settings({ dogStatsd: true, statsdAddress: '10.0.0.7', statsdPort: 9125 })).toEqual({
      AWS_REGION: REGION,
      ENABLE_ENVOY_DOG_STATSD: '1',
      ENVOY_LOG_LEVEL: 'info',
      STATSD_ADDRESS: '10.0.0.7',
      STATSD_PORT: '9125',
    });
    expect(environment(envNode(), { dogStatsd: true, statsdSocketPath: '/var/run/dsd.socket' }).STATSD_SOCKET_PATH).toBe('/var/run/dsd.socket');
  });

  it('sets the management endpoint, admin port, admin log, fetch timeout, flush interval, SDS socket and resource cluster', () => {
    expect(settings({
      xdsEndpoint: 'xds.internal.example:8443',
      adminPort: 9999,
      adminAccessLogPath: '/var/log/admin.log',
      initialFetchTimeout: Duration.seconds(5),
      statsFlushInterval: Duration.seconds(10),
      sdsSocketPath: '/run/spire/sockets/agent.sock',
      resourceCluster: 'catalog',
      outlierDetectionEventLogPath: '/tmp/outliers.log',
    })).toEqual({
      APPMESH_RESOURCE_CLUSTER: 'catalog',
      APPMESH_SDS_SOCKET_PATH: '/run/spire/sockets/agent.sock',
      APPMESH_XDS_ENDPOINT: 'xds.internal.example:8443',
      AWS_REGION: REGION,
      ENVOY_ADMIN_ACCESS_LOG_FILE: '/var/log/admin.log',
      ENVOY_ADMIN_ACCESS_PORT: '9999',
      ENVOY_INITIAL_FETCH_TIMEOUT: '5',
      ENVOY_LOG_LEVEL: 'info',
      ENVOY_OUTLIER_DETECTION_EVENT_LOG_PATH: '/tmp/outliers.log',
      ENVOY_STATS_FLUSH_INTERVAL: '10000ms',
    });
  });

  it('lists the variables sorted by name', () => {
    const env = environment(envNode(), {
      tracing: EnvoyTracing.datadog(), dogStatsd: true, statsdPort: 9125, statsTags: true, sdsSocketPath: '/tmp/sds.sock', adminPort: 9902,
    });
    const names = Object.keys(env);
    expect(names).toEqual([...names].sort());
  });
});

describe('bootstrap and environment from the same options agree', () => {
  const optionSets: [string, AppMeshEnvoyOptions][] = [
    ['defaults', {}],
    ['legacy name', { legacyNodeName: true }],
    ['Region option and admin port', { region: 'us-west-2', adminPort: 9902 }],
    ['X-Ray', { tracing: EnvoyTracing.xray() }],
    ['Datadog', { tracing: EnvoyTracing.datadog(), adminPort: 9100 }],
    ['Jaeger', { tracing: EnvoyTracing.jaeger({ jsonEncoding: true }), region: 'cn-north-1' }],
    ['no tracing, stats tags and DogStatsD', { statsTags: true, dogStatsd: true }],
  ];
  const TRACERS: Record<string, string> = {
    'envoy.tracers.xray': 'ENABLE_ENVOY_XRAY_TRACING',
    'envoy.tracers.datadog': 'ENABLE_ENVOY_DATADOG_TRACING',
    'envoy.tracers.zipkin': 'ENABLE_ENVOY_JAEGER_TRACING',
  };

  it.each(optionSets)('%s', (_name, options) => {
    const node = envNode();
    const config = expectValid(EnvoyConfig.appMesh(node, options));
    const env = EnvoyConfig.appMeshEnvironment(node, options);

    expect(env.APPMESH_RESOURCE_ARN ?? env.APPMESH_VIRTUAL_NODE_NAME).toBe(config.node.id);
    expect(env.AWS_REGION).toBe(config.dynamicResources.adsConfig.grpcServices[0].googleGrpc.callCredentials[0].fromPlugin.typedConfig.region);
    expect(Number(env.ENVOY_ADMIN_ACCESS_PORT ?? 9901)).toBe(config.admin.address.socketAddress.portValue);
    const tracer = config.tracing?.http.name;
    const enabled = Object.values(TRACERS).filter((name) => env[name] === '1');
    expect(enabled).toEqual(tracer ? [TRACERS[tracer]] : []);
    expect(env.ENABLE_ENVOY_STATS_TAGS === '1')
      .toBe(config.statsConfig.statsTags.some((t: any) => t.tagName === 'appmesh.mesh'));
    expect(env.ENABLE_ENVOY_DOG_STATSD === '1').toBe(config.statsSinks !== undefined);
  });
});
