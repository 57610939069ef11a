import { Duration } from 'aws-cdk-lib';
import { describe, expect, it } from 'vitest';
import {
  AccessLog, EnvoyConfig, GatewayRouteHostnameMatch, GatewayRouteSpec, HttpGatewayRoutePathMatch, HttpGatewayRouteSpecOptions,
  HttpRoutePathMatch, Mesh,
  RetryPolicy, RouteSpec, ServiceDiscovery, SubjectAlternativeNames, TlsCertificate, TlsMode, TlsValidationTrust, VirtualGateway,
  VirtualGatewayBaseProps, VirtualGatewayListener, VirtualNode, VirtualNodeListener, VirtualService, VirtualServiceProvider,
} from '../../../../lib';
import { meshFixture, thrownBy } from '../../../support/fixtures';
import { TYPE, clusterNamed, gatewayHost, hcmOf, listenerNamed, listenerNames, standalone, tlsContext } from '../helpers';

/* eslint-disable @typescript-eslint/no-explicit-any */

const CATALOG_CLUSTER = 'cds_egress_shop_catalog-v1_http_8080';

interface GatewayWorld {
  readonly mesh: Mesh;
  readonly gateway: VirtualGateway;
  readonly node: VirtualNode;
  /** `catalog.shop.local`, provided by the node catalog-v1 (http 8080 unless other listeners are given). */
  readonly service: VirtualService;
}

function gatewayWorld(gatewayProps: VirtualGatewayBaseProps = {}, nodeListeners = [VirtualNodeListener.http()]): GatewayWorld {
  const { mesh } = meshFixture();
  const gateway = mesh.addVirtualGateway('Gateway', { virtualGatewayName: 'ingress', listeners: [VirtualGatewayListener.http()], ...gatewayProps });
  const node = mesh.addVirtualNode('Node', {
    virtualNodeName: 'catalog-v1', serviceDiscovery: ServiceDiscovery.dns('catalog-v1.shop.local'), listeners: nodeListeners,
  });
  const service = mesh.addVirtualService('Service', { virtualServiceName: 'catalog.shop.local', provider: VirtualServiceProvider.virtualNode(node) });
  return { mesh, gateway, node, service };
}

/** The routes of the gateway's `*` virtual host on 8080, for one http gateway route with the options. */
function routesFor(options: Partial<HttpGatewayRouteSpecOptions> = {}): any[] {
  const world = gatewayWorld();
  world.gateway.addGatewayRoute('Route', { routeSpec: GatewayRouteSpec.http({ routeTarget: world.service, ...options }) });
  return gatewayHost(standalone(world.gateway), 8080).routes;
}

