import { describe, expect, it } from 'vitest';
import {
  ExplainRequest, HeaderMatch, HttpRouteMatch, HttpRouteMethod, HttpRouteProtocol, HttpRoutePathMatch, QueryParameterMatch,
  RouteCandidateKind, RouteSpec, RoutingOutcome, RoutingProtocol, VirtualNodeListener, VirtualRouterListener,
} from '../../../lib';
import { explainFixture } from '../../support/fixtures';

/**
 * App Mesh's route match rules, one condition at a time: a request that matches, and a near
 * miss per condition that names the condition it fails (the route `only` is the router's only
 * route, so a miss means no route matched).
 */

type Request = Omit<ExplainRequest, 'from' | 'virtualServiceName'>;

/** A router with one http route `only` matching `match`, explained for a request from the frontend. */
function httpRoute(match: HttpRouteMatch) {
  const f = explainFixture();
  f.router.addRoute('Only', { routeName: 'only', routeSpec: RouteSpec.http({ match }) }).to(f.v1);
  return (request: Request = {}) => f.mesh.explain({ virtualNode: f.frontend, virtualServiceName: 'catalog.shop.local', ...request });
}

/** The conditions the only route failed (fails the test when the request matched). */
function failures(explanation: ReturnType<ReturnType<typeof httpRoute>>): string[] {
  expect(explanation.outcome).toBe(RoutingOutcome.NO_ROUTE_MATCHED);
  expect(explanation.matched).toBe(false);
  expect(explanation.reasons).toHaveLength(1);
  expect(explanation.reasons[0].kind).toBe(RouteCandidateKind.ROUTE);
  expect(explanation.reasons[0].name).toBe('only');
  return explanation.reasons[0].failedConditions;
}

function routed(explanation: ReturnType<ReturnType<typeof httpRoute>>): void {
  expect(explanation.outcome, explanation.summary).toBe(RoutingOutcome.ROUTED);
  expect(explanation.matched).toBe(true);
  expect(explanation.route?.routeName).toBe('only');
  expect(explanation.targets.map((t) => t.virtualNodeName)).toEqual(['v1']);
}

describe('explain: http path matches', () => {
  it('prefix: the path starts with it; a miss names the prefix and the path', () => {
    const explain = httpRoute({ path: HttpRoutePathMatch.startsWith('/api') });
    routed(explain({ path: '/api/books' }));
    routed(explain({ path: '/api' }));
    // A plain string prefix, as App Mesh's (Envoy's) prefix match: /api matches /apiary too.
    routed(explain({ path: '/apiary' }));
    expect(failures(explain({ path: '/v2/books' }))).toEqual(['prefix /api does not match path /v2/books']);
  });

  it('prefix /: every path', () => {
    const explain = httpRoute({ path: HttpRoutePathMatch.startsWith('/') });
    routed(explain({ path: '/anything/at/all' }));
    routed(explain({}));
  });

  it('normalizes the path first (normalize_path, merge_slashes) and says so', () => {
    const explain = httpRoute({ path: HttpRoutePathMatch.startsWith('/api/books') });
    const merged = explain({ path: '/api//books' });
    routed(merged);
    expect(merged.steps).toContain('path /api//books is normalized to /api/books before matching (App Mesh enables normalize_path and merge_slashes)');
    routed(explain({ path: '/x/../api/./books' }));
  });

  it('exact path: only that path; the query string is not part of it', () => {
    const explain = httpRoute({ path: HttpRoutePathMatch.exactly('/health') });
    routed(explain({ path: '/health' }));
    routed(explain({ path: '/health?verbose=1' }));
    expect(failures(explain({ path: '/health/' }))).toEqual(['path: expected exactly /health, got /health/']);
    expect(failures(explain({ path: '/healthz' }))).toEqual(['path: expected exactly /health, got /healthz']);
  });

  it('regex path: the whole path must match', () => {
    const explain = httpRoute({ path: HttpRoutePathMatch.regex('/books/[0-9]+') });
    routed(explain({ path: '/books/42' }));
    expect(failures(explain({ path: '/books/abc' }))).toEqual(['path /books/abc does not match regex /books/[0-9]+']);
    expect(failures(explain({ path: '/shop/books/42' }))).toEqual(['path /shop/books/42 does not match regex /books/[0-9]+']);
  });
});

