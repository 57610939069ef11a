import { Duration } from 'aws-cdk-lib';
import { describe, expect, it } from 'vitest';
import {
  Backend, EgressFilter, GrpcRetryEvent, HttpRetryEvent, HttpRoutePathMatch, Mesh, RetryPolicy, RouteSpec, RoutingCheckKind, RoutingOutcome,
  RoutingProtocol, ServiceDiscovery, ServiceProviderKind, TcpRetryEvent, VirtualNode, VirtualNodeListener, VirtualRouterListener, VirtualService,
  VirtualServiceProvider,
} from '../../../lib';
import { addNode, explainFixture, meshFixture } from '../../support/fixtures';

/**
 * A virtual node calling a virtual service: the checks App Mesh makes on the way (backend,
 * egress filter, service, provider, listener port, protocol, targets), the provider node or the
 * router's route, retries and timeouts with App Mesh's defaults.
 */

describe('explain: backends and the egress filter', () => {
  function caller(meshProps = {}, backends: 'none' | 'other' = 'none') {
    const f = explainFixture({ meshProps: { meshName: 'shop', ...meshProps } });
    f.router.addRoute('All', { routeName: 'all', routeSpec: RouteSpec.http() }).to(f.v1);
    const lonely = addNode(f.mesh, 'Lonely', 'lonely');
    if (backends === 'other') lonely.addBackend(Backend.virtualService(VirtualService.fromVirtualServiceAttributes(f.stack, 'Other', { virtualServiceName: 'other.shop.local', mesh: f.mesh })));
    return f.mesh.explain({ virtualNode: lonely, virtualServiceName: 'catalog.shop.local' });
  }

  it('a backend: the BACKEND check passes', () => {
    const f = explainFixture();
    f.router.addRoute('All', { routeName: 'all', routeSpec: RouteSpec.http() }).to(f.v1);
    const explained = f.mesh.explain({ virtualNode: f.frontend, virtualServiceName: 'catalog.shop.local' });
    expect(explained.checks[0]).toEqual({ check: RoutingCheckKind.BACKEND, passed: true, message: 'catalog.shop.local is a backend of virtual node frontend' });
  });

  it('not a backend, DROP_ALL (App Mesh\'s default): dropped', () => {
    const explained = caller();
    expect(explained).toMatchObject({ matched: false, outcome: RoutingOutcome.NOT_A_BACKEND, targets: [], virtualServiceName: 'catalog.shop.local' });
    expect(explained.checks).toEqual([{ check: RoutingCheckKind.BACKEND, passed: false, message: 'catalog.shop.local is not a backend of virtual node lonely (it lists no backends)' }]);
    expect(explained.summary).toBe('catalog.shop.local is not a backend of lonely, and the mesh\'s egress filter is DROP_ALL: add it as a backend');
    expect(explained.steps[1]).toContain('the mesh\'s egress filter is DROP_ALL (App Mesh\'s default)');
    expect(caller({ egressFilter: EgressFilter.DROP_ALL }).outcome).toBe(RoutingOutcome.NOT_A_BACKEND);
  });

  it('not a backend, ALLOW_ALL, a node without backends: the request leaves the mesh as it is', () => {
    const explained = caller({ egressFilter: EgressFilter.ALLOW_ALL });
    expect(explained.outcome).toBe(RoutingOutcome.LEAVES_MESH);
    expect(explained.matched).toBe(false);
    expect(explained.summary).toBe('catalog.shop.local is not a backend of lonely, and the mesh allows all egress: '
      + 'the request leaves the mesh as it is, to the address the application resolved');
    expect(explained.steps[1]).toContain('will be sent to the destination IP address set by the application');
    expect(explained.route).toBeUndefined();
    expect(explained.timeouts).toBeUndefined();
  });

  it('not a backend, ALLOW_ALL, a node with other backends: ALLOW_ALL no longer works for it (seed 004:3559)', () => {
    const explained = caller({ egressFilter: EgressFilter.ALLOW_ALL }, 'other');
    expect(explained.outcome).toBe(RoutingOutcome.NOT_A_BACKEND);
    expect(explained.checks[0].message).toBe('catalog.shop.local is not a backend of virtual node lonely (its backends: other.shop.local)');
    expect(explained.steps[1]).toContain('you must specify all egress for that virtual node as backends');
  });

  it('a backend the app does not define (imported): its provider is unknown', () => {
    const { mesh, stack } = meshFixture();
    const imported = VirtualService.fromVirtualServiceAttributes(stack, 'Ext', { virtualServiceName: 'ext.shop.local', mesh });
    const node = addNode(mesh, 'Caller', 'caller');
    node.addBackend(Backend.virtualService(imported));
    const explained = mesh.explain({ virtualNode: node, virtualServiceName: 'ext.shop.local' });
    expect(explained.outcome).toBe(RoutingOutcome.UNKNOWN_RESOURCE);
    expect(explained.checks.map((c) => [c.check, c.passed])).toEqual([[RoutingCheckKind.BACKEND, true], [RoutingCheckKind.VIRTUAL_SERVICE, false]]);
  });

  it('a service without a provider: 503', () => {
    const { mesh } = meshFixture();
    const service = mesh.addVirtualService('Empty', { virtualServiceName: 'empty.shop.local' });
    const node = addNode(mesh, 'Caller', 'caller');
    node.addBackend(Backend.virtualService(service));
    const explained = mesh.explain({ virtualNode: node, virtualServiceName: 'empty.shop.local' });
    expect(explained).toMatchObject({ outcome: RoutingOutcome.NO_PROVIDER, providerKind: ServiceProviderKind.NONE, matched: false });
    expect(explained.summary).toBe('virtual service empty.shop.local has no provider: App Mesh answers 503');
  });
});

