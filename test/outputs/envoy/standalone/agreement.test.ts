import { App, Duration, Stack } from 'aws-cdk-lib';
import { describe, expect, it } from 'vitest';
import { buildColorApp } from '../../../../examples/color-app/app';
import {
  Backend, EgressFilter, EnvoyConfig, GatewayRouteHostnameMatch, GatewayRouteSpec, GrpcRetryEvent, HeaderMatch,
  HttpGatewayRoutePathMatch, HttpRetryEvent, HttpRouteMethod, HttpRoutePathMatch, IMesh, Mesh, QueryParameterMatch,
  RetryPolicy, RouteSpec, RoutingExplanation, ServiceDiscovery, VirtualGatewayListener, VirtualNodeListener, VirtualRouterListener,
  VirtualServiceProvider,
} from '../../../../lib';
import { GraphMember, MeshGraph } from '../../../../lib/model/mesh-graph';
import { MeshRegistry } from '../../../../lib/model/registry';
import {
  GatewayRouteBodyModel, GatewayRouteSpecModel, HeaderMatchModel, RouteBodyModel, RouteSpecModel, VirtualGatewaySpecModel,
  VirtualNodeSpecModel, VirtualRouterSpecModel, VirtualServiceSpecModel,
} from '../../../../lib/model/spec';
import { EnvoyDecision, EnvoyRequest, evaluateEnvoy } from '../../../support/envoy-evaluator';
import { testApp } from '../../../support/synth';

/**
 * Plain Envoy routes as App Mesh did: for every route and gateway route of each mesh, a request
 * that matches it and a near miss for each of its conditions go through both the standalone
 * config (by the Envoy evaluator) and `Mesh.explain` (App Mesh's rules, read from the graph).
 * They must agree on where the request goes: targets and weights, rewritten path and host,
 * timeouts and retries, or that nothing matches.
 */

/** One request, as both sides take it. */
interface Probe {
  readonly label: string;
  readonly method?: string;
  readonly path: string;
  readonly headers: Record<string, string>;
  readonly query: Record<string, string>;
  readonly grpc?: boolean;
  readonly authority?: string;
}

/** A value each regex of the test meshes matches in full, and one it does not (no generator of strings from RE2 here). */
const REGEX_SAMPLES: Record<string, { hit: string; miss: string }> = {
  '/items/[0-9]+': { hit: '/items/42', miss: '/items/4x2' },
  'v[0-9]+\\.[0-9]+': { hit: 'v2.10', miss: 'v2' },
};

function regexSample(regex: string, satisfy: boolean): string {
  const sample = REGEX_SAMPLES[regex];
  expect(sample, `a sample for the regex ${regex}`).toBeDefined();
  return satisfy ? sample.hit : sample.miss;
}

/** A value that satisfies a header match, or one that does not. */
function headerValue(h: HeaderMatchModel, satisfy: boolean): string | undefined {
  const m = h.match;
  const wanted = !h.invert === satisfy;
  if (!m) return wanted ? 'present' : undefined;
  const hit = m.exact ?? (m.prefix !== undefined ? `${m.prefix}x` : m.suffix !== undefined ? `x${m.suffix}` : m.range ? String(m.range.start)
    : m.regex !== undefined ? regexSample(m.regex, true) : undefined);
  const miss = m.exact !== undefined ? `${m.exact}-not` : m.prefix !== undefined ? `not-${m.prefix}` : m.suffix !== undefined ? `${m.suffix}-not`
    : m.range ? String(m.range.end) : m.regex !== undefined ? regexSample(m.regex, false) : undefined;
  return wanted ? hit : miss;
}

