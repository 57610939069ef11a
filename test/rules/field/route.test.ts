/**
 * The rules of routes: the field rules (lib/rules/field/route.ts and match.ts) and, in the same describe
 * blocks, the mesh rules of lib/rules/mesh/route.ts (router ports and protocol, targets, duplicate
 * priorities, timeouts against the target nodes).
 */
import { CfnParameter, Duration } from 'aws-cdk-lib';
import { describe, expect, it } from 'vitest';
import {
  DiagnosticSeverity,
  GrpcRetryEvent,
  HeaderMatch,
  HttpRetryEvent,
  HttpRouteMethod,
  HttpRoutePathMatch,
  HttpRouteProtocol,
  Mesh,
  QueryParameterMatch,
  RetryPolicy,
  Route,
  RouteSpec,
  VirtualNodeListener,
  VirtualRouterListener,
} from '../../../lib';
import {
  addNode, diagnosticsOf, expectDiagnostic, expectWarningAnnotation, routeFixture, RouteFixture, routeResource,
} from '../../support/fixtures';
import { synthTemplate } from '../../support/synth';

const ERROR = DiagnosticSeverity.ERROR;
const WARNING = DiagnosticSeverity.WARNING;
const TARGETS = 'spec.httpRoute.action.weightedTargets';

/** A fixture (default: http router on 8080, http nodes) with an http route 'Main' of the given spec sent to v1. */
function http(spec: Parameters<typeof RouteSpec.http>[0] = {}, options: Parameters<typeof routeFixture>[0] = {}): RouteFixture & { route: Route } {
  const fixture = routeFixture(options);
  const route = fixture.router.addRoute('Main', { routeSpec: RouteSpec.http(spec) }).to(fixture.v1);
  return { ...fixture, route };
}

/** A grpc router and grpc nodes, with a grpc route 'Main' of the given match sent to v1. */
function grpc(match: Parameters<typeof RouteSpec.grpc>[0]['match']): RouteFixture & { route: Route } {
  const fixture = routeFixture({ routerListeners: [VirtualRouterListener.grpc()], nodeListeners: () => [VirtualNodeListener.grpc()] });
  const route = fixture.router.addRoute('Main', { routeSpec: RouteSpec.grpc({ match }) }).to(fixture.v1);
  return { ...fixture, route };
}

/** A tcp router and tcp nodes, with a tcp route 'Main' sent to v1. */
function tcp(): RouteFixture & { route: Route } {
  const fixture = routeFixture({ routerListeners: [VirtualRouterListener.tcp()], nodeListeners: () => [VirtualNodeListener.tcp()] });
  const route = fixture.router.addRoute('Main', { routeSpec: RouteSpec.tcp() }).to(fixture.v1);
  return { ...fixture, route };
}

/** Asserts that a warning is reported, that synthesis still succeeds, and that the warning is annotated on the route. */
function expectWarning(fixture: RouteFixture & { route: Route }, code: string, field: string, templateName: string) {
  const d = expectDiagnostic(fixture.mesh, { code, severity: WARNING, at: fixture.route, field });
  expect(fixture.mesh.validate().filter((x) => x.severity === ERROR)).toEqual([]);
  synthTemplate(fixture.stack, templateName);
  expectWarningAnnotation(fixture.stack, { code, at: fixture.route, field });
  return d;
}

describe('router protocol and ports', () => {
  it('AMK_ROUTE_PROTOCOL: an http route on a grpc router', () => {
    const f = http({}, { routerListeners: [VirtualRouterListener.grpc()] });
    const d = expectDiagnostic(f.mesh, { code: 'AMK_ROUTE_PROTOCOL', severity: ERROR, at: f.route, field: 'spec.httpRoute' });
    expect(d.value).toBe('"http"');
  });

  it('AMK_ROUTE_PROTOCOL: the match port picks a listener of another protocol', () => {
    const f = http({ match: { port: 9090 } }, { routerListeners: [VirtualRouterListener.http(8080), VirtualRouterListener.grpc(9090)] });
    expectDiagnostic(f.mesh, { code: 'AMK_ROUTE_PROTOCOL', severity: ERROR, at: f.route, field: 'spec.httpRoute' });
    expect(diagnosticsOf(f.mesh, 'AMK_ROUTE_MATCH_PORT_UNKNOWN')).toEqual([]);
  });

  it('AMK_ROUTE_MATCH_PORT_REQUIRED: a router with two listeners and no match.port', () => {
    const f = http({}, { routerListeners: [VirtualRouterListener.http(8080), VirtualRouterListener.http(8081)] });
    const d = expectDiagnostic(f.mesh, { code: 'AMK_ROUTE_MATCH_PORT_REQUIRED', severity: ERROR, at: f.route, field: 'spec.httpRoute.match.port' });
    expect(d.fix).toContain('8080, 8081');
  });

  it('AMK_ROUTE_MATCH_PORT_REQUIRED applies to grpc and tcp routes too', () => {
    const f = routeFixture({
      routerListeners: [VirtualRouterListener.grpc(8080), VirtualRouterListener.tcp(9090)],
      nodeListeners: () => [VirtualNodeListener.grpc({ port: 8080 }), VirtualNodeListener.tcp({ port: 9090 })],
    });
    const g = f.router.addRoute('G', { routeSpec: RouteSpec.grpc({ match: { serviceName: 'a.B' } }) }).to(f.v1, 8080);
    const t = f.router.addRoute('T', { routeSpec: RouteSpec.tcp() }).to(f.v1, 9090);
    expect(diagnosticsOf(f.mesh, 'AMK_ROUTE_MATCH_PORT_REQUIRED').map((d) => [d.constructPath, d.field])).toEqual([
      [g.node.path, 'spec.grpcRoute.match.port'],
      [t.node.path, 'spec.tcpRoute.match.port'],
    ]);
  });

  it('AMK_ROUTE_MATCH_PORT_UNKNOWN: a match port the router does not listen on', () => {
    const f = http({ match: { port: 9090 } });
    const d = expectDiagnostic(f.mesh, { code: 'AMK_ROUTE_MATCH_PORT_UNKNOWN', severity: ERROR, at: f.route, field: 'spec.httpRoute.match.port' });
    expect(d.value).toBe('9090');
    expect(diagnosticsOf(f.mesh, 'AMK_ROUTE_PROTOCOL')).toEqual([]);
  });

  it('AMK_ROUTE_MATCH_PORT_UNKNOWN on a tcp route', () => {
    const f = routeFixture({ routerListeners: [VirtualRouterListener.tcp(5432)], nodeListeners: () => [VirtualNodeListener.tcp()] });
    const route = f.router.addRoute('Main', { routeSpec: RouteSpec.tcp({ match: { port: 6379 } }) }).to(f.v1);
    expectDiagnostic(f.mesh, { code: 'AMK_ROUTE_MATCH_PORT_UNKNOWN', severity: ERROR, at: route, field: 'spec.tcpRoute.match.port' });
  });
});

