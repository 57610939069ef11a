import { Duration } from 'aws-cdk-lib';
import * as acmpca from 'aws-cdk-lib/aws-acmpca';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as servicediscovery from 'aws-cdk-lib/aws-servicediscovery';
import { describe, expect, it } from 'vitest';
import {
  AccessLog, Backend, ConnectionPool, DnsResponseType, EgressFilter, EnvoyConfig, EnvoyTracing, GrpcRetryEvent, HeaderMatch,
  HealthCheck, HttpRetryEvent, HttpRouteMethod, HttpRoutePathMatch, HttpRouteProtocol, IVirtualService, IpPreference, LoggingFormat,
  Mesh, MeshProps, QueryParameterMatch, RetryPolicy, RouteSpec, ServiceDiscovery, SubjectAlternativeNames, TcpRetryEvent, TlsCertificate,
  TlsClientPolicy, TlsMode, TlsValidationTrust, VirtualNode, VirtualNodeBaseProps, VirtualNodeListener, VirtualRouter,
  VirtualRouterListener, VirtualService, VirtualServiceProvider,
} from '../../../../lib';
import { meshFixture, thrownBy } from '../../../support/fixtures';
import {
  HTTP2_OPTIONS, TYPE, chainFor, clusterNamed, clusterNames, egressHost, egressListener, hcmOf, ingressListener, listenerNames, standalone,
  tcpProxyOf, tlsContext,
} from '../helpers';

/* eslint-disable @typescript-eslint/no-explicit-any */

const SDS_SOURCE = {
  resourceApiVersion: 'V3',
  apiConfigSource: { apiType: 'GRPC', transportApiVersion: 'V3', grpcServices: [{ envoyGrpc: { clusterName: 'static_cluster_sds_unix_socket' } }] },
};
const FILE_CERT = { certificateChain: { filename: '/certs/chain.pem' }, privateKey: { filename: '/certs/key.pem' } };

/** A virtual node named `name` in the mesh, found by DNS at `<name>.shop.local`, with one http listener on 8080 unless given. */
function addNode(mesh: Mesh, name: string, props: VirtualNodeBaseProps = {}): VirtualNode {
  return mesh.addVirtualNode(name, {
    virtualNodeName: name,
    serviceDiscovery: ServiceDiscovery.dns(`${name}.shop.local`),
    listeners: [VirtualNodeListener.http()],
    ...props,
  });
}

function nodeService(mesh: Mesh, name: string, node: VirtualNode): VirtualService {
  return mesh.addVirtualService(name, { virtualServiceName: name, provider: VirtualServiceProvider.virtualNode(node) });
}

/** Router `catalog-router` (http 8080 unless given) behind the virtual service `catalog.shop.local`. */
function routerService(mesh: Mesh, listeners: VirtualRouterListener[] = [VirtualRouterListener.http(8080)]): {
  router: VirtualRouter; service: VirtualService;
} {
  const router = mesh.addVirtualRouter('Router', { virtualRouterName: 'catalog-router', listeners });
  const service = mesh.addVirtualService('Catalog', { virtualServiceName: 'catalog.shop.local', provider: VirtualServiceProvider.virtualRouter(router) });
  return { router, service };
}

/** A `frontend` node calling the service (with the backend options given). */
function caller(mesh: Mesh, service: IVirtualService, props: VirtualNodeBaseProps = {}, policy?: TlsClientPolicy): VirtualNode {
  return addNode(mesh, 'frontend', { backends: [Backend.virtualService(service, { tlsClientPolicy: policy })], ...props });
}

/** A single-node world: mesh shop with the node `catalog-v1` built with the props. */
function soloNode(props: VirtualNodeBaseProps = {}, meshProps: MeshProps = {}): VirtualNode {
  return addNode(meshFixture(meshProps).mesh, 'catalog-v1', props);
}

/** A frontend calling catalog.shop.local, whose router sends everything to catalog-v1 (built with the props) on 8080. */
function callThroughRouter(targetProps: VirtualNodeBaseProps = {}, meshProps: MeshProps = {}, policy?: TlsClientPolicy): any {
  const { mesh } = meshFixture(meshProps);
  const target = addNode(mesh, 'catalog-v1', targetProps);
  const { router, service } = routerService(mesh);
  router.addRoute('Route', { routeSpec: RouteSpec.http() }).to(target);
  return standalone(caller(mesh, service, {}, policy));
}

describe('standalone node: the whole configuration', () => {
  it('names the node mesh/<mesh>/virtualNode/<name>', () => {
    const config = standalone(soloNode());
    expect(config.node).toEqual({ id: 'mesh/shop/virtualNode/catalog-v1', cluster: 'mesh/shop/virtualNode/catalog-v1' });
  });

  it('binds the admin interface to 127.0.0.1:9901 by default, or to the given port', () => {
    expect(standalone(soloNode()).admin).toEqual({ address: { socketAddress: { address: '127.0.0.1', portValue: 9901 } } });
    expect(standalone(soloNode(), { adminPort: 9999 }).admin.address.socketAddress).toEqual({ address: '127.0.0.1', portValue: 9999 });
  });

  it('has no dynamic resources: everything is static', () => {
    const config = standalone(soloNode());
    expect(config.dynamicResources).toBeUndefined();
    expect(config.tracing).toBeUndefined();
  });

  it('refuses an imported node, which has no definition to compile', () => {
    const { stack, mesh } = meshFixture();
    const imported = VirtualNode.fromVirtualNodeAttributes(stack, 'Imported', { mesh, virtualNodeName: 'elsewhere' });
    const error = thrownBy(() => EnvoyConfig.standalone(imported));
    expect(error.message).toContain(imported.node.path);
  });
});

describe('standalone node: ingress', () => {
  it('listens on 0.0.0.0:15000 as lds_ingress_0.0.0.0_15000 with original_dst and tls_inspector', () => {
    const listener = ingressListener(standalone(soloNode()));
    expect(listener.address).toEqual({ socketAddress: { address: '0.0.0.0', portValue: 15000 } });
    expect(listener.trafficDirection).toBe('INBOUND');
    expect(listener.listenerFilters).toEqual([
      { name: 'envoy.filters.listener.original_dst', typedConfig: { '@type': `${TYPE}envoy.extensions.filters.listener.original_dst.v3.OriginalDst` } },
      { name: 'envoy.filters.listener.tls_inspector', typedConfig: { '@type': `${TYPE}envoy.extensions.filters.listener.tls_inspector.v3.TlsInspector` } },
    ]);
  });

  it('listens on the ingress and egress ports given as options', () => {
    const { mesh } = meshFixture();
    const target = addNode(mesh, 'catalog-v1');
    const node = addNode(mesh, 'frontend', { backends: [Backend.virtualService(nodeService(mesh, 'catalog.shop.local', target))] });
    const config = standalone(node, { ingressPort: 16000, egressPort: 16001 });
    expect(listenerNames(config)).toEqual(['lds_ingress_0.0.0.0_16000', 'lds_egress_0.0.0.0_16001']);
    expect(ingressListener(config, 16000).address.socketAddress.portValue).toBe(16000);
    expect(egressListener(config, 16001).address.socketAddress.portValue).toBe(16001);
  });

  it('has one filter chain per node listener, matched by destination port', () => {
    const listener = ingressListener(standalone(soloNode({
      listeners: [VirtualNodeListener.http({ port: 8080 }), VirtualNodeListener.grpc({ port: 9090 }), VirtualNodeListener.tcp({ port: 5432 })],
    })));
    expect(listener.filterChains.map((c: any) => c.filterChainMatch)).toEqual([
      { destinationPort: 8080 }, { destinationPort: 9090 }, { destinationPort: 5432 },
    ]);
  });

  it('has no ingress listener for a node without listeners', () => {
    const { mesh } = meshFixture();
    const target = addNode(mesh, 'catalog-v1');
    const node = mesh.addVirtualNode('Client', { virtualNodeName: 'client', backends: [Backend.virtualService(nodeService(mesh, 'catalog.shop.local', target))] });
    expect(listenerNames(standalone(node))).toEqual(['lds_egress_0.0.0.0_15001']);
  });

  it('routes an http listener to the local app cluster, a STATIC cluster on 127.0.0.1:<port>', () => {
    const config = standalone(soloNode({ listeners: [VirtualNodeListener.http({ port: 8080 })] }));
    const hcm = hcmOf(chainFor(ingressListener(config), 8080));
    expect(hcm.statPrefix).toBe('ingress');
    expect(hcm.routeConfig.virtualHosts).toEqual([{
      name: 'ingress_http_8080',
      domains: ['*'],
      routes: [{ match: { prefix: '/' }, route: { cluster: 'cds_ingress_shop_catalog-v1_http_8080', timeout: '15s' } }],
    }]);
    const cluster = clusterNamed(config, 'cds_ingress_shop_catalog-v1_http_8080');
    expect(cluster.type).toBe('STATIC');
    expect(cluster.loadAssignment).toEqual({
      clusterName: 'cds_ingress_shop_catalog-v1_http_8080',
      endpoints: [{ lbEndpoints: [{ endpoint: { address: { socketAddress: { address: '127.0.0.1', portValue: 8080 } } } }] }],
    });
  });

  it('reaches the local app on ::1 when the mesh prefers IPv6', () => {
    const config = standalone(soloNode({}, { ipPreference: IpPreference.IPV6_PREFERRED }));
    const address = clusterNamed(config, 'cds_ingress_shop_catalog-v1_http_8080').loadAssignment.endpoints[0].lbEndpoints[0].endpoint.address;
    expect(address).toEqual({ socketAddress: { address: '::1', portValue: 8080 } });
  });

  it('reaches the local app on ::1 when the node requires IPv6', () => {
    const config = standalone(soloNode({ serviceDiscovery: ServiceDiscovery.dns('catalog-v1.shop.local', undefined, IpPreference.IPV6_ONLY) }));
    const address = clusterNamed(config, 'cds_ingress_shop_catalog-v1_http_8080').loadAssignment.endpoints[0].lbEndpoints[0].endpoint.address;
    expect(address.socketAddress.address).toBe('::1');
  });

  it('speaks HTTP/2 to the local app of http2 and grpc listeners', () => {
    const config = standalone(soloNode({ listeners: [VirtualNodeListener.http2({ port: 8080 }), VirtualNodeListener.grpc({ port: 9090 })] }));
    expect(clusterNamed(config, 'cds_ingress_shop_catalog-v1_http2_8080').typedExtensionProtocolOptions).toEqual(HTTP2_OPTIONS);
    expect(clusterNamed(config, 'cds_ingress_shop_catalog-v1_grpc_9090').typedExtensionProtocolOptions).toEqual(HTTP2_OPTIONS);
  });
});

