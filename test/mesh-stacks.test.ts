import * as fs from 'node:fs';
import * as path from 'node:path';
import { App, Duration, Stack } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { describe, expect, it } from 'vitest';
import {
  Backend,
  GatewayRouteSpec,
  HealthCheck,
  HttpRoutePathMatch,
  Mesh,
  MeshStacks,
  MeshTaskDefinition,
  RouteSpec,
  ServiceDiscovery,
  VirtualGateway,
  VirtualGatewayListener,
  VirtualNode,
  VirtualNodeListener,
  VirtualRouter,
  VirtualRouterListener,
  VirtualService,
  VirtualServiceProvider,
} from '../lib';
import { APP } from './outputs/ecs/helpers';
import { ENV, expectSynthError, thrownBy } from './support/fixtures';
import { assemblyApp, TEMPLATE_OUTPUT_DIR } from './support/synth';

/* eslint-disable @typescript-eslint/no-explicit-any */

/** Where each part of the chain mesh is built: one stack, or the scopes of a spread. */
interface ChainScopes {
  readonly mesh: Mesh;
  nodeScope(key: string): Construct;
  routingScope(key: string): Construct;
  gatewayScope(key: string): Construct;
}

/**
 * The benchmark's mesh: service i has a virtual node (DNS, HTTP:8080 with a health check, a
 * backend to service i+1), a router whose route sends 90/10 to nodes i and i+1, and a virtual
 * service; plus an ingress gateway routing to the first services, and a task definition for node 0.
 */
function buildChain(scopes: ChainScopes, n: number): void {
  const { mesh } = scopes;
  const key = (i: number) => `svc-${i}`;
  const nodes: VirtualNode[] = [];
  for (let i = 0; i < n; i++) {
    nodes.push(new VirtualNode(scopes.nodeScope(key(i)), 'Node', {
      mesh,
      virtualNodeName: `node-${i}`,
      serviceDiscovery: ServiceDiscovery.dns(`node-${i}.chain.local`),
      listeners: [VirtualNodeListener.http({
        port: 8080,
        healthCheck: HealthCheck.http({
          path: '/health', healthyThreshold: 2, unhealthyThreshold: 3, interval: Duration.seconds(5), timeout: Duration.seconds(2),
        }),
      })],
    }));
  }
  new MeshTaskDefinition(scopes.nodeScope(key(0)), 'Task', { virtualNode: nodes[0], appContainers: [{ ...APP, ports: [8080] }] });
  const services: VirtualService[] = [];
  for (let i = 0; i < n; i++) {
    const scope = scopes.routingScope(key(i));
    const router = new VirtualRouter(scope, 'Router', { mesh, virtualRouterName: `router-${i}`, listeners: [VirtualRouterListener.http(8080)] });
    router.addRoute('Route', {
      routeName: `route-${i}`,
      routeSpec: RouteSpec.http({
        match: { path: HttpRoutePathMatch.startsWith('/') },
        weightedTargets: [{ virtualNode: nodes[i], weight: 90 }, { virtualNode: nodes[(i + 1) % n], weight: 10 }],
      }),
    });
    services.push(new VirtualService(scope, 'Service', {
      mesh, virtualServiceName: `svc-${i}.chain.local`, provider: VirtualServiceProvider.virtualRouter(router),
    }));
  }
  nodes.forEach((node, i) => node.addBackend(Backend.virtualService(services[(i + 1) % n])));
  const gateway = new VirtualGateway(scopes.gatewayScope('ingress'), 'Gateway', {
    mesh, virtualGatewayName: 'ingress', listeners: [VirtualGatewayListener.http({ port: 8080 })],
  });
  for (let i = 0; i < Math.min(n, 3); i++) {
    gateway.addGatewayRoute(`To${i}`, {
      gatewayRouteName: `to-${i}`,
      routeSpec: GatewayRouteSpec.http({ routeTarget: services[i], match: { path: HttpRoutePathMatch.startsWith(`/svc-${i}/`) } }),
    });
  }
}

function singleStack(app: App, n: number): Stack {
  const stack = new Stack(app, 'Chain', { env: ENV });
  const mesh = new Mesh(stack, 'Mesh', { meshName: 'chain' });
  // The spread's construct paths but for the stacks' bucket suffixes: Chain/Nodes/svc-7/Node.
  const scopeFor = (layer: string) => {
    const parent = new Construct(stack, layer);
    return (key: string) => (parent.node.tryFindChild(key) as Construct | undefined) ?? new Construct(parent, key);
  };
  buildChain({ mesh, nodeScope: scopeFor('Nodes'), routingScope: scopeFor('Routing'), gatewayScope: scopeFor('Gateways') }, n);
  return stack;
}