describe('explain: a virtual node provider', () => {
  function direct(listeners = [VirtualNodeListener.http({ port: 9080 })]) {
    const { mesh } = meshFixture();
    const cart = addNode(mesh, 'Cart', 'cart', listeners);
    const service = mesh.addVirtualService('CartService', { virtualServiceName: 'cart.shop.local', provider: VirtualServiceProvider.virtualNode(cart) });
    const caller = addNode(mesh, 'Caller', 'caller');
    caller.addBackend(Backend.virtualService(service));
    return (port?: number) => mesh.explain({ virtualNode: caller, virtualServiceName: 'cart.shop.local', port });
  }

  it('every request goes to the node, on the port; no route, no retries, default timeouts', () => {
    const explained = direct()(9080);
    expect(explained).toMatchObject({
      matched: true,
      outcome: RoutingOutcome.ROUTED,
      protocol: RoutingProtocol.HTTP,
      port: 9080,
      providerKind: ServiceProviderKind.VIRTUAL_NODE,
      providerName: 'cart',
      targets: [{ virtualNodeName: 'cart', constructPath: 'Stack/Mesh/Cart', port: 9080, weight: 100 }],
    });
    expect(explained.route).toBeUndefined();
    expect(explained.retryPolicy).toBeUndefined();
    expect(explained.timeouts?.perRequest?.toSeconds()).toBe(15);
    expect(explained.timeouts?.perRequestIsDefault).toBe(true);
    expect(explained.steps).toContain('no route: virtual node cart provides the service directly, so every request goes to cart:9080');
    expect(explained.summary).toBe('virtual node caller → cart.shop.local:9080 → virtual node cart:9080 (no route, no retries)');
  });

  it('the port defaults to the node\'s only listener; a wrong port is no listener', () => {
    expect(direct()().port).toBe(9080);
    const wrong = direct()(8080);
    expect(wrong.outcome).toBe(RoutingOutcome.NO_LISTENER);
    expect(wrong.checks.at(-1)).toEqual({
      check: RoutingCheckKind.LISTENER_PORT, passed: false, message: 'port 8080 is not a listener port of virtual node cart (its listeners: 9080 (http))',
    });
  });

  it('a node with several listeners: the port picks the listener and its protocol', () => {
    const explain = direct([VirtualNodeListener.http({ port: 9080 }), VirtualNodeListener.grpc({ port: 9090 })]);
    expect(explain(9090)).toMatchObject({ protocol: RoutingProtocol.GRPC, targets: [{ port: 9090 }] });
    expect(explain().outcome).toBe(RoutingOutcome.NO_LISTENER);
  });
});