describe('standalone node: listener timeouts', () => {
  const ingressRoute = (config: any) => hcmOf(chainFor(ingressListener(config), 8080)).routeConfig.virtualHosts[0].routes[0].route;

  it('times requests out after 15 s by default, with no idle timeout', () => {
    const config = standalone(soloNode());
    expect(ingressRoute(config).timeout).toBe('15s');
    expect(hcmOf(chainFor(ingressListener(config), 8080)).commonHttpProtocolOptions).toBeUndefined();
  });

  it('takes the route timeout from perRequest', () => {
    const config = standalone(soloNode({ listeners: [VirtualNodeListener.http({ timeout: { perRequest: Duration.seconds(30) } })] }));
    expect(ingressRoute(config).timeout).toBe('30s');
  });

  it('sets the connection manager\'s idle timeout from idle', () => {
    const config = standalone(soloNode({ listeners: [VirtualNodeListener.http({ timeout: { idle: Duration.minutes(2) } })] }));
    expect(hcmOf(chainFor(ingressListener(config), 8080)).commonHttpProtocolOptions).toEqual({ idleTimeout: '120s' });
    expect(ingressRoute(config).timeout).toBe('15s');
  });

  it('proxies a tcp listener with tcp_proxy to the local app, with the idle timeout', () => {
    const config = standalone(soloNode({ listeners: [VirtualNodeListener.tcp({ port: 5432, timeout: { idle: Duration.seconds(600) } })] }));
    expect(tcpProxyOf(chainFor(ingressListener(config), 5432))).toEqual({
      '@type': `${TYPE}envoy.extensions.filters.network.tcp_proxy.v3.TcpProxy`,
      'statPrefix': 'ingress',
      'cluster': 'cds_ingress_shop_catalog-v1_tcp_5432',
      'idleTimeout': '600s',
    });
    expect(clusterNamed(config, 'cds_ingress_shop_catalog-v1_tcp_5432').type).toBe('STATIC');
  });
});

describe('standalone node: health checks', () => {
  const localCluster = (listener: VirtualNodeListener, name = 'cds_ingress_shop_catalog-v1_http_8080') =>
    clusterNamed(standalone(soloNode({ listeners: [listener] })), name);

  it('checks an http listener over HTTP on its path, with the given interval, timeout and thresholds', () => {
    const cluster = localCluster(VirtualNodeListener.http({
      healthCheck: HealthCheck.http({
        path: '/ping', interval: Duration.seconds(10), timeout: Duration.seconds(3), healthyThreshold: 3, unhealthyThreshold: 4,
      }),
    }));
    expect(cluster.healthChecks).toEqual([{
      timeout: '3s', interval: '10s', healthyThreshold: 3, unhealthyThreshold: 4, httpHealthCheck: { path: '/ping' },
    }]);
  });

  it('uses App Mesh\'s defaults: every 5 s, 2 s timeout, 2 healthy and 2 unhealthy, path /', () => {
    const cluster = localCluster(VirtualNodeListener.http({ healthCheck: HealthCheck.http() }));
    expect(cluster.healthChecks).toEqual([{
      timeout: '2s', interval: '5s', healthyThreshold: 2, unhealthyThreshold: 2, httpHealthCheck: { path: '/' },
    }]);
  });

  it('checks a grpc listener with the gRPC health protocol', () => {
    const cluster = localCluster(VirtualNodeListener.grpc({ healthCheck: HealthCheck.grpc() }), 'cds_ingress_shop_catalog-v1_grpc_8080');
    expect(cluster.healthChecks[0].grpcHealthCheck).toEqual({});
    expect(cluster.healthChecks[0].httpHealthCheck).toBeUndefined();
  });

  it('checks a tcp listener by connecting', () => {
    const cluster = localCluster(VirtualNodeListener.tcp({ healthCheck: HealthCheck.tcp() }), 'cds_ingress_shop_catalog-v1_tcp_8080');
    expect(cluster.healthChecks[0].tcpHealthCheck).toEqual({});
  });

  it('checks another port through the endpoint\'s health check config', () => {
    const cluster = localCluster(VirtualNodeListener.http({ healthCheck: HealthCheck.http({ path: '/health', port: 8081 }) }));
    expect(cluster.loadAssignment.endpoints[0].lbEndpoints[0].endpoint.healthCheckConfig).toEqual({ portValue: 8081 });
  });

  it('has no health check config on the endpoint when the check uses the listener\'s port', () => {
    const cluster = localCluster(VirtualNodeListener.http({ healthCheck: HealthCheck.http() }));
    expect(cluster.loadAssignment.endpoints[0].lbEndpoints[0].endpoint.healthCheckConfig).toBeUndefined();
  });
});

describe('standalone node: connection pools', () => {
  const thresholds = (listener: VirtualNodeListener, name: string) =>
    clusterNamed(standalone(soloNode({ listeners: [listener] })), name).circuitBreakers.thresholds;

  it('maps an http pool to maxConnections and maxPendingRequests', () => {
    expect(thresholds(VirtualNodeListener.http({ connectionPool: ConnectionPool.http({ maxConnections: 50, maxPendingRequests: 200 }) }),
      'cds_ingress_shop_catalog-v1_http_8080')).toEqual([{ maxConnections: 50, maxPendingRequests: 200 }]);
  });

  it('maps an http2 pool to maxRequests', () => {
    expect(thresholds(VirtualNodeListener.http2({ connectionPool: ConnectionPool.http2({ maxRequests: 300 }) }),
      'cds_ingress_shop_catalog-v1_http2_8080')).toEqual([{ maxRequests: 300 }]);
  });

  it('maps a grpc pool to maxRequests', () => {
    expect(thresholds(VirtualNodeListener.grpc({ connectionPool: ConnectionPool.grpc({ maxRequests: 400 }) }),
      'cds_ingress_shop_catalog-v1_grpc_8080')).toEqual([{ maxRequests: 400 }]);
  });

  it('maps a tcp pool to maxConnections', () => {
    expect(thresholds(VirtualNodeListener.tcp({ connectionPool: ConnectionPool.tcp({ maxConnections: 25 }) }),
      'cds_ingress_shop_catalog-v1_tcp_8080')).toEqual([{ maxConnections: 25 }]);
  });

  it('has no circuit breakers without a pool', () => {
    expect(clusterNamed(standalone(soloNode()), 'cds_ingress_shop_catalog-v1_http_8080').circuitBreakers).toBeUndefined();
  });
});