describe('targets', () => {
  it('AMK_ROUTE_TARGET_PROTOCOL: an http route targeting a grpc node', () => {
    const f = routeFixture();
    const g = addNode(f.mesh, 'G', 'g', [VirtualNodeListener.grpc()]);
    const route = f.router.addRoute('Main', { routeSpec: RouteSpec.http() }).to(f.v1).canary(g, 10);
    const d = expectDiagnostic(f.mesh, { code: 'AMK_ROUTE_TARGET_PROTOCOL', severity: ERROR, at: route, field: `${TARGETS}[1].virtualNode` });
    expect(d.value).toBe('"grpc"');
  });

  it('AMK_TARGET_PORT_REQUIRED: a node with two listeners and a target without port', () => {
    const f = routeFixture({ nodeListeners: () => [VirtualNodeListener.http({ port: 8080 }), VirtualNodeListener.http({ port: 8081 })] });
    const route = f.router.addRoute('Main', { routeSpec: RouteSpec.http() }).to(f.v1);
    expectDiagnostic(f.mesh, { code: 'AMK_TARGET_PORT_REQUIRED', severity: ERROR, at: route, field: `${TARGETS}[0].port` });
  });

  it('AMK_TARGET_PORT_UNKNOWN: a target port the node does not listen on', () => {
    const f = routeFixture();
    const route = f.router.addRoute('Main', { routeSpec: RouteSpec.http() }).to(f.v1, 9999);
    const d = expectDiagnostic(f.mesh, { code: 'AMK_TARGET_PORT_UNKNOWN', severity: ERROR, at: route, field: `${TARGETS}[0].port` });
    expect(d.value).toBe('9999');
  });

  it('AMK_TARGET_NO_LISTENER: a target node without listeners', () => {
    const f = routeFixture();
    const bare = f.mesh.addVirtualNode('Bare', { virtualNodeName: 'bare' });
    const route = f.router.addRoute('Main', { routeSpec: RouteSpec.http() }).to(bare);
    const d = expectDiagnostic(f.mesh, { code: 'AMK_TARGET_NO_LISTENER', severity: ERROR, at: route, field: `${TARGETS}[0].virtualNode` });
    expect(d.value).toBe('"bare"');
  });

  it('AMK_TARGET_MESH: a target node of another mesh', () => {
    const f = routeFixture();
    const other = new Mesh(f.stack, 'Other', { meshName: 'other' });
    const foreign = addNode(other, 'Foreign', 'foreign');
    const route = f.router.addRoute('Main', { routeSpec: RouteSpec.http() }).to(f.v1).canary(foreign, 10);
    const d = expectDiagnostic(f.mesh, { code: 'AMK_TARGET_MESH', severity: ERROR, at: route, field: `${TARGETS}[1].virtualNode` });
    expect(d.message).toContain('other');
    expect(d.value).toBe('"foreign"');
  });

  it('AMK_ROUTE_MESH: a mesh prop (as aws-appmesh code passes it) that is not the router\'s mesh', () => {
    const f = routeFixture();
    const other = new Mesh(f.stack, 'Other', { meshName: 'other' });
    const route = new Route(f.stack, 'Main', { virtualRouter: f.router, mesh: other, routeSpec: RouteSpec.http() }).to(f.v1);
    const d = expectDiagnostic(f.mesh, { code: 'AMK_ROUTE_MESH', severity: ERROR, at: route, field: 'mesh' });
    expect(d.value).toBe('"other"');
    expect(d.message).toContain(`belongs to mesh ${f.mesh.meshName}`);
  });

  it('AMK_ROUTE_MESH edge: the router\'s own mesh, or the same mesh imported by name, is accepted', () => {
    const f = routeFixture();
    new Route(f.stack, 'Own', { virtualRouter: f.router, mesh: f.mesh, routeSpec: RouteSpec.http({ match: { path: HttpRoutePathMatch.startsWith('/own') } }) }).to(f.v1);
    const imported = Mesh.fromMeshName(f.stack, 'SameByName', f.mesh.meshName);
    new Route(f.stack, 'Imported', { virtualRouter: f.router, mesh: imported, routeSpec: RouteSpec.http({ match: { path: HttpRoutePathMatch.startsWith('/imp') } }) }).to(f.v1);
    expect(f.mesh.validate().filter((d) => d.code === 'AMK_ROUTE_MESH' || d.field === 'mesh')).toEqual([]);
  });

  it('AMK_WRONG_TYPE: a mesh prop from plain JavaScript that is no mesh', () => {
    const f = routeFixture();
    const route = new Route(f.stack, 'Main', { virtualRouter: f.router, mesh: 'shop' as unknown as Mesh, routeSpec: RouteSpec.http() }).to(f.v1);
    const d = expectDiagnostic(f.mesh, { code: 'AMK_WRONG_TYPE', severity: ERROR, at: route, field: 'mesh' });
    expect(d.value).toBe('"shop"');
  });

  it.each([101, -1, 50.5])('AMK_WEIGHT_RANGE: weight %d in weightedTargets', (weight) => {
    const f = routeFixture();
    const route = f.router.addRoute('Main', {
      routeSpec: RouteSpec.http({ weightedTargets: [{ virtualNode: f.v1, weight }, { virtualNode: f.v2, weight: 0 }] }),
    });
    const d = expectDiagnostic(f.mesh, { code: 'AMK_WEIGHT_RANGE', severity: ERROR, at: route, field: `${TARGETS}[0].weight` });
    expect(d.value).toBe(String(weight));
  });

  it('AMK_WEIGHT_SUM: weights adding up to more than 100 are an error', () => {
    const f = routeFixture();
    const route = f.router.addRoute('Main', {
      routeSpec: RouteSpec.http({ weightedTargets: [{ virtualNode: f.v1, weight: 60 }, { virtualNode: f.v2, weight: 50 }] }),
    });
    const d = expectDiagnostic(f.mesh, { code: 'AMK_WEIGHT_SUM', severity: ERROR, at: route, field: TARGETS });
    expect(d.value).toBe('[60,50]');
    expect(diagnosticsOf(f.mesh, 'AMK_WEIGHT_SUM_NOT_100')).toEqual([]);
  });

  it('AMK_WEIGHT_SUM_NOT_100: unequal weights adding up to less than 100 warn, and synth succeeds', () => {
    const f = routeFixture();
    const route = f.router.addRoute('Main', {
      routeSpec: RouteSpec.http({ weightedTargets: [{ virtualNode: f.v1, weight: 30 }, { virtualNode: f.v2, weight: 20 }] }),
    });
    const d = expectWarning({ ...f, route }, 'AMK_WEIGHT_SUM_NOT_100', TARGETS, 'routes-rules-weight-sum-not-100');
    expect(d.value).toBe('[30,20]');
    expect(diagnosticsOf(f.mesh, 'AMK_WEIGHT_SUM')).toEqual([]);
  });

  it('equal weights split evenly whatever they add up to: no AMK_WEIGHT_SUM_NOT_100 (aws-appmesh\'s unweighted targets weigh 1)', () => {
    const f = routeFixture();
    f.router.addRoute('One', { routeSpec: RouteSpec.http({ weightedTargets: [{ virtualNode: f.v1 }] }) });
    f.router.addRoute('Two', { routeSpec: RouteSpec.http({ weightedTargets: [{ virtualNode: f.v1 }, { virtualNode: f.v2 }] }) });
    expect(diagnosticsOf(f.mesh, 'AMK_WEIGHT_SUM_NOT_100')).toEqual([]);
  });

  it('AMK_TARGET_COUNT: a route without to(...)', () => {
    const f = routeFixture();
    const route = f.router.addRoute('Main', { routeSpec: RouteSpec.http() });
    const d = expectDiagnostic(f.mesh, { code: 'AMK_TARGET_COUNT', severity: ERROR, at: route, field: TARGETS });
    expect(d.value).toBe('0');
    expect(d.fix).toContain('to(');
    expect(() => f.app.synth()).toThrow(`AMK_TARGET_COUNT ${route.node.path} ${TARGETS}:`);
  });

  it('AMK_TARGET_COUNT: eleven targets', () => {
    const f = routeFixture();
    const nodes = Array.from({ length: 11 }, (_, i) => addNode(f.mesh, `N${i}`, `n${i}`));
    const route = f.router.addRoute('Main', { routeSpec: RouteSpec.http({ weightedTargets: nodes.map((virtualNode) => ({ virtualNode })) }) });
    const d = expectDiagnostic(f.mesh, { code: 'AMK_TARGET_COUNT', severity: ERROR, at: route, field: TARGETS });
    expect(d.value).toBe('11');
    // equal weights split evenly, so that is the only complaint about them
    expect(diagnosticsOf(f.mesh, 'AMK_WEIGHT_SUM_NOT_100')).toEqual([]);
  });

  it('ten targets are fine', () => {
    const f = routeFixture();
    const nodes = Array.from({ length: 10 }, (_, i) => addNode(f.mesh, `N${i}`, `n${i}`));
    const route = f.router.addRoute('Main', { routeSpec: RouteSpec.http({ weightedTargets: nodes.map((virtualNode) => ({ virtualNode })) }) });
    expect(f.mesh.validate()).toEqual([]);
    const targets = routeResource(synthTemplate(f.stack, 'routes-rules-ten-targets'), route).Properties.Spec.HttpRoute.Action.WeightedTargets;
    expect(targets.map((t: any) => t.Weight)).toEqual(Array(10).fill(1));
  });
});

