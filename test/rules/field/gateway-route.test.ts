/**
 * Negative tests for every field rule of gateway routes: each asserts the code, severity, construct
 * path and field (API shape) through `mesh.validate()`, and that synthesis fails. The mesh rules are
 * in test/rules/mesh/gateway-route.test.ts.
 */
import { describe, expect, it } from 'vitest';
import {
  GatewayRoute,
  GatewayRouteHostnameMatch,
  GatewayRouteSpec,
  GrpcGatewayRouteMatch,
  HeaderMatch,
  HttpGatewayRoutePathMatch,
  VirtualGateway,
  VirtualGatewayListener,
} from '../../../lib';
import { expectError, findDiagnostics, gatewayFixture, GatewayFixture, grpcRouteFixture, httpRouteFixture } from '../../support/fixtures';

/** A route whose spec renders the given model (what only plain JS or a foreign producer could hand over). */
function routeWithModel(model: unknown) {
  const fixture = gatewayFixture();
  const route = fixture.gateway.addGatewayRoute('Route', { routeSpec: { _routeTarget: undefined, _toModel: () => model } as any });
  return { ...fixture, route };
}

const target = { virtualService: { virtualServiceName: 'catalog.shop.local' } };

describe('gateway route field rules', () => {
  it('AMK_PRIORITY_RANGE: a priority above 1000', () => {
    const fixture = httpRouteFixture({ priority: 1001 });
    expectError(fixture, { code: 'AMK_PRIORITY_RANGE', at: fixture.route, field: 'spec.priority' });
  });

  it('AMK_GATEWAY_ROUTE_TYPE: a tcpRoute (gateways have none)', () => {
    const fixture = routeWithModel({ tcpRoute: { action: { target } } });
    const d = expectError(fixture, { code: 'AMK_GATEWAY_ROUTE_TYPE', at: fixture.route, field: 'spec.tcpRoute' });
    expect(d.message).toContain('no tcp routes');
  });

  it('AMK_GATEWAY_ROUTE_TYPE: no route at all', () => {
    const fixture = routeWithModel({ priority: 1 });
    expectError(fixture, { code: 'AMK_GATEWAY_ROUTE_TYPE', at: fixture.route, field: 'spec' });
  });

  it('AMK_GATEWAY_ROUTE_TYPE: two kinds of route in one spec', () => {
    const body = { match: { prefix: '/' }, action: { target } };
    const fixture = routeWithModel({ httpRoute: body, http2Route: body });
    const d = expectError(fixture, { code: 'AMK_GATEWAY_ROUTE_TYPE', at: fixture.route, field: 'spec' });
    expect(d.value).toBe('["httpRoute","http2Route"]');
  });

  it('AMK_PATH_PREFIX: a prefix without the leading /', () => {
    const fixture = httpRouteFixture({ match: { path: HttpGatewayRoutePathMatch.startsWith('catalog/') } });
    expectError(fixture, { code: 'AMK_PATH_PREFIX', at: fixture.route, field: 'spec.httpRoute.match.prefix' });
  });

  it('AMK_PATH_PREFIX: an exact path without the leading /', () => {
    const fixture = httpRouteFixture({ match: { path: HttpGatewayRoutePathMatch.exactly('catalog') } });
    expectError(fixture, { code: 'AMK_PATH_PREFIX', at: fixture.route, field: 'spec.httpRoute.match.path.exact' });
  });

  it('AMK_REGEX: a path regex with look-ahead (not RE2)', () => {
    const fixture = httpRouteFixture({ match: { path: HttpGatewayRoutePathMatch.regex('/(?=admin)') } });
    expectError(fixture, { code: 'AMK_REGEX', at: fixture.route, field: 'spec.httpRoute.match.path.regex' });
  });

  it('AMK_MATCH_COUNT: eleven headers', () => {
    const headers = Array.from({ length: 11 }, (_, i) => HeaderMatch.valueIs(`x-h${i}`, 'v'));
    const fixture = httpRouteFixture({ match: { headers } });
    expectError(fixture, { code: 'AMK_MATCH_COUNT', at: fixture.route, field: 'spec.httpRoute.match.headers' });
  });

  it('AMK_MATCH_COUNT: eleven gRPC metadata entries', () => {
    const metadata = Array.from({ length: 11 }, (_, i) => HeaderMatch.valueIs(`x-m${i}`, 'v'));
    const fixture = grpcRouteFixture({ serviceName: 'shop.Catalog', metadata });
    expectError(fixture, { code: 'AMK_MATCH_COUNT', at: fixture.route, field: 'spec.grpcRoute.match.metadata' });
  });

  it('AMK_MATCH_NAME: a header name over 50 characters', () => {
    const fixture = httpRouteFixture({ match: { headers: [HeaderMatch.valueIs('x'.repeat(51), 'v')] } });
    expectError(fixture, { code: 'AMK_MATCH_NAME', at: fixture.route, field: 'spec.httpRoute.match.headers[0].name' });
  });

  it('AMK_MATCH_NAME: an empty metadata name', () => {
    const fixture = grpcRouteFixture({ serviceName: 'shop.Catalog', metadata: [HeaderMatch.valueIs('', 'v')] });
    expectError(fixture, { code: 'AMK_MATCH_NAME', at: fixture.route, field: 'spec.grpcRoute.match.metadata[0].name' });
  });

  it('AMK_MATCH_RANGE: a header range with start ≥ end', () => {
    const fixture = httpRouteFixture({ match: { headers: [HeaderMatch.valuesIsInRange('x-shard', 5, 1)] } });
    expectError(fixture, { code: 'AMK_MATCH_RANGE', at: fixture.route, field: 'spec.httpRoute.match.headers[0].match.range' });
  });

  it('AMK_ENUM: an HTTP method that is none (plain JS)', () => {
    const fixture = httpRouteFixture({ match: { method: 'FETCH' as any } });
    expectError(fixture, { code: 'AMK_ENUM', at: fixture.route, field: 'spec.httpRoute.match.method' });
  });

  it('AMK_PORT_RANGE: a match port of 0 and a target port above 65535', () => {
    const fixture = httpRouteFixture({ match: { port: 0 }, targetPort: 65536 });
    const diagnostics = findDiagnostics(fixture.mesh, 'AMK_PORT_RANGE');
    expect(diagnostics.map((d) => [d.constructPath, d.field])).toEqual([
      [fixture.route.node.path, 'spec.httpRoute.action.target.port'],
      [fixture.route.node.path, 'spec.httpRoute.match.port'],
    ]);
  });

  it.each([
    ['an empty exact host name', GatewayRouteHostnameMatch.exactly(''), 'exact'],
    ['a host name suffix over 253 characters', GatewayRouteHostnameMatch.endsWith(`.${'a'.repeat(253)}`), 'suffix'],
  ])('AMK_MATCH_HOSTNAME: %s', (_name, hostname, key) => {
    const fixture = httpRouteFixture({ match: { hostname } });
    expectError(fixture, { code: 'AMK_MATCH_HOSTNAME', at: fixture.route, field: `spec.httpRoute.match.hostname.${key}` });
  });

  it('AMK_MATCH_HOSTNAME: on a gRPC route too', () => {
    const fixture = grpcRouteFixture({ hostname: GatewayRouteHostnameMatch.exactly('h'.repeat(254)) });
    expectError(fixture, { code: 'AMK_MATCH_HOSTNAME', at: fixture.route, field: 'spec.grpcRoute.match.hostname.exact' });
  });

  it('AMK_MATCH_HOSTNAME: both exact and suffix', () => {
    const fixture = httpRouteFixture({ match: { hostname: { _toModel: () => ({ exact: 'a.example.com', suffix: '.example.com' }) } as any } });
    expectError(fixture, { code: 'AMK_MATCH_HOSTNAME', at: fixture.route, field: 'spec.httpRoute.match.hostname' });
  });

  it.each([
    ['without the trailing /', '/v2'],
    ['without the leading /', 'v2/'],
  ])('AMK_GATEWAY_REWRITE_PREFIX: a prefix rewrite %s', (_name, rewriteTo) => {
    const fixture = httpRouteFixture({ match: { path: HttpGatewayRoutePathMatch.startsWith('/v1/', rewriteTo) } });
    const d = expectError(fixture, { code: 'AMK_GATEWAY_REWRITE_PREFIX', at: fixture.route, field: 'spec.httpRoute.action.rewrite.prefix.value' });
    expect(d.fix).toContain('/v2/');
  });

  it('AMK_GATEWAY_REWRITE_PREFIX: both the default and a value', () => {
    const fixture = httpRouteFixture({
      match: { path: { _toModel: () => ({ prefix: '/a/', rewrite: { prefix: { defaultPrefix: 'ENABLED', value: '/b/' } } }) } as any },
    });
    expectError(fixture, { code: 'AMK_GATEWAY_REWRITE_PREFIX', at: fixture.route, field: 'spec.httpRoute.action.rewrite.prefix' });
  });

  it.each([
    ['exactly', HttpGatewayRoutePathMatch.exactly('/a', 'b')],
    ['regex', HttpGatewayRoutePathMatch.regex('/a/.*', 'b')],
    ['exactly, rewritten to empty', HttpGatewayRoutePathMatch.exactly('/a', '')],
  ])('AMK_PATH_PREFIX: a path rewrite without the leading / (%s)', (_name, path) => {
    const fixture = httpRouteFixture({ match: { path } });
    expectError(fixture, { code: 'AMK_PATH_PREFIX', at: fixture.route, field: 'spec.httpRoute.action.rewrite.path.exact' });
  });

  it('AMK_GATEWAY_REWRITE_MATCH: a path rewrite on a prefix match', () => {
    const fixture = httpRouteFixture({ match: { path: { _toModel: () => ({ prefix: '/a/', rewrite: { path: { exact: '/b' } } }) } as any } });
    expectError(fixture, { code: 'AMK_GATEWAY_REWRITE_MATCH', at: fixture.route, field: 'spec.httpRoute.action.rewrite.path' });
  });

  it('AMK_GATEWAY_REWRITE_MATCH: a prefix rewrite on an exact path match', () => {
    const fixture = httpRouteFixture({
      match: { path: { _toModel: () => ({ path: { exact: '/a' }, rewrite: { prefix: { value: '/b/' } } }) } as any },
    });
    expectError(fixture, { code: 'AMK_GATEWAY_REWRITE_MATCH', at: fixture.route, field: 'spec.httpRoute.action.rewrite.prefix' });
  });

  it.each(['/aws-appmesh', '/aws-appmesh/stats', '/aws-app-mesh-internal'])('AMK_GATEWAY_ROUTE_RESERVED_PREFIX: %s', (prefix) => {
    const fixture = httpRouteFixture({ match: { path: HttpGatewayRoutePathMatch.startsWith(prefix) } });
    expectError(fixture, { code: 'AMK_GATEWAY_ROUTE_RESERVED_PREFIX', at: fixture.route, field: 'spec.httpRoute.match.prefix' });
  });

  it('AMK_GATEWAY_ROUTE_RESERVED_PREFIX: also on http2 routes', () => {
    const fixture = gatewayFixture({ listeners: [VirtualGatewayListener.http2()] });
    const route = fixture.gateway.addGatewayRoute('Route', {
      routeSpec: GatewayRouteSpec.http2({ routeTarget: fixture.service, match: { path: HttpGatewayRoutePathMatch.startsWith('/aws-app-mesh/') } }),
    });
    expectError(fixture, { code: 'AMK_GATEWAY_ROUTE_RESERVED_PREFIX', at: route, field: 'spec.http2Route.match.prefix' });
  });

  it('accepts prefixes that only look alike', () => {
    const fixture = httpRouteFixture({ match: { path: HttpGatewayRoutePathMatch.startsWith('/aws/appmesh/') } });
    expect(fixture.mesh.validate()).toEqual([]);
  });

  it.each(['aws.appmesh', 'aws.appmesh.Envoy', '/aws.app-mesh.Admin'])('AMK_GATEWAY_ROUTE_RESERVED_SERVICE: %s', (serviceName) => {
    const fixture = grpcRouteFixture({ serviceName });
    expectError(fixture, { code: 'AMK_GATEWAY_ROUTE_RESERVED_SERVICE', at: fixture.route, field: 'spec.grpcRoute.match.serviceName' });
  });

  it.each([
    ['an empty match', {}],
    ['a match with only rewriteRequestHostname', { rewriteRequestHostname: false }],
  ])('AMK_GRPC_MATCH_EMPTY: %s', (_name, match) => {
    const fixture = grpcRouteFixture(match);
    expectError(fixture, { code: 'AMK_GRPC_MATCH_EMPTY', at: fixture.route, field: 'spec.grpcRoute.match' });
  });

  it.each<[string, GrpcGatewayRouteMatch]>([
    ['serviceName', { serviceName: 'shop.Catalog' }],
    ['hostname', { hostname: GatewayRouteHostnameMatch.exactly('grpc.example.com') }],
    ['metadata', { metadata: [HeaderMatch.valueIs('x-env', 'prod')] }],
    ['port', { port: 8080 }],
  ])('a gRPC match on %s alone is enough', (_name, match) => {
    const fixture = grpcRouteFixture(match);
    expect(fixture.mesh.validate()).toEqual([]);
  });

  it('AMK_NAME_LENGTH: a gateway route name over 255 characters', () => {
    const fixture = gatewayFixture();
    const route = fixture.gateway.addGatewayRoute('Route', {
      gatewayRouteName: 'r'.repeat(256), routeSpec: GatewayRouteSpec.http({ routeTarget: fixture.service }),
    });
    expectError(fixture, { code: 'AMK_NAME_LENGTH', at: route, field: 'gatewayRouteName' });
  });

  it('AMK_NAME_LENGTH: an imported gateway with an empty name', () => {
    const fixture = gatewayFixture();
    const gateway = VirtualGateway.fromVirtualGatewayAttributes(fixture.stack, 'Imported', { virtualGatewayName: '', mesh: fixture.mesh });
    const route = gateway.addGatewayRoute('Route', { routeSpec: GatewayRouteSpec.http({ routeTarget: fixture.service }) });
    expectError(fixture, { code: 'AMK_NAME_LENGTH', at: route, field: 'virtualGatewayName' });
  });

  it('AMK_TAG_COUNT: more than 50 tags', () => {
    const fixture = gatewayFixture();
    const tags = Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`k${i}`, 'v']));
    const route = fixture.gateway.addGatewayRoute('Route', { tags, routeSpec: GatewayRouteSpec.http({ routeTarget: fixture.service }) });
    expectError(fixture, { code: 'AMK_TAG_COUNT', at: route, field: 'tags' });
  });
});