describe('standalone node: listener TLS', () => {
  const strictFile = { mode: TlsMode.STRICT, certificate: TlsCertificate.file('/certs/chain.pem', '/certs/key.pem') };

  it('terminates TLS on one filter chain in STRICT mode, with the file certificate', () => {
    const listener = ingressListener(standalone(soloNode({ listeners: [VirtualNodeListener.http({ tls: strictFile })] })));
    expect(listener.filterChains).toHaveLength(1);
    expect(listener.filterChains[0].filterChainMatch).toEqual({ destinationPort: 8080 });
    expect(listener.filterChains[0].transportSocket).toEqual({
      name: 'envoy.transport_sockets.tls',
      typedConfig: {
        '@type': `${TYPE}envoy.extensions.transport_sockets.tls.v3.DownstreamTlsContext`,
        'commonTlsContext': { tlsCertificates: [FILE_CERT] },
      },
    });
  });

  it('accepts TLS and plaintext on two filter chains in PERMISSIVE mode, split on the transport protocol', () => {
    const permissive = { ...strictFile, mode: TlsMode.PERMISSIVE };
    const listener = ingressListener(standalone(soloNode({ listeners: [VirtualNodeListener.http({ tls: permissive })] })));
    expect(listener.filterChains).toHaveLength(2);
    const tls = chainFor(listener, 8080, 'tls');
    const plain = chainFor(listener, 8080);
    expect(tlsContext(tls.transportSocket).commonTlsContext).toEqual({ tlsCertificates: [FILE_CERT] });
    expect(plain.transportSocket).toBeUndefined();
    expect(hcmOf(plain).routeConfig).toEqual(hcmOf(tls).routeConfig);
  });

  it('has no TLS when the listener\'s TLS is DISABLED', () => {
    const listener = ingressListener(standalone(soloNode({ listeners: [VirtualNodeListener.http({ tls: { mode: TlsMode.DISABLED } })] })));
    expect(listener.filterChains).toHaveLength(1);
    expect(listener.filterChains[0].transportSocket).toBeUndefined();
  });

  it('requires and validates client certificates with mutual TLS: trusted CA and DNS / URI subject alternative names', () => {
    const listener = ingressListener(standalone(soloNode({
      listeners: [VirtualNodeListener.http({
        tls: {
          ...strictFile,
          mutualTlsValidation: {
            trust: TlsValidationTrust.file('/certs/ca.pem'),
            subjectAlternativeNames: SubjectAlternativeNames.matchingExactly('frontend.shop.local', 'spiffe://shop/frontend'),
          },
        },
      })],
    })));
    const context = tlsContext(listener.filterChains[0].transportSocket);
    expect(context.requireClientCertificate).toBe(true);
    expect(context.commonTlsContext.validationContext).toEqual({
      trustedCa: { filename: '/certs/ca.pem' },
      matchTypedSubjectAltNames: [
        { sanType: 'DNS', matcher: { exact: 'frontend.shop.local' } },
        { sanType: 'URI', matcher: { exact: 'spiffe://shop/frontend' } },
      ],
    });
  });

  it('does not require client certificates without mutual TLS validation', () => {
    const listener = ingressListener(standalone(soloNode({ listeners: [VirtualNodeListener.http({ tls: strictFile })] })));
    expect(tlsContext(listener.filterChains[0].transportSocket).requireClientCertificate).toBeUndefined();
  });

  it('gets an SDS certificate from the SDS cluster on /run/spire/sockets/agent.sock by default', () => {
    const config = standalone(soloNode({ listeners: [VirtualNodeListener.http({ tls: { mode: TlsMode.STRICT, certificate: TlsCertificate.sds('catalog-cert') } })] }));
    const context = tlsContext(ingressListener(config).filterChains[0].transportSocket);
    expect(context.commonTlsContext.tlsCertificateSdsSecretConfigs).toEqual([{ name: 'catalog-cert', sdsConfig: SDS_SOURCE }]);
    const sds = clusterNamed(config, 'static_cluster_sds_unix_socket');
    expect(sds.type).toBe('STATIC');
    expect(sds.loadAssignment.endpoints[0].lbEndpoints[0].endpoint.address).toEqual({ pipe: { path: '/run/spire/sockets/agent.sock' } });
    expect(sds.typedExtensionProtocolOptions).toEqual(HTTP2_OPTIONS);
  });

  it('uses the SDS socket given as an option', () => {
    const config = standalone(soloNode({ listeners: [VirtualNodeListener.http({ tls: { mode: TlsMode.STRICT, certificate: TlsCertificate.sds('catalog-cert') } })] }),
      { sdsSocketPath: '/var/run/sds/agent.sock' });
    expect(clusterNamed(config, 'static_cluster_sds_unix_socket').loadAssignment.endpoints[0].lbEndpoints[0].endpoint.address)
      .toEqual({ pipe: { path: '/var/run/sds/agent.sock' } });
  });

  it('has no SDS cluster when nothing uses SDS', () => {
    expect(clusterNames(standalone(soloNode({ listeners: [VirtualNodeListener.http({ tls: strictFile })] }))))
      .not.toContain('static_cluster_sds_unix_socket');
  });

  it('refuses an ACM certificate, naming the construct and the field, and pointing at file or SDS', () => {
    const { stack, mesh } = meshFixture();
    const certificate = acm.Certificate.fromCertificateArn(stack, 'Cert', 'arn:aws:acm:eu-west-1:111122223333:certificate/abcd-1234');
    const node = addNode(mesh, 'catalog-v1', { listeners: [VirtualNodeListener.http({ tls: { mode: TlsMode.STRICT, certificate: TlsCertificate.acm(certificate) } })] });
    const error = thrownBy(() => EnvoyConfig.standalone(node));
    expect(error.message).toContain(node.node.path);
    expect(error.message).toContain('spec.listeners[0].tls');
    expect(error.message).toMatch(/file or SDS/);
  });

  it('refuses an ACM certificate created in the app as App Mesh only, pointing at file or SDS', () => {
    const { stack, mesh } = meshFixture();
    const certificate = new acm.Certificate(stack, 'Cert', { domainName: 'catalog.example.com' });
    const node = addNode(mesh, 'catalog-v1', { listeners: [VirtualNodeListener.http({ tls: { mode: TlsMode.STRICT, certificate: TlsCertificate.acm(certificate) } })] });
    const error = thrownBy(() => EnvoyConfig.standalone(node));
    expect(error.message).toContain('AMK_ENVOY_APP_MESH_ONLY');
    expect(error.message).toContain(node.node.path);
    expect(error.message).toContain('spec.listeners[0].tls');
    expect(error.message).toMatch(/file or SDS/);
  });
});

