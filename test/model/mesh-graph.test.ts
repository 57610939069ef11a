import * as fs from 'node:fs';
import * as path from 'node:path';
import { Stack } from 'aws-cdk-lib';
import { describe, expect, it, vi } from 'vitest';
import {
  Backend, EnvoyMode, GatewayRouteSpec, HttpRoutePathMatch, Mesh, MeshTaskDefinition, RouteSpec, ServiceDiscovery, VirtualNode,
  VirtualNodeListener, VirtualServiceProvider,
} from '../../lib';
import { MeshGraph } from '../../lib/model/mesh-graph';
import { MeshRegistry } from '../../lib/model/registry';
import { assemblyApp, testApp } from '../support/synth';

function shop() {
  const app = testApp();
  const stack = new Stack(app, 'Stack', { env: { account: '111111111111', region: 'eu-west-1' } });
  const mesh = new Mesh(stack, 'Mesh', { meshName: 'shop' });
  const node = (name: string, props: object = {}) => mesh.addVirtualNode(name, {
    virtualNodeName: name, serviceDiscovery: ServiceDiscovery.dns(`${name}.shop.local`), listeners: [VirtualNodeListener.http()], ...props,
  });
  const v1 = node('catalog-v1');
  const v2 = node('catalog-v2');
  const router = mesh.addVirtualRouter('Router', { virtualRouterName: 'catalog' });
  // Defined in this order: no priority, priority 5, priority 1 (App Mesh evaluates 1, 5, then the unprioritized).
  router.addRoute('Fallback', { routeName: 'fallback', routeSpec: RouteSpec.http() }).to(v1);
  router.addRoute('Five', { routeName: 'five', routeSpec: RouteSpec.http({ priority: 5, match: { path: HttpRoutePathMatch.startsWith('/v2') } }) }).to(v2);
  router.addRoute('One', { routeName: 'one', routeSpec: RouteSpec.http({ priority: 1, match: { path: HttpRoutePathMatch.startsWith('/canary') } }) })
    .to(v1).canary(v2, 10);
  const catalog = mesh.addVirtualService('Catalog', { virtualServiceName: 'catalog.shop.local', provider: VirtualServiceProvider.virtualRouter(router) });
  const cart = node('cart');
  const cartService = mesh.addVirtualService('Cart', { virtualServiceName: 'cart.shop.local', provider: VirtualServiceProvider.virtualNode(cart) });
  const frontend = node('frontend', { backends: [Backend.virtualService(catalog), Backend.virtualService(cartService)] });
  const gateway = mesh.addVirtualGateway('Gateway', { virtualGatewayName: 'ingress' });
  gateway.addGatewayRoute('ToCart', { gatewayRouteName: 'to-cart', routeSpec: GatewayRouteSpec.http({ routeTarget: cartService }) });
  return { app, stack, mesh, v1, v2, cart, frontend };
}

const graphOf = (mesh: Mesh) => MeshGraph.build(MeshRegistry.of(mesh));

