import { describe, expect, it } from 'vitest';
import {
  ExplainRequest, GatewayRouteHostnameMatch, GatewayRouteSpec, HeaderMatch, HttpGatewayRouteMatch, HttpGatewayRoutePathMatch,
  HttpRoutePathMatch, RouteCandidateKind, RouteSpec, RoutingOutcome, RoutingProtocol, ServiceProviderKind, VirtualGatewayListener,
} from '../../../lib';
import { explainFixture, grpcRouteFixture, httpRouteFixture, twoListeners } from '../../support/fixtures';

/**
 * Requests arriving at a virtual gateway: the gateway route (hostname and the rest of its
 * match, in App Mesh order, on the listener's port), its rewrites (every rule of the User
 * Guide's rewrite options), then the target service, whose router's routes apply to the
 * rewritten request.
 */

type Request = Omit<ExplainRequest, 'gateway'>;

/** One http gateway route `catalog` with `match`, to `catalog.shop.local` (provided by node catalog-v1). */
function gatewayRoute(match: HttpGatewayRouteMatch) {
  const f = httpRouteFixture({ match });
  return (request: Request = {}) => f.mesh.explain({ virtualGateway: f.gateway, ...request });
}

describe('explain: gateway route hostname match', () => {
  it('exact: the authority without its port, case-insensitive', () => {
    const explain = gatewayRoute({ hostname: GatewayRouteHostnameMatch.exactly('www.example.com') });
    expect(explain({ authority: 'www.example.com' }).matched).toBe(true);
    expect(explain({ authority: 'WWW.Example.com:8443' }).matched).toBe(true);
    // The Host header is the authority when none is given.
    expect(explain({ headers: { Host: 'www.example.com' } }).matched).toBe(true);
    const miss = explain({ authority: 'api.example.com' });
    expect(miss.outcome).toBe(RoutingOutcome.NO_GATEWAY_ROUTE_MATCHED);
    expect(miss.reasons).toEqual([{
      kind: RouteCandidateKind.GATEWAY_ROUTE,
      name: 'catalog',
      constructPath: 'Stack/Mesh/Gateway/Route',
      failedConditions: ['hostname: expected exact www.example.com, got api.example.com'],
    }]);
    expect(explain({}).reasons[0].failedConditions).toEqual(['hostname: expected exact www.example.com, got no host name']);
  });

  it('suffix', () => {
    const explain = gatewayRoute({ hostname: GatewayRouteHostnameMatch.endsWith('.example.com') });
    expect(explain({ authority: 'shop.example.com:80' }).matched).toBe(true);
    expect(explain({ authority: 'shop.example.org' }).reasons[0].failedConditions).toEqual(['hostname: expected suffix .example.com, got shop.example.org']);
  });

  it('the hostname is one more condition: every failed one is listed', () => {
    const explain = gatewayRoute({
      hostname: GatewayRouteHostnameMatch.exactly('www.example.com'),
      path: HttpGatewayRoutePathMatch.startsWith('/shop'),
      headers: [HeaderMatch.valueIs('x-beta', 'yes')],
    });
    expect(explain({ authority: 'example.com', path: '/' }).reasons[0].failedConditions).toEqual([
      'hostname: expected exact www.example.com, got example.com',
      'prefix /shop does not match path /',
      'header x-beta: expected exact \'yes\', got absent',
    ]);
  });
});