describe('standalone node: egress', () => {
  it('listens on 0.0.0.0:15001 as lds_egress_0.0.0.0_15001, outbound, with original_dst and tls_inspector (for AWS endpoints\' SNI)', () => {
    const listener = egressListener(callThroughRouter());
    expect(listener.address).toEqual({ socketAddress: { address: '0.0.0.0', portValue: 15001 } });
    expect(listener.trafficDirection).toBe('OUTBOUND');
    expect(listener.listenerFilters).toEqual([
      { name: 'envoy.filters.listener.original_dst', typedConfig: { '@type': `${TYPE}envoy.extensions.filters.listener.original_dst.v3.OriginalDst` } },
      { name: 'envoy.filters.listener.tls_inspector', typedConfig: { '@type': `${TYPE}envoy.extensions.filters.listener.tls_inspector.v3.TlsInspector` } },
    ]);
    expect(listener.continueOnListenerFiltersTimeout).toBe(true);
  });

  it('has a virtual host per backend service, answering to <name> and <name>:<port>', () => {
    const { mesh } = meshFixture();
    const catalog = nodeService(mesh, 'catalog.shop.local', addNode(mesh, 'catalog-v1'));
    const cart = nodeService(mesh, 'cart.shop.local', addNode(mesh, 'cart-v1'));
    const node = addNode(mesh, 'frontend', { backends: [Backend.virtualService(catalog), Backend.virtualService(cart)] });
    const config = standalone(node);
    const hcm = hcmOf(chainFor(egressListener(config), 8080));
    expect(hcm.statPrefix).toBe('egress');
    expect(hcm.routeConfig.virtualHosts.map((h: any) => h.domains)).toEqual([
      ['catalog.shop.local', 'catalog.shop.local:8080'],
      ['cart.shop.local', 'cart.shop.local:8080'],
    ]);
  });

  it('has one filter chain per backend port', () => {
    const { mesh } = meshFixture();
    const catalog = nodeService(mesh, 'catalog.shop.local', addNode(mesh, 'catalog-v1', { listeners: [VirtualNodeListener.http({ port: 9080 })] }));
    const cart = nodeService(mesh, 'cart.shop.local', addNode(mesh, 'cart-v1'));
    const config = standalone(addNode(mesh, 'frontend', { backends: [Backend.virtualService(catalog), Backend.virtualService(cart)] }));
    expect(egressListener(config).filterChains.map((c: any) => c.filterChainMatch)).toEqual([
      { destinationPort: 8080 }, { destinationPort: 9080 }, { destinationPort: 443, serverNames: ['*.amazonaws.com', '*.amazonaws.com.cn'] },
    ]);
  });

  it('gives a node without backends an egress listener too: its task sends every outbound connection there', () => {
    // Regression: a node without backends had no egress listener, so every outbound connection of its app failed.
    const config = standalone(soloNode());
    expect(listenerNames(config)).toEqual(['lds_ingress_0.0.0.0_15000', 'lds_egress_0.0.0.0_15001']);
    expect(egressListener(config).filterChains.map((c: any) => c.filterChainMatch))
      .toEqual([{ destinationPort: 443, serverNames: ['*.amazonaws.com', '*.amazonaws.com.cn'] }]);
    expect(egressListener(config).defaultFilterChain).toBeUndefined();
  });

  it('passes TLS to AWS endpoints (SNI *.amazonaws.com) through to where the app sent it, even under DROP_ALL, beside a backend on 443', () => {
    // Regression: App Mesh's DROP_ALL still allowed AWS services (cds_egress_<mesh>_amazonaws); nodes had no chain for 443.
    const { mesh } = meshFixture({ egressFilter: EgressFilter.DROP_ALL });
    const secure = nodeService(mesh, 'secure.shop.local', addNode(mesh, 'secure-v1', { listeners: [VirtualNodeListener.http({ port: 443 })] }));
    const config = standalone(caller(mesh, secure));
    const chains = egressListener(config).filterChains;
    expect(chains.map((c: any) => c.filterChainMatch)).toEqual([
      { destinationPort: 443 }, { destinationPort: 443, serverNames: ['*.amazonaws.com', '*.amazonaws.com.cn'] },
    ]);
    const aws = tcpProxyOf(chains[1]);
    expect(aws.cluster).toBe('cds_egress_shop_amazonaws');
    expect(clusterNamed(config, 'cds_egress_shop_amazonaws')).toEqual({
      name: 'cds_egress_shop_amazonaws', type: 'ORIGINAL_DST', connectTimeout: '1s', lbPolicy: 'CLUSTER_PROVIDED',
    });
  });

  it('routes a service provided directly by a node to that node\'s cluster', () => {
    const { mesh } = meshFixture();
    const service = nodeService(mesh, 'catalog.shop.local', addNode(mesh, 'catalog-v1'));
    const config = standalone(caller(mesh, service));
    expect(egressHost(config, 'catalog.shop.local', 8080).routes).toEqual([
      { match: { prefix: '/' }, route: { cluster: 'cds_egress_shop_catalog-v1_http_8080', timeout: '15s' } },
    ]);
    expect(clusterNamed(config, 'cds_egress_shop_catalog-v1_http_8080').loadAssignment.endpoints[0].lbEndpoints[0].endpoint.address)
      .toEqual({ socketAddress: { address: 'catalog-v1.shop.local', portValue: 8080 } });
  });

  it('proxies a tcp backend with tcp_proxy on its port', () => {
    const { mesh } = meshFixture();
    const db = nodeService(mesh, 'db.shop.local', addNode(mesh, 'db-v1', { listeners: [VirtualNodeListener.tcp({ port: 5432 })] }));
    const config = standalone(caller(mesh, db));
    expect(tcpProxyOf(chainFor(egressListener(config), 5432))).toMatchObject({ statPrefix: 'egress', cluster: 'cds_egress_shop_db-v1_tcp_5432' });
  });

  it('closes idle tcp connections after App Mesh\'s 300 s when no idle timeout is set, in both directions (Envoy alone would wait an hour)', () => {
    // Regression: an unset idle_timeout on tcp_proxy meant Envoy's default of one hour.
    const { mesh } = meshFixture();
    const db = nodeService(mesh, 'db.shop.local', addNode(mesh, 'db-v1', { listeners: [VirtualNodeListener.tcp({ port: 5432 })] }));
    expect(tcpProxyOf(chainFor(egressListener(standalone(caller(mesh, db))), 5432)).idleTimeout).toBe('300s');
    const solo = standalone(soloNode({ listeners: [VirtualNodeListener.tcp({ port: 5432 })] }));
    expect(tcpProxyOf(chainFor(ingressListener(solo), 5432)).idleTimeout).toBe('300s');
  });

  it('splits a tcp route\'s traffic by weight with tcp_proxy weighted clusters', () => {
    const { mesh } = meshFixture();
    const v1 = addNode(mesh, 'db-v1', { listeners: [VirtualNodeListener.tcp({ port: 5432 })] });
    const v2 = addNode(mesh, 'db-v2', { listeners: [VirtualNodeListener.tcp({ port: 5432 })] });
    const { router, service } = routerService(mesh, [VirtualRouterListener.tcp(5432)]);
    router.addRoute('Route', { routeSpec: RouteSpec.tcp({ timeout: { idle: Duration.seconds(30) } }) }).to(v1).canary(v2, 20);
    const proxy = tcpProxyOf(chainFor(egressListener(standalone(caller(mesh, service))), 5432));
    expect(proxy.weightedClusters).toEqual({
      clusters: [{ name: 'cds_egress_shop_db-v1_tcp_5432', weight: 80 }, { name: 'cds_egress_shop_db-v2_tcp_5432', weight: 20 }],
    });
    expect(proxy.idleTimeout).toBe('30s');
  });

  it('refuses a backend virtual service this app does not define, naming the field', () => {
    const { stack, mesh } = meshFixture();
    const imported = VirtualService.fromVirtualServiceAttributes(stack, 'Imported', { mesh, virtualServiceName: 'elsewhere.shop.local' });
    const node = caller(mesh, imported);
    const error = thrownBy(() => EnvoyConfig.standalone(node));
    expect(error.message).toContain(node.node.path);
    expect(error.message).toContain('spec.backends[0].virtualService.virtualServiceName');
    expect(error.message).toContain('elsewhere.shop.local');
  });

  it('refuses a node that reaches a Cloud Map service named by a token, and compiles the nodes that do not', () => {
    const { stack, mesh } = meshFixture();
    const namespace = new servicediscovery.HttpNamespace(stack, 'Namespace', { name: 'ns.local' });
    const cloudMapService = namespace.createService('Svc', { name: 'svc' });
    const target = addNode(mesh, 'catalog-v1', { serviceDiscovery: ServiceDiscovery.cloudMap(cloudMapService) });
    const service = nodeService(mesh, 'catalog.shop.local', target);
    const reaching = caller(mesh, service);
    const bystander = addNode(mesh, 'bystander');

    const error = thrownBy(() => EnvoyConfig.standalone(reaching));
    expect(error.message).toContain(target.node.path);
    expect(error.message).toContain('spec.serviceDiscovery.awsCloudMap.serviceName');
    expect(listenerNames(standalone(bystander))).toEqual(['lds_ingress_0.0.0.0_15000', 'lds_egress_0.0.0.0_15001']);
  });
});