describe('standalone gateway: listeners', () => {
  it('names the gateway mesh/<mesh>/virtualGateway/<name>, admin on 127.0.0.1:9901', () => {
    const config = standalone(gatewayWorld().gateway);
    expect(config.node).toEqual({ id: 'mesh/shop/virtualGateway/ingress', cluster: 'mesh/shop/virtualGateway/ingress' });
    expect(config.admin).toEqual({ address: { socketAddress: { address: '127.0.0.1', portValue: 9901 } } });
  });

  it('has a listener per gateway listener port, bound on that port', () => {
    const { gateway } = gatewayWorld({ listeners: [VirtualGatewayListener.http({ port: 8080 }), VirtualGatewayListener.grpc({ port: 8443 })] });
    const config = standalone(gateway);
    expect(listenerNames(config)).toEqual(['lds_ingress_0.0.0.0_8080', 'lds_ingress_0.0.0.0_8443']);
    expect(listenerNamed(config, 'lds_ingress_0.0.0.0_8080').address).toEqual({ socketAddress: { address: '0.0.0.0', portValue: 8080 } });
    expect(listenerNamed(config, 'lds_ingress_0.0.0.0_8443').address).toEqual({ socketAddress: { address: '0.0.0.0', portValue: 8443 } });
    expect(listenerNamed(config, 'lds_ingress_0.0.0.0_8080').trafficDirection).toBe('INBOUND');
  });

  it('routes each listener\'s protocol and port only', () => {
    const world = gatewayWorld({ listeners: [VirtualGatewayListener.http({ port: 8080 }), VirtualGatewayListener.http({ port: 9090 })] });
    world.gateway.addGatewayRoute('A', {
      routeSpec: GatewayRouteSpec.http({ routeTarget: world.service, match: { path: HttpGatewayRoutePathMatch.startsWith('/a/'), port: 8080 } }),
    });
    world.gateway.addGatewayRoute('B', {
      routeSpec: GatewayRouteSpec.http({ routeTarget: world.service, match: { path: HttpGatewayRoutePathMatch.startsWith('/b/'), port: 9090 } }),
    });
    const config = standalone(world.gateway);
    expect(gatewayHost(config, 8080).routes.map((r: any) => r.match.prefix)).toEqual(['/a/']);
    expect(gatewayHost(config, 9090).routes.map((r: any) => r.match.prefix)).toEqual(['/b/']);
  });

  it('logs to the gateway\'s access log', () => {
    const world = gatewayWorld({ accessLog: AccessLog.fromFilePath('/dev/stdout') });
    world.gateway.addGatewayRoute('Route', { routeSpec: GatewayRouteSpec.http({ routeTarget: world.service }) });
    const hcm = hcmOf(listenerNamed(standalone(world.gateway), 'lds_ingress_0.0.0.0_8080').filterChains[0]);
    expect(hcm.accessLog).toEqual([{
      name: 'envoy.access_loggers.file',
      typedConfig: { '@type': `${TYPE}envoy.extensions.access_loggers.file.v3.FileAccessLog`, 'path': '/dev/stdout' },
    }]);
  });
});

describe('standalone gateway: route order and matches', () => {
  it('orders gateway routes by priority, then by longest prefix', () => {
    const world = gatewayWorld();
    const add = (id: string, prefix: string, priority?: number) => world.gateway.addGatewayRoute(id, {
      routeSpec: GatewayRouteSpec.http({ routeTarget: world.service, priority, match: { path: HttpGatewayRoutePathMatch.startsWith(prefix) } }),
    });
    add('Root', '/');
    add('Catalog', '/catalog/');
    add('Items', '/catalog/items/');
    add('Late', '/a/very/long/prefix/', 900);
    add('Urgent', '/z/', 5);
    const routes = gatewayHost(standalone(world.gateway), 8080).routes;
    expect(routes.map((r: any) => r.match.prefix)).toEqual(['/z/', '/a/very/long/prefix/', '/catalog/items/', '/catalog/', '/']);
  });

  it('keeps every gateway route in one virtual host, in App Mesh order, with a hostname as an :authority match', () => {
    // Regression: a hostname used to become its own virtual host, so a request for that host never
    // fell back to a later route without a hostname, and an earlier route without one was shadowed.
    const world = gatewayWorld();
    world.gateway.addGatewayRoute('Host', {
      routeSpec: GatewayRouteSpec.http({
        routeTarget: world.service,
        priority: 5,
        match: { path: HttpGatewayRoutePathMatch.startsWith('/shop/'), hostname: GatewayRouteHostnameMatch.exactly('shop.example.com') },
      }),
    });
    world.gateway.addGatewayRoute('Any', { routeSpec: GatewayRouteSpec.http({ routeTarget: world.service, priority: 1, match: { path: HttpGatewayRoutePathMatch.startsWith('/any/') } }) });
    world.gateway.addGatewayRoute('Rest', { routeSpec: GatewayRouteSpec.http({ routeTarget: world.service, priority: 9 }) });
    const config = standalone(world.gateway);
    const hosts = hcmOf(listenerNamed(config, 'lds_ingress_0.0.0.0_8080').filterChains[0]).routeConfig.virtualHosts;
    expect(hosts.map((h: any) => [h.name, h.domains])).toEqual([['ingress_*', ['*']]]);
    expect(hosts[0].routes.map((r: any) => r.match)).toEqual([
      { prefix: '/any/' },
      { prefix: '/shop/', headers: [{ name: ':authority', stringMatch: { exact: 'shop.example.com', ignoreCase: true } }] },
      { prefix: '/' },
    ]);
  });

  it('matches a hostname suffix on the :authority, case-insensitively', () => {
    const [route] = routesFor({ match: { hostname: GatewayRouteHostnameMatch.endsWith('.example.com') } });
    expect(route.match.headers).toEqual([{ name: ':authority', stringMatch: { suffix: '.example.com', ignoreCase: true } }]);
  });

  it('matches an exact path and rewrites it with a regex rewrite', () => {
    const [route] = routesFor({ match: { path: HttpGatewayRoutePathMatch.exactly('/old/items', '/items') } });
    expect(route.match).toEqual({ path: '/old/items' });
    expect(route.route.regexRewrite).toEqual({ pattern: { regex: '^.*$' }, substitution: '/items' });
    expect(route.route.prefixRewrite).toBeUndefined();
  });

  it('matches a gRPC service as the prefix /<service>/', () => {
    const world = gatewayWorld({ listeners: [VirtualGatewayListener.grpc({ port: 8080 })] }, [VirtualNodeListener.grpc()]);
    world.gateway.addGatewayRoute('Route', { routeSpec: GatewayRouteSpec.grpc({ routeTarget: world.service, match: { serviceName: 'shop.Catalog' } }) });
    const config = standalone(world.gateway);
    const [route] = gatewayHost(config, 8080).routes;
    expect(route.match).toEqual({ prefix: '/shop.Catalog/', grpc: {} });
    expect(route.route.cluster).toBe('cds_egress_shop_catalog-v1_grpc_8080');
  });
});