function spread(app: App, n: number, servicesPerStack?: number): MeshStacks {
  const stacks = new MeshStacks(app, 'Chain', { meshProps: { meshName: 'chain' }, stackProps: { env: ENV }, servicesPerStack });
  buildChain(stacks, n);
  return stacks;
}

/** Every file under a folder, relative path to contents. */
function filesUnder(root: string): Map<string, string> {
  const files = new Map<string, string>();
  for (const relative of fs.readdirSync(root, { recursive: true, encoding: 'utf8' }).sort()) {
    const file = path.join(root, relative);
    if (fs.statSync(file).isFile()) files.set(relative, fs.readFileSync(file, 'utf8'));
  }
  return files;
}

/** The App Mesh resources of templates as `Type Properties` lines, sorted: what CloudFormation creates, wherever it sits. */
function appMeshResources(templates: any[]): string[] {
  return templates.flatMap((t) => Object.values<any>(t.Resources ?? {}))
    .filter((r) => r.Type.startsWith('AWS::AppMesh::'))
    .map((r) => `${r.Type} ${JSON.stringify(r.Properties)}`)
    .sort();
}

function templatesOf(app: App, stacks: Stack[]): any[] {
  return stacks.map((s) => JSON.parse(fs.readFileSync(path.join(app.outdir, s.templateFile), 'utf8')));
}