describe('standalone node: routes of a router', () => {
  /** The egress routes the frontend gets for a router with the given http routes (all to catalog-v1). */
  function routesFor(...specs: RouteSpec[]): any[] {
    const { mesh } = meshFixture();
    const target = addNode(mesh, 'catalog-v1');
    const { router, service } = routerService(mesh);
    specs.forEach((spec, i) => router.addRoute(`Route${i}`, { routeSpec: spec }).to(target));
    return egressHost(standalone(caller(mesh, service)), 'catalog.shop.local', 8080).routes;
  }
  const prefix = (p: string) => ({ path: HttpRoutePathMatch.startsWith(p) });

  it('compiles routes in priority order, routes without a priority last', () => {
    const routes = routesFor(
      RouteSpec.http({ match: prefix('/unset') }),
      RouteSpec.http({ match: prefix('/twenty'), priority: 20 }),
      RouteSpec.http({ match: prefix('/ten'), priority: 10 }),
    );
    expect(routes.map((r) => r.match.prefix)).toEqual(['/ten', '/twenty', '/unset']);
  });

  it.each<[string, RouteSpec, object]>([
    ['prefix', RouteSpec.http({ match: prefix('/catalog/') }), { prefix: '/catalog/' }],
    ['no match (prefix /)', RouteSpec.http(), { prefix: '/' }],
    ['exact path', RouteSpec.http({ match: { path: HttpRoutePathMatch.exactly('/catalog/items') } }), { path: '/catalog/items' }],
    ['regex path', RouteSpec.http({ match: { path: HttpRoutePathMatch.regex('/items/[0-9]+') } }), { safeRegex: { regex: '/items/[0-9]+' } }],
    ['header exact', RouteSpec.http({ match: { headers: [HeaderMatch.valueIs('x-version', 'v2')] } }),
      { prefix: '/', headers: [{ name: 'x-version', stringMatch: { exact: 'v2' } }] }],
    ['header not exact', RouteSpec.http({ match: { headers: [HeaderMatch.valueIsNot('x-version', 'v2')] } }),
      { prefix: '/', headers: [{ name: 'x-version', stringMatch: { exact: 'v2' }, invertMatch: true }] }],
    ['header prefix', RouteSpec.http({ match: { headers: [HeaderMatch.valueStartsWith('user-agent', 'Mozilla')] } }),
      { prefix: '/', headers: [{ name: 'user-agent', stringMatch: { prefix: 'Mozilla' } }] }],
    ['header suffix', RouteSpec.http({ match: { headers: [HeaderMatch.valueEndsWith('host', '.example.com')] } }),
      { prefix: '/', headers: [{ name: 'host', stringMatch: { suffix: '.example.com' } }] }],
    ['header regex', RouteSpec.http({ match: { headers: [HeaderMatch.valueMatchesRegex('x-user', 'u-[0-9]+')] } }),
      { prefix: '/', headers: [{ name: 'x-user', stringMatch: { safeRegex: { regex: 'u-[0-9]+' } } }] }],
    ['header range', RouteSpec.http({ match: { headers: [HeaderMatch.valuesIsInRange('x-shard', 1, 100)] } }),
      { prefix: '/', headers: [{ name: 'x-shard', rangeMatch: { start: '1', end: '100' } }] }],
    ['header not in range', RouteSpec.http({ match: { headers: [HeaderMatch.valuesIsNotInRange('x-shard', 1, 100)] } }),
      { prefix: '/', headers: [{ name: 'x-shard', rangeMatch: { start: '1', end: '100' }, invertMatch: true }] }],
    ['method', RouteSpec.http({ match: { method: HttpRouteMethod.POST } }),
      { prefix: '/', headers: [{ name: ':method', stringMatch: { exact: 'POST' } }] }],
    ['scheme', RouteSpec.http({ match: { scheme: HttpRouteProtocol.HTTPS } }),
      { prefix: '/', headers: [{ name: ':scheme', stringMatch: { exact: 'https' } }] }],
    ['query parameter', RouteSpec.http({ match: { queryParameters: [QueryParameterMatch.valueIs('lang', 'en')] } }),
      { prefix: '/', queryParameters: [{ name: 'lang', stringMatch: { exact: 'en' } }] }],
  ])('matches by %s', (_kind, spec, match) => {
    expect(routesFor(spec)[0].match).toEqual(match);
  });

  it('combines path, headers, method and query parameters in one match', () => {
    const [route] = routesFor(RouteSpec.http({
      match: {
        path: HttpRoutePathMatch.startsWith('/api/'),
        headers: [HeaderMatch.valueIs('x-version', 'v2')],
        method: HttpRouteMethod.GET,
        queryParameters: [QueryParameterMatch.valueIs('lang', 'en')],
      },
    }));
    expect(route.match).toEqual({
      prefix: '/api/',
      headers: [{ name: 'x-version', stringMatch: { exact: 'v2' } }, { name: ':method', stringMatch: { exact: 'GET' } }],
      queryParameters: [{ name: 'lang', stringMatch: { exact: 'en' } }],
    });
  });

  /** The egress routes for a grpc router on 8080 with the given grpc routes (all to a grpc catalog-v1). */
  function grpcRoutesFor(...specs: RouteSpec[]): { config: any; routes: any[] } {
    const { mesh } = meshFixture();
    const target = addNode(mesh, 'catalog-v1', { listeners: [VirtualNodeListener.grpc()] });
    const { router, service } = routerService(mesh, [VirtualRouterListener.grpc(8080)]);
    specs.forEach((spec, i) => router.addRoute(`Route${i}`, { routeSpec: spec }).to(target));
    const config = standalone(caller(mesh, service));
    return { config, routes: egressHost(config, 'catalog.shop.local', 8080).routes };
  }

  it('matches a gRPC service and method as the path /<service>/<method>', () => {
    const { routes } = grpcRoutesFor(RouteSpec.grpc({ match: { serviceName: 'shop.Catalog', methodName: 'List' } }));
    expect(routes[0].match).toEqual({ path: '/shop.Catalog/List', grpc: {} });
  });

  it('matches a gRPC service alone as the prefix /<service>/', () => {
    const { routes } = grpcRoutesFor(RouteSpec.grpc({ match: { serviceName: 'shop.Catalog' } }));
    expect(routes[0].match).toEqual({ prefix: '/shop.Catalog/', grpc: {} });
  });

  it('matches gRPC metadata as headers', () => {
    const { routes } = grpcRoutesFor(RouteSpec.grpc({
      match: { serviceName: 'shop.Catalog', metadata: [HeaderMatch.valueIs('x-tenant', 'acme'), HeaderMatch.valueDoesNotStartWith('x-env', 'test')] },
    }));
    expect(routes[0].match).toEqual({
      prefix: '/shop.Catalog/',
      grpc: {},
      headers: [
        { name: 'x-tenant', stringMatch: { exact: 'acme' } },
        { name: 'x-env', stringMatch: { prefix: 'test' }, invertMatch: true },
      ],
    });
  });

  it('speaks HTTP/2 to grpc targets', () => {
    const { config } = grpcRoutesFor(RouteSpec.grpc({ match: { serviceName: 'shop.Catalog' } }));
    expect(clusterNamed(config, 'cds_egress_shop_catalog-v1_grpc_8080').typedExtensionProtocolOptions).toEqual(HTTP2_OPTIONS);
  });

  it('speaks HTTP/2 to http2 targets, and not to http ones', () => {
    const { mesh } = meshFixture();
    const h2 = nodeService(mesh, 'h2.shop.local', addNode(mesh, 'h2-v1', { listeners: [VirtualNodeListener.http2({ port: 8443 })] }));
    const h1 = nodeService(mesh, 'h1.shop.local', addNode(mesh, 'h1-v1'));
    const config = standalone(addNode(mesh, 'frontend', { backends: [Backend.virtualService(h2), Backend.virtualService(h1)] }));
    expect(clusterNamed(config, 'cds_egress_shop_h2-v1_http2_8443').typedExtensionProtocolOptions).toEqual(HTTP2_OPTIONS);
    expect(clusterNamed(config, 'cds_egress_shop_h1-v1_http_8080').typedExtensionProtocolOptions).toBeUndefined();
  });

  it('splits a canary 90/10 across the targets\' clusters', () => {
    const { mesh } = meshFixture();
    const v1 = addNode(mesh, 'catalog-v1');
    const v2 = addNode(mesh, 'catalog-v2');
    const { router, service } = routerService(mesh);
    router.addRoute('Route', { routeSpec: RouteSpec.http() }).to(v1).canary(v2, 10);
    const [route] = egressHost(standalone(caller(mesh, service)), 'catalog.shop.local', 8080).routes;
    expect(route.route.weightedClusters).toEqual({
      clusters: [{ name: 'cds_egress_shop_catalog-v1_http_8080', weight: 90 }, { name: 'cds_egress_shop_catalog-v2_http_8080', weight: 10 }],
    });
    expect(route.route.cluster).toBeUndefined();
  });

  it('routes a single target to its plain cluster', () => {
    const [route] = routesFor(RouteSpec.http());
    expect(route.route.cluster).toBe('cds_egress_shop_catalog-v1_http_8080');
    expect(route.route.weightedClusters).toBeUndefined();
  });

  it('times routes out after 15 s by default, without idle timeout', () => {
    const [route] = routesFor(RouteSpec.http());
    expect(route.route.timeout).toBe('15s');
    expect(route.route.idleTimeout).toBeUndefined();
  });

  it('takes the route timeout and idle timeout from the route', () => {
    const [route] = routesFor(RouteSpec.http({ timeout: { perRequest: Duration.seconds(12), idle: Duration.seconds(90) } }));
    expect(route.route.timeout).toBe('12s');
    expect(route.route.idleTimeout).toBe('90s');
  });
});