describe('standalone gateway: rewrites', () => {
  it('rewrites a matched prefix without a trailing slash to /, taking the slash after it (/chapter/1 → /1, the User Guide\'s example)', () => {
    // Regression: prefixRewrite '/' alone turned /chapter/1 into //1.
    const [route] = routesFor({ match: { path: HttpGatewayRoutePathMatch.startsWith('/chapter') } });
    expect(route.match).toEqual({ prefix: '/chapter' });
    expect(route.route.prefixRewrite).toBeUndefined();
    expect(route.route.regexRewrite).toEqual({ pattern: { regex: '^/chapter/?' }, substitution: '/' });
    expect('/chapter/1'.replace(new RegExp(route.route.regexRewrite.pattern.regex), '/')).toBe('/1');
    expect('/chapter'.replace(new RegExp(route.route.regexRewrite.pattern.regex), '/')).toBe('/');
  });

  it('escapes a prefix\'s regex characters in its default rewrite', () => {
    const [route] = routesFor({ match: { path: HttpGatewayRoutePathMatch.startsWith('/v1.0+(beta)') } });
    expect(route.route.regexRewrite.pattern.regex).toBe('^/v1\\.0\\+\\(beta\\)/?');
  });

  it('rewrites a matched prefix to / by default', () => {
    const [route] = routesFor({ match: { path: HttpGatewayRoutePathMatch.startsWith('/catalog/') } });
    expect(route.match).toEqual({ prefix: '/catalog/' });
    expect(route.route.prefixRewrite).toBe('/');
  });

  it('does not rewrite the prefix when the default rewrite is disabled', () => {
    const [route] = routesFor({ match: { path: HttpGatewayRoutePathMatch.startsWith('/x/', '') } });
    expect(route.match).toEqual({ prefix: '/x/' });
    expect(route.route.prefixRewrite).toBeUndefined();
  });

  it('rewrites the prefix to the value given', () => {
    const [route] = routesFor({ match: { path: HttpGatewayRoutePathMatch.startsWith('/x/', '/y/') } });
    expect(route.route.prefixRewrite).toBe('/y/');
  });

  it('rewrites the Host header to the target virtual service\'s name by default', () => {
    const [route] = routesFor();
    expect(route.route.hostRewriteLiteral).toBe('catalog.shop.local');
  });

  it('keeps the Host header when the hostname rewrite is disabled', () => {
    const [route] = routesFor({ match: { rewriteRequestHostname: false } });
    expect(route.route.hostRewriteLiteral).toBeUndefined();
  });
});