/** The requests for one route's match: one that meets every condition, and a near miss for each condition. */
function probesFor(label: string, match: (RouteBodyModel['match'] & GatewayRouteBodyModel['match']) | undefined, grpc: boolean): Probe[] {
  const m = match ?? {};
  const headerList = grpc ? m.metadata ?? [] : m.headers ?? [];
  const path = grpc
    ? `/${m.serviceName ?? 'any.Service'}/${m.methodName ?? 'Call'}`
    : m.path?.exact ?? (m.path?.regex !== undefined ? regexSample(m.path.regex, true)
      : m.prefix !== undefined ? `${m.prefix}${m.prefix.endsWith('/') ? '' : '/'}item` : '/item');
  const headers: Record<string, string> = {};
  headerList.forEach((h) => {
    const value = headerValue(h, true);
    if (value !== undefined) headers[h.name] = value;
  });
  const query: Record<string, string> = {};
  (m.queryParameters ?? []).forEach((q) => { query[q.name] = q.match?.exact ?? 'present'; });
  const authority = m.hostname?.exact ?? (m.hostname?.suffix !== undefined ? `www${m.hostname.suffix}` : undefined);
  const hit: Probe = { label: `${label}: hit`, method: m.method, path, headers, query, grpc, authority };
  const misses: Probe[] = [];
  if (m.prefix !== undefined && m.prefix !== '/') misses.push({ ...hit, label: `${label}: other prefix`, path: '/zz-other' });
  if (m.path?.exact !== undefined) misses.push({ ...hit, label: `${label}: other path`, path: `${m.path.exact}/more` });
  if (m.path?.regex !== undefined) misses.push({ ...hit, label: `${label}: path regex not met`, path: regexSample(m.path.regex, false) });
  if (grpc && m.serviceName !== undefined) misses.push({ ...hit, label: `${label}: other service`, path: '/other.Service/Call' });
  if (grpc && m.methodName !== undefined) misses.push({ ...hit, label: `${label}: other method`, path: `/${m.serviceName}/Other` });
  if (m.method !== undefined) misses.push({ ...hit, label: `${label}: other method`, method: m.method === 'GET' ? 'POST' : 'GET' });
  headerList.forEach((h) => {
    const value = headerValue(h, false);
    const { [h.name]: _dropped, ...rest } = headers;
    misses.push({ ...hit, label: `${label}: header ${h.name} not met`, headers: value === undefined ? rest : { ...headers, [h.name]: value } });
  });
  (m.queryParameters ?? []).forEach((q) => {
    const { [q.name]: _dropped, ...rest } = query;
    misses.push({ ...hit, label: `${label}: query ${q.name} not met`, query: q.match?.exact !== undefined ? { ...query, [q.name]: `${q.match.exact}-not` } : rest });
  });
  if (m.hostname) misses.push({ ...hit, label: `${label}: other host`, authority: 'other.example.org' });
  return [hit, ...misses];
}

/** Milliseconds of an Envoy duration (`15s`, `0.5s`). */
function envoyMillis(d: string | undefined): number | undefined {
  return d === undefined ? undefined : Math.round(parseFloat(d) * 1000);
}

/** The node and port an egress cluster goes to: cds_egress_<mesh>_<node>_<protocol>_<port>[_tls_<service>]. */
function clusterTarget(mesh: string, cluster: string): string {
  const found = new RegExp(`^cds_egress_${mesh.replace(/[.-]/g, '\\$&')}_(.+)_(?:http|http2|grpc|tcp)_(\\d+)(?:_tls_.*)?$`).exec(cluster);
  expect(found, `cluster ${cluster}`).not.toBeNull();
  return `${found![1]}:${found![2]}`;
}

/** Where each side sends the request, in one comparable shape. */
interface Outcome {
  readonly routed: boolean;
  readonly targets?: string[];
  readonly path?: string;
  readonly host?: string;
  readonly timeoutMs?: number;
  readonly retries?: { max: number; perTryMs: number };
}

function fromExplanation(e: RoutingExplanation, atGateway: boolean): Outcome {
  if (!e.matched) return { routed: false };
  return {
    routed: true,
    targets: e.targets.map((t) => `${t.virtualNodeName}:${t.port}@${t.weight}`).sort(),
    ...(atGateway ? { path: e.gatewayRoute?.rewrittenPath, host: e.gatewayRoute?.rewrittenHostname } : {}),
    timeoutMs: e.timeouts?.perRequest?.toMilliseconds(),
    ...(e.retryPolicy ? { retries: { max: e.retryPolicy.maxRetries, perTryMs: e.retryPolicy.perRetryTimeout.toMilliseconds() } } : {}),
  };
}