describe('MeshGraph', () => {
  it('holds every member by kind, in the order they were defined, and by name', () => {
    const { mesh } = shop();
    const graph = graphOf(mesh);
    expect(graph.members('virtualNode').map((m) => m.name)).toEqual(['catalog-v1', 'catalog-v2', 'cart', 'frontend']);
    expect(graph.members('route').map((m) => m.name)).toEqual(['fallback', 'five', 'one']);
    expect(graph.get('virtualService', 'cart.shop.local')?.path).toBe('Stack/Mesh/Cart');
    expect(graph.get('virtualNode', 'nope')).toBeUndefined();
    expect(graph.mesh?.name).toBe('shop');
  });

  it('gives a route its router and a gateway route its gateway, by name in the model', () => {
    const { mesh } = shop();
    const graph = graphOf(mesh);
    expect(graph.members('route').map((m) => m.model.virtualRouterName)).toEqual(['catalog', 'catalog', 'catalog']);
    expect(graph.members('gatewayRoute').map((m) => m.model.virtualGatewayName)).toEqual(['ingress']);
  });

  it('orders a router\'s routes as App Mesh does: by priority, unset last, then as defined', () => {
    const { mesh } = shop();
    const graph = graphOf(mesh);
    const router = graph.get<never>('virtualRouter', 'catalog')!;
    expect(graph.routesOf(router).map((r) => r.name)).toEqual(['one', 'five', 'fallback']);
  });

  it('orders routes of equal or no priority by the length of their path prefix, longest first, then as defined', () => {
    const { mesh, v1 } = shop();
    const router = mesh.addVirtualRouter('Prefixes', { virtualRouterName: 'prefixes' });
    const add = (name: string, prefix: string, priority?: number) => router.addRoute(name, {
      routeName: name, routeSpec: RouteSpec.http({ priority, match: { path: HttpRoutePathMatch.startsWith(prefix) } }),
    }).to(v1);
    add('root', '/');
    add('api', '/api');
    add('api-v2', '/api/v2');
    add('other-api', '/api');
    add('tied-short', '/a', 7);
    add('tied-long', '/abc', 7);
    const graph = graphOf(mesh);
    expect(graph.routesOf(graph.get<never>('virtualRouter', 'prefixes')!).map((r) => r.name))
      .toEqual(['tied-long', 'tied-short', 'api-v2', 'api', 'other-api', 'root']);
  });

  it('follows each service to its provider and the nodes behind it', () => {
    const { mesh } = shop();
    const graph = graphOf(mesh);
    const catalog = graph.get<never>('virtualService', 'catalog.shop.local')!;
    const cart = graph.get<never>('virtualService', 'cart.shop.local')!;
    expect(graph.providerOf(catalog)?.name).toBe('catalog');
    expect(graph.providerOf(cart)?.name).toBe('cart');
    expect(graph.nodesBehind(catalog).map((n) => n.name)).toEqual(['catalog-v1', 'catalog-v2']);
    expect(graph.nodesBehind(cart).map((n) => n.name)).toEqual(['cart']);
  });

  it('gives a route its weighted targets with their nodes', () => {
    const { mesh } = shop();
    const graph = graphOf(mesh);
    const one = graph.members<never>('route').find((r) => r.name === 'one')!;
    expect(graph.targetsOf(one).map((t) => [t.reference.field, t.node?.name])).toEqual([
      ['spec.httpRoute.action.weightedTargets[0].virtualNode', 'catalog-v1'],
      ['spec.httpRoute.action.weightedTargets[1].virtualNode', 'catalog-v2'],
    ]);
  });

  it('knows each node\'s backends and who calls each node (nodes through backends, gateways through gateway routes)', () => {
    const { mesh } = shop();
    const graph = graphOf(mesh);
    const node = (name: string) => graph.get<never>('virtualNode', name)!;
    expect(graph.backendsOf(node('frontend')).map((s) => s.name)).toEqual(['catalog.shop.local', 'cart.shop.local']);
    expect(graph.callersOf(node('catalog-v2')).map((c) => c.name)).toEqual(['frontend']);
    expect(graph.callersOf(node('cart')).map((c) => c.name)).toEqual(['frontend', 'ingress']);
    expect(graph.callersOf(node('frontend'))).toEqual([]);
  });

  it('keeps tokens as tokens in the model and resolves them on demand (a generated name)', () => {
    const app = testApp();
    const stack = new Stack(app, 'Stack');
    const mesh = new Mesh(stack, 'Mesh', { meshName: 'shop' });
    mesh.addVirtualNode('Generated');
    const member = graphOf(mesh).members('virtualNode')[0];
    expect(member.model.name).toMatch(/\$\{Token\[/);
    expect(member.resolved.name).toBe(member.name);
    expect(member.name).toMatch(/^StackMeshGenerated/);
  });

  it('finds a cross-mesh reference in the other mesh\'s graph', () => {
    const app = testApp();
    const stack = new Stack(app, 'Stack');
    const a = new Mesh(stack, 'A', { meshName: 'a' });
    const b = new Mesh(stack, 'B', { meshName: 'b' });
    const other = new VirtualNode(stack, 'Other', {
      mesh: b,
      virtualNodeName: 'other',
      listeners: [VirtualNodeListener.http()],
      serviceDiscovery: ServiceDiscovery.dns('other.b.local'),
    });
    const router = a.addVirtualRouter('Router', { virtualRouterName: 'r' });
    router.addRoute('Route', { routeSpec: RouteSpec.http() }).to(other);
    const graph = graphOf(a);
    const [target] = graph.targetsOf(graph.members<never>('route')[0]);
    expect(target.node?.path).toBe(other.node.path);
    expect(a.validate().map((d) => d.code)).toEqual(['AMK_TARGET_MESH']);
  });

  it('is built once per synthesis, however many nodes the mesh has (each model is rendered once: the template reads the graph\'s)', () => {
    const { app, v1 } = shop();
    const render = vi.spyOn(v1 as VirtualNode & { _toModel(): unknown }, '_toModel');
    app.synth();
    expect(render).toHaveBeenCalledTimes(1);
    // A second synthesis builds a new graph (the mesh may have changed): again a constant, not once per node.
    app.synth({ force: true });
    expect(render.mock.calls.length).toBeGreaterThan(1);
    expect(render.mock.calls.length).toBeLessThanOrEqual(2);
  });

  it('is built once per mesh per synthesis, with every file output on (Envoy both modes, ECS task definitions)', () => {
    const { app, stack, mesh, frontend, cart } = shop();
    const other = new Mesh(stack, 'Other', { meshName: 'other' });
    other.addVirtualNode('Lone', { virtualNodeName: 'lone', serviceDiscovery: ServiceDiscovery.dns('lone.other.local'), listeners: [VirtualNodeListener.http()] });
    new MeshTaskDefinition(stack, 'FrontendTask', { virtualNode: frontend, appContainers: [{ name: 'app', image: 'app', ports: [8080] }] });
    new MeshTaskDefinition(stack, 'CartTask', { virtualNode: cart, envoyMode: EnvoyMode.STANDALONE, appContainers: [{ name: 'app', image: 'app', ports: [8080] }] });
    const builds = vi.spyOn(MeshGraph, 'build');
    const assembly = app.synth();
    // At most one graph per mesh (a graph built before the synthesis, with no change since, is reused).
    const built = builds.mock.calls.map(([registry]) => registry);
    expect(built.filter((r) => r === MeshRegistry.of(mesh)).length).toBeLessThanOrEqual(1);
    expect(built.filter((r) => r === MeshRegistry.of(other)).length).toBeLessThanOrEqual(1);
    expect(built.length).toBeLessThanOrEqual(2);
    // After a synthesis the graphs are out of date: the next one builds each mesh's graph once again.
    builds.mockClear();
    app.synth({ force: true });
    expect(builds.mock.calls.map(([registry]) => registry)).toEqual([MeshRegistry.of(mesh), MeshRegistry.of(other)]);
    expect(fs.readdirSync(path.join(assembly.directory, 'ecs', 'shop')).sort()).toEqual(['cart.taskdef.json', 'frontend.taskdef.json']);
    expect(fs.readdirSync(path.join(assembly.directory, 'envoy', 'shop'))).toHaveLength(10);
    builds.mockRestore();
  });

  it('is read linearly by a synthesis with every file output on: twice the services, about twice the lookups', () => {
    // The benchmark's ring: node i calls service i+1, route i sends 90/10 to nodes i and i+1.
    const lookupsFor = (n: number): number => {
      const stack = new Stack(assemblyApp(), 'Stack', { env: { account: '111111111111', region: 'eu-west-1' } });
      const mesh = new Mesh(stack, 'Mesh', { meshName: 'ring' });
      const nodes = Array.from({ length: n }, (_, i) => mesh.addVirtualNode(`Node${i}`, {
        virtualNodeName: `node-${i}`, serviceDiscovery: ServiceDiscovery.dns(`node-${i}.ring.local`), listeners: [VirtualNodeListener.http()],
      }));
      const services = nodes.map((node, i) => {
        const router = mesh.addVirtualRouter(`Router${i}`, { virtualRouterName: `router-${i}` });
        router.addRoute('Route', { routeName: `route-${i}`, routeSpec: RouteSpec.http() }).to(node).canary(nodes[(i + 1) % n], 10);
        return mesh.addVirtualService(`Service${i}`, { virtualServiceName: `svc-${i}.ring.local`, provider: VirtualServiceProvider.virtualRouter(router) });
      });
      nodes.forEach((node, i) => node.addBackend(Backend.virtualService(services[(i + 1) % n])));
      const lookups = vi.spyOn(MeshGraph.prototype, 'get');
      (stack.node.root as ReturnType<typeof assemblyApp>).synth();
      const count = lookups.mock.calls.length;
      lookups.mockRestore();
      return count;
    };
    const small = lookupsFor(20);
    const large = lookupsFor(40);
    expect(small).toBeGreaterThan(0);
    // A reader that asks every node about every service (quadratic) makes this 4x.
    expect(large / small).toBeLessThan(2.3);
  });

  it('is built anew for each Mesh.validate() call, so later changes count', () => {
    const { mesh, frontend } = shop();
    expect(mesh.validate()).toEqual([]);
    frontend.addListener(VirtualNodeListener.http({ port: 8080 }));
    expect(mesh.validate().map((d) => d.code)).toEqual(['AMK_DUPLICATE_PORT']);
  });
});