describe('priority', () => {
  it.each([1001, -1, 2.5])('AMK_PRIORITY_RANGE: priority %d', (priority) => {
    const f = http({ priority });
    const d = expectDiagnostic(f.mesh, { code: 'AMK_PRIORITY_RANGE', severity: ERROR, at: f.route, field: 'spec.priority' });
    expect(d.value).toBe(String(priority));
  });

  it('priorities 0 and 1000 are fine', () => {
    const f = routeFixture();
    f.router.addRoute('First', { routeSpec: RouteSpec.http({ priority: 0 }) }).to(f.v1);
    f.router.addRoute('Last', { routeSpec: RouteSpec.http({ priority: 1000 }) }).to(f.v1);
    expect(f.mesh.validate()).toEqual([]);
  });

  it('AMK_DUPLICATE_PRIORITY: warns on the second route of the same router, not the first', () => {
    const f = routeFixture();
    f.router.addRoute('First', { routeSpec: RouteSpec.http({ priority: 5, match: { path: HttpRoutePathMatch.startsWith('/a') } }) }).to(f.v1);
    const second = f.router.addRoute('Second', { routeSpec: RouteSpec.http({ priority: 5, match: { path: HttpRoutePathMatch.startsWith('/b') } }) }).to(f.v2);
    const d = expectWarning({ ...f, route: second }, 'AMK_DUPLICATE_PRIORITY', 'spec.priority', 'routes-rules-duplicate-priority');
    expect(d.value).toBe('5');
    expect(d.message).toContain(`${f.router.node.path}/First`);
  });

  it('AMK_DUPLICATE_PRIORITY: none across different routers', () => {
    const f = routeFixture();
    const other = f.mesh.addVirtualRouter('Other', { virtualRouterName: 'other' });
    f.router.addRoute('First', { routeSpec: RouteSpec.http({ priority: 5 }) }).to(f.v1);
    other.addRoute('Second', { routeSpec: RouteSpec.http({ priority: 5 }) }).to(f.v2);
    expect(f.mesh.validate()).toEqual([]);
  });
});

