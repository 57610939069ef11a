import { describe, expect, it } from 'vitest';
import {
  HttpRoutePathMatch, RouteSpec, RoutingCheckKind, RoutingOutcome, RoutingProtocol, VirtualNodeListener, VirtualRouterListener,
} from '../../../lib';
import { explainFixture } from '../../support/fixtures';

/**
 * Which route wins: App Mesh tries a listener's routes by priority (0 first, unset last), then
 * the longest path prefix, then definition order, and the first whose every condition holds
 * wins. Routes with a match port serve that listener only; a route's protocol must be its listener's.
 */

describe('explain: route order', () => {
  function prioritized() {
    const f = explainFixture();
    // Defined in this order: no priority, priority 5, priority 1.
    f.router.addRoute('Fallback', { routeName: 'fallback', routeSpec: RouteSpec.http() }).to(f.v1);
    f.router.addRoute('Api', { routeName: 'api', routeSpec: RouteSpec.http({ priority: 5, match: { path: HttpRoutePathMatch.startsWith('/api') } }) }).to(f.v2);
    f.router.addRoute('ApiV2', { routeName: 'api-v2', routeSpec: RouteSpec.http({ priority: 1, match: { path: HttpRoutePathMatch.startsWith('/api/v2') } }) })
      .to(f.v1).canary(f.v2, 25);
    return (path: string) => f.mesh.explain({ virtualNode: f.frontend, virtualServiceName: 'catalog.shop.local', path });
  }

  it('tries routes by priority, 0 first: the first whose conditions all hold wins', () => {
    const explain = prioritized();
    const v2 = explain('/api/v2/books');
    expect(v2.route).toMatchObject({ routeName: 'api-v2', priority: 1, virtualRouterName: 'catalog', constructPath: 'Stack/Mesh/Router/ApiV2' });
    expect(v2.reasons).toEqual([]);
    expect(v2.targets).toEqual([
      { virtualNodeName: 'v1', constructPath: 'Stack/Mesh/V1', port: 8080, weight: 75 },
      { virtualNodeName: 'v2', constructPath: 'Stack/Mesh/V2', port: 8080, weight: 25 },
    ]);
  });

  it('reports the routes tried before the winner, in App Mesh order, with what they failed', () => {
    const explain = prioritized();
    const api = explain('/api/books');
    expect(api.route?.routeName).toBe('api');
    expect(api.reasons.map((r) => [r.name, r.failedConditions])).toEqual([['api-v2', ['prefix /api/v2 does not match path /api/books']]]);
    const fallback = explain('/books');
    expect(fallback.route?.routeName).toBe('fallback');
    expect(fallback.route?.priority).toBeUndefined();
    expect(fallback.reasons.map((r) => r.name)).toEqual(['api-v2', 'api']);
  });

  it('without priorities, the longest prefix is tried first, whatever the definition order', () => {
    const f = explainFixture();
    f.router.addRoute('Root', { routeName: 'root', routeSpec: RouteSpec.http() }).to(f.v1);
    f.router.addRoute('Books', { routeName: 'books', routeSpec: RouteSpec.http({ match: { path: HttpRoutePathMatch.startsWith('/books') } }) }).to(f.v2);
    const explain = (path: string) => f.mesh.explain({ virtualNode: f.frontend, virtualServiceName: 'catalog.shop.local', path });
    expect(explain('/books/1').route?.routeName).toBe('books');
    expect(explain('/cds/1').route?.routeName).toBe('root');
    expect(explain('/cds/1').reasons.map((r) => r.name)).toEqual(['books']);
  });

  it('a priority wins over a longer prefix', () => {
    const f = explainFixture();
    f.router.addRoute('Books', { routeName: 'books', routeSpec: RouteSpec.http({ priority: 2, match: { path: HttpRoutePathMatch.startsWith('/books') } }) }).to(f.v2);
    f.router.addRoute('Root', { routeName: 'root', routeSpec: RouteSpec.http({ priority: 1 }) }).to(f.v1);
    expect(f.mesh.explain({ virtualNode: f.frontend, virtualServiceName: 'catalog.shop.local', path: '/books/1' }).route?.routeName).toBe('root');
  });

  it('equal priorities and prefixes: definition order', () => {
    const f = explainFixture();
    f.router.addRoute('First', { routeName: 'first', routeSpec: RouteSpec.http({ priority: 3 }) }).to(f.v1);
    f.router.addRoute('Second', { routeName: 'second', routeSpec: RouteSpec.http({ priority: 3 }) }).to(f.v2);
    expect(f.mesh.explain({ virtualNode: f.frontend, virtualServiceName: 'catalog.shop.local' }).route?.routeName).toBe('first');
  });
});

