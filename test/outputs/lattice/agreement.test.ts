import { App, Stack } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { describe, expect, it } from 'vitest';
import { buildColorApp } from '../../../examples/color-app/app';
import {
  Backend, HeaderMatch, HttpRouteMethod, HttpRoutePathMatch, IMesh, Mesh, MeshLattice, RouteSpec, RoutingExplanation,
  ServiceDiscovery, VirtualNodeListener, VirtualRouterListener, VirtualServiceProvider,
} from '../../../lib';
import { GraphMember, MeshGraph } from '../../../lib/model/mesh-graph';
import { MeshRegistry } from '../../../lib/model/registry';
import { HeaderMatchModel, RouteBodyModel, RouteSpecModel, VirtualNodeSpecModel, VirtualRouterSpecModel } from '../../../lib/model/spec';
import { LatticeDecision, evaluateLattice } from '../../support/lattice-evaluator';
import { synthTemplate, testApp } from '../../support/synth';

/**
 * VPC Lattice routes as App Mesh did, for every feature the Lattice output maps: for every
 * route of each mesh, a request that meets its match, a near miss per condition and a case
 * variant (App Mesh matches paths and header values case-sensitively) go through both the
 * synthesized Lattice rules (by the Lattice evaluator) and `Mesh.explain`. They must agree on the
 * weighted targets (weight-0 targets take no traffic on either side) or on 404 when nothing matches.
 */

interface Probe {
  readonly label: string;
  readonly method: string;
  readonly path: string;
  readonly headers: Record<string, string>;
}

function headerValue(h: HeaderMatchModel, satisfy: boolean): string {
  const m = h.match ?? {};
  if (m.exact !== undefined) return satisfy ? m.exact : `${m.exact}-not`;
  return satisfy ? `${m.prefix}x` : `not-${m.prefix}`;
}

/** A hit, a near miss per condition, and the hit with the path or a header value in upper case. */
function probesFor(label: string, match: RouteBodyModel['match'], grpc: boolean): Probe[] {
  const m = match ?? {};
  const list = grpc ? m.metadata ?? [] : m.headers ?? [];
  const path = grpc ? `/${m.serviceName ?? 'any.Service'}/${m.methodName ?? 'Call'}`
    : m.path?.exact ?? (m.prefix !== undefined ? `${m.prefix}${m.prefix.endsWith('/') ? '' : '/'}item` : '/item');
  const headers = Object.fromEntries(list.map((h) => [h.name, headerValue(h, true)]));
  const hit: Probe = { label: `${label}: hit`, method: grpc ? 'POST' : m.method ?? 'GET', path, headers };
  const probes = [hit, { ...hit, label: `${label}: path in upper case`, path: path.toUpperCase() }];
  if (m.prefix !== undefined && m.prefix !== '/') probes.push({ ...hit, label: `${label}: other prefix`, path: '/zz-other' });
  if (m.path?.exact !== undefined) probes.push({ ...hit, label: `${label}: longer path`, path: `${m.path.exact}/more` });
  if (grpc && m.methodName !== undefined) probes.push({ ...hit, label: `${label}: other gRPC method`, path: `/${m.serviceName}/Other` });
  if (grpc && m.serviceName !== undefined) probes.push({ ...hit, label: `${label}: other gRPC service`, path: '/other.Service/Call' });
  if (m.method !== undefined) probes.push({ ...hit, label: `${label}: other method`, method: m.method === 'GET' ? 'POST' : 'GET' });
  for (const h of list) {
    const { [h.name]: _dropped, ...rest } = headers;
    probes.push({ ...hit, label: `${label}: ${h.name} absent`, headers: rest });
    probes.push({ ...hit, label: `${label}: ${h.name} not met`, headers: { ...headers, [h.name]: headerValue(h, false) } });
    probes.push({ ...hit, label: `${label}: ${h.name} in upper case`, headers: { ...headers, [h.name.toUpperCase()]: headerValue(h, true).toUpperCase() } });
  }
  return probes;
}

type Outcome = { targets: string[] } | { status: number };

function fromExplanation(e: RoutingExplanation): Outcome {
  if (!e.matched) return { status: 404 };
  return { targets: e.targets.filter((t) => t.weight > 0).map((t) => `${t.virtualNodeName}:${t.port}@${t.weight}`).sort() };
}