describe('matches', () => {
  it('AMK_SCHEME_HTTP2_ONLY: a scheme on an http route warns, and synth succeeds', () => {
    const f = http({ match: { scheme: HttpRouteProtocol.HTTPS } });
    const d = expectWarning(f, 'AMK_SCHEME_HTTP2_ONLY', 'spec.httpRoute.match.scheme', 'routes-rules-scheme-http');
    expect(d.value).toBe('"https"');
  });

  it('AMK_GRPC_METHOD_WITHOUT_SERVICE', () => {
    const f = grpc({ methodName: 'GetItem' });
    expectDiagnostic(f.mesh, { code: 'AMK_GRPC_METHOD_WITHOUT_SERVICE', severity: ERROR, at: f.route, field: 'spec.grpcRoute.match.methodName' });
    expect(diagnosticsOf(f.mesh, 'AMK_GRPC_MATCH_EMPTY')).toEqual([]);
  });

  it('AMK_GRPC_MATCH_EMPTY: a grpc match with nothing in it', () => {
    const f = grpc({});
    expectDiagnostic(f.mesh, { code: 'AMK_GRPC_MATCH_EMPTY', severity: ERROR, at: f.route, field: 'spec.grpcRoute.match' });
  });

  it('AMK_GRPC_MATCH_EMPTY: a grpc route without a match at all (plain JS)', () => {
    const f = routeFixture({ routerListeners: [VirtualRouterListener.grpc()], nodeListeners: () => [VirtualNodeListener.grpc()] });
    const route = f.router.addRoute('Main', { routeSpec: RouteSpec.grpc({} as any) }).to(f.v1);
    expectDiagnostic(f.mesh, { code: 'AMK_GRPC_MATCH_EMPTY', severity: ERROR, at: route, field: 'spec.grpcRoute.match' });
  });

  const eleven = (i: number) => HeaderMatch.valueIs(`x-h${i}`, 'v');

  it('AMK_MATCH_COUNT: eleven headers', () => {
    const f = http({ match: { headers: Array.from({ length: 11 }, (_, i) => eleven(i)) } });
    const d = expectDiagnostic(f.mesh, { code: 'AMK_MATCH_COUNT', severity: ERROR, at: f.route, field: 'spec.httpRoute.match.headers' });
    expect(d.value).toBe('11');
  });

  it('AMK_MATCH_COUNT: an empty header list', () => {
    const f = http({ match: { headers: [] } });
    const d = expectDiagnostic(f.mesh, { code: 'AMK_MATCH_COUNT', severity: ERROR, at: f.route, field: 'spec.httpRoute.match.headers' });
    expect(d.value).toBe('0');
  });

  it('AMK_MATCH_COUNT: eleven grpc metadata entries', () => {
    const f = grpc({ serviceName: 'a.B', metadata: Array.from({ length: 11 }, (_, i) => eleven(i)) });
    expectDiagnostic(f.mesh, { code: 'AMK_MATCH_COUNT', severity: ERROR, at: f.route, field: 'spec.grpcRoute.match.metadata' });
  });

  it('AMK_MATCH_COUNT: eleven query parameters', () => {
    const f = http({ match: { queryParameters: Array.from({ length: 11 }, (_, i) => QueryParameterMatch.valueIs(`q${i}`, 'v')) } });
    expectDiagnostic(f.mesh, { code: 'AMK_MATCH_COUNT', severity: ERROR, at: f.route, field: 'spec.httpRoute.match.queryParameters' });
  });

  it('ten headers, metadata entries and query parameters are fine', () => {
    const f = routeFixture({
      routerListeners: [VirtualRouterListener.http(8080), VirtualRouterListener.grpc(9090)],
      nodeListeners: () => [VirtualNodeListener.http({ port: 8080 }), VirtualNodeListener.grpc({ port: 9090 })],
    });
    const ten = Array.from({ length: 10 }, (_, i) => eleven(i));
    f.router.addRoute('Http', {
      routeSpec: RouteSpec.http({
        match: { port: 8080, headers: ten, queryParameters: Array.from({ length: 10 }, (_, i) => QueryParameterMatch.valueIs(`q${i}`, 'v')) },
      }),
    }).to(f.v1, 8080);
    f.router.addRoute('Grpc', { routeSpec: RouteSpec.grpc({ match: { port: 9090, metadata: ten } }) }).to(f.v1, 9090);
    expect(f.mesh.validate()).toEqual([]);
  });

  it('AMK_MATCH_NAME: a header name of 51 characters (50 is fine)', () => {
    const f = http({ match: { headers: [HeaderMatch.valueIs('h'.repeat(51), 'v'), HeaderMatch.valueIs('k'.repeat(50), 'v')] } });
    expectDiagnostic(f.mesh, { code: 'AMK_MATCH_NAME', severity: ERROR, at: f.route, field: 'spec.httpRoute.match.headers[0].name' });
  });

  it.each([[5, 5], [10, 1]])('AMK_MATCH_RANGE: range %d–%d', (start, end) => {
    const f = http({ match: { headers: [HeaderMatch.valuesIsInRange('x-n', start, end)] } });
    const d = expectDiagnostic(f.mesh, { code: 'AMK_MATCH_RANGE', severity: ERROR, at: f.route, field: 'spec.httpRoute.match.headers[0].match.range' });
    expect(JSON.parse(d.value!)).toEqual({ start, end });
  });

  it('AMK_PATH_PREFIX: a prefix without a leading slash', () => {
    const f = http({ match: { path: HttpRoutePathMatch.startsWith('api') } });
    const d = expectDiagnostic(f.mesh, { code: 'AMK_PATH_PREFIX', severity: ERROR, at: f.route, field: 'spec.httpRoute.match.prefix' });
    expect(d.fix).toContain('/api');
  });

  it('AMK_PATH_PREFIX: an exact path without a leading slash', () => {
    const f = http({ match: { path: HttpRoutePathMatch.exactly('health') } });
    expectDiagnostic(f.mesh, { code: 'AMK_PATH_PREFIX', severity: ERROR, at: f.route, field: 'spec.httpRoute.match.path.exact' });
  });

  it.each([
    ['an invalid expression', '('],
    ['a look-ahead (not RE2)', 'a(?=x)'],
    ['a negative look-behind (not RE2)', '(?<!x)a'],
    ['a back-reference (not RE2)', '(a)\\1'],
    ['a count over 1000 (JavaScript accepts it)', '/a{1001}'],
    ['\\Z (JavaScript reads it as Z)', '/a\\Z'],
    ['a possessive repeat', '/a*+'],
    ['an atomic group', '/(?>a)'],
    ['\\e (JavaScript reads it as e)', '/\\e'],
    ['a \\uXXXX escape (JavaScript syntax)', '/\\u0041'],
    ['nested counts over 1000', '/(a{100}){11}'],
  ])('AMK_REGEX: %s in a path regex', (_, regex) => {
    const f = http({ match: { path: HttpRoutePathMatch.regex(regex) } });
    const d = expectDiagnostic(f.mesh, { code: 'AMK_REGEX', severity: ERROR, at: f.route, field: 'spec.httpRoute.match.path.regex' });
    expect(d.value).toBe(JSON.stringify(regex));
  });

  it('AMK_MATCH_COUNT: says "metadata matches" for gRPC metadata, not "metadatas"', () => {
    const g = grpc({ metadata: Array.from({ length: 11 }, (_, i) => HeaderMatch.isPresent(`m${i}`)) });
    const d = expectDiagnostic(g.mesh, { code: 'AMK_MATCH_COUNT', severity: ERROR, at: g.route, field: 'spec.grpcRoute.match.metadata' });
    expect(d.message).toBe('a route matches 1 to 10 metadata matches, not 11');
  });

  it('AMK_REGEX: in a header regex and a grpc metadata regex', () => {
    const f = http({ match: { headers: [HeaderMatch.valueDoesNotMatchRegex('x-v', '(?=x)')] } });
    expectDiagnostic(f.mesh, { code: 'AMK_REGEX', severity: ERROR, at: f.route, field: 'spec.httpRoute.match.headers[0].match.regex' });
    const g = grpc({ metadata: [HeaderMatch.valueMatchesRegex('tenant', '[a-')] });
    expectDiagnostic(g.mesh, { code: 'AMK_REGEX', severity: ERROR, at: g.route, field: 'spec.grpcRoute.match.metadata[0].match.regex' });
  });

  it('accepts RE2 syntax that JavaScript does not know: flags (?i) and named groups (?P<name>...)', () => {
    // Envoy compiles these with RE2; JavaScript's RegExp rejects both, so it cannot be the judge of them.
    const f = http({
      match: {
        path: HttpRoutePathMatch.regex('(?i)^/api/v[0-9]+$'),
        headers: [HeaderMatch.valueMatchesRegex('user-agent', '^(?P<browser>[A-Za-z]+)/[0-9.]+')],
      },
    });
    expect(diagnosticsOf(f.mesh, 'AMK_REGEX')).toEqual([]);
  });

  it('accepts RE2 at its exact bounds: a count of 1000, nested counts multiplying to 1000, \\Q…\\E, \\pN, octal', () => {
    const f = http({ match: { path: HttpRoutePathMatch.regex('/a{1000}(b{10}){100}\\Q.+\\E\\pN\\012[[:alpha:]]\\z') } });
    expect(f.mesh.validate()).toEqual([]);
    synthTemplate(f.stack, 'route-regex-re2-bounds');
  });

  it('accepts ordinary RE2 expressions', () => {
    const f = http({ match: { path: HttpRoutePathMatch.regex('^/items/[0-9]{1,8}(/reviews)?$'), headers: [HeaderMatch.valueMatchesRegex('x', 'a|b')] } });
    expect(f.mesh.validate()).toEqual([]);
  });

  it('AMK_ENUM: an unknown method (plain JS)', () => {
    const f = http({ match: { method: 'FETCH' as any } });
    const d = expectDiagnostic(f.mesh, { code: 'AMK_ENUM', severity: ERROR, at: f.route, field: 'spec.httpRoute.match.method' });
    expect(d.value).toBe('"FETCH"');
    expect(d.fix).toContain('GET');
  });

  it('every HttpRouteMethod is accepted', () => {
    const f = routeFixture();
    Object.values(HttpRouteMethod).forEach((method, i) =>
      f.router.addRoute(`M${i}`, { routeSpec: RouteSpec.http({ priority: i, match: { method } }) }).to(f.v1));
    expect(f.mesh.validate()).toEqual([]);
  });
});