function fromEnvoy(mesh: string, d: EnvoyDecision, atGateway: boolean): Outcome {
  if (d.kind === 'none' || !d.clusters) return { routed: false };
  const hop = d.via ?? d;
  const retry = d.retryPolicy as { numRetries?: number; perTryTimeout?: string } | undefined;
  return {
    routed: true,
    targets: d.clusters.map((c) => `${clusterTarget(mesh, c.name)}@${c.weight}`).sort(),
    ...(atGateway ? { path: hop.path, host: hop.authority } : {}),
    timeoutMs: envoyMillis(d.timeout),
    ...(retry ? { retries: { max: retry.numRetries ?? 1, perTryMs: envoyMillis(retry.perTryTimeout) ?? 0 } } : {}),
  };
}

/** The construct of a mesh member, which explain takes. */
function constructAt(mesh: IMesh, path: string): unknown {
  return MeshRegistry.of(mesh).members().find((m) => m.node.path === path);
}

const REQUEST_PROTOCOL = { http: 'http', http2: 'http2', grpc: 'grpc', tcp: 'tcp' } as const;

/** Every caller → backend → port → route probe, and every gateway listener → gateway route probe, compared. */
function compareEverywhere(mesh: IMesh): { compared: number; routed: number } {
  const graph = MeshGraph.build(MeshRegistry.of(mesh));
  const meshName = String(graph.mesh?.name ?? mesh.meshName);
  let compared = 0;
  let routed = 0;
  const check = (where: string, explanation: RoutingExplanation, decision: EnvoyDecision, atGateway: boolean) => {
    const expected = fromExplanation(explanation, atGateway);
    const actual = fromEnvoy(meshName, decision, atGateway);
    expect(actual, `${where}\nexplain: ${explanation.summary}\nenvoy: ${JSON.stringify(decision)}`).toEqual(expected);
    compared++;
    if (expected.routed) routed++;
  };

  for (const caller of graph.members<VirtualNodeSpecModel>('virtualNode')) {
    const construct = caller.path;
    const config = EnvoyConfig.standaloneForMesh(mesh).configs.find((c) => c.constructPath === construct)?.toObject();
    if (!config) continue;
    for (const service of graph.backendsOf(caller)) {
      const provider = graph.providerOf(service as GraphMember<VirtualServiceSpecModel>);
      if (!provider) continue;
      const listeners = (provider.resolved.spec as VirtualRouterSpecModel).listeners ?? [];
      for (const listener of listeners) {
        const { port, protocol } = listener.portMapping;
        if (protocol === 'tcp') {
          // A tcp connection: the listener's tcp route takes it; compare targets and the idle timeout.
          const explanation = mesh.explain({ virtualNode: constructAt(mesh, caller.path) as never, virtualServiceName: String(service.name), port });
          const decision = evaluateEnvoy(config, { port, path: '/', authority: String(service.name) }, 'lds_egress_0.0.0.0_15001');
          const expected = explanation.matched ? {
            targets: explanation.targets.map((t) => `${t.virtualNodeName}:${t.port}@${t.weight}`).sort(),
            idleMs: explanation.timeouts?.idle.toMilliseconds(),
          } : {};
          const actual = decision.kind === 'tcp' ? {
            targets: decision.clusters!.map((c) => `${clusterTarget(meshName, c.name)}@${c.weight}`).sort(),
            idleMs: envoyMillis(decision.idleTimeout),
          } : {};
          expect(actual, `${caller.name} → ${service.name}:${port} (tcp)\nexplain: ${explanation.summary}`).toEqual(expected);
          compared++;
          if (explanation.matched) routed++;
          continue;
        }
        const routes = provider.kind === 'virtualRouter' ? graph.routesOf(provider as GraphMember<VirtualRouterSpecModel>) : [];
        const probes = [
          { label: 'default', path: '/', headers: {}, query: {}, grpc: protocol === 'grpc' } as Probe,
          ...routes.flatMap((route) => {
            const body = (route.resolved.spec as RouteSpecModel)[`${REQUEST_PROTOCOL[protocol]}Route` as 'httpRoute'];
            return body ? probesFor(`route ${route.name}`, body.match, protocol === 'grpc') : [];
          }),
        ];
        for (const probe of probes) {
          const where = `${caller.name} → ${service.name}:${port} (${probe.label})`;
          const request: EnvoyRequest = {
            port,
            method: probe.method,
            path: probe.path,
            authority: String(service.name),
            headers: probe.headers,
            query: probe.query,
            grpc: probe.grpc,
          };
          const explanation = mesh.explain({
            virtualNode: constructAt(mesh, caller.path) as never,
            virtualServiceName: String(service.name),
            port,
            method: probe.method as HttpRouteMethod | undefined,
            path: probe.path,
            headers: { ...probe.headers, ...(probe.grpc ? { 'content-type': 'application/grpc' } : {}) },
            queryParameters: probe.query,
          });
          check(where, explanation, evaluateEnvoy(config, request, 'lds_egress_0.0.0.0_15001'), false);
        }
      }
    }
  }

  for (const gateway of graph.members<VirtualGatewaySpecModel>('virtualGateway')) {
    const config = EnvoyConfig.standaloneForMesh(mesh).configs.find((c) => c.constructPath === gateway.path)?.toObject();
    if (!config) continue;
    for (const listener of gateway.resolved.spec.listeners ?? []) {
      const { port, protocol } = listener.portMapping;
      const probes = [
        { label: 'default', path: '/', headers: {}, query: {}, grpc: protocol === 'grpc' } as Probe,
        ...graph.gatewayRoutesOf(gateway).flatMap((route) => {
          const body = (route.resolved.spec as GatewayRouteSpecModel)[`${protocol}Route` as 'httpRoute'];
          return body ? probesFor(`gateway route ${route.name}`, body.match, protocol === 'grpc') : [];
        }),
      ];
      for (const probe of probes) {
        const authority = probe.authority ?? 'www.example.com';
        const where = `gateway ${gateway.name}:${port} (${probe.label})`;
        const explanation = mesh.explain({
          virtualGateway: constructAt(mesh, gateway.path) as never,
          port,
          method: probe.method as HttpRouteMethod | undefined,
          path: probe.path,
          authority,
          headers: { ...probe.headers, ...(probe.grpc ? { 'content-type': 'application/grpc' } : {}) },
          queryParameters: probe.query,
        });
        // A gateway listener with STRICT TLS only takes TLS connections.
        const tls = listener.tls?.mode === 'STRICT' ? { tls: { sni: authority } } : {};
        const request: EnvoyRequest = {
          port, method: probe.method, path: probe.path, authority, headers: probe.headers, query: probe.query, grpc: probe.grpc, ...tls,
        };
        check(where, explanation, evaluateEnvoy(config, request), true);
      }
    }
  }
  return { compared, routed };
}