describe('standalone node: retry policies', () => {
  const PREVIOUS_HOSTS = [{
    name: 'envoy.retry_host_predicates.previous_hosts',
    typedConfig: { '@type': `${TYPE}envoy.extensions.retry.host.previous_hosts.v3.PreviousHostsPredicate` },
  }];

  function retryPolicyFor(policy: RetryPolicy, grpc = false): any {
    const { mesh } = meshFixture();
    const target = addNode(mesh, 'catalog-v1', { listeners: [grpc ? VirtualNodeListener.grpc() : VirtualNodeListener.http()] });
    const { router, service } = routerService(mesh, [grpc ? VirtualRouterListener.grpc(8080) : VirtualRouterListener.http(8080)]);
    const spec = grpc ? RouteSpec.grpc({ match: { serviceName: 'shop.Catalog' } }) : RouteSpec.http();
    router.addRoute('Route', { routeSpec: spec }).to(target).withRetries(policy);
    return egressHost(standalone(caller(mesh, service)), 'catalog.shop.local', 8080).routes[0].route.retryPolicy;
  }

  it('maps the recommended policy to gateway-error,connect-failure, 2 retries of 5 s each, on other hosts', () => {
    const policy = retryPolicyFor(RetryPolicy.recommended());
    expect(policy).toMatchObject({ retryOn: 'gateway-error,connect-failure', numRetries: 2, perTryTimeout: '5s', retryHostPredicate: PREVIOUS_HOSTS });
    expect(policy.retriableStatusCodes).toBeUndefined();
  });

  it('maps server-error to 5xx', () => {
    const policy = retryPolicyFor(RetryPolicy.custom({
      maxRetries: 3, perRetryTimeout: Duration.seconds(2), httpRetryEvents: [HttpRetryEvent.SERVER_ERROR],
    }));
    expect(policy).toMatchObject({ retryOn: '5xx', numRetries: 3, perTryTimeout: '2s', retryHostPredicate: PREVIOUS_HOSTS });
  });

  it('maps stream-error to refused-stream', () => {
    const policy = retryPolicyFor(RetryPolicy.custom({
      maxRetries: 1, perRetryTimeout: Duration.millis(500), httpRetryEvents: [HttpRetryEvent.STREAM_ERROR],
    }));
    expect(policy).toMatchObject({ retryOn: 'refused-stream', numRetries: 1, perTryTimeout: '0.5s' });
  });

  it('maps client-error to retriable-status-codes with 409', () => {
    const policy = retryPolicyFor(RetryPolicy.custom({
      maxRetries: 2, perRetryTimeout: Duration.seconds(1), httpRetryEvents: [HttpRetryEvent.CLIENT_ERROR],
    }));
    expect(policy).toMatchObject({ retryOn: 'retriable-status-codes', retriableStatusCodes: [409] });
  });

  it('maps tcp connection-error to connect-failure, next to http events', () => {
    const policy = retryPolicyFor(RetryPolicy.custom({
      maxRetries: 2,
      perRetryTimeout: Duration.seconds(1),
      httpRetryEvents: [HttpRetryEvent.GATEWAY_ERROR],
      tcpRetryEvents: [TcpRetryEvent.CONNECTION_ERROR],
    }));
    expect(policy.retryOn).toBe('gateway-error,connect-failure');
  });

  it('maps gRPC retry events by name', () => {
    const policy = retryPolicyFor(RetryPolicy.custom({
      maxRetries: 4,
      perRetryTimeout: Duration.seconds(3),
      grpcRetryEvents: [GrpcRetryEvent.CANCELLED, GrpcRetryEvent.DEADLINE_EXCEEDED, GrpcRetryEvent.INTERNAL_ERROR,
        GrpcRetryEvent.RESOURCE_EXHAUSTED, GrpcRetryEvent.UNAVAILABLE],
    }), true);
    expect(policy).toMatchObject({ retryOn: 'cancelled,deadline-exceeded,internal,resource-exhausted,unavailable', numRetries: 4, perTryTimeout: '3s' });
  });

  it('has no retry policy when the route sets none', () => {
    const { mesh } = meshFixture();
    const { router, service } = routerService(mesh);
    router.addRoute('Route', { routeSpec: RouteSpec.http() }).to(addNode(mesh, 'catalog-v1'));
    expect(egressHost(standalone(caller(mesh, service)), 'catalog.shop.local', 8080).routes[0].route.retryPolicy).toBeUndefined();
  });
});

describe('standalone node: egress clusters', () => {
  const TARGET = 'cds_egress_shop_catalog-v1_http_8080';

  it('resolves a DNS node answering with one address (LOADBALANCER) as LOGICAL_DNS', () => {
    const config = callThroughRouter({ serviceDiscovery: ServiceDiscovery.dns('catalog-v1.shop.local', DnsResponseType.LOAD_BALANCER) });
    const cluster = clusterNamed(config, TARGET);
    expect(cluster.type).toBe('LOGICAL_DNS');
    expect(cluster.connectTimeout).toBe('1s');
    expect(cluster.loadAssignment).toEqual({
      clusterName: TARGET,
      endpoints: [{ lbEndpoints: [{ endpoint: { address: { socketAddress: { address: 'catalog-v1.shop.local', portValue: 8080 } } } }] }],
    });
  });

  it('resolves a DNS node with the default response type as LOGICAL_DNS', () => {
    expect(clusterNamed(callThroughRouter(), TARGET).type).toBe('LOGICAL_DNS');
  });

  it('resolves a DNS node answering with every endpoint (ENDPOINTS) as STRICT_DNS', () => {
    const config = callThroughRouter({ serviceDiscovery: ServiceDiscovery.dns('catalog-v1.shop.local', DnsResponseType.ENDPOINTS) });
    expect(clusterNamed(config, TARGET).type).toBe('STRICT_DNS');
  });

  it('resolves a Cloud Map node by its DNS name <service>.<namespace> as STRICT_DNS', () => {
    const config = callThroughRouter({ serviceDiscovery: ServiceDiscovery.cloudMapByName('ns.local', 'svc') });
    const cluster = clusterNamed(config, TARGET);
    expect(cluster.type).toBe('STRICT_DNS');
    expect(cluster.loadAssignment.endpoints[0].lbEndpoints[0].endpoint.address).toEqual({ socketAddress: { address: 'svc.ns.local', portValue: 8080 } });
  });

  it.each<[string, string, IpPreference | undefined]>([
    ['IPv4_ONLY', 'V4_ONLY', IpPreference.IPV4_ONLY],
    ['IPv6_ONLY', 'V6_ONLY', IpPreference.IPV6_ONLY],
    ['IPv4_PREFERRED', 'V4_PREFERRED', IpPreference.IPV4_PREFERRED],
    ['an unset preference', 'AUTO', undefined],
  ])('looks up %s as dnsLookupFamily %s', (_name, family, preference) => {
    const config = callThroughRouter({ serviceDiscovery: ServiceDiscovery.dns('catalog-v1.shop.local', undefined, preference) });
    expect(clusterNamed(config, TARGET).dnsLookupFamily).toBe(family);
  });

  it('takes the lookup family from the mesh\'s IP preference when the node has none', () => {
    const config = callThroughRouter({}, { ipPreference: IpPreference.IPV4_ONLY });
    expect(clusterNamed(config, TARGET).dnsLookupFamily).toBe('V4_ONLY');
  });

  it('takes the lookup family of a Cloud Map node from its IP preference', () => {
    const config = callThroughRouter({ serviceDiscovery: ServiceDiscovery.cloudMapByName('ns.local', 'svc', undefined, IpPreference.IPV6_ONLY) });
    expect(clusterNamed(config, TARGET).dnsLookupFamily).toBe('V6_ONLY');
  });

  it('ejects outliers as the target\'s listener says', () => {
    const config = callThroughRouter({
      listeners: [VirtualNodeListener.http({
        outlierDetection: { maxServerErrors: 5, interval: Duration.seconds(10), baseEjectionDuration: Duration.seconds(30), maxEjectionPercent: 50 },
      })],
    });
    expect(clusterNamed(config, TARGET).outlierDetection).toEqual({ consecutive5xx: 5, interval: '10s', baseEjectionTime: '30s', maxEjectionPercent: 50 });
  });

  it('has no outlier detection when the target\'s listener has none', () => {
    expect(clusterNamed(callThroughRouter(), TARGET).outlierDetection).toBeUndefined();
  });
});