describe('retries', () => {
  it('AMK_RETRY_NO_EVENTS: a custom policy without events', () => {
    const f = http();
    f.route.withRetries(RetryPolicy.custom({ maxRetries: 2, perRetryTimeout: Duration.seconds(1) }));
    expectDiagnostic(f.mesh, { code: 'AMK_RETRY_NO_EVENTS', severity: ERROR, at: f.route, field: 'spec.httpRoute.retryPolicy' });
  });

  it('AMK_RETRY_NO_EVENTS: a custom policy whose event lists are all empty', () => {
    const f = http();
    f.route.withRetries(RetryPolicy.custom({ maxRetries: 2, perRetryTimeout: Duration.seconds(1), httpRetryEvents: [], tcpRetryEvents: [] }));
    expectDiagnostic(f.mesh, { code: 'AMK_RETRY_NO_EVENTS', severity: ERROR, at: f.route, field: 'spec.httpRoute.retryPolicy' });
  });

  it('AMK_RETRY_INCOMPLETE: a plain-JS custom policy without perRetryTimeout', () => {
    const f = http();
    f.route.withRetries(RetryPolicy.custom({ maxRetries: 2, httpRetryEvents: [HttpRetryEvent.SERVER_ERROR] } as any));
    expectDiagnostic(f.mesh, { code: 'AMK_RETRY_INCOMPLETE', severity: ERROR, at: f.route, field: 'spec.httpRoute.retryPolicy.perRetryTimeout' });
  });

  it('AMK_RETRY_INCOMPLETE: a plain-JS custom policy without maxRetries', () => {
    const f = http();
    f.route.withRetries(RetryPolicy.custom({ perRetryTimeout: Duration.seconds(1), httpRetryEvents: [HttpRetryEvent.SERVER_ERROR] } as any));
    expectDiagnostic(f.mesh, { code: 'AMK_RETRY_INCOMPLETE', severity: ERROR, at: f.route, field: 'spec.httpRoute.retryPolicy.maxRetries' });
  });

  it('AMK_RETRY_EVENTS_PROTOCOL: gRPC events on an http route', () => {
    const f = http();
    f.route.withRetries(RetryPolicy.custom({
      maxRetries: 2,
      perRetryTimeout: Duration.seconds(1),
      httpRetryEvents: [HttpRetryEvent.SERVER_ERROR],
      grpcRetryEvents: [GrpcRetryEvent.CANCELLED],
    }));
    const d = expectDiagnostic(f.mesh, { code: 'AMK_RETRY_EVENTS_PROTOCOL', severity: ERROR, at: f.route, field: 'spec.httpRoute.retryPolicy.grpcRetryEvents' });
    expect(d.value).toBe('["cancelled"]');
  });

  it('AMK_RETRY_EVENTS_PROTOCOL: gRPC events on an http2 route', () => {
    const f = routeFixture({ routerListeners: [VirtualRouterListener.http2()], nodeListeners: () => [VirtualNodeListener.http2()] });
    const route = f.router.addRoute('Main', { routeSpec: RouteSpec.http2() }).to(f.v1)
      .withRetries(RetryPolicy.custom({ maxRetries: 2, perRetryTimeout: Duration.seconds(1), grpcRetryEvents: [GrpcRetryEvent.UNAVAILABLE] }));
    expectDiagnostic(f.mesh, { code: 'AMK_RETRY_EVENTS_PROTOCOL', severity: ERROR, at: route, field: 'spec.http2Route.retryPolicy.grpcRetryEvents' });
  });

  it('AMK_RETRY_TCP_ROUTE: a retry policy on a tcp route', () => {
    const f = tcp();
    f.route.withRetries(RetryPolicy.recommended());
    expectDiagnostic(f.mesh, { code: 'AMK_RETRY_TCP_ROUTE', severity: ERROR, at: f.route, field: 'spec.tcpRoute.retryPolicy' });
  });

  const tenSecondsTimesThree = () => RetryPolicy.custom({
    maxRetries: 3, perRetryTimeout: Duration.seconds(10), httpRetryEvents: [HttpRetryEvent.GATEWAY_ERROR],
  });
  /** Nodes whose listeners allow long requests, so only the retry rule speaks. */
  const patientNodes = () => [VirtualNodeListener.http({ timeout: { perRequest: Duration.seconds(60) } })];

  it('AMK_RETRY_EXCEEDS_TIMEOUT: 10 s × 3 retries against the default 15 s request timeout', () => {
    const f = http();
    f.route.withRetries(tenSecondsTimesThree());
    const d = expectWarning(f, 'AMK_RETRY_EXCEEDS_TIMEOUT', 'spec.httpRoute.timeout.perRequest', 'routes-rules-retry-exceeds-default');
    expect(d.value).toBe('15000');
  });

  it('AMK_RETRY_EXCEEDS_TIMEOUT: 10 s × 3 retries against an explicit 20 s request timeout', () => {
    const f = http({}, { nodeListeners: patientNodes });
    f.route.withRetries(tenSecondsTimesThree()).withTimeout({ perRequest: Duration.seconds(20) });
    const d = expectWarning(f, 'AMK_RETRY_EXCEEDS_TIMEOUT', 'spec.httpRoute.timeout.perRequest', 'routes-rules-retry-exceeds-20s');
    expect(d.value).toBe('20000');
    expect(f.mesh.validate().map((x) => x.code)).toEqual(['AMK_RETRY_EXCEEDS_TIMEOUT']);
  });

  it('no AMK_RETRY_EXCEEDS_TIMEOUT when the request timeout is 40 s', () => {
    const f = http({}, { nodeListeners: patientNodes });
    f.route.withRetries(tenSecondsTimesThree()).withTimeout({ perRequest: Duration.seconds(40) });
    expect(f.mesh.validate()).toEqual([]);
  });

  it('no AMK_RETRY_EXCEEDS_TIMEOUT for RetryPolicy.recommended() with the default timeout', () => {
    const f = http();
    f.route.withRetries(RetryPolicy.recommended());
    expect(f.mesh.validate()).toEqual([]);
  });

  it('AMK_RETRY_EXCEEDS_TIMEOUT follows App Mesh\'s documented bound, perRetryTimeout × maxRetries: 5 s × 3 fits 15 s, 5 s × 4 does not', () => {
    const fits = http();
    const policy = (maxRetries: number) =>
      RetryPolicy.custom({ maxRetries, perRetryTimeout: Duration.seconds(5), httpRetryEvents: [HttpRetryEvent.GATEWAY_ERROR] });
    fits.route.withRetries(policy(3));
    expect(fits.mesh.validate()).toEqual([]);
    const over = http();
    over.route.withRetries(policy(4));
    expectDiagnostic(over.mesh, { code: 'AMK_RETRY_EXCEEDS_TIMEOUT', severity: WARNING, at: over.route, field: 'spec.httpRoute.timeout.perRequest' });
  });
});