describe('explain: gateway route rewrites (User Guide, Virtual gateways and Gateway routes, "Rewrite")', () => {
  /** The path and host name the gateway sends on. */
  function sent(match: HttpGatewayRouteMatch, request: Request) {
    const explained = gatewayRoute(match)(request);
    expect(explained.outcome, explained.summary).toBe(RoutingOutcome.ROUTED);
    const sentOn = explained.gatewayRoute!;
    return { path: sentOn.rewrittenPath, host: sentOn.rewrittenHostname, rule: sentOn.pathRewrite };
  }

  it('prefix, default rewrite: the matched prefix becomes / — /chapter and /chapter/1 give /1, not //1 (seed 004:3855)', () => {
    const chapter = { path: HttpGatewayRoutePathMatch.startsWith('/chapter') };
    expect(sent(chapter, { path: '/chapter/1' }).path).toBe('/1');
    expect(sent(chapter, { path: '/chapter/1' }).rule).toBe('prefix /chapter rewritten to / (App Mesh\'s default): /chapter/1 → /1');
    expect(sent(chapter, { path: '/chapter' }).path).toBe('/');
    expect(sent(chapter, { path: '/chapter1' }).path).toBe('/1');
    expect(sent(chapter, { path: '/chapter/a/b?x=1' }).path).toBe('/a/b');
    // A prefix with its trailing slash gives the same.
    expect(sent({ path: HttpGatewayRoutePathMatch.startsWith('/chapter/') }, { path: '/chapter/1' }).path).toBe('/1');
    // Prefix / (the default match) leaves every path as it is.
    expect(sent({}, { path: '/chapter/1' }).path).toBe('/chapter/1');
  });

  it('prefix, default rewrite written out (defaultPrefix ENABLED): the same', () => {
    expect(sent({ path: HttpGatewayRoutePathMatch.startsWithDefaultRewrite('/chapter') }, { path: '/chapter/1' }).path).toBe('/1');
  });

  it('prefix, default rewrite turned off (defaultPrefix DISABLED): the path as it came', () => {
    const off = sent({ path: HttpGatewayRoutePathMatch.startsWith('/chapter/', '') }, { path: '/chapter/1' });
    expect(off.path).toBe('/chapter/1');
    expect(off.rule).toBe('path kept (defaultPrefix DISABLED): /chapter/1');
  });

  it('prefix, custom value: the matched prefix is replaced by it', () => {
    const custom = sent({ path: HttpGatewayRoutePathMatch.startsWith('/chapter/', '/book/') }, { path: '/chapter/1' });
    expect(custom.path).toBe('/book/1');
    expect(custom.rule).toBe('prefix /chapter/ replaced by /book/ (prefix rewrite): /chapter/1 → /book/1');
  });

  it('exact path with a path rewrite: that path; without: the path as it came ("No default path")', () => {
    expect(sent({ path: HttpGatewayRoutePathMatch.exactly('/old', '/new') }, { path: '/old' }).path).toBe('/new');
    const kept = sent({ path: HttpGatewayRoutePathMatch.exactly('/old') }, { path: '/old' });
    expect(kept.path).toBe('/old');
    expect(kept.rule).toBe('path kept: an exact or regex path match has no default path rewrite');
  });

  it('regex path with a path rewrite: that path; without: the path as it came', () => {
    expect(sent({ path: HttpGatewayRoutePathMatch.regex('/v[0-9]+/books', '/books') }, { path: '/v2/books' }).path).toBe('/books');
    expect(sent({ path: HttpGatewayRoutePathMatch.regex('/v[0-9]+/books') }, { path: '/v2/books' }).path).toBe('/v2/books');
  });

  it('hostname: rewritten to the target virtual service\'s name by default, kept when the rewrite is turned off', () => {
    expect(sent({}, { authority: 'www.example.com' }).host).toBe('catalog.shop.local');
    expect(sent({ rewriteRequestHostname: true }, { authority: 'www.example.com' }).host).toBe('catalog.shop.local');
    expect(sent({ rewriteRequestHostname: false }, { authority: 'www.example.com' }).host).toBe('www.example.com');
  });

  it('grpc: the host name is rewritten, the path never', () => {
    const f = grpcRouteFixture({ serviceName: 'shop.Catalog', hostname: GatewayRouteHostnameMatch.endsWith('.example.com') });
    const explained = f.mesh.explain({ virtualGateway: f.gateway, path: '/shop.Catalog/Get', authority: 'api.example.com' });
    expect(explained.outcome, explained.summary).toBe(RoutingOutcome.ROUTED);
    expect(explained.protocol).toBe(RoutingProtocol.GRPC);
    expect(explained.gatewayRoute).toMatchObject({
      protocol: RoutingProtocol.GRPC,
      rewrittenHostname: 'catalog.shop.local',
      targetVirtualServiceName: 'catalog.shop.local',
      pathRewrite: 'a grpc gateway route does not rewrite the path',
    });
    expect(explained.gatewayRoute?.rewrittenPath).toBeUndefined();
    expect(f.mesh.explain({ virtualGateway: f.gateway, path: '/shop.Cart/Get', authority: 'api.example.com' }).reasons[0].failedConditions)
      .toEqual(['gRPC service: expected shop.Catalog, got shop.Cart']);
  });
});

