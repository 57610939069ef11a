import * as fs from 'node:fs';
import * as path from 'node:path';
import { App, CfnOutput, Stack, Stage } from 'aws-cdk-lib';
import * as s3assets from 'aws-cdk-lib/aws-s3-assets';
import { Construct } from 'constructs';
import { describe, expect, it } from 'vitest';
import { Mesh, MeshSnapshot, MeshSnapshotOutput, MeshTaskDefinition, ServiceDiscovery, VirtualNodeListener } from '../../../lib';

const ENV = { account: '111122223333', region: 'us-east-1' };

/** A small mesh with a task definition, and an asset (a hash in the template). */
function shop(app: Construct, id = 'Shop'): { stack: Stack; mesh: Mesh } {
  const stack = new Stack(app, id, { env: ENV });
  const mesh = new Mesh(stack, 'Mesh', { meshName: 'shop' });
  const node = mesh.addVirtualNode('Catalog', {
    virtualNodeName: 'catalog',
    serviceDiscovery: ServiceDiscovery.dns('catalog.shop.local'),
    listeners: [VirtualNodeListener.http({ port: 8080 })],
  });
  new MeshTaskDefinition(stack, 'Task', { virtualNode: node, appContainers: [{ name: 'app', image: 'app:1', ports: [8080] }] });
  const asset = new s3assets.Asset(stack, 'Asset', { path: path.join(__dirname, 'mesh-snapshot.test.ts') });
  new CfnOutput(stack, 'AssetKey', { value: asset.s3ObjectKey });
  return { stack, mesh };
}

describe('MeshSnapshot', () => {
  it('holds the template and the mesh\'s Envoy, ECS, migration and Service Connect files, by their assembly paths', () => {
    const { stack } = shop(new App());
    expect(MeshSnapshot.ofStack(stack).fileNames).toEqual([
      'Shop.template.json',
      'ecs/shop/catalog.taskdef.json',
      'envoy/shop/catalog.appmesh.yaml',
      'envoy/shop/catalog.standalone.yaml',
      'lattice/shop.json',
      'migration/shop.json',
      'migration/shop.md',
      'service-connect/shop/catalog.json',
    ]);
  });

  it('normalizes: asset hashes replaced, keys sorted at every level, CDK\'s analytics resource left out', () => {
    const app = new App({ analyticsReporting: true });
    const { stack } = shop(app);
    const snapshot = MeshSnapshot.ofStack(stack);
    const template = snapshot.file('Shop.template.json');
    expect(template).not.toMatch(/[0-9a-f]{64}/);
    expect(template).toContain('"<hash>.ts"');
    expect(template).not.toContain('CDKMetadata');
    const sortedEverywhere = (value: unknown): boolean => {
      if (Array.isArray(value)) return value.every(sortedEverywhere);
      if (value === null || typeof value !== 'object') return true;
      const keys = Object.keys(value);
      return keys.join('\n') === [...keys].sort().join('\n') && Object.values(value).every(sortedEverywhere);
    };
    expect(sortedEverywhere(JSON.parse(template))).toBe(true);
    expect(sortedEverywhere(JSON.parse(snapshot.file('ecs/shop/catalog.taskdef.json')))).toBe(true);
    // YAML stays YAML, with sorted keys: `admin` first, `staticResources` last.
    const yaml = snapshot.file('envoy/shop/catalog.standalone.yaml');
    expect(yaml.split('\n').filter((line) => /^\S/.test(line))).toEqual(['admin:', 'node:', 'staticResources:']);
  });

  it('is byte-identical for two builds of the same app', () => {
    const first = MeshSnapshot.ofStack(shop(new App()).stack).toString();
    expect(MeshSnapshot.ofStack(shop(new App()).stack).toString()).toBe(first);
    expect(first.split('\n').filter((line) => line.startsWith('=== '))).toHaveLength(8);
  });

  it('replaces unresolved tokens (an environment-agnostic stack\'s account) in what it reads', () => {
    const app = new App();
    const stack = new Stack(app, 'Agnostic');
    new Mesh(stack, 'Mesh', { meshName: 'shop' }).addVirtualNode('Catalog', { virtualNodeName: 'catalog' });
    const snapshot = MeshSnapshot.ofStack(stack);
    expect(snapshot.toString()).not.toMatch(/\$\{Token\[/);
  });

  it('takes only the outputs asked for', () => {
    const { stack } = shop(new App());
    expect(MeshSnapshot.ofStack(stack, { templates: false, outputs: [MeshSnapshotOutput.ECS] }).fileNames)
      .toEqual(['ecs/shop/catalog.taskdef.json']);
    expect(MeshSnapshot.ofStack(stack, { outputs: [] }).fileNames).toEqual(['Shop.template.json']);
  });

  it('includes the files of outputs it does not know by name (any folder with <mesh>/ or <mesh>.json), not another mesh\'s', () => {
    const app = new App();
    const { stack } = shop(app);
    const dir = app.synth().directory;
    fs.mkdirSync(path.join(dir, 'future', 'shop'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'future', 'shop.json'), '{"b":1,"a":2}');
    fs.writeFileSync(path.join(dir, 'future', 'shop', 'catalog.yaml'), 'b: 1\na: 2\n');
    fs.writeFileSync(path.join(dir, 'future', 'other.json'), '{}');
    const snapshot = MeshSnapshot.ofStack(stack, { templates: false });
    expect(snapshot.fileNames.filter((name) => name.startsWith('future/'))).toEqual(['future/shop.json', 'future/shop/catalog.yaml']);
    expect(snapshot.file('future/shop.json')).toBe('{\n  "a": 2,\n  "b": 1\n}\n');
    expect(snapshot.file('future/shop/catalog.yaml')).toBe('a: 2\nb: 1\n');
  });

  it('of a mesh: the templates of every stack with a resource of it, in a nested Stage too', () => {
    const app = new App();
    const { stack, mesh } = shop(app);
    new Stack(app, 'Unrelated', { env: ENV });
    const other = new Stack(app, 'Other', { env: ENV });
    mesh.addVirtualService('catalog.shop.local');
    other.node.addDependency(stack);
    new Mesh(other, 'Mesh', { meshName: 'other' });
    expect(MeshSnapshot.ofMesh(mesh, { outputs: [] }).fileNames).toEqual(['Shop.template.json']);

    const staged = shop(new Stage(new App(), 'Prod'));
    const snapshot = MeshSnapshot.ofMesh(staged.mesh, { outputs: [MeshSnapshotOutput.ENVOY] });
    expect(staged.stack.templateFile).toMatch(/^ProdShop/);
    expect(snapshot.fileNames).toEqual([staged.stack.templateFile, 'envoy/shop/catalog.appmesh.yaml', 'envoy/shop/catalog.standalone.yaml']);
  });

  it('names the files it has when asked for one it does not have', () => {
    const { stack } = shop(new App());
    expect(() => MeshSnapshot.ofStack(stack, { outputs: [] }).file('envoy/shop/catalog.appmesh.yaml'))
      .toThrow('the snapshot has no file envoy/shop/catalog.appmesh.yaml; it has: Shop.template.json');
  });

  it('synthesizes without the built-in CloudFormation validator, even in an app that has it on, and leaves the environment as it was', () => {
    const before = process.env.CDK_VALIDATION;
    const app = new App();
    MeshSnapshot.ofStack(shop(app).stack);
    expect(process.env.CDK_VALIDATION).toBe(before);
    // The validator writes its report (here: W3696 for every App Mesh resource) whenever it runs.
    expect(fs.existsSync(path.join(app.outdir, 'validation-report.json'))).toBe(false);
  });
});