describe('timeouts', () => {
  it('AMK_TIMEOUT_NODE_DEFAULT: route allows 30 s, the target listener still has the 15 s default', () => {
    const f = http();
    f.route.withTimeout({ perRequest: Duration.seconds(30) });
    const d = expectWarning(f, 'AMK_TIMEOUT_NODE_DEFAULT', 'spec.httpRoute.timeout.perRequest', 'routes-rules-timeout-node-default');
    expect(d.value).toBe('30000');
    expect(d.message).toContain(f.v1.node.path);
  });

  it('AMK_TIMEOUT_NODE_DEFAULT names every target whose listener is too short', () => {
    const f = http();
    f.route.canary(f.v2, 10).withTimeout({ perRequest: Duration.seconds(30) });
    const found = diagnosticsOf(f.mesh, 'AMK_TIMEOUT_NODE_DEFAULT');
    expect(found).toHaveLength(2);
    expect(found.map((d) => d.severity)).toEqual([WARNING, WARNING]);
    expect(found.map((d) => d.field)).toEqual(['spec.httpRoute.timeout.perRequest', 'spec.httpRoute.timeout.perRequest']);
    expect(found.some((d) => d.message.includes(f.v1.node.path))).toBe(true);
    expect(found.some((d) => d.message.includes(f.v2.node.path))).toBe(true);
  });

  it('no AMK_TIMEOUT_NODE_DEFAULT when the node listener allows 30 s', () => {
    const f = http({}, { nodeListeners: () => [VirtualNodeListener.http({ timeout: { perRequest: Duration.seconds(30) } })] });
    f.route.withTimeout({ perRequest: Duration.seconds(30) });
    expect(f.mesh.validate()).toEqual([]);
  });

  it('no AMK_TIMEOUT_NODE_DEFAULT for a route timeout within 15 s', () => {
    const f = http();
    f.route.withTimeout({ perRequest: Duration.seconds(15) });
    expect(f.mesh.validate()).toEqual([]);
  });

  it('AMK_TIMEOUT_TCP_PER_REQUEST: a tcp route with a per-request timeout', () => {
    const f = tcp();
    f.route.withTimeout({ perRequest: Duration.seconds(5), idle: Duration.seconds(30) });
    expectDiagnostic(f.mesh, { code: 'AMK_TIMEOUT_TCP_PER_REQUEST', severity: ERROR, at: f.route, field: 'spec.tcpRoute.timeout.perRequest' });
  });
});