describe('explain: method, scheme, query parameters', () => {
  it('method: defaults to GET', () => {
    const explain = httpRoute({ method: HttpRouteMethod.POST });
    routed(explain({ method: HttpRouteMethod.POST }));
    expect(failures(explain({}))).toEqual(['method: expected POST, got GET']);
  });

  it('query parameter exact: from the path\'s query string or from queryParameters', () => {
    const explain = httpRoute({ queryParameters: [QueryParameterMatch.valueIs('color', 'red')] });
    routed(explain({ path: '/?color=red' }));
    routed(explain({ queryParameters: { color: 'red' } }));
    expect(failures(explain({ path: '/?color=blue' }))).toEqual(['query parameter color: expected exact \'red\', got \'blue\'']);
    expect(failures(explain({ path: '/' }))).toEqual(['query parameter color: expected exact \'red\', got absent']);
  });

  it('scheme (an http2 route): defaults to http', () => {
    const f = explainFixture({ routerListeners: [VirtualRouterListener.http2(8080)], nodeListeners: () => [VirtualNodeListener.http2()] });
    f.router.addRoute('Only', { routeName: 'only', routeSpec: RouteSpec.http2({ match: { scheme: HttpRouteProtocol.HTTPS } }) }).to(f.v1);
    const explain = (request: Request) => f.mesh.explain({ virtualNode: f.frontend, virtualServiceName: 'catalog.shop.local', ...request });
    const secure = explain({ scheme: HttpRouteProtocol.HTTPS });
    routed(secure);
    expect(secure.protocol).toBe(RoutingProtocol.HTTP2);
    expect(secure.route?.protocol).toBe(RoutingProtocol.HTTP2);
    expect(failures(explain({}))).toEqual(['scheme: expected https, got http']);
  });

  it('lists every condition a route fails, not only the first', () => {
    const explain = httpRoute({
      path: HttpRoutePathMatch.startsWith('/api'),
      method: HttpRouteMethod.PUT,
      headers: [HeaderMatch.valueIs('x-canary', 'true')],
      queryParameters: [QueryParameterMatch.valueIs('v', '2')],
    });
    expect(failures(explain({ path: '/v2/books' }))).toEqual([
      'prefix /api does not match path /v2/books',
      'method: expected PUT, got GET',
      'header x-canary: expected exact \'true\', got absent',
      'query parameter v: expected exact \'2\', got absent',
    ]);
  });
});

describe('explain: header matches', () => {
  it('exact: the header name is case-insensitive, the value is not', () => {
    const explain = httpRoute({ headers: [HeaderMatch.valueIs('x-canary', 'true')] });
    routed(explain({ headers: { 'X-Canary': 'true' } }));
    expect(failures(explain({ headers: { 'x-canary': 'TRUE' } }))).toEqual(['header x-canary: expected exact \'true\', got \'TRUE\'']);
    expect(failures(explain({}))).toEqual(['header x-canary: expected exact \'true\', got absent']);
  });

  it('inverted exact: any other value, but the header must be there ("a request that has a header", seed 001:55-58)', () => {
    const explain = httpRoute({ headers: [HeaderMatch.valueIsNot('x-canary', 'true')] });
    routed(explain({ headers: { 'x-canary': 'false' } }));
    expect(failures(explain({ headers: { 'x-canary': 'true' } }))).toEqual(['header x-canary: expected not exact \'true\', got \'true\'']);
    expect(failures(explain({}))).toEqual(['header x-canary: expected not exact \'true\', got absent (an inverted match still needs the header)']);
  });

  it('prefix and inverted prefix', () => {
    routed(httpRoute({ headers: [HeaderMatch.valueStartsWith('user-agent', 'curl/')] })({ headers: { 'user-agent': 'curl/8.0' } }));
    expect(failures(httpRoute({ headers: [HeaderMatch.valueStartsWith('user-agent', 'curl/')] })({ headers: { 'user-agent': 'Mozilla/5.0' } })))
      .toEqual(['header user-agent: expected prefix \'curl/\', got \'Mozilla/5.0\'']);
    const inverted = httpRoute({ headers: [HeaderMatch.valueDoesNotStartWith('user-agent', 'curl/')] });
    routed(inverted({ headers: { 'user-agent': 'Mozilla/5.0' } }));
    expect(failures(inverted({ headers: { 'user-agent': 'curl/8.0' } }))).toEqual(['header user-agent: expected not prefix \'curl/\', got \'curl/8.0\'']);
  });

  it('suffix and inverted suffix', () => {
    const explain = httpRoute({ headers: [HeaderMatch.valueEndsWith('x-user', '@example.com')] });
    routed(explain({ headers: { 'x-user': 'ana@example.com' } }));
    expect(failures(explain({ headers: { 'x-user': 'ana@example.org' } }))).toEqual(['header x-user: expected suffix \'@example.com\', got \'ana@example.org\'']);
    const inverted = httpRoute({ headers: [HeaderMatch.valueDoesNotEndWith('x-user', '@example.com')] });
    routed(inverted({ headers: { 'x-user': 'ana@example.org' } }));
    expect(failures(inverted({ headers: { 'x-user': 'ana@example.com' } }))).toEqual(['header x-user: expected not suffix \'@example.com\', got \'ana@example.com\'']);
  });

  it('regex (the whole value) and inverted regex', () => {
    const explain = httpRoute({ headers: [HeaderMatch.valueMatchesRegex('x-version', 'v[0-9]+')] });
    routed(explain({ headers: { 'x-version': 'v12' } }));
    expect(failures(explain({ headers: { 'x-version': 'v12-beta' } }))).toEqual(['header x-version: expected regex \'v[0-9]+\', got \'v12-beta\'']);
    const inverted = httpRoute({ headers: [HeaderMatch.valueDoesNotMatchRegex('x-version', 'v[0-9]+')] });
    routed(inverted({ headers: { 'x-version': 'beta' } }));
    expect(failures(inverted({ headers: { 'x-version': 'v1' } }))).toEqual(['header x-version: expected not regex \'v[0-9]+\', got \'v1\'']);
  });

  it('range: start inclusive, end exclusive, integers only', () => {
    const explain = httpRoute({ headers: [HeaderMatch.valuesIsInRange('x-tier', 1, 10)] });
    routed(explain({ headers: { 'x-tier': '1' } }));
    routed(explain({ headers: { 'x-tier': '9' } }));
    expect(failures(explain({ headers: { 'x-tier': '10' } }))).toEqual(['header x-tier: expected range [1, 10), got \'10\'']);
    expect(failures(explain({ headers: { 'x-tier': '0' } }))).toEqual(['header x-tier: expected range [1, 10), got \'0\'']);
    expect(failures(explain({ headers: { 'x-tier': '2.5' } }))).toEqual(['header x-tier: expected range [1, 10), got \'2.5\'']);
  });

  it('inverted range: outside [start, end)', () => {
    const explain = httpRoute({ headers: [HeaderMatch.valuesIsNotInRange('x-tier', 1, 10)] });
    routed(explain({ headers: { 'x-tier': '10' } }));
    expect(failures(explain({ headers: { 'x-tier': '5' } }))).toEqual(['header x-tier: expected not range [1, 10), got \'5\'']);
  });
});