describe('explain: retries and timeouts of the route', () => {
  function withRoute(configure: (route: ReturnType<ReturnType<typeof explainFixture>['router']['addRoute']>) => void) {
    const f = explainFixture();
    const route = f.router.addRoute('All', { routeName: 'all', routeSpec: RouteSpec.http() }).to(f.v1);
    configure(route);
    return f.mesh.explain({ virtualNode: f.frontend, virtualServiceName: 'catalog.shop.local' });
  }

  it('no retry policy, no timeout: App Mesh\'s defaults, said to be defaults', () => {
    const explained = withRoute(() => undefined);
    expect(explained.retryPolicy).toBeUndefined();
    expect(explained.steps.some((s) => s.startsWith('retries: the route has no retry policy of its own'))).toBe(true);
    expect(explained.timeouts?.perRequest?.toSeconds()).toBe(15);
    expect(explained.timeouts?.perRequestIsDefault).toBe(true);
    expect(explained.timeouts?.idle.toSeconds()).toBe(300);
    expect(explained.timeouts?.idleIsDefault).toBe(true);
    expect(explained.steps.at(-1)).toBe('timeouts: per request 15 s (App Mesh\'s default: nothing sets one), '
      + 'idle 300 s (App Mesh\'s default: nothing sets one) (User Guide, Routes)');
  });

  it('the route\'s retry policy: max retries, per-retry timeout, events', () => {
    const explained = withRoute((route) => route.withRetries(RetryPolicy.custom({
      maxRetries: 3,
      perRetryTimeout: Duration.millis(2500),
      httpRetryEvents: [HttpRetryEvent.SERVER_ERROR, HttpRetryEvent.STREAM_ERROR],
      tcpRetryEvents: [TcpRetryEvent.CONNECTION_ERROR],
    })));
    expect(explained.retryPolicy?.maxRetries).toBe(3);
    expect(explained.retryPolicy?.perRetryTimeout.toMilliseconds()).toBe(2500);
    expect(explained.retryPolicy?.events).toEqual(['server-error', 'stream-error', 'connection-error']);
    expect(explained.steps).toContain('retries: up to 3 on server-error, stream-error, connection-error, 2500 ms per attempt, the first one included (User Guide, Routes)');
  });

  it('the route\'s timeouts: not defaults; zero disables', () => {
    const explained = withRoute((route) => route.withTimeout({ perRequest: Duration.seconds(10), idle: Duration.seconds(0) }));
    expect(explained.timeouts?.perRequest?.toSeconds()).toBe(10);
    expect(explained.timeouts?.perRequestIsDefault).toBe(false);
    expect(explained.timeouts?.idle.toSeconds()).toBe(0);
    expect(explained.timeouts?.idleIsDefault).toBe(false);
    expect(explained.steps.at(-1)).toBe('timeouts: per request 10 s, idle 0 (disabled) (User Guide, Routes)');
  });

  it('only a per-request timeout: idle stays the default', () => {
    const explained = withRoute((route) => route.withTimeout({ perRequest: Duration.seconds(20) }));
    expect(explained.timeouts).toMatchObject({ perRequestIsDefault: false, idleIsDefault: true });
  });
});

