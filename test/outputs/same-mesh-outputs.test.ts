import * as fs from 'node:fs';
import * as path from 'node:path';
import { App, Stack, Stage } from 'aws-cdk-lib';
import { describe, expect, it, vi } from 'vitest';
import {
  Backend, EnvoyConfig, EnvoyMode, IMesh, Mesh, MeshSnapshot, MeshTaskDefinition, MigrationReport, RouteSpec, ServiceConnectConfig, ServiceDiscovery,
  VirtualGatewayListener, VirtualNode, VirtualNodeListener, VirtualService, VirtualServiceProvider,
} from '../../lib';
import { MeshGraph } from '../../lib/model/mesh-graph';
import { expectSynthError } from '../support/fixtures';
import { assemblyApp } from '../support/synth';

/* eslint-disable @typescript-eslint/no-explicit-any */

const PLATFORM = { account: '111122223333', region: 'us-east-1' };

/** A node with an HTTP listener, in a mesh object (the mesh itself or an import of it). */
function addNode(mesh: IMesh, id: string, name: string) {
  return mesh.addVirtualNode(id, {
    virtualNodeName: name,
    serviceDiscovery: ServiceDiscovery.dns(`${name}.shop.local`),
    listeners: [VirtualNodeListener.http({ port: 8080 })],
  });
}

/** Every file of the assembly below `dir`, relative to the assembly, sorted. */
function filesUnder(outdir: string, dir: string): string[] {
  const root = path.join(outdir, dir);
  if (!fs.existsSync(root)) return [];
  return (fs.readdirSync(root, { recursive: true }) as string[])
    .filter((f) => fs.statSync(path.join(root, f)).isFile()).map((f) => `${dir}/${f}`).sort();
}

const readJson = (outdir: string, file: string): any => JSON.parse(fs.readFileSync(path.join(outdir, file), 'utf8'));

/** The construct paths the migration report has rows for, in their order. */
const reportedPaths = (outdir: string, file: string): string[] =>
  [...new Set(readJson(outdir, file).rows.map((r: any) => r.constructPath))] as string[];

/** The info notes on a construct in its stack's manifest metadata. */
function infosOn(outdir: string, artifactId: string, constructPath: string): string[] {
  const artifact = readJson(outdir, 'manifest.json').artifacts[artifactId];
  const metadata = { ...artifact.metadata, ...(artifact.additionalMetadataFile ? readJson(outdir, artifact.additionalMetadataFile) : {}) };
  return (metadata[`/${constructPath}`] ?? []).filter((e: any) => e.type === 'aws:cdk:info' && String(e.data).startsWith('another mesh'))
    .map((e: any) => String(e.data));
}

/**
 * The `shop` mesh defined in one stack and imported by name in another (`env` for both), each with
 * its own nodes and services: one App Mesh mesh seen through two mesh objects.
 */
function meshAndImport(app: App, importEnv = PLATFORM) {
  const platform = new Stack(app, 'Platform', { env: PLATFORM });
  const team = new Stack(app, 'Team', { env: importEnv });
  const mesh = new Mesh(platform, 'Mesh', { meshName: 'shop' });
  const orders = addNode(mesh, 'Orders', 'orders');
  mesh.addVirtualService('OrdersService', { virtualServiceName: 'orders.shop.local', provider: VirtualServiceProvider.virtualNode(orders) });
  const imported = Mesh.fromMeshName(team, 'Shop', 'shop');
  const payments = addNode(imported, 'Payments', 'payments');
  const router = imported.addVirtualRouter('Router', { virtualRouterName: 'payments-router', listeners: [] });
  router.addRoute('Route', { routeName: 'payments', routeSpec: RouteSpec.http() }).to(payments);
  imported.addVirtualService('PaymentsService', {
    virtualServiceName: 'payments.shop.local', provider: VirtualServiceProvider.virtualRouter(router),
  });
  return { platform, team, mesh, imported };
}