describe('MeshStacks: a 1,000-service mesh over as many stacks as it needs', () => {
  const N = 1000;
  const spreadApp = assemblyApp();
  const spreadMesh = spread(spreadApp, N);
  const spreadAssembly = spreadApp.synth();
  const spreadTemplates = templatesOf(spreadApp, spreadMesh.stacks);

  // The same mesh in one stack: CloudFormation would refuse it, so the resource limit is off for the comparison.
  const singleApp = assemblyApp({ '@aws-cdk/core:stackResourceLimit': 0 });
  const single = singleStack(singleApp, N);
  singleApp.synth();
  const singleTemplate = templatesOf(singleApp, [single])[0];

  it('keeps every stack well under 500 resources and 1,000,000 template bytes, and writes them for cfn-lint', () => {
    expect(spreadMesh.stacks.length).toBeGreaterThan(8);
    fs.mkdirSync(TEMPLATE_OUTPUT_DIR, { recursive: true });
    spreadMesh.stacks.forEach((stack, i) => {
      const text = fs.readFileSync(path.join(spreadApp.outdir, stack.templateFile), 'utf8');
      expect(Object.keys(spreadTemplates[i].Resources).length, stack.node.path).toBeLessThanOrEqual(400);
      expect(text.length, stack.node.path).toBeLessThan(800_000);
      fs.writeFileSync(path.join(TEMPLATE_OUTPUT_DIR, `mesh-stacks-${stack.artifactId}.template.json`), text);
    });
  });

  it('creates exactly the App Mesh resources of the single-stack mesh', () => {
    const spreadResources = appMeshResources(spreadTemplates);
    expect(spreadResources).toHaveLength(4 * N + 1 + 1 + 3);
    expect(spreadResources).toEqual(appMeshResources([singleTemplate]));
  });

  it('writes the same Envoy, ECS, Service Connect, Lattice and migration files as the single-stack mesh, byte for byte', () => {
    for (const output of ['envoy', 'ecs', 'service-connect', 'lattice', 'migration']) {
      const spreadFiles = filesUnder(path.join(spreadApp.outdir, output));
      const singleFiles = filesUnder(path.join(singleApp.outdir, output));
      expect(spreadFiles.size, output).toBeGreaterThan(0);
      expect([...spreadFiles.keys()]).toEqual([...singleFiles.keys()]);
      // Only construct paths may differ: a spread stack's id carries its bucket (Chain/Nodes-01/svc-7/Node), and the mesh has a stack.
      const samePaths = (text: string) => text.replace(/Chain\/(Nodes|Routing|Gateways)-[01]+\//g, 'Chain/$1/').replace(/Chain\/Mesh\/Mesh/g, 'Chain/Mesh');
      for (const [file, text] of spreadFiles) expect(samePaths(text), file).toBe(singleFiles.get(file));
    }
    expect(filesUnder(path.join(spreadApp.outdir, 'envoy')).size).toBe(2 * (N + 1));
  });

  it('exports nothing: stacks name each other\'s resources, and only stack dependencies order them', () => {
    for (const template of spreadTemplates) {
      expect(template.Outputs ?? {}).toEqual({});
      expect(JSON.stringify(template)).not.toContain('Fn::ImportValue');
    }
  });

  it('orders the layers: nodes after the mesh, routing after the nodes it targets, gateways after the services', () => {
    const layerOf = (s: Stack) => s.node.id.split('-')[0];
    const order: Record<string, number> = { Mesh: 0, Nodes: 1, Routing: 2, Gateways: 3 };
    for (const stack of spreadMesh.stacks.slice(1)) {
      const dependencies = stack.dependencies;
      expect(dependencies, stack.node.path).toContain(spreadMesh.meshStack);
      for (const dependency of dependencies) expect(order[layerOf(dependency)], stack.node.path).toBeLessThan(order[layerOf(stack)]);
    }
    const routing = spreadMesh.stacks.filter((s) => layerOf(s) === 'Routing');
    expect(routing.every((s) => s.dependencies.some((d) => layerOf(d) === 'Nodes'))).toBe(true);
    const gateways = spreadMesh.stacks.filter((s) => layerOf(s) === 'Gateways');
    expect(gateways).toHaveLength(1);
    expect(gateways[0].dependencies.some((d) => layerOf(d) === 'Routing')).toBe(true);
    // The cloud assembly carries the same order for the cdk CLI.
    const artifact = spreadAssembly.getStackArtifact(gateways[0].artifactId);
    expect(artifact.dependencies.map((d) => d.id)).toContain(spreadMesh.meshStack.artifactId);
  });
});

describe('MeshStacks: placement', () => {
  /** Each service key's stack, per layer. */
  function placement(n: number, servicesPerStack?: number): Map<string, string> {
    const stacks = spread(assemblyApp(), n, servicesPerStack);
    const where = new Map<string, string>();
    for (const stack of stacks.stacks.slice(1)) {
      for (const child of stack.node.children) where.set(`${stack.node.id.split('-')[0]}/${child.node.id}`, stack.node.id);
    }
    return where;
  }

  it('is the same on every run, and appending services moves none of the ones before', () => {
    const before = placement(300, 40);
    expect(placement(300, 40)).toEqual(before);
    const after = placement(320, 40);
    for (const [service, stack] of before) expect(after.get(service), service).toBe(stack);
    expect(new Set(before.values()).size).toBeGreaterThan(5);
  });

  it('puts at most servicesPerStack services in one stack of a layer, and uses one stack per layer for a small mesh', () => {
    const counts = new Map<string, number>();
    for (const stack of placement(300, 40).values()) counts.set(stack, (counts.get(stack) ?? 0) + 1);
    for (const [stack, count] of counts) expect(count, stack).toBeLessThanOrEqual(40);
    expect(new Set(placement(5).values())).toEqual(new Set(['Nodes', 'Routing', 'Gateways']));
  });

  it('prefixes a given stack name to each stack\'s name', () => {
    const stacks = new MeshStacks(assemblyApp(), 'Shop', { stackProps: { stackName: 'shop-mesh' } });
    new VirtualNode(stacks.nodeScope('catalog'), 'Node', { mesh: stacks.mesh });
    expect(stacks.stacks.map((s) => s.stackName)).toEqual(['shop-mesh-Mesh', 'shop-mesh-Nodes']);
  });
});

describe('MeshStacks: findings', () => {
  it('AMK_SPREAD_LAYER: a route and its router in the nodes layer could make stacks depend on each other', () => {
    const app = assemblyApp();
    const stacks = new MeshStacks(app, 'Shop', { stackProps: { env: ENV } });
    const node = new VirtualNode(stacks.nodeScope('catalog'), 'Node', { mesh: stacks.mesh });
    const router = new VirtualRouter(stacks.nodeScope('catalog'), 'Router', { mesh: stacks.mesh, listeners: [VirtualRouterListener.http(8080)] });
    router.addRoute('Route', { routeSpec: RouteSpec.http({ weightedTargets: [{ virtualNode: node }] }) });
    const message = expectSynthError(app,
      { code: 'AMK_SPREAD_LAYER', at: router, field: 'scope' },
      { code: 'AMK_SPREAD_LAYER', at: router.node.findChild('Route'), field: 'scope' });
    expect(message).toContain('create it in MeshStacks.routingScope(key)');
    expect(message).not.toContain(`AMK_SPREAD_LAYER ${node.node.path}`);
  });

  it('AMK_SPREAD_CAPACITY: servicesPerStack is a whole number from 1 to 500 (both bounds accepted)', () => {
    for (const ok of [1, 500]) {
      const app = assemblyApp();
      spread(app, 3, ok);
      expect(() => app.synth()).not.toThrow();
    }
    for (const bad of [0, 501, 2.5]) {
      const app = assemblyApp();
      const stacks = spread(app, 3, bad);
      expect(expectSynthError(app, { code: 'AMK_SPREAD_CAPACITY', at: stacks, field: 'servicesPerStack' })).toContain('whole number');
    }
  });

  it('AMK_SPREAD_SERVICE_KEY: a service key is a non-empty string without "/", thrown when the scope is asked for', () => {
    const stacks = new MeshStacks(assemblyApp(), 'Shop');
    for (const bad of ['', 'a/b', undefined as unknown as string, 7 as unknown as string]) {
      const error = thrownBy(() => stacks.routingScope(bad));
      expect(error.message).toContain('AMK_SPREAD_SERVICE_KEY');
      expect(error.message).toContain('routingScope(serviceKey)');
    }
    expect(stacks.routingScope('a')).toBe(stacks.routingScope('a'));
  });
});

describe('stack quotas, checked before any output is written', () => {
  function nodesInOneStack(count: number, context: Record<string, unknown> = {}, backends = 0): { app: App; stack: Stack } {
    const app = assemblyApp(context);
    const stack = new Stack(app, 'Big', { env: ENV });
    const mesh = new Mesh(stack, 'Mesh', { meshName: 'big' });
    const services = Array.from({ length: backends }, (_, i) => VirtualService.fromVirtualServiceAttributes(stack, `Backend${i}`, {
      mesh, virtualServiceName: `backend-${i}.a-rather-long-domain-name.example.com`,
    }));
    for (let i = 0; i < count; i++) {
      new VirtualNode(stack, `Node${i}`, { mesh, virtualNodeName: `node-${i}`, backends: services.map((s) => Backend.virtualService(s)) });
    }
    return { app, stack };
  }

  it('AMK_STACK_RESOURCE_LIMIT: 501 resources fail with the stack and the numbers, before the Envoy files; 500 synthesize', () => {
    expect(() => nodesInOneStack(499).app.synth()).not.toThrow();
    const { app, stack } = nodesInOneStack(500);
    const message = expectSynthError(app, { code: 'AMK_STACK_RESOURCE_LIMIT', at: stack, field: 'Resources' });
    expect(message).toContain('the stack holds 501 resources (501 of them App Mesh resources); CloudFormation allows 500 in one stack');
    expect(message).toContain('MeshStacks');
    expect(fs.existsSync(path.join(app.outdir, 'envoy'))).toBe(false);
  });

  it('follows aws-cdk-lib\'s resource-limit context: a lower limit counts, 0 turns the checks off', () => {
    const { app, stack } = nodesInOneStack(100, { '@aws-cdk/core:stackResourceLimit': 100 });
    expect(expectSynthError(app, { code: 'AMK_STACK_RESOURCE_LIMIT', at: stack, field: 'Resources' })).toContain('allows 100');
    expect(() => nodesInOneStack(600, { '@aws-cdk/core:stackResourceLimit': 0 }).app.synth()).not.toThrow();
  });

  it('AMK_STACK_TEMPLATE_SIZE: App Mesh resources over 1,000,000 bytes of template fail with their size', () => {
    const { app, stack } = nodesInOneStack(150, {}, 60);
    const message = expectSynthError(app, { code: 'AMK_STACK_TEMPLATE_SIZE', at: stack, field: 'Template' });
    const bytes = Number(/alone take about (\d+) bytes/.exec(message)![1]);
    expect(bytes).toBeGreaterThan(1_000_000);
    // The estimate is close to the template aws-cdk-lib writes for these resources (within 5 %).
    const unchecked = nodesInOneStack(150, { '@aws-cdk/core:stackResourceLimit': 0 }, 60);
    unchecked.app.synth();
    const written = fs.statSync(path.join(unchecked.app.outdir, unchecked.stack.templateFile)).size;
    expect(Math.abs(written - bytes)).toBeLessThan(written / 20);
  });

  it('takes App Mesh resources under 1,000,000 bytes of template: 100 such nodes (about 860,000 bytes) synthesize', () => {
    expect(() => nodesInOneStack(100, {}, 60).app.synth()).not.toThrow();
  });
});