describe('standalone gateway: targets', () => {
  it('routes a service provided by a node to that node\'s cluster, with the 15 s default timeout', () => {
    const world = gatewayWorld();
    world.gateway.addGatewayRoute('Route', { routeSpec: GatewayRouteSpec.http({ routeTarget: world.service }) });
    const config = standalone(world.gateway);
    const [route] = gatewayHost(config, 8080).routes;
    expect(route.route).toMatchObject({ cluster: CATALOG_CLUSTER, timeout: '15s' });
    const cluster = clusterNamed(config, CATALOG_CLUSTER);
    expect(cluster.loadAssignment.endpoints[0].lbEndpoints[0].endpoint.address).toEqual({ socketAddress: { address: 'catalog-v1.shop.local', portValue: 8080 } });
  });

  it('routes to the listener of the target port when the providing node has several', () => {
    const world = gatewayWorld({}, [VirtualNodeListener.http({ port: 8080 }), VirtualNodeListener.http({ port: 9090 })]);
    world.gateway.addGatewayRoute('Route', { routeSpec: GatewayRouteSpec.http({ routeTarget: world.service, targetPort: 9090 }) });
    const config = standalone(world.gateway);
    expect(gatewayHost(config, 8080).routes[0].route.cluster).toBe('cds_egress_shop_catalog-v1_http_9090');
    expect(clusterNamed(config, 'cds_egress_shop_catalog-v1_http_9090').loadAssignment.endpoints[0].lbEndpoints[0].endpoint.address.socketAddress.portValue)
      .toBe(9090);
  });

  it('sends a service provided by a router through the router\'s whole route table, in an internal listener', () => {
    // Regression: only the router's first route used to apply, so its other matches, weights,
    // retries and timeouts never did. App Mesh applies the gateway route, then the router's routes.
    const world = gatewayWorld();
    const v2 = world.mesh.addVirtualNode('V2', {
      virtualNodeName: 'catalog-v2', serviceDiscovery: ServiceDiscovery.dns('catalog-v2.shop.local'), listeners: [VirtualNodeListener.http()],
    });
    const router = world.mesh.addVirtualRouter('Router', { virtualRouterName: 'catalog-router' });
    router.addRoute('Later', { routeSpec: RouteSpec.http({ priority: 50 }) }).to(v2);
    router.addRoute('First', { routeSpec: RouteSpec.http({ priority: 1, match: { path: HttpRoutePathMatch.startsWith('/books') } }) })
      .to(world.node).canary(v2, 25).withRetries(RetryPolicy.recommended()).withTimeout({ perRequest: Duration.seconds(7) });
    const routed = world.mesh.addVirtualService('Routed', { virtualServiceName: 'routed.shop.local', provider: VirtualServiceProvider.virtualRouter(router) });
    world.gateway.addGatewayRoute('Route', { routeSpec: GatewayRouteSpec.http({ routeTarget: routed }) });

    const config = standalone(world.gateway);
    const [route] = gatewayHost(config, 8080).routes;
    expect(route.route).toEqual({ cluster: 'cds_internal_routed.shop.local_8080', timeout: '0s', prefixRewrite: '/', hostRewriteLiteral: 'routed.shop.local' });
    expect(config.bootstrapExtensions).toEqual([{
      name: 'envoy.bootstrap.internal_listener',
      typedConfig: { '@type': `${TYPE}envoy.extensions.bootstrap.internal_listener.v3.InternalListener` },
    }]);
    expect(clusterNamed(config, 'cds_internal_routed.shop.local_8080').loadAssignment.endpoints[0].lbEndpoints[0].endpoint.address)
      .toEqual({ envoyInternalAddress: { serverListenerName: 'router_routed.shop.local_8080' } });
    const internal = listenerNamed(config, 'router_routed.shop.local_8080');
    expect(internal.internalListener).toEqual({});
    expect(internal.address).toBeUndefined();
    const inner = hcmOf(internal.filterChains[0]).routeConfig.virtualHosts;
    expect(inner.map((h: any) => h.domains)).toEqual([['*']]);
    expect(inner[0].routes.map((r: any) => r.match)).toEqual([{ prefix: '/books' }, { prefix: '/' }]);
    expect(inner[0].routes[0].route.weightedClusters).toEqual({
      clusters: [{ name: CATALOG_CLUSTER, weight: 75 }, { name: 'cds_egress_shop_catalog-v2_http_8080', weight: 25 }],
    });
    expect(inner[0].routes[0].route.timeout).toBe('7s');
    expect(inner[0].routes[0].route.retryPolicy).toMatchObject({ retryOn: 'gateway-error,connect-failure', numRetries: 2, perTryTimeout: '5s' });
    expect(inner[0].routes[1].route).toEqual({ cluster: 'cds_egress_shop_catalog-v2_http_8080', timeout: '15s' });
  });

  it('has no internal listener and no bootstrap extension when no gateway route targets a router', () => {
    const config = standalone((() => {
      const world = gatewayWorld();
      world.gateway.addGatewayRoute('Route', { routeSpec: GatewayRouteSpec.http({ routeTarget: world.service }) });
      return world.gateway;
    })());
    expect(config.bootstrapExtensions).toBeUndefined();
    expect(listenerNames(config)).toEqual(['lds_ingress_0.0.0.0_8080']);
  });

  it('refuses a target virtual service this app does not define, naming the field', () => {
    const world = gatewayWorld();
    const imported = VirtualService.fromVirtualServiceAttributes(world.gateway, 'Imported', { mesh: world.mesh, virtualServiceName: 'elsewhere.shop.local' });
    const route = world.gateway.addGatewayRoute('Route', { routeSpec: GatewayRouteSpec.http({ routeTarget: imported }) });
    const error = thrownBy(() => EnvoyConfig.standalone(world.gateway));
    expect(error.message).toContain(route.node.path);
    expect(error.message).toContain('spec.httpRoute.action.target.virtualService.virtualServiceName');
  });
});