describe('one App Mesh mesh seen through several mesh objects of one app', () => {
  it('writes one migration report and one Lattice plan that cover every resource of the mesh', () => {
    const app = assemblyApp();
    meshAndImport(app);
    const outdir = app.synth().directory;
    expect(filesUnder(outdir, 'migration')).toEqual(['migration/shop.json', 'migration/shop.md']);
    expect(reportedPaths(outdir, 'migration/shop.json')).toEqual(expect.arrayContaining([
      'Platform/Mesh', 'Platform/Mesh/Orders', 'Platform/Mesh/OrdersService', 'Team/Shop/Payments', 'Team/Shop/Router/Route', 'Team/Shop/PaymentsService',
    ]));
    const markdown = fs.readFileSync(path.join(outdir, 'migration/shop.md'), 'utf8');
    expect(markdown).toContain('| virtualNode orders |');
    expect(markdown).toContain('| virtualNode payments |');
    expect(filesUnder(outdir, 'lattice')).toEqual(['lattice/shop.json']);
    const lattice = readJson(outdir, 'lattice/shop.json');
    expect(lattice.services.map((s: any) => s.virtualService)).toEqual(['orders.shop.local', 'payments.shop.local']);
    expect(lattice.region).toBe(PLATFORM.region);
  });

  it('is one mesh for stacks without an environment too, and for an import by ARN from another account (a shared mesh)', () => {
    const agnostic = assemblyApp();
    const platform = new Stack(agnostic, 'Platform');
    addNode(new Mesh(platform, 'Mesh', { meshName: 'shop' }), 'Orders', 'orders');
    addNode(Mesh.fromMeshName(new Stack(agnostic, 'Team'), 'Shop', 'shop'), 'Payments', 'payments');
    const outdir = agnostic.synth().directory;
    expect(filesUnder(outdir, 'migration')).toEqual(['migration/shop.json', 'migration/shop.md']);
    expect(reportedPaths(outdir, 'migration/shop.json')).toEqual(['Platform/Mesh', 'Platform/Mesh/Orders', 'Team/Shop/Payments']);

    const shared = assemblyApp();
    addNode(new Mesh(new Stack(shared, 'Platform', { env: PLATFORM }), 'Mesh', { meshName: 'shop' }), 'Orders', 'orders');
    const team = new Stack(shared, 'Team', { env: { account: '444455556666', region: PLATFORM.region } });
    addNode(Mesh.fromMeshArn(team, 'Shop', `arn:aws:appmesh:${PLATFORM.region}:${PLATFORM.account}:mesh/shop`), 'Payments', 'payments');
    const sharedOut = shared.synth().directory;
    expect(filesUnder(sharedOut, 'lattice')).toEqual(['lattice/shop.json']);
    expect(reportedPaths(sharedOut, 'migration/shop.json')).toEqual(['Platform/Mesh', 'Platform/Mesh/Orders', 'Team/Shop/Payments']);
  });

  it('MigrationReport.of either mesh object reports the whole mesh, as the synthesized report does', () => {
    const app = assemblyApp();
    const { mesh, imported } = meshAndImport(app);
    const paths = (m: IMesh) => [...new Set(MigrationReport.of(m).rows.map((r) => r.constructPath))];
    expect(paths(imported)).toEqual(paths(mesh));
    expect(paths(mesh)).toEqual(expect.arrayContaining(['Platform/Mesh/Orders', 'Team/Shop/Payments']));
    const outdir = app.synth().directory;
    expect(reportedPaths(outdir, 'migration/shop.json')).toEqual(paths(mesh));
  });

  it('reads one graph of the whole mesh per synthesis, however many outputs and resources read it', () => {
    const app = assemblyApp();
    meshAndImport(app);
    const unions = vi.spyOn(MeshGraph, 'union');
    app.synth();
    const graphs = new Set(unions.mock.results.map((r) => r.value));
    expect(unions).toHaveBeenCalled();
    expect(graphs.size).toBe(1);
    expect([...graphs][0].members().map((m: any) => m.path)).toEqual(expect.arrayContaining(['Platform/Mesh/Orders', 'Team/Shop/Payments']));
    unions.mockRestore();
  });

  it('writes the node files of every mesh object into the one folder of the mesh', () => {
    const app = assemblyApp();
    meshAndImport(app);
    const outdir = app.synth().directory;
    expect(filesUnder(outdir, 'envoy')).toEqual([
      'envoy/shop/orders.appmesh.yaml', 'envoy/shop/orders.standalone.yaml', 'envoy/shop/payments.appmesh.yaml', 'envoy/shop/payments.standalone.yaml',
    ]);
    expect(filesUnder(outdir, 'service-connect')).toEqual(['service-connect/shop/orders.json', 'service-connect/shop/payments.json']);
  });

  it('a node and a gateway of one name (App Mesh allows it) keep their own Envoy and ECS files, in one mesh object or across two', () => {
    const app = assemblyApp();
    const { mesh, imported } = meshAndImport(app);
    // A gateway named like a node of the same object, and one named like a node of the other object.
    mesh.addVirtualGateway('OrdersGateway', { virtualGatewayName: 'orders', listeners: [VirtualGatewayListener.http({ port: 8080 })] });
    const edge = imported.addVirtualGateway('PaymentsGateway', { virtualGatewayName: 'payments', listeners: [VirtualGatewayListener.http({ port: 8080 })] });
    new MeshTaskDefinition(edge, 'GatewayTask', { virtualGateway: edge });
    const payments = imported.node.scope!.node.findAll().find((c) => c instanceof VirtualNode && c.virtualNodeName === 'payments') as VirtualNode;
    new MeshTaskDefinition(payments, 'Task', { virtualNode: payments, appContainers: [{ name: 'app', image: 'app:1', ports: [8080] }] });
    const outdir = app.synth().directory;
    expect(filesUnder(outdir, 'envoy')).toEqual([
      'envoy/shop/orders.appmesh.yaml', 'envoy/shop/orders.standalone.yaml',
      'envoy/shop/orders.virtual-gateway.appmesh.yaml', 'envoy/shop/orders.virtual-gateway.standalone.yaml',
      'envoy/shop/payments.appmesh.yaml', 'envoy/shop/payments.standalone.yaml',
      'envoy/shop/payments.virtual-gateway.appmesh.yaml', 'envoy/shop/payments.virtual-gateway.standalone.yaml',
    ]);
    expect(filesUnder(outdir, 'ecs')).toEqual(['ecs/shop/payments.taskdef.json', 'ecs/shop/payments.virtual-gateway.taskdef.json']);
    const containers = (file: string) => readJson(outdir, file).containerDefinitions.map((c: any) => c.name);
    expect(containers('ecs/shop/payments.taskdef.json')).toContain('app');
    expect(containers('ecs/shop/payments.virtual-gateway.taskdef.json')).toEqual(['envoy']);
    expect(fs.readFileSync(path.join(outdir, 'envoy/shop/orders.virtual-gateway.appmesh.yaml'), 'utf8')).toContain('mesh/shop/virtualGateway/orders');
    expect(fs.readFileSync(path.join(outdir, 'envoy/shop/orders.appmesh.yaml'), 'utf8')).toContain('mesh/shop/virtualNode/orders');
  });

  it('a node of one mesh object calling a service of another is compiled against the whole mesh (plain Envoy, tasks, Service Connect)', () => {
    const app = assemblyApp();
    const { team, imported } = meshAndImport(app);
    // Checkout is defined through the import and calls orders.shop.local, which the Mesh itself defines.
    const checkout = imported.addVirtualNode('Checkout', {
      virtualNodeName: 'checkout',
      serviceDiscovery: ServiceDiscovery.dns('checkout.shop.local'),
      listeners: [VirtualNodeListener.http({ port: 8080 })],
      backends: [Backend.virtualService(VirtualService.fromVirtualServiceAttributes(team, 'Orders', { mesh: imported, virtualServiceName: 'orders.shop.local' }))],
    });
    new MeshTaskDefinition(team, 'CheckoutTask', {
      virtualNode: checkout, envoyMode: EnvoyMode.STANDALONE, appContainers: [{ name: 'app', image: 'app:1', ports: [8080] }],
    });
    const outdir = app.synth().directory;
    const config = fs.readFileSync(path.join(outdir, 'envoy/shop/checkout.standalone.yaml'), 'utf8');
    expect(config).toContain('orders.shop.local');
    expect(EnvoyConfig.standalone(checkout).toYaml()).toEqual(config);
    const task = readJson(outdir, 'ecs/shop/checkout.taskdef.json');
    expect(task.containerDefinitions.find((c: any) => c.name === 'envoy').command.join('\n')).toContain('orders.shop.local');
    expect(ServiceConnectConfig.forVirtualNode(checkout).toJson()).toBeDefined();
  });

  it('a snapshot of either mesh object holds the templates of both stacks and the mesh\'s files', () => {
    const app = assemblyApp();
    const { mesh, imported } = meshAndImport(app);
    const expected = [
      'Platform.template.json', 'Team.template.json',
      'envoy/shop/orders.appmesh.yaml', 'envoy/shop/orders.standalone.yaml', 'envoy/shop/payments.appmesh.yaml', 'envoy/shop/payments.standalone.yaml',
      'lattice/shop.json', 'migration/shop.json', 'migration/shop.md', 'service-connect/shop/orders.json', 'service-connect/shop/payments.json',
    ];
    expect(MeshSnapshot.ofMesh(mesh).fileNames).toEqual(expected);
    expect(MeshSnapshot.ofMesh(imported).fileNames).toEqual(expected);
  });

  it('writes the same bytes, in the same files, for the same app', () => {
    const contents = () => {
      const app = assemblyApp();
      meshAndImport(app);
      const outdir = app.synth().directory;
      return ['migration', 'lattice', 'envoy', 'service-connect'].flatMap((dir) => filesUnder(outdir, dir))
        .map((file) => [file, fs.readFileSync(path.join(outdir, file), 'utf8')]);
    };
    expect(contents()).toEqual(contents());
  });

  it('fails the synthesis when two mesh objects of the mesh define a node of the same name, naming both', () => {
    const app = assemblyApp();
    const { imported } = meshAndImport(app);
    const again = addNode(imported, 'Orders', 'orders');
    const message = expectSynthError(app, { code: 'AMK_DUPLICATE_NAME', at: again, field: 'virtualNodeName' });
    expect(message).toContain('Platform/Mesh/Orders');
  });

  it('keeps two different meshes that share a name apart: each one\'s files are named after its account and Region', () => {
    const app = assemblyApp();
    const { mesh, platform } = meshAndImport(app, { account: PLATFORM.account, region: 'eu-west-1' });
    const outdir = app.synth().directory;
    expect(filesUnder(outdir, 'migration')).toEqual([
      'migration/shop.111122223333.eu-west-1.json', 'migration/shop.111122223333.eu-west-1.md',
      'migration/shop.111122223333.us-east-1.json', 'migration/shop.111122223333.us-east-1.md',
    ]);
    expect(reportedPaths(outdir, 'migration/shop.111122223333.us-east-1.json')).toEqual(['Platform/Mesh', 'Platform/Mesh/Orders', 'Platform/Mesh/OrdersService']);
    expect(reportedPaths(outdir, 'migration/shop.111122223333.eu-west-1.json')).not.toContain('Platform/Mesh/Orders');
    expect(filesUnder(outdir, 'lattice')).toEqual(['lattice/shop.111122223333.eu-west-1.json', 'lattice/shop.111122223333.us-east-1.json']);
    expect(filesUnder(outdir, 'envoy')).toEqual([
      'envoy/shop.111122223333.eu-west-1/payments.appmesh.yaml', 'envoy/shop.111122223333.eu-west-1/payments.standalone.yaml',
      'envoy/shop.111122223333.us-east-1/orders.appmesh.yaml', 'envoy/shop.111122223333.us-east-1/orders.standalone.yaml',
    ]);
    expect(MeshSnapshot.ofStack(platform).fileNames).toEqual(['Platform.template.json',
      'envoy/shop.111122223333.us-east-1/orders.appmesh.yaml', 'envoy/shop.111122223333.us-east-1/orders.standalone.yaml',
      'lattice/shop.111122223333.us-east-1.json', 'migration/shop.111122223333.us-east-1.json', 'migration/shop.111122223333.us-east-1.md',
      'service-connect/shop.111122223333.us-east-1/orders.json']);
    // Each mesh says in a note where its files went, and why.
    expect(infosOn(outdir, 'Platform', mesh.node.path)).toEqual([expect.stringContaining(
      'another mesh of this app is named shop too: the files of this one are named shop.111122223333.us-east-1')]);
  });

  it('fails the synthesis when two Mesh constructs define the same mesh in one account and Region', () => {
    const app = assemblyApp();
    const first = new Mesh(new Stack(app, 'A', { env: PLATFORM }), 'Mesh', { meshName: 'shop' });
    const second = new Mesh(new Stack(app, 'B', { env: PLATFORM }), 'Mesh', { meshName: 'shop' });
    const message = expectSynthError(app, { code: 'AMK_DUPLICATE_NAME', at: second, field: 'meshName' });
    expect(message).toContain(`${first.node.path} already defines this mesh in account ${PLATFORM.account}, Region ${PLATFORM.region}`);
    expect(message).not.toContain('AMK_DUPLICATE_NAME A/Mesh');
  });

  it('two Mesh constructs of one name in two Regions are two meshes: each writes its files under its Region', () => {
    const app = assemblyApp();
    addNode(new Mesh(new Stack(app, 'East', { env: PLATFORM }), 'Mesh', { meshName: 'shop' }), 'Orders', 'orders');
    addNode(new Mesh(new Stack(app, 'West', { env: { ...PLATFORM, region: 'us-west-2' } }), 'Mesh', { meshName: 'shop' }), 'Orders', 'orders');
    const outdir = app.synth().directory;
    expect(filesUnder(outdir, 'envoy')).toEqual([
      'envoy/shop.111122223333.us-east-1/orders.appmesh.yaml', 'envoy/shop.111122223333.us-east-1/orders.standalone.yaml',
      'envoy/shop.111122223333.us-west-2/orders.appmesh.yaml', 'envoy/shop.111122223333.us-west-2/orders.standalone.yaml',
    ]);
    expect(readJson(outdir, 'lattice/shop.111122223333.us-west-2.json').region).toBe('us-west-2');
  });

  it('a mesh of another Stage is another cloud assembly: its files never mix with this one\'s', () => {
    const app = assemblyApp();
    meshAndImport(app);
    const other = new Stack(new Stage(app, 'Other'), 'Stack', { env: PLATFORM });
    addNode(Mesh.fromMeshName(other, 'Shop', 'shop'), 'Reports', 'reports');
    const assembly = app.synth();
    expect(reportedPaths(assembly.directory, 'migration/shop.json')).not.toContain('Other/Stack/Shop/Reports');
    const nested = assembly.getNestedAssembly('assembly-Other').directory;
    expect(reportedPaths(nested, 'migration/shop.json')).toEqual(['Other/Stack/Shop/Reports']);
  });
});