describe('gateway route: plain-JS wrong kinds give diagnostics, not TypeErrors', () => {
  function expectWrongType(fixture: GatewayFixture, route: GatewayRoute, field: string) {
    expect(() => fixture.mesh.validate()).not.toThrow();
    return expectError(fixture, { code: 'AMK_WRONG_TYPE', at: route, field });
  }

  function withSpec(routeSpec: unknown) {
    const fixture = gatewayFixture();
    const route = fixture.gateway.addGatewayRoute('Route', { routeSpec: routeSpec as any });
    return { fixture, route };
  }

  function withHttp(options: Record<string, unknown>) {
    const fixture = gatewayFixture();
    const route = fixture.gateway.addGatewayRoute('Route', {
      routeSpec: GatewayRouteSpec.http({ routeTarget: fixture.service, ...options } as any),
    });
    return { fixture, route };
  }

  it('a route spec that is a string', () => {
    const { fixture, route } = withSpec('http');
    const d = expectWrongType(fixture, route, 'spec');
    expect(d.value).toBe('"http"');
  });

  it('AMK_REQUIRED: no route spec at all', () => {
    const { fixture, route } = withSpec(undefined);
    expectError(fixture, { code: 'AMK_REQUIRED', at: route, field: 'spec' });
  });

  it('AMK_REQUIRED: no route target', () => {
    const { fixture, route } = withHttp({ routeTarget: undefined });
    expectError(fixture, { code: 'AMK_REQUIRED', at: route, field: 'spec.httpRoute.action.target.virtualService' });
  });

  it('a route target that is a service name', () => {
    const { fixture, route } = withHttp({ routeTarget: 'catalog.shop.local' });
    expectWrongType(fixture, route, 'spec.httpRoute.action.target.virtualService');
  });

  it('a target port given as a string', () => {
    const { fixture, route } = withHttp({ targetPort: '8080' });
    expectWrongType(fixture, route, 'spec.httpRoute.action.target.port');
  });

  it('a match that is a string', () => {
    const { fixture, route } = withHttp({ match: '/catalog' });
    expectWrongType(fixture, route, 'spec.httpRoute.match');
  });

  it('a path match given as a string', () => {
    const { fixture, route } = withHttp({ match: { path: '/catalog' } });
    expectWrongType(fixture, route, 'spec.httpRoute.match.path');
  });

  it('a host name match given as a string', () => {
    const { fixture, route } = withHttp({ match: { hostname: 'shop.example.com' } });
    expectWrongType(fixture, route, 'spec.httpRoute.match.hostname');
  });

  it('headers that are not a list', () => {
    const { fixture, route } = withHttp({ match: { headers: HeaderMatch.valueIs('x', 'y') } });
    expectWrongType(fixture, route, 'spec.httpRoute.match.headers');
  });

  it('a header that is a plain object', () => {
    const { fixture, route } = withHttp({ match: { headers: [{ name: 'x' }] } });
    expectWrongType(fixture, route, 'spec.httpRoute.match.headers[0]');
  });

  it('rewriteRequestHostname given as a string', () => {
    const { fixture, route } = withHttp({ match: { rewriteRequestHostname: 'no' } });
    expectWrongType(fixture, route, 'spec.httpRoute.action.rewrite.hostname.defaultTargetHostname');
  });

  it('a priority given as a string', () => {
    const { fixture, route } = withHttp({ priority: '1' });
    expectWrongType(fixture, route, 'spec.priority');
  });

  it('a gRPC service name given as a number', () => {
    const fixture = grpcRouteFixture({ serviceName: 42 as any });
    expectWrongType(fixture, fixture.route, 'spec.grpcRoute.match.serviceName');
  });

  it('a gRPC spec without options', () => {
    const fixture = gatewayFixture({ listeners: [VirtualGatewayListener.grpc()] });
    const route = fixture.gateway.addGatewayRoute('Route', { routeSpec: (GatewayRouteSpec.grpc as any)() });
    expect(() => fixture.mesh.validate()).not.toThrow();
    expect(fixture.mesh.validate().map((d) => [d.code, d.field])).toEqual([
      ['AMK_REQUIRED', 'spec.grpcRoute.action.target.virtualService'],
      ['AMK_GRPC_MATCH_EMPTY', 'spec.grpcRoute.match'],
    ]);
    expect(route.node.path).toBe('Stack/Mesh/Gateway/Route');
  });
});