function fromLattice(d: LatticeDecision, keyOf: Map<string, string>): Outcome {
  if (d.kind === 'no-listener') return { status: -1 };
  if (d.kind === 'fixed') return { status: d.status };
  return { targets: d.targets.map((t) => `${keyOf.get(t.targetGroup)}@${t.weight}`).sort() };
}

/** Every caller → backend → listener → probe, through explain and through the Lattice template. */
function compareWithExplain(mesh: IMesh, stack: Stack, lattice: MeshLattice, name: string): { compared: number; routed: number } {
  const template = synthTemplate(stack, name).toJSON() as { Resources: Record<string, any> };
  // Target group logical id → node:port, through the names the summary gives.
  const byName = new Map<string, string>(JSON.parse(lattice.toJson()).targetGroups.map((t: any) => [t.name, `${t.virtualNode}:${t.port}`]));
  const keyOf = new Map<string, string>(Object.entries(template.Resources)
    .filter(([, r]) => r.Type === 'AWS::VpcLattice::TargetGroup')
    .map(([id, r]) => [id, byName.get(r.Properties.Name)!]));
  const graph = MeshGraph.build(MeshRegistry.of(mesh));
  let compared = 0;
  let routed = 0;
  for (const caller of graph.members<VirtualNodeSpecModel>('virtualNode')) {
    const callerConstruct = MeshRegistry.of(mesh).members().find((m) => m.node.path === caller.path);
    for (const service of graph.backendsOf(caller)) {
      const cfnService = lattice.serviceFor(String(service.name));
      expect(cfnService, `Lattice service of ${service.name}`).toBeDefined();
      const serviceId = stack.getLogicalId(cfnService!);
      const provider = graph.providerOf(service)!;
      for (const listener of (provider.resolved.spec as VirtualRouterSpecModel).listeners ?? []) {
        const { port, protocol } = listener.portMapping;
        const grpc = protocol === 'grpc';
        const routes = provider.kind === 'virtualRouter' ? graph.routesOf(provider as GraphMember<VirtualRouterSpecModel>) : [];
        const probes: Probe[] = [
          { label: 'default', method: grpc ? 'POST' : 'GET', path: '/', headers: {} },
          ...routes.flatMap((route) => {
            const spec = route.resolved.spec as RouteSpecModel;
            const body = spec[`${protocol}Route` as 'httpRoute'];
            return body ? probesFor(`route ${route.name}`, body.match, grpc) : [];
          }),
        ];
        for (const probe of probes) {
          const explanation = mesh.explain({
            virtualNode: callerConstruct as never,
            virtualServiceName: String(service.name),
            port,
            method: probe.method as HttpRouteMethod,
            path: probe.path,
            headers: { ...probe.headers, ...(grpc ? { 'content-type': 'application/grpc' } : {}) },
          });
          const decision = evaluateLattice(template, serviceId, { port, method: probe.method, path: probe.path, headers: probe.headers });
          const where = `${caller.name} → ${service.name}:${port} (${probe.label})`;
          expect(fromLattice(decision, keyOf), `${where}\nexplain: ${explanation.summary}\nlattice: ${JSON.stringify(decision)}`)
            .toEqual(fromExplanation(explanation));
          compared++;
          if (explanation.matched) routed++;
        }
      }
    }
  }
  return { compared, routed };
}

const VPC = (stack: Stack) => ec2.Vpc.fromVpcAttributes(stack, 'Vpc', { vpcId: 'vpc-0123456789abcdef0', availabilityZones: ['eu-west-1a'] });

/**
 * Every route feature the Lattice output maps: exact paths, prefixes (with priority ties and the
 * longest-prefix order of routes without priority), header exact and prefix matches, methods,
 * weighted targets (a weight-0 target among them), a catch-all route, a router with an http and
 * an http2 listener, gRPC service, method and metadata matches, and a service a node provides.
 */