describe('explain: gateway routes in order, on the listener\'s port', () => {
  it('the longest prefix wins among gateway routes (/chapter beats /, seed 004:4109)', () => {
    const f = httpRouteFixture();
    f.gateway.addGatewayRoute('Chapter', {
      gatewayRouteName: 'chapter',
      routeSpec: GatewayRouteSpec.http({ routeTarget: f.service, match: { path: HttpGatewayRoutePathMatch.startsWith('/chapter') } }),
    });
    const explained = f.mesh.explain({ virtualGateway: f.gateway, path: '/chapter/', authority: 'www.example.com' });
    expect(explained.gatewayRoute?.gatewayRouteName).toBe('chapter');
    expect(explained.gatewayRoute?.constructPath).toBe('Stack/Mesh/Gateway/Chapter');
    expect(f.mesh.explain({ virtualGateway: f.gateway, path: '/other' }).gatewayRoute?.gatewayRouteName).toBe('catalog');
  });

  it('a priority wins over a longer prefix', () => {
    const f = httpRouteFixture({ priority: 0 });
    f.gateway.addGatewayRoute('Chapter', {
      gatewayRouteName: 'chapter',
      routeSpec: GatewayRouteSpec.http({ routeTarget: f.service, priority: 1, match: { path: HttpGatewayRoutePathMatch.startsWith('/chapter') } }),
    });
    const explained = f.mesh.explain({ virtualGateway: f.gateway, path: '/chapter/1' });
    expect(explained.gatewayRoute).toMatchObject({ gatewayRouteName: 'catalog', priority: 0 });
  });

  it('multiple listeners: the gateway route of the request\'s port; another port: no listener', () => {
    const f = httpRouteFixture({ match: { port: 8080 } }, { listeners: twoListeners() });
    const explained = f.mesh.explain({ virtualGateway: f.gateway, port: 8080, path: '/x' });
    expect(explained.gatewayRoute?.gatewayRouteName).toBe('catalog');
    const grpcPort = f.mesh.explain({ virtualGateway: f.gateway, port: 8443, path: '/x' });
    expect(grpcPort.outcome).toBe(RoutingOutcome.NO_GATEWAY_ROUTE_MATCHED);
    expect(grpcPort.reasons).toEqual([]);
    const wrong = f.mesh.explain({ virtualGateway: f.gateway, port: 9999 });
    expect(wrong.outcome).toBe(RoutingOutcome.NO_LISTENER);
    expect(wrong.summary).toContain('port 9999 is not a listener port of virtual gateway ingress');
  });

  it('a gateway route to a service provided by a node: that node, no route', () => {
    const f = httpRouteFixture({ targetPort: 8080 });
    const explained = f.mesh.explain({ virtualGateway: f.gateway, path: '/books' });
    expect(explained).toMatchObject({
      matched: true,
      outcome: RoutingOutcome.ROUTED,
      virtualServiceName: 'catalog.shop.local',
      port: 8080,
      providerKind: ServiceProviderKind.VIRTUAL_NODE,
      providerName: 'catalog-v1',
      targets: [{ virtualNodeName: 'catalog-v1', constructPath: 'Stack/Mesh/Node', port: 8080, weight: 100 }],
    });
    expect(explained.gatewayRoute?.targetPort).toBe(8080);
    expect(explained.route).toBeUndefined();
  });
});