describe('names and types', () => {
  it('AMK_NAME_LENGTH: a route name of 256 characters (255 is fine)', () => {
    const f = routeFixture();
    const long = f.router.addRoute('Long', { routeName: 'r'.repeat(256), routeSpec: RouteSpec.http({ priority: 1 }) }).to(f.v1);
    f.router.addRoute('Ok', { routeName: 'o'.repeat(255), routeSpec: RouteSpec.http({ priority: 2 }) }).to(f.v1);
    expectDiagnostic(f.mesh, { code: 'AMK_NAME_LENGTH', severity: ERROR, at: long, field: 'routeName' });
  });

  it('AMK_WRONG_TYPE: routeSpec that is not a RouteSpec (plain JS)', () => {
    const f = routeFixture();
    const route = f.router.addRoute('Main', { routeSpec: {} as any }).to(f.v1);
    const d = expectDiagnostic(f.mesh, { code: 'AMK_WRONG_TYPE', severity: ERROR, at: route, field: 'routeSpec' });
    expect(d.fix).toContain('RouteSpec.http(');
    expect(route.protocol).toBe('unknown');
  });

  it('AMK_WRONG_TYPE: weightedTargets that is not a list (plain JS)', () => {
    const f = routeFixture();
    const route = f.router.addRoute('Main', { routeSpec: RouteSpec.http({ weightedTargets: 'x' as any }) });
    const d = expectDiagnostic(f.mesh, { code: 'AMK_WRONG_TYPE', severity: ERROR, at: route, field: TARGETS });
    expect(d.value).toBe('"x"');
  });
});

describe('valid routes', () => {
  it('a multi-listener router with match ports and targets with ports gives no diagnostics, and synthesizes', () => {
    const f = routeFixture({
      routerListeners: [VirtualRouterListener.http(8080), VirtualRouterListener.grpc(9090), VirtualRouterListener.tcp(5432)],
      nodeListeners: () => [
        VirtualNodeListener.http({ port: 8080 }), VirtualNodeListener.grpc({ port: 9090 }), VirtualNodeListener.tcp({ port: 5432 }),
      ],
    });
    const h = f.router.addRoute('Http', { routeSpec: RouteSpec.http({ priority: 1, match: { port: 8080 } }) })
      .to(f.v1, 8080).canary(f.v2, 10, 8080).withRetries(RetryPolicy.recommended());
    const g = f.router.addRoute('Grpc', { routeSpec: RouteSpec.grpc({ priority: 2, match: { port: 9090, serviceName: 'a.B' } }) })
      .to(f.v1, 9090).withRetries(RetryPolicy.recommended());
    const t = f.router.addRoute('Tcp', { routeSpec: RouteSpec.tcp({ match: { port: 5432 } }) }).to(f.v3, 5432).withTimeout({ idle: Duration.seconds(60) });
    expect(f.mesh.validate()).toEqual([]);
    const template = synthTemplate(f.stack, 'routes-rules-valid-multi-listener');
    expect(routeResource(template, h).Properties.Spec.HttpRoute.Action.WeightedTargets).toEqual([
      { VirtualNode: 'v1', Weight: 90, Port: 8080 },
      { VirtualNode: 'v2', Weight: 10, Port: 8080 },
    ]);
    expect(routeResource(template, g).Properties.Spec.GrpcRoute.Match.Port).toBe(9090);
    expect(routeResource(template, t).Properties.Spec.TcpRoute.Match).toEqual({ Port: 5432 });
  });

  it('skips a CfnParameter match port, target port and weight, and synthesizes', () => {
    const f = routeFixture();
    const port = new CfnParameter(f.stack, 'Port', { type: 'Number' }).valueAsNumber;
    const weight = new CfnParameter(f.stack, 'Weight', { type: 'Number' }).valueAsNumber;
    const route = f.router.addRoute('Main', {
      routeSpec: RouteSpec.http({ match: { port }, weightedTargets: [{ virtualNode: f.v1, weight, port }] }),
    });
    expect(f.mesh.validate()).toEqual([]);
    const spec = routeResource(synthTemplate(f.stack, 'routes-rules-token-safety'), route).Properties.Spec;
    expect(spec.HttpRoute.Match.Port).toEqual({ Ref: 'Port' });
    expect(spec.HttpRoute.Action.WeightedTargets).toEqual([{ VirtualNode: 'v1', Weight: { Ref: 'Weight' }, Port: { Ref: 'Port' } }]);
  });

  it.each([
    ['match port', (f: RouteFixture, p: number) => f.router.addRoute('Main', { routeSpec: RouteSpec.http({ match: { port: p } }) }).to(f.v1)],
    ['target port', (f: RouteFixture, p: number) => f.router.addRoute('Main', { routeSpec: RouteSpec.http() }).to(f.v1, p)],
    ['weight', (f: RouteFixture, p: number) => f.router.addRoute('Main', { routeSpec: RouteSpec.http({ weightedTargets: [{ virtualNode: f.v1, weight: p }] }) })],
  ])('a CfnParameter %s alone gives no diagnostic', (_, build) => {
    const f = routeFixture();
    build(f, new CfnParameter(f.stack, 'P', { type: 'Number' }).valueAsNumber);
    expect(f.mesh.validate()).toEqual([]);
  });
});