function mappedFeaturesMesh(): { stack: Stack; mesh: Mesh } {
  const stack = new Stack(testApp(), 'LatticeAgreement', { env: { account: '111122223333', region: 'eu-west-1' } });
  const mesh = new Mesh(stack, 'Mesh', { meshName: 'routing' });
  const node = (name: string, listeners = [VirtualNodeListener.http({ port: 8080 })]) => mesh.addVirtualNode(name, {
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
  http('canary', { path: HttpRoutePathMatch.startsWith('/books'), headers: [HeaderMatch.valueIs('x-canary', 'true')] }, 5).to(v1).canary(v2, 25);
  http('tenant', {
    path: HttpRoutePathMatch.startsWith('/books'), method: HttpRouteMethod.POST, headers: [HeaderMatch.valueStartsWith('x-tenant', 'acme')],
  }, 5).to(v3);
  http('drained', { path: HttpRoutePathMatch.startsWith('/drained') }, 6).to(v1).canary(v2, 50).shift(v2, v1, 50);
  http('tie-a', { path: HttpRoutePathMatch.startsWith('/tie') }, 20).to(v1);
  http('tie-b', { path: HttpRoutePathMatch.startsWith('/tie/longer') }, 20).to(v2);

  const multi = node('multi', [VirtualNodeListener.http({ port: 8080 }), VirtualNodeListener.http2({ port: 9090 })]);
  const multiRouter = mesh.addVirtualRouter('Multi', { virtualRouterName: 'multi', listeners: [VirtualRouterListener.http(8080), VirtualRouterListener.http2(9090)] });
  multiRouter.addRoute('Http', { routeName: 'multi-http', routeSpec: RouteSpec.http({ match: { port: 8080 } }) }).to(multi, 8080);
  multiRouter.addRoute('Http2', {
    routeName: 'multi-http2', routeSpec: RouteSpec.http2({ match: { port: 9090, path: HttpRoutePathMatch.startsWith('/h2') } }),
  }).to(multi, 9090);

  const [g1, g2] = ['grpc-v1', 'grpc-v2'].map((n) => node(n, [VirtualNodeListener.grpc({ port: 50051 })]));
  const grpcRouter = mesh.addVirtualRouter('Grpc', { virtualRouterName: 'grpc', listeners: [VirtualRouterListener.grpc(50051)] });
  grpcRouter.addRoute('Get', {
    routeName: 'grpc-get',
    routeSpec: RouteSpec.grpc({
      priority: 1,
      match: { serviceName: 'shop.Catalog', methodName: 'Get', metadata: [HeaderMatch.valueIs('tenant', 'acme'), HeaderMatch.valueStartsWith('region', 'eu-')] },
    }),
  }).to(g2);
  grpcRouter.addRoute('Any', { routeName: 'grpc-any', routeSpec: RouteSpec.grpc({ priority: 2, match: { serviceName: 'shop.Catalog' } }) }).to(g1);

  const services = [
    mesh.addVirtualService('BooksService', { virtualServiceName: 'books.routing.local', provider: VirtualServiceProvider.virtualRouter(router) }),
    mesh.addVirtualService('MultiService', { virtualServiceName: 'multi.routing.local', provider: VirtualServiceProvider.virtualRouter(multiRouter) }),
    mesh.addVirtualService('GrpcService', { virtualServiceName: 'grpc.routing.local', provider: VirtualServiceProvider.virtualRouter(grpcRouter) }),
    mesh.addVirtualService('Direct', { virtualServiceName: 'direct.routing.local', provider: VirtualServiceProvider.virtualNode(v3) }),
  ];
  mesh.addVirtualNode('Frontend', {
    virtualNodeName: 'frontend',
    serviceDiscovery: ServiceDiscovery.dns('frontend.routing.local'),
    listeners: [VirtualNodeListener.http({ port: 80 })],
    backends: services.map((s) => Backend.virtualService(s)),
  });
  return { stack, mesh };
}

describe('VPC Lattice rules and explain agree on where every request goes', () => {
  it('on a mesh using every mapped route feature', () => {
    const { stack, mesh } = mappedFeaturesMesh();
    const lattice = new MeshLattice(stack, 'Lattice', { mesh, vpc: VPC(stack) });
    const { compared, routed } = compareWithExplain(mesh, stack, lattice, 'lattice-agreement');
    expect(compared).toBeGreaterThan(50);
    expect(routed).toBeGreaterThan(30);
    // Nothing in this mesh is left out: every route has its rule (or is the default action).
    expect(lattice.diagnostics.map((d) => d.code)).toEqual(['AMK_LATTICE_ZERO_WEIGHT', 'AMK_LATTICE_RULE_QUOTA']);
  });

  it('on the color app (its one route is the listener\'s default action; the gateway is reported)', () => {
    const stack = buildColorApp(new App({ builtinCloudFormationValidation: false }));
    const lattice = new MeshLattice(stack, 'Lattice', { mesh: stack.mesh, vpc: VPC(stack) });
    const { compared, routed } = compareWithExplain(stack.mesh, stack, lattice, 'lattice-agreement-color-app');
    expect(compared).toBeGreaterThan(2);
    expect(routed).toBe(compared);
  });
});