describe('standalone gateway: TLS', () => {
  const certificate = TlsCertificate.file('/certs/gateway.pem', '/certs/gateway-key.pem');
  const FILE_CERT = { certificateChain: { filename: '/certs/gateway.pem' }, privateKey: { filename: '/certs/gateway-key.pem' } };

  it('terminates TLS on its one filter chain in STRICT mode', () => {
    const { gateway } = gatewayWorld({ listeners: [VirtualGatewayListener.http({ tls: { mode: TlsMode.STRICT, certificate } })] });
    const listener = listenerNamed(standalone(gateway), 'lds_ingress_0.0.0.0_8080');
    expect(listener.filterChains).toHaveLength(1);
    expect(listener.filterChains[0].transportSocket).toEqual({
      name: 'envoy.transport_sockets.tls',
      typedConfig: { '@type': `${TYPE}envoy.extensions.transport_sockets.tls.v3.DownstreamTlsContext`, 'commonTlsContext': { tlsCertificates: [FILE_CERT] } },
    });
  });

  it('accepts TLS and plaintext in PERMISSIVE mode: tls_inspector and two chains split on the transport protocol', () => {
    const { gateway } = gatewayWorld({ listeners: [VirtualGatewayListener.http({ tls: { mode: TlsMode.PERMISSIVE, certificate } })] });
    const listener = listenerNamed(standalone(gateway), 'lds_ingress_0.0.0.0_8080');
    expect(listener.listenerFilters.map((f: any) => f.name)).toEqual(['envoy.filters.listener.tls_inspector']);
    expect(listener.filterChains).toHaveLength(2);
    const tls = listener.filterChains.find((c: any) => c.filterChainMatch?.transportProtocol === 'tls');
    const plain = listener.filterChains.find((c: any) => c.filterChainMatch?.transportProtocol === undefined);
    expect(tlsContext(tls.transportSocket).commonTlsContext).toEqual({ tlsCertificates: [FILE_CERT] });
    expect(plain.transportSocket).toBeUndefined();
  });

  it('requires client certificates with mutual TLS validation on the listener', () => {
    const { gateway } = gatewayWorld({
      listeners: [VirtualGatewayListener.http({
        tls: { mode: TlsMode.STRICT, certificate, mutualTlsValidation: { trust: TlsValidationTrust.file('/certs/clients-ca.pem') } },
      })],
    });
    const context = tlsContext(listenerNamed(standalone(gateway), 'lds_ingress_0.0.0.0_8080').filterChains[0].transportSocket);
    expect(context.requireClientCertificate).toBe(true);
    expect(context.commonTlsContext.validationContext).toEqual({ trustedCa: { filename: '/certs/clients-ca.pem' } });
  });

  it('originates TLS towards the target with the gateway\'s backend defaults', () => {
    const world = gatewayWorld({
      backendDefaults: {
        tlsClientPolicy: {
          validation: { trust: TlsValidationTrust.file('/certs/ca.pem'), subjectAlternativeNames: SubjectAlternativeNames.matchingExactly('catalog-v1.shop.local') },
          mutualTlsCertificate: TlsCertificate.file('/certs/gateway.pem', '/certs/gateway-key.pem'),
        },
      },
    });
    world.gateway.addGatewayRoute('Route', { routeSpec: GatewayRouteSpec.http({ routeTarget: world.service }) });
    const config = standalone(world.gateway);
    expect(gatewayHost(config, 8080).routes[0].route.cluster).toBe(`${CATALOG_CLUSTER}_tls_catalog.shop.local`);
    expect(clusterNamed(config, `${CATALOG_CLUSTER}_tls_catalog.shop.local`).transportSocket).toEqual({
      name: 'envoy.transport_sockets.tls',
      typedConfig: {
        '@type': `${TYPE}envoy.extensions.transport_sockets.tls.v3.UpstreamTlsContext`,
        'sni': 'catalog.shop.local',
        'commonTlsContext': {
          tlsCertificates: [FILE_CERT],
          validationContext: {
            trustedCa: { filename: '/certs/ca.pem' },
            matchTypedSubjectAltNames: [{ sanType: 'DNS', matcher: { exact: 'catalog-v1.shop.local' } }],
          },
        },
      },
    });
  });
});

describe('standalone gateway: the code of an unknown target', () => {
  it('AMK_ENVOY_UNKNOWN_RESOURCE: a gateway route target virtual service this app does not define', () => {
    const world = gatewayWorld();
    const imported = VirtualService.fromVirtualServiceAttributes(world.gateway, 'Imported', { mesh: world.mesh, virtualServiceName: 'elsewhere.shop.local' });
    const route = world.gateway.addGatewayRoute('Route', { routeSpec: GatewayRouteSpec.http({ routeTarget: imported }) });
    const error = thrownBy(() => EnvoyConfig.standalone(world.gateway));
    expect(error.name).toBe('MeshKitError');
    expect(error.message.startsWith(
      `AMK_ENVOY_UNKNOWN_RESOURCE ${route.node.path} spec.httpRoute.action.target.virtualService.virtualServiceName: `), error.message).toBe(true);
    expect(error.message).toContain('the target virtual service is not defined in this app');
  });
});