/** A mesh that uses every match kind, priorities (ties and missing), multi-listener routers, HTTP/2, gRPC and gateways. */
function routingHeavyMesh(): Mesh {
  const stack = new Stack(testApp(), 'Routing', { env: { account: '111122223333', region: 'eu-west-1' } });
  const mesh = new Mesh(stack, 'Mesh', { meshName: 'routing', egressFilter: EgressFilter.DROP_ALL });
  const node = (name: string, listeners = [VirtualNodeListener.http()]) => mesh.addVirtualNode(name, {
    virtualNodeName: name, serviceDiscovery: ServiceDiscovery.dns(`${name}.routing.local`), listeners,
  });
  const [v1, v2, v3] = ['books-v1', 'books-v2', 'books-v3'].map((n) => node(n));
  const router = mesh.addVirtualRouter('Books', { virtualRouterName: 'books', listeners: [VirtualRouterListener.http(8080)] });
  const http = (name: string, match: object, priority?: number) =>
    router.addRoute(name, { routeName: name, routeSpec: RouteSpec.http({ priority, match }) });
  http('fallback', {}).to(v1);
  http('v2-prefix', { path: HttpRoutePathMatch.startsWith('/v2') }).to(v2);
  http('v2-items', { path: HttpRoutePathMatch.startsWith('/v2/items') }).to(v3);
  http('exact', { path: HttpRoutePathMatch.exactly('/health') }, 1).to(v3);
  http('canary', { path: HttpRoutePathMatch.startsWith('/books'), headers: [HeaderMatch.valueIs('x-canary', 'true')] }, 5)
    .to(v1).canary(v2, 25)
    .withRetries(RetryPolicy.custom({ maxRetries: 3, perRetryTimeout: Duration.seconds(2), httpRetryEvents: [HttpRetryEvent.SERVER_ERROR] }))
    .withTimeout({ perRequest: Duration.seconds(9) });
  http('headers', {
    path: HttpRoutePathMatch.startsWith('/books'),
    headers: [HeaderMatch.valueStartsWith('x-tenant', 'acme'), HeaderMatch.valueEndsWith('x-zone', '-eu'), HeaderMatch.valuesIsInRange('x-version', 2, 5),
      HeaderMatch.valueIsNot('x-debug', 'on'), HeaderMatch.isPresent('x-user')],
  }, 5).to(v3);
  http('query-method', {
    path: HttpRoutePathMatch.startsWith('/books'),
    method: HttpRouteMethod.POST,
    queryParameters: [QueryParameterMatch.valueIs('mode', 'bulk'), QueryParameterMatch.isPresent('trace')],
  }, 7).to(v2);
  http('regex', { path: HttpRoutePathMatch.regex('/items/[0-9]+'), headers: [HeaderMatch.valueMatchesRegex('x-api', 'v[0-9]+\\.[0-9]+')] }, 8).to(v3);
  http('tie-a', { path: HttpRoutePathMatch.startsWith('/tie') }, 20).to(v1);
  http('tie-b', { path: HttpRoutePathMatch.startsWith('/tie/longer') }, 20).to(v2);

  // A router with two listeners: routes pick theirs by match port; targets name their ports.
  const multi = node('multi', [VirtualNodeListener.http({ port: 8080 }), VirtualNodeListener.http2({ port: 9090 })]);
  const multiRouter = mesh.addVirtualRouter('Multi', { virtualRouterName: 'multi', listeners: [VirtualRouterListener.http(8080), VirtualRouterListener.http2(9090)] });
  multiRouter.addRoute('Http', { routeName: 'multi-http', routeSpec: RouteSpec.http({ match: { port: 8080 } }) }).to(multi, 8080);
  multiRouter.addRoute('Http2', { routeName: 'multi-http2', routeSpec: RouteSpec.http2({ match: { port: 9090, path: HttpRoutePathMatch.startsWith('/h2') } }) }).to(multi, 9090);

  const grpcNode = node('grpc-v1', [VirtualNodeListener.grpc({ port: 50051 })]);
  const grpcRouter = mesh.addVirtualRouter('Grpc', { virtualRouterName: 'grpc', listeners: [VirtualRouterListener.grpc(50051)] });
  grpcRouter.addRoute('Get', {
    routeName: 'grpc-get',
    routeSpec: RouteSpec.grpc({ priority: 1, match: { serviceName: 'shop.Catalog', methodName: 'Get', metadata: [HeaderMatch.valueIs('tenant', 'acme')] } }),
  })
    .to(grpcNode)
    .withRetries(RetryPolicy.custom({ maxRetries: 2, perRetryTimeout: Duration.seconds(1), grpcRetryEvents: [GrpcRetryEvent.UNAVAILABLE] }));
  grpcRouter.addRoute('Any', { routeName: 'grpc-any', routeSpec: RouteSpec.grpc({ priority: 2, match: { serviceName: 'shop.Catalog' } }) }).to(grpcNode);

  const books = mesh.addVirtualService('BooksService', { virtualServiceName: 'books.routing.local', provider: VirtualServiceProvider.virtualRouter(router) });
  const multiService = mesh.addVirtualService('MultiService', { virtualServiceName: 'multi.routing.local', provider: VirtualServiceProvider.virtualRouter(multiRouter) });
  const grpcService = mesh.addVirtualService('GrpcService', { virtualServiceName: 'grpc.routing.local', provider: VirtualServiceProvider.virtualRouter(grpcRouter) });
  const direct = mesh.addVirtualService('Direct', { virtualServiceName: 'direct.routing.local', provider: VirtualServiceProvider.virtualNode(v3) });
  // TCP: a weighted route with an idle timeout, and one left at App Mesh's 300 s.
  const [db1, db2] = ['db-v1', 'db-v2'].map((n) => node(n, [VirtualNodeListener.tcp({ port: 5432 })]));
  const dbRouter = mesh.addVirtualRouter('Db', { virtualRouterName: 'db', listeners: [VirtualRouterListener.tcp(5432)] });
  dbRouter.addRoute('Db', { routeName: 'db', routeSpec: RouteSpec.tcp({ timeout: { idle: Duration.seconds(45) } }) }).to(db1).canary(db2, 30);
  const db = mesh.addVirtualService('DbService', { virtualServiceName: 'db.routing.local', provider: VirtualServiceProvider.virtualRouter(dbRouter) });
  const cache = mesh.addVirtualService('Cache', {
    virtualServiceName: 'cache.routing.local', provider: VirtualServiceProvider.virtualNode(node('cache-v1', [VirtualNodeListener.tcp({ port: 6379 })])),
  });
  mesh.addVirtualNode('Frontend', {
    virtualNodeName: 'frontend',
    serviceDiscovery: ServiceDiscovery.dns('frontend.routing.local'),
    listeners: [VirtualNodeListener.http({ port: 80 })],
    backends: [books, multiService, grpcService, direct, db, cache].map((s) => Backend.virtualService(s)),
  });

  const gateway = mesh.addVirtualGateway('Gateway', { virtualGatewayName: 'edge', listeners: [VirtualGatewayListener.http({ port: 8080 })] });
  const gw = (name: string, options: object, priority?: number) =>
    gateway.addGatewayRoute(name, { gatewayRouteName: name, routeSpec: GatewayRouteSpec.http({ routeTarget: books, priority, ...options }) });
  gw('store', { match: { path: HttpGatewayRoutePathMatch.startsWith('/store') } }, 10);
  gw('store-host', { match: { path: HttpGatewayRoutePathMatch.startsWith('/store'), hostname: GatewayRouteHostnameMatch.exactly('shop.example.com') } }, 5);
  gw('suffix-host', { match: { path: HttpGatewayRoutePathMatch.startsWith('/api/'), hostname: GatewayRouteHostnameMatch.endsWith('.example.net') } }, 6);
  gw('keep-prefix', { match: { path: HttpGatewayRoutePathMatch.startsWith('/books', '/books') } }, 11);
  gw('custom-prefix', { match: { path: HttpGatewayRoutePathMatch.startsWith('/old/', '/v2/') } }, 12);
  gw('exact-path', { match: { path: HttpGatewayRoutePathMatch.exactly('/legacy', '/health'), headers: [HeaderMatch.valueIs('x-legacy', '1')] } }, 13);
  gw('keep-host', { match: { path: HttpGatewayRoutePathMatch.startsWith('/kh/') }, rewriteRequestHostname: false }, 14);
  gateway.addGatewayRoute('direct', { gatewayRouteName: 'direct', routeSpec: GatewayRouteSpec.http({ routeTarget: direct, priority: 15, match: { path: HttpGatewayRoutePathMatch.startsWith('/direct') } }) });
  gw('rest', {}, 100);
  return mesh;
}