describe('explain: TCP, HTTP/2 and gRPC routes', () => {
  it('tcp: the listener\'s tcp route takes every connection; idle timeout only, no retries', () => {
    const f = explainFixture({ routerListeners: [VirtualRouterListener.tcp(5432)], nodeListeners: () => [VirtualNodeListener.tcp({ port: 5432 })] });
    f.router.addRoute('Db', { routeName: 'db', routeSpec: RouteSpec.tcp({ timeout: { idle: Duration.minutes(10) } }) }).to(f.v1).canary(f.v2, 50);
    const explained = f.mesh.explain({ virtualNode: f.frontend, virtualServiceName: 'catalog.shop.local', path: '/ignored' });
    expect(explained).toMatchObject({ matched: true, protocol: RoutingProtocol.TCP, port: 5432, route: { routeName: 'db', protocol: RoutingProtocol.TCP } });
    expect(explained.targets.map((t) => [t.virtualNodeName, t.port, t.weight])).toEqual([['v1', 5432, 50], ['v2', 5432, 50]]);
    expect(explained.retryPolicy).toBeUndefined();
    expect(explained.timeouts?.perRequest).toBeUndefined();
    expect(explained.timeouts?.perRequestIsDefault).toBe(false);
    expect(explained.timeouts?.idle.toSeconds()).toBe(600);
  });

  it('tcp: the first tcp route in App Mesh order', () => {
    const f = explainFixture({ routerListeners: [VirtualRouterListener.tcp(5432)], nodeListeners: () => [VirtualNodeListener.tcp({ port: 5432 })] });
    f.router.addRoute('Second', { routeName: 'second', routeSpec: RouteSpec.tcp({ priority: 2 }) }).to(f.v2);
    f.router.addRoute('First', { routeName: 'first', routeSpec: RouteSpec.tcp({ priority: 1 }) }).to(f.v1);
    expect(f.mesh.explain({ virtualNode: f.frontend, virtualServiceName: 'catalog.shop.local' }).route?.routeName).toBe('first');
  });

  it('http2: routed by an http2 route, retried on its events', () => {
    const f = explainFixture({ routerListeners: [VirtualRouterListener.http2(8080)], nodeListeners: () => [VirtualNodeListener.http2()] });
    f.router.addRoute('Api', { routeName: 'api', routeSpec: RouteSpec.http2({ match: { path: HttpRoutePathMatch.startsWith('/api') } }) })
      .to(f.v1).withRetries(RetryPolicy.recommended());
    const explained = f.mesh.explain({ virtualNode: f.frontend, virtualServiceName: 'catalog.shop.local', path: '/api/x' });
    expect(explained).toMatchObject({ matched: true, protocol: RoutingProtocol.HTTP2, route: { routeName: 'api', protocol: RoutingProtocol.HTTP2 } });
    expect(explained.retryPolicy?.events).toEqual(['gateway-error', 'connection-error']);
  });

  it('grpc: routed by a grpc route, with its gRPC retry events', () => {
    const f = explainFixture({ routerListeners: [VirtualRouterListener.grpc(8080)], nodeListeners: () => [VirtualNodeListener.grpc()] });
    f.router.addRoute('Get', { routeName: 'get', routeSpec: RouteSpec.grpc({ match: { serviceName: 'shop.Catalog', methodName: 'Get' } }) })
      .to(f.v1)
      .withRetries(RetryPolicy.custom({ maxRetries: 2, perRetryTimeout: Duration.seconds(1), grpcRetryEvents: [GrpcRetryEvent.UNAVAILABLE] }));
    const explained = f.mesh.explain({ virtualNode: f.frontend, virtualServiceName: 'catalog.shop.local', grpcService: 'shop.Catalog', grpcMethod: 'Get' });
    expect(explained).toMatchObject({ matched: true, protocol: RoutingProtocol.GRPC, route: { routeName: 'get', protocol: RoutingProtocol.GRPC } });
    expect(explained.retryPolicy?.events).toEqual(['unavailable']);
  });
});

describe('explain: targets', () => {
  it('a target on a node with several listeners: the target\'s port; the protocol of that listener is checked', () => {
    const f = explainFixture({ nodeListeners: () => [VirtualNodeListener.http({ port: 8080 }), VirtualNodeListener.grpc({ port: 9090 })] });
    f.router.addRoute('Mixed', {
      routeName: 'mixed',
      routeSpec: RouteSpec.http({
        weightedTargets: [
          { virtualNode: f.v1, weight: 3, port: 8080 }, { virtualNode: f.v2, weight: 1, port: 9090 },
        ],
      }),
    });
    const explained = f.mesh.explain({ virtualNode: f.frontend, virtualServiceName: 'catalog.shop.local' });
    expect(explained.targets.map((t) => [t.virtualNodeName, t.port, t.weight])).toEqual([['v1', 8080, 3], ['v2', 9090, 1]]);
    expect(explained.checks).toContainEqual({ check: RoutingCheckKind.PROTOCOL, passed: false, message: 'target listener v2:9090 is grpc, but the route is http' });
    expect(explained.steps).toContain('weighted targets: v1:8080 weight 3 (75%), v2:9090 weight 1 (25%)');
  });

  it('a target node the app does not define: reported with its weight, port unknown', () => {
    const f = explainFixture();
    const imported = VirtualNode.fromVirtualNodeAttributes(f.stack, 'Legacy', { virtualNodeName: 'legacy', mesh: f.mesh });
    f.router.addRoute('Legacy', { routeName: 'legacy', routeSpec: RouteSpec.http() }).to(imported);
    const explained = f.mesh.explain({ virtualNode: f.frontend, virtualServiceName: 'catalog.shop.local' });
    expect(explained.targets).toEqual([{ virtualNodeName: 'legacy', constructPath: undefined, port: undefined, weight: 100 }]);
    expect(explained.checks.at(-1)).toEqual({ check: RoutingCheckKind.TARGET, passed: false, message: 'target legacy is not defined in this app (imported): its listeners are unknown' });
  });
});