describe('AMK_MATCH_VALUE', () => {
  it('an empty exact header value', () => {
    const f = http({ match: { headers: [HeaderMatch.valueIs('x-version', '')] } });
    const d = expectDiagnostic(f.mesh, { code: 'AMK_MATCH_VALUE', severity: ERROR, at: f.route, field: 'spec.httpRoute.match.headers[0].match.exact' });
    expect(d.value).toBe('""');
  });

  it('a header prefix of 256 characters (255 is fine)', () => {
    const f = http({ match: { headers: [HeaderMatch.valueStartsWith('x-a', 'a'.repeat(256)), HeaderMatch.valueStartsWith('x-b', 'b'.repeat(255))] } });
    expectDiagnostic(f.mesh, { code: 'AMK_MATCH_VALUE', severity: ERROR, at: f.route, field: 'spec.httpRoute.match.headers[0].match.prefix' });
  });

  it('a path prefix of 256 characters', () => {
    const f = http({ match: { path: HttpRoutePathMatch.startsWith(`/${'p'.repeat(255)}`) } });
    expectDiagnostic(f.mesh, { code: 'AMK_MATCH_VALUE', severity: ERROR, at: f.route, field: 'spec.httpRoute.match.prefix' });
  });

  it('a query parameter value of 256 characters', () => {
    const f = http({ match: { queryParameters: [QueryParameterMatch.valueIs('q', 'v'.repeat(256))] } });
    expectDiagnostic(f.mesh, { code: 'AMK_MATCH_VALUE', severity: ERROR, at: f.route, field: 'spec.httpRoute.match.queryParameters[0].match.exact' });
  });

  it('an empty gRPC service name', () => {
    const f = grpc({ serviceName: '' });
    expectDiagnostic(f.mesh, { code: 'AMK_MATCH_VALUE', severity: ERROR, at: f.route, field: 'spec.grpcRoute.match.serviceName' });
  });

  it('values of 255 characters are fine', () => {
    const f = http({
      match: {
        path: HttpRoutePathMatch.startsWith(`/${'p'.repeat(254)}`),
        headers: [HeaderMatch.valueIs('x-a', 'a'.repeat(255))],
        queryParameters: [QueryParameterMatch.valueIs('q', 'v'.repeat(255))],
      },
    });
    expect(f.mesh.validate()).toEqual([]);
  });
});

describe('AMK_RETRY_MAX', () => {
  it.each([-1, 1.5])('maxRetries %d', (maxRetries) => {
    const f = http();
    f.route.withRetries(RetryPolicy.custom({ maxRetries, perRetryTimeout: Duration.seconds(1), httpRetryEvents: [HttpRetryEvent.SERVER_ERROR] }));
    const d = expectDiagnostic(f.mesh, { code: 'AMK_RETRY_MAX', severity: ERROR, at: f.route, field: 'spec.httpRoute.retryPolicy.maxRetries' });
    expect(d.value).toBe(String(maxRetries));
  });

  it('maxRetries 0 is fine', () => {
    const f = http();
    f.route.withRetries(RetryPolicy.custom({ maxRetries: 0, perRetryTimeout: Duration.seconds(1), httpRetryEvents: [HttpRetryEvent.SERVER_ERROR] }));
    expect(f.mesh.validate()).toEqual([]);
  });
});

describe('AMK_RETRY_EVENTS', () => {
  const policy = (events: Partial<Parameters<typeof RetryPolicy.custom>[0]>) =>
    RetryPolicy.custom({ maxRetries: 2, perRetryTimeout: Duration.seconds(1), ...events });

  it('26 http retry events (25 is fine)', () => {
    const events = (n: number) => Array.from({ length: n }, () => HttpRetryEvent.SERVER_ERROR);
    const f = http();
    f.route.withRetries(policy({ httpRetryEvents: events(26) }));
    const d = expectDiagnostic(f.mesh, { code: 'AMK_RETRY_EVENTS', severity: ERROR, at: f.route, field: 'spec.httpRoute.retryPolicy.httpRetryEvents' });
    expect(d.value).toBe('26');
    const ok = http();
    ok.route.withRetries(policy({ httpRetryEvents: events(25) }));
    expect(ok.mesh.validate()).toEqual([]);
  });

  it('6 gRPC retry events on a grpc route', () => {
    const f = grpc({ serviceName: 'catalog.v1.Catalog' });
    f.route.withRetries(policy({ grpcRetryEvents: [...Object.values(GrpcRetryEvent), GrpcRetryEvent.UNAVAILABLE] }));
    expectDiagnostic(f.mesh, { code: 'AMK_RETRY_EVENTS', severity: ERROR, at: f.route, field: 'spec.grpcRoute.retryPolicy.grpcRetryEvents' });
  });
});