describe('plain Envoy and explain agree on where every request goes', () => {
  it('on a routing-heavy mesh (every match kind, priorities and ties, multi-listener routers, HTTP/2, gRPC, gateways and rewrites)', () => {
    const { compared, routed } = compareEverywhere(routingHeavyMesh());
    expect(compared).toBeGreaterThan(60);
    expect(routed).toBeGreaterThan(40);
  });

  it('including tcp: weighted targets and idle timeouts (45 s set, 300 s App Mesh\'s default)', () => {
    const mesh = routingHeavyMesh();
    const frontend = MeshRegistry.of(mesh).members().find((m) => m.node.path.endsWith('/Frontend'));
    const db = mesh.explain({ virtualNode: frontend as never, virtualServiceName: 'db.routing.local', port: 5432 });
    expect(db.targets.map((t) => [t.virtualNodeName, t.weight])).toEqual([['db-v1', 70], ['db-v2', 30]]);
    expect(db.timeouts?.idle.toSeconds()).toBe(45);
    const cache = mesh.explain({ virtualNode: frontend as never, virtualServiceName: 'cache.routing.local', port: 6379 });
    expect([cache.matched, cache.timeouts?.idle.toSeconds(), cache.timeouts?.idleIsDefault]).toEqual([true, 300, true]);
  });

  it('on the color app', () => {
    const stack = buildColorApp(new App({ builtinCloudFormationValidation: false }));
    const { compared, routed } = compareEverywhere(stack.mesh);
    expect(compared).toBeGreaterThan(3);
    expect(routed).toBeGreaterThan(0);
  });
});