describe('explain: listeners and match ports', () => {
  function twoListeners() {
    const f = explainFixture({
      routerListeners: [VirtualRouterListener.http(8080), VirtualRouterListener.http2(9090)],
      nodeListeners: () => [VirtualNodeListener.http({ port: 8080 }), VirtualNodeListener.http2({ port: 9090 })],
    });
    f.router.addRoute('Web', { routeName: 'web', routeSpec: RouteSpec.http({ match: { port: 8080 } }) }).to(f.v1, 8080);
    f.router.addRoute('Rpc', { routeName: 'rpc', routeSpec: RouteSpec.http2({ match: { port: 9090 } }) }).to(f.v2, 9090);
    return { ...f, explain: (port?: number) => f.mesh.explain({ virtualNode: f.frontend, virtualServiceName: 'catalog.shop.local', port }) };
  }

  it('routes only with the routes whose match port is the request\'s port', () => {
    const { explain } = twoListeners();
    const web = explain(8080);
    expect(web.route?.routeName).toBe('web');
    expect(web.protocol).toBe(RoutingProtocol.HTTP);
    expect(web.port).toBe(8080);
    expect(web.targets).toEqual([{ virtualNodeName: 'v1', constructPath: 'Stack/Mesh/V1', port: 8080, weight: 100 }]);
    // The 9090 route is not a candidate on 8080: not tried, so no reason either.
    expect(web.reasons).toEqual([]);
    const rpc = explain(9090);
    expect(rpc.route?.routeName).toBe('rpc');
    expect(rpc.protocol).toBe(RoutingProtocol.HTTP2);
    expect(rpc.targets[0]).toMatchObject({ virtualNodeName: 'v2', port: 9090 });
  });

  it('a port that is no listener of the router: NO_LISTENER, as Envoy\'s "No matching filter chain found"', () => {
    const { explain } = twoListeners();
    const wrong = explain(7070);
    expect(wrong.outcome).toBe(RoutingOutcome.NO_LISTENER);
    expect(wrong.matched).toBe(false);
    expect(wrong.checks).toContainEqual({
      check: RoutingCheckKind.LISTENER_PORT,
      passed: false,
      message: 'port 7070 is not a listener port of virtual router catalog (its listeners: 8080 (http), 9090 (http2))',
    });
    expect(wrong.summary).toContain('No matching filter chain found');
  });

  it('no port on a router with several listeners: the port is needed', () => {
    const { explain } = twoListeners();
    const none = explain(undefined);
    expect(none.outcome).toBe(RoutingOutcome.NO_LISTENER);
    expect(none.summary).toBe('virtual router catalog has 2 listeners (8080 (http), 9090 (http2)): give the request\'s port');
  });

  it('a route without a match port on a router with several listeners is passed over (App Mesh requires the port)', () => {
    const f = twoListeners();
    f.router.addRoute('Loose', { routeName: 'loose', routeSpec: RouteSpec.http({ priority: 0 }) }).to(f.v1, 8080);
    const web = f.explain(8080);
    expect(web.route?.routeName).toBe('web');
    expect(web.reasons).toEqual([{
      kind: 'route',
      name: 'loose',
      constructPath: 'Stack/Mesh/Router/Loose',
      failedConditions: ['no match port, and the router has 2 listeners: App Mesh requires the port (User Guide, Routes)'],
    }]);
  });

  it('a route of another protocol than its listener\'s is passed over', () => {
    const f = explainFixture();
    f.router.addRoute('Rpc', { routeName: 'rpc', routeSpec: RouteSpec.http2({ priority: 0 }) }).to(f.v1);
    f.router.addRoute('Web', { routeName: 'web', routeSpec: RouteSpec.http({ priority: 1 }) }).to(f.v2);
    const explained = f.mesh.explain({ virtualNode: f.frontend, virtualServiceName: 'catalog.shop.local' });
    expect(explained.route?.routeName).toBe('web');
    expect(explained.reasons[0].failedConditions).toEqual([
      'a http2 route does not serve the http listener 8080: a route\'s protocol must match its router listener\'s',
    ]);
    expect(explained.checks).toContainEqual({ check: RoutingCheckKind.PROTOCOL, passed: true, message: 'route web is http, as listener 8080 of catalog is' });
  });
});