describe('standalone node: TLS towards backends', () => {
  const policy: TlsClientPolicy = {
    validation: {
      trust: TlsValidationTrust.file('/certs/ca.pem'),
      subjectAlternativeNames: SubjectAlternativeNames.matchingExactly('catalog-v1.shop.local', 'spiffe://shop/catalog'),
    },
    mutualTlsCertificate: TlsCertificate.file('/certs/client.pem', '/certs/client-key.pem'),
  };
  const UPSTREAM = {
    name: 'envoy.transport_sockets.tls',
    typedConfig: {
      '@type': `${TYPE}envoy.extensions.transport_sockets.tls.v3.UpstreamTlsContext`,
      'sni': 'catalog.shop.local',
      'commonTlsContext': {
        tlsCertificates: [{ certificateChain: { filename: '/certs/client.pem' }, privateKey: { filename: '/certs/client-key.pem' } }],
        validationContext: {
          trustedCa: { filename: '/certs/ca.pem' },
          matchTypedSubjectAltNames: [
            { sanType: 'DNS', matcher: { exact: 'catalog-v1.shop.local' } },
            { sanType: 'URI', matcher: { exact: 'spiffe://shop/catalog' } },
          ],
        },
      },
    },
  };

  it('originates TLS with the backend\'s client policy: SNI of the virtual service, trusted CA, SANs, client certificate', () => {
    const config = callThroughRouter({}, {}, policy);
    const [route] = egressHost(config, 'catalog.shop.local', 8080).routes;
    expect(route.route.cluster).toBe('cds_egress_shop_catalog-v1_http_8080_tls_catalog.shop.local');
    expect(clusterNamed(config, 'cds_egress_shop_catalog-v1_http_8080_tls_catalog.shop.local').transportSocket).toEqual(UPSTREAM);
  });

  it('originates TLS with the node\'s backend defaults', () => {
    const { mesh } = meshFixture();
    const target = addNode(mesh, 'catalog-v1');
    const { router, service } = routerService(mesh);
    router.addRoute('Route', { routeSpec: RouteSpec.http() }).to(target);
    const node = caller(mesh, service, { backendDefaults: { tlsClientPolicy: policy } });
    expect(clusterNamed(standalone(node), 'cds_egress_shop_catalog-v1_http_8080_tls_catalog.shop.local').transportSocket).toEqual(UPSTREAM);
  });

  it('originates TLS to a service provided directly by a node', () => {
    const { mesh } = meshFixture();
    const service = nodeService(mesh, 'catalog.shop.local', addNode(mesh, 'catalog-v1'));
    const config = standalone(caller(mesh, service, {}, policy));
    expect(egressHost(config, 'catalog.shop.local', 8080).routes[0].route.cluster).toBe('cds_egress_shop_catalog-v1_http_8080_tls_catalog.shop.local');
    expect(clusterNamed(config, 'cds_egress_shop_catalog-v1_http_8080_tls_catalog.shop.local').transportSocket).toEqual(UPSTREAM);
  });

  it('validates the server with an SDS trust and needs the SDS cluster', () => {
    const config = callThroughRouter({}, {}, { validation: { trust: TlsValidationTrust.sds('spiffe://shop') } });
    const context = tlsContext(clusterNamed(config, 'cds_egress_shop_catalog-v1_http_8080_tls_catalog.shop.local').transportSocket);
    expect(context.commonTlsContext).toEqual({ validationContextSdsSecretConfig: { name: 'spiffe://shop', sdsConfig: SDS_SOURCE } });
    expect(clusterNames(config)).toContain('static_cluster_sds_unix_socket');
  });

  it('does not originate TLS when the policy does not enforce it', () => {
    const config = callThroughRouter({}, {}, { ...policy, enforce: false });
    const cluster = clusterNamed(config, 'cds_egress_shop_catalog-v1_http_8080');
    expect(cluster.transportSocket).toBeUndefined();
    expect(clusterNames(config)).not.toContain('cds_egress_shop_catalog-v1_http_8080_tls_catalog.shop.local');
  });

  it('originates TLS only on the ports the policy lists', () => {
    const { mesh } = meshFixture();
    const target = addNode(mesh, 'catalog-v1', { listeners: [VirtualNodeListener.http({ port: 8080 }), VirtualNodeListener.http({ port: 8443 })] });
    const service = nodeService(mesh, 'catalog.shop.local', target);
    const config = standalone(caller(mesh, service, {}, { ...policy, ports: [8443] }));
    expect(clusterNamed(config, 'cds_egress_shop_catalog-v1_http_8443_tls_catalog.shop.local').transportSocket).toEqual(UPSTREAM);
    expect(clusterNamed(config, 'cds_egress_shop_catalog-v1_http_8080').transportSocket).toBeUndefined();
    expect(egressHost(config, 'catalog.shop.local', 8080).routes[0].route.cluster).toBe('cds_egress_shop_catalog-v1_http_8080');
    expect(egressHost(config, 'catalog.shop.local', 8443).routes[0].route.cluster).toBe('cds_egress_shop_catalog-v1_http_8443_tls_catalog.shop.local');
  });

  it('matches the policy\'s ports against the target node\'s listener port (the server\'s port), not the service\'s', () => {
    // A router serves catalog.shop.local on 443; its node listens on 8443 with STRICT TLS. App Mesh applies a
    // client policy when "one of the ports in the client policy matches the port of the server's policy" (User Guide, TLS).
    const { mesh } = meshFixture();
    const target = addNode(mesh, 'catalog-v1', {
      listeners: [VirtualNodeListener.http({ port: 8443, tls: { mode: TlsMode.STRICT, certificate: TlsCertificate.file('/certs/cert.pem', '/certs/key.pem') } })],
    });
    const { router, service } = routerService(mesh, [VirtualRouterListener.http(443)]);
    router.addRoute('Route', { routeSpec: RouteSpec.http() }).to(target);
    const matching = standalone(caller(mesh, service, {}, { ...policy, ports: [8443] }));
    expect(clusterNamed(matching, 'cds_egress_shop_catalog-v1_http_8443_tls_catalog.shop.local').transportSocket).toEqual(UPSTREAM);
  });

  it('still speaks TLS to a STRICT listener no client policy covers: encrypted, not validated (never plaintext to STRICT)', () => {
    // Regression: a policy for port 443 of a service served by nodes on 8443 sent plaintext to a STRICT node.
    const { mesh } = meshFixture();
    const target = addNode(mesh, 'catalog-v1', {
      listeners: [VirtualNodeListener.http({ port: 8443, tls: { mode: TlsMode.STRICT, certificate: TlsCertificate.file('/certs/cert.pem', '/certs/key.pem') } })],
    });
    const { router, service } = routerService(mesh, [VirtualRouterListener.http(443)]);
    router.addRoute('Route', { routeSpec: RouteSpec.http() }).to(target);
    const config = standalone(caller(mesh, service, {}, { ...policy, ports: [443] }));
    const cluster = clusterNamed(config, egressHost(config, 'catalog.shop.local', 443).routes[0].route.cluster);
    expect(cluster.name).toBe('cds_egress_shop_catalog-v1_http_8443_tls_catalog.shop.local');
    expect(tlsContext(cluster.transportSocket)).toEqual({ '@type': `${TYPE}envoy.extensions.transport_sockets.tls.v3.UpstreamTlsContext`, 'sni': 'catalog.shop.local' });
  });

  it('gives each backend service its own SNI when two services reach the same node over TLS', () => {
    const { mesh } = meshFixture();
    const target = addNode(mesh, 'catalog-v1');
    const catalog = nodeService(mesh, 'catalog.shop.local', target);
    const products = nodeService(mesh, 'products.shop.local', target);
    const config = standalone(addNode(mesh, 'frontend', {
      backends: [Backend.virtualService(catalog, { tlsClientPolicy: policy }), Backend.virtualService(products, { tlsClientPolicy: policy })],
    }));
    for (const service of ['catalog.shop.local', 'products.shop.local']) {
      const cluster = clusterNamed(config, egressHost(config, service, 8080).routes[0].route.cluster);
      expect(tlsContext(cluster.transportSocket).sni, service).toBe(service);
    }
  });

  it('names the backend\'s own client policy when its ACM trust cannot be used', () => {
    const { stack, mesh } = meshFixture();
    const authority = acmpca.CertificateAuthority.fromCertificateAuthorityArn(stack, 'Ca',
      'arn:aws:acm-pca:eu-west-1:111122223333:certificate-authority/abcd-1234');
    const target = addNode(mesh, 'catalog-v1');
    const node = caller(mesh, nodeService(mesh, 'catalog.shop.local', target), {}, { validation: { trust: TlsValidationTrust.acm([authority]) } });
    const error = thrownBy(() => EnvoyConfig.standalone(node));
    expect(error.message).toContain('AMK_ENVOY_APP_MESH_ONLY');
    expect(error.message).toContain(node.node.path);
    expect(error.message).toContain('spec.backends[0].virtualService.clientPolicy.tls');
    expect(error.message).toMatch(/file or SDS/);
  });

  it('names the backend defaults when their ACM trust cannot be used', () => {
    const { stack, mesh } = meshFixture();
    const authority = acmpca.CertificateAuthority.fromCertificateAuthorityArn(stack, 'Ca',
      'arn:aws:acm-pca:eu-west-1:111122223333:certificate-authority/abcd-1234');
    const target = addNode(mesh, 'catalog-v1');
    const node = caller(mesh, nodeService(mesh, 'catalog.shop.local', target), {
      backendDefaults: { tlsClientPolicy: { validation: { trust: TlsValidationTrust.acm([authority]) } } },
    });
    const error = thrownBy(() => EnvoyConfig.standalone(node));
    expect(error.message).toContain('AMK_ENVOY_APP_MESH_ONLY');
    expect(error.message).toContain('spec.backendDefaults.clientPolicy.tls');
  });

  it('has no TLS towards backends without a client policy', () => {
    expect(clusterNamed(callThroughRouter(), 'cds_egress_shop_catalog-v1_http_8080').transportSocket).toBeUndefined();
  });
});