describe('explain: gRPC matches', () => {
  function grpcRoute(match: { serviceName?: string; methodName?: string; metadata?: HeaderMatch[] }) {
    const f = explainFixture({ routerListeners: [VirtualRouterListener.grpc(8080)], nodeListeners: () => [VirtualNodeListener.grpc()] });
    f.router.addRoute('Only', { routeName: 'only', routeSpec: RouteSpec.grpc({ match }) }).to(f.v1);
    return (request: Request = {}) => f.mesh.explain({ virtualNode: f.frontend, virtualServiceName: 'catalog.shop.local', ...request });
  }

  it('service and method: from grpcService and grpcMethod, or from the path /Service/Method', () => {
    const explain = grpcRoute({ serviceName: 'shop.Catalog', methodName: 'Get' });
    const byFields = explain({ grpcService: 'shop.Catalog', grpcMethod: 'Get' });
    routed(byFields);
    expect(byFields.protocol).toBe(RoutingProtocol.GRPC);
    routed(explain({ path: '/shop.Catalog/Get' }));
    expect(failures(explain({ grpcService: 'shop.Cart', grpcMethod: 'Get' }))).toEqual(['gRPC service: expected shop.Catalog, got shop.Cart']);
    expect(failures(explain({ path: '/shop.Catalog/List' }))).toEqual(['gRPC method: expected Get, got List']);
    expect(failures(explain({}))).toEqual(['gRPC service: expected shop.Catalog, got none', 'gRPC method: expected Get, got none']);
  });

  it('a service name alone matches every method of it', () => {
    const explain = grpcRoute({ serviceName: 'shop.Catalog' });
    routed(explain({ path: '/shop.Catalog/Get' }));
    routed(explain({ path: '/shop.Catalog/List' }));
  });

  it('metadata: all must match; names are case-insensitive, headers fill in', () => {
    const explain = grpcRoute({ serviceName: 'shop.Catalog', metadata: [HeaderMatch.valueStartsWith('tenant', 'eu-'), HeaderMatch.valueIsNot('debug', 'on')] });
    routed(explain({ path: '/shop.Catalog/Get', metadata: { Tenant: 'eu-1', debug: 'off' } }));
    routed(explain({ path: '/shop.Catalog/Get', headers: { tenant: 'eu-1', debug: 'off' } }));
    expect(failures(explain({ path: '/shop.Catalog/Get', metadata: { tenant: 'us-1', debug: 'on' } }))).toEqual([
      'metadata tenant: expected prefix \'eu-\', got \'us-1\'',
      'metadata debug: expected not exact \'on\', got \'on\'',
    ]);
  });
});