describe('explain: requests it cannot explain', () => {
  it('both from and gateway, or neither: INVALID_REQUEST', () => {
    const f = explainFixture();
    const gateway = f.mesh.addVirtualGateway('Gateway', { virtualGatewayName: 'ingress' });
    expect(f.mesh.explain({ virtualNode: f.frontend, virtualGateway: gateway }).outcome).toBe(RoutingOutcome.INVALID_REQUEST);
    const neither = f.mesh.explain({});
    expect(neither).toMatchObject({ outcome: RoutingOutcome.INVALID_REQUEST, matched: false, targets: [], reasons: [], checks: [] });
    expect(neither.summary).toBe('give from (a virtual node, with virtualServiceName) or gateway (a virtual gateway)');
  });

  it('from without a virtual service', () => {
    const f = explainFixture();
    expect(f.mesh.explain({ virtualNode: f.frontend }).outcome).toBe(RoutingOutcome.INVALID_REQUEST);
  });

  it('a node of another mesh', () => {
    const f = explainFixture();
    const second = new Mesh(f.stack, 'Second', { meshName: 'second' });
    const stranger = addNode(second, 'Stranger', 'stranger');
    const explained = f.mesh.explain({ virtualNode: stranger, virtualServiceName: 'catalog.shop.local' });
    expect(explained.outcome).toBe(RoutingOutcome.INVALID_REQUEST);
    expect(explained.summary).toBe('virtual node Stack/Second/Stranger belongs to another mesh (Stack/Second): call explain on that mesh');
  });

  it('an imported node of this mesh: the backend check is skipped, the rest is explained', () => {
    const f = explainFixture();
    f.router.addRoute('All', { routeName: 'all', routeSpec: RouteSpec.http() }).to(f.v1);
    const imported = VirtualNode.fromVirtualNodeAttributes(f.stack, 'Outside', { virtualNodeName: 'outside', mesh: f.mesh });
    const explained = f.mesh.explain({ virtualNode: imported, virtualServiceName: 'catalog.shop.local' });
    expect(explained.matched).toBe(true);
    expect(explained.steps[1]).toBe('virtual node outside is not defined in this app (imported): its backends are unknown, so the backend check is skipped');
    expect(explained.checks.some((c) => c.check === RoutingCheckKind.BACKEND)).toBe(false);
  });

  it('generated names are resolved: the router and nodes are named in the explanation, not as tokens', () => {
    const { mesh } = meshFixture();
    const node = mesh.addVirtualNode('Api', { serviceDiscovery: ServiceDiscovery.dns('api.shop.local'), listeners: [VirtualNodeListener.http()] });
    const router = mesh.addVirtualRouter('Router');
    router.addRoute('All', { routeSpec: RouteSpec.http() }).to(node);
    const service = mesh.addVirtualService('api.shop.local', { provider: VirtualServiceProvider.virtualRouter(router) });
    const caller = mesh.addVirtualNode('Caller', { backends: [Backend.virtualService(service)] });
    const explained = mesh.explain({ virtualNode: caller, virtualServiceName: service.virtualServiceName });
    expect(explained.matched, explained.summary).toBe(true);
    expect(explained.providerName).not.toContain('${Token');
    expect(explained.route?.routeName).not.toContain('${Token');
    expect(explained.targets[0].virtualNodeName).not.toContain('${Token');
    expect(explained.summary).not.toContain('${Token');
  });
});