describe('standalone node: egress filter', () => {
  it('passes everything else through to its original destination with ALLOW_ALL', () => {
    const config = callThroughRouter({}, { egressFilter: EgressFilter.ALLOW_ALL });
    const listener = egressListener(config);
    expect(listener.defaultFilterChain.filters).toHaveLength(1);
    const proxy = tcpProxyOf(listener.defaultFilterChain);
    const passthrough = clusterNamed(config, proxy.cluster);
    expect(passthrough.type).toBe('ORIGINAL_DST');
    expect(passthrough.lbPolicy).toBe('CLUSTER_PROVIDED');
  });

  it('passes traffic through with ALLOW_ALL even when the node has no backends', () => {
    const config = standalone(soloNode({}, { egressFilter: EgressFilter.ALLOW_ALL }));
    const listener = egressListener(config);
    expect(listener.filterChains.map((c: any) => c.filterChainMatch)).toEqual([{ destinationPort: 443, serverNames: ['*.amazonaws.com', '*.amazonaws.com.cn'] }]);
    expect(tcpProxyOf(listener.defaultFilterChain).cluster).toBe('cds_egress_shop_passthrough');
    expect(clusterNamed(config, tcpProxyOf(listener.defaultFilterChain).cluster).type).toBe('ORIGINAL_DST');
  });

  it('has no default filter chain with DROP_ALL', () => {
    const config = callThroughRouter({}, { egressFilter: EgressFilter.DROP_ALL });
    expect(egressListener(config).defaultFilterChain).toBeUndefined();
    // Only AWS endpoints pass through to their original destination.
    expect(clusterNames(config).filter((name) => clusterNamed(config, name).type === 'ORIGINAL_DST')).toEqual(['cds_egress_shop_amazonaws']);
  });
});

describe('standalone node: access logs and tracing', () => {
  const FILE_LOG = `${TYPE}envoy.extensions.access_loggers.file.v3.FileAccessLog`;

  it('logs to the node\'s file path in JSON format on every connection manager', () => {
    const { mesh } = meshFixture();
    const service = nodeService(mesh, 'catalog.shop.local', addNode(mesh, 'catalog-v1'));
    const config = standalone(caller(mesh, service, {
      accessLog: AccessLog.fromFilePath('/dev/stdout', LoggingFormat.fromJson({ status: '%RESPONSE_CODE%', path: '%REQ(:PATH)%' })),
    }));
    const expected = [{
      name: 'envoy.access_loggers.file',
      typedConfig: { '@type': FILE_LOG, 'path': '/dev/stdout', 'logFormat': { jsonFormat: { path: '%REQ(:PATH)%', status: '%RESPONSE_CODE%' } } },
    }];
    expect(hcmOf(chainFor(ingressListener(config), 8080)).accessLog).toEqual(expected);
    expect(hcmOf(chainFor(egressListener(config), 8080)).accessLog).toEqual(expected);
  });

  it('logs in text format as an inline string', () => {
    const config = standalone(soloNode({ accessLog: AccessLog.fromFilePath('/var/log/envoy.log', LoggingFormat.fromText('%START_TIME% %RESPONSE_CODE%\n')) }));
    expect(hcmOf(chainFor(ingressListener(config), 8080)).accessLog).toEqual([{
      name: 'envoy.access_loggers.file',
      typedConfig: { '@type': FILE_LOG, 'path': '/var/log/envoy.log', 'logFormat': { textFormatSource: { inlineString: '%START_TIME% %RESPONSE_CODE%\n' } } },
    }]);
  });

  it('logs with Envoy\'s default format when none is given, also on tcp proxies', () => {
    const config = standalone(soloNode({ listeners: [VirtualNodeListener.tcp()], accessLog: AccessLog.fromFilePath('/dev/stdout') }));
    expect(tcpProxyOf(chainFor(ingressListener(config), 8080)).accessLog).toEqual([{ name: 'envoy.access_loggers.file', typedConfig: { '@type': FILE_LOG, 'path': '/dev/stdout' } }]);
  });

  it('has no access log without the node\'s logging', () => {
    expect(hcmOf(chainFor(ingressListener(standalone(soloNode())), 8080)).accessLog).toBeUndefined();
  });

  it('traces every connection manager to X-Ray with the tracing option', () => {
    const config = standalone(soloNode(), { tracing: EnvoyTracing.xray() });
    expect(hcmOf(chainFor(ingressListener(config), 8080)).tracing).toEqual({
      provider: {
        name: 'envoy.tracers.xray',
        typedConfig: {
          '@type': `${TYPE}envoy.config.trace.v3.XRayConfig`,
          'segmentName': 'envoy',
          'daemonEndpoint': { protocol: 'UDP', address: '127.0.0.1', portValue: 2000 },
        },
      },
    });
    expect(config.tracing).toBeUndefined();
  });

  it('traces to Datadog through a datadog_agent cluster', () => {
    const config = standalone(soloNode(), { tracing: EnvoyTracing.datadog() });
    expect(hcmOf(chainFor(ingressListener(config), 8080)).tracing.provider.typedConfig.collectorCluster).toBe('datadog_agent');
    expect(clusterNamed(config, 'datadog_agent').loadAssignment.endpoints[0].lbEndpoints[0].endpoint.address)
      .toEqual({ socketAddress: { address: '127.0.0.1', portValue: 8126 } });
  });

  it('traces to Jaeger through a jaeger cluster', () => {
    const config = standalone(soloNode(), { tracing: EnvoyTracing.jaeger({ jsonEncoding: true }) });
    expect(hcmOf(chainFor(ingressListener(config), 8080)).tracing.provider.typedConfig).toMatchObject({
      collectorCluster: 'jaeger', collectorEndpointVersion: 'HTTP_JSON',
    });
    expect(clusterNames(config)).toContain('jaeger');
  });

  it('does not trace without the tracing option', () => {
    expect(hcmOf(chainFor(ingressListener(standalone(soloNode())), 8080)).tracing).toBeUndefined();
  });
});

describe('standalone node: the codes of the errors', () => {
  /** The error must be an MeshKitError whose message starts `<code> <construct path> <field>: `. */
  function expectEnvoyError(error: Error, code: string, path: string, field: string): void {
    expect(error.name).toBe('MeshKitError');
    expect(error.message.startsWith(`${code} ${path} ${field}: `), error.message).toBe(true);
  }

  it('AMK_ENVOY_UNKNOWN_RESOURCE: a backend virtual service this app does not define', () => {
    const { stack, mesh } = meshFixture();
    const imported = VirtualService.fromVirtualServiceAttributes(stack, 'Imported', { mesh, virtualServiceName: 'elsewhere.shop.local' });
    const node = caller(mesh, imported);
    const error = thrownBy(() => EnvoyConfig.standalone(node));
    expectEnvoyError(error, 'AMK_ENVOY_UNKNOWN_RESOURCE', node.node.path, 'spec.backends[0].virtualService.virtualServiceName');
    expect(error.message).toContain('the backend is not defined in this app');
    expect(error.message).toContain('(got "elsewhere.shop.local")');
  });

  it('AMK_ENVOY_UNRESOLVABLE: a backend node found through a Cloud Map service named by a token', () => {
    const { stack, mesh } = meshFixture();
    const namespace = new servicediscovery.HttpNamespace(stack, 'Namespace', { name: 'ns.local' });
    const target = addNode(mesh, 'catalog-v1', { serviceDiscovery: ServiceDiscovery.cloudMap(namespace.createService('Svc', { name: 'svc' })) });
    const reaching = caller(mesh, nodeService(mesh, 'catalog.shop.local', target));
    const error = thrownBy(() => EnvoyConfig.standalone(reaching));
    expectEnvoyError(error, 'AMK_ENVOY_UNRESOLVABLE', target.node.path, 'spec.serviceDiscovery.awsCloudMap.serviceName');
    expect(error.message).toContain('it is only known after deployment (a CloudFormation reference)');
  });

  it('AMK_ENVOY_UNRESOLVABLE: an imported node, which has no definition to compile', () => {
    const { stack, mesh } = meshFixture();
    const imported = VirtualNode.fromVirtualNodeAttributes(stack, 'Imported', { mesh, virtualNodeName: 'elsewhere' });
    const error = thrownBy(() => EnvoyConfig.standalone(imported));
    expectEnvoyError(error, 'AMK_ENVOY_UNRESOLVABLE', imported.node.path, 'resource');
    expect(error.message).toContain('an imported resource has none');
  });
});