describe('explain: a gateway in front of a router (both tables)', () => {
  function shop() {
    const f = explainFixture();
    const gateway = f.mesh.addVirtualGateway('Gateway', { virtualGatewayName: 'ingress', listeners: [VirtualGatewayListener.http({ port: 8080 })] });
    gateway.addGatewayRoute('Catalog', {
      gatewayRouteName: 'catalog',
      routeSpec: GatewayRouteSpec.http({ routeTarget: f.service, match: { path: HttpGatewayRoutePathMatch.startsWith('/catalog') } }),
    });
    f.router.addRoute('Books', { routeName: 'books', routeSpec: RouteSpec.http({ match: { path: HttpRoutePathMatch.startsWith('/books') } }) })
      .to(f.v1).canary(f.v2, 10);
    f.router.addRoute('Catalog', { routeName: 'catalog-prefix', routeSpec: RouteSpec.http({ match: { path: HttpRoutePathMatch.startsWith('/catalog') } }) })
      .to(f.v2);
    return { ...f, gateway };
  }

  it('the router\'s routes see the rewritten path', () => {
    const { mesh, gateway } = shop();
    const explained = mesh.explain({ virtualGateway: gateway, path: '/catalog/books/1', authority: 'shop.example.com' });
    expect(explained.outcome, explained.summary).toBe(RoutingOutcome.ROUTED);
    expect(explained.gatewayRoute).toMatchObject({
      gatewayRouteName: 'catalog', rewrittenPath: '/books/1', rewrittenHostname: 'catalog.shop.local', targetVirtualServiceName: 'catalog.shop.local',
    });
    expect(explained).toMatchObject({ virtualServiceName: 'catalog.shop.local', port: 8080, providerKind: ServiceProviderKind.VIRTUAL_ROUTER, providerName: 'catalog' });
    expect(explained.route?.routeName).toBe('books');
    // The router's /catalog route would have matched the path as it arrived, but the gateway rewrote it.
    expect(explained.reasons.map((r) => r.name)).toEqual(['catalog-prefix']);
    expect(explained.reasons[0].failedConditions).toEqual(['prefix /catalog does not match path /books/1']);
    expect(explained.targets.map((t) => [t.virtualNodeName, t.weight])).toEqual([['v1', 90], ['v2', 10]]);
    expect(explained.summary).toBe('virtual gateway ingress:8080 → gateway route catalog (/catalog/books/1 → /books/1) → catalog.shop.local:8080 '
      + '→ route books of virtual router catalog → v1:8080 (weight 90), v2:8080 (weight 10)');
  });

  it('a gateway route matches but no route of the router does: the router\'s reasons', () => {
    const { mesh, gateway } = shop();
    const explained = mesh.explain({ virtualGateway: gateway, path: '/catalog/cds/1' });
    expect(explained.outcome).toBe(RoutingOutcome.NO_ROUTE_MATCHED);
    expect(explained.gatewayRoute?.rewrittenPath).toBe('/cds/1');
    expect(explained.reasons.map((r) => [r.kind, r.name, r.failedConditions])).toEqual([
      ['route', 'catalog-prefix', ['prefix /catalog does not match path /cds/1']],
      ['route', 'books', ['prefix /books does not match path /cds/1']],
    ]);
  });

  it('no gateway route matches: the gateway routes\' reasons, and the router is never reached', () => {
    const { mesh, gateway } = shop();
    const explained = mesh.explain({ virtualGateway: gateway, path: '/books/1' });
    expect(explained.outcome).toBe(RoutingOutcome.NO_GATEWAY_ROUTE_MATCHED);
    expect(explained.virtualServiceName).toBeUndefined();
    expect(explained.reasons).toEqual([{
      kind: RouteCandidateKind.GATEWAY_ROUTE,
      name: 'catalog',
      constructPath: 'Stack/Mesh/Gateway/Catalog',
      failedConditions: ['prefix /catalog does not match path /books/1'],
    }]);
  });

  it('a gateway of another mesh, or imported, cannot be explained here', () => {
    const { mesh } = shop();
    const other = httpRouteFixture();
    const explained = mesh.explain({ virtualGateway: other.gateway });
    expect(explained.outcome).toBe(RoutingOutcome.INVALID_REQUEST);
    expect(explained.summary).toContain('is not defined in this mesh');
  });
});