describe('AMK_MATCH_COUNT: an empty match list is reported, as on a Route', () => {
  it('headers: [] on an http gateway route', () => {
    const fixture = httpRouteFixture({ match: { headers: [] } });
    const d = expectError(fixture, { code: 'AMK_MATCH_COUNT', at: fixture.route, field: 'spec.httpRoute.match.headers' });
    expect(d.value).toBe('0');
    expect(d.message).toBe('a route matches 1 to 10 headers, not 0');
    expect(d.fix).toBe('leave headers out instead of passing an empty list');
  });

  it('queryParameters: [] on an http gateway route', () => {
    const fixture = httpRouteFixture({ match: { queryParameters: [] } });
    const d = expectError(fixture, { code: 'AMK_MATCH_COUNT', at: fixture.route, field: 'spec.httpRoute.match.queryParameters' });
    expect(d.value).toBe('0');
  });

  it('metadata: [] on a gRPC gateway route', () => {
    const fixture = grpcRouteFixture({ serviceName: 'shop.Catalog', metadata: [] });
    const d = expectError(fixture, { code: 'AMK_MATCH_COUNT', at: fixture.route, field: 'spec.grpcRoute.match.metadata' });
    expect(d.value).toBe('0');
    expect(d.message).toContain('1 to 10');
  });

  it('leaving the lists out is fine', () => {
    expect(httpRouteFixture({ match: {} }).mesh.validate()).toEqual([]);
    expect(grpcRouteFixture({ serviceName: 'shop.Catalog' }).mesh.validate()).toEqual([]);
  });
});
