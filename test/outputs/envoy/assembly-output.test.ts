import * as fs from 'node:fs';
import * as path from 'node:path';
import { App, Stack, StackProps } from 'aws-cdk-lib';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { expectValid } from './helpers';
import {
  Backend, EnvoyConfig, GatewayRouteSpec, HttpGatewayRoutePathMatch, Mesh, RouteSpec, ServiceDiscovery, TlsCertificate, TlsMode,
  VirtualGateway, VirtualGatewayListener, VirtualNode, VirtualNodeListener, VirtualServiceProvider,
} from '../../../lib';
import { ACCOUNT, ENVOY_ENV, ENVOY_REGION as REGION, meshFixture } from '../../support/fixtures';
import { assemblyApp } from '../../support/synth';

/* eslint-disable @typescript-eslint/no-explicit-any */

interface ShopApp {
  readonly app: App;
  readonly stack: Stack;
  readonly mesh: Mesh;
  readonly nodes: VirtualNode[];
  readonly gateway: VirtualGateway;
}

/** Mesh `shop`: catalog-v1 and catalog-v2 behind a router, a frontend calling them, an ingress gateway to the frontend. */
function shopApp(stackProps: StackProps = { env: ENVOY_ENV }, context: Record<string, unknown> = {}): ShopApp {
  const { app, stack, mesh } = meshFixture({}, { app: assemblyApp(context), stackId: 'Shop', env: stackProps.env });
  const node = (name: string, props: object = {}) => mesh.addVirtualNode(name, {
    virtualNodeName: name, serviceDiscovery: ServiceDiscovery.dns(`${name}.shop.local`), listeners: [VirtualNodeListener.http()], ...props,
  });
  const v1 = node('catalog-v1');
  const v2 = node('catalog-v2');
  const router = mesh.addVirtualRouter('Router', { virtualRouterName: 'catalog-router' });
  router.addRoute('Route', { routeSpec: RouteSpec.http() }).to(v1).canary(v2, 10);
  const catalog = mesh.addVirtualService('Catalog', { virtualServiceName: 'catalog.shop.local', provider: VirtualServiceProvider.virtualRouter(router) });
  const frontend = node('frontend', { backends: [Backend.virtualService(catalog)] });
  const site = mesh.addVirtualService('Site', { virtualServiceName: 'frontend.shop.local', provider: VirtualServiceProvider.virtualNode(frontend) });
  const gateway = mesh.addVirtualGateway('Gateway', { virtualGatewayName: 'ingress', listeners: [VirtualGatewayListener.http({ port: 8088 })] });
  gateway.addGatewayRoute('Route', { routeSpec: GatewayRouteSpec.http({ routeTarget: site, match: { path: HttpGatewayRoutePathMatch.startsWith('/') } }) });
  return { app, stack, mesh, nodes: [v1, v2, frontend], gateway };
}

function envoyDir(app: App): string {
  return path.join(app.outdir, 'envoy', 'shop');
}

/** Every file under `<outdir>/envoy`, relative, sorted. */
function envoyFiles(app: App): string[] {
  const root = path.join(app.outdir, 'envoy');
  if (!fs.existsSync(root)) return [];
  return (fs.readdirSync(root, { recursive: true }) as string[])
    .filter((f) => fs.statSync(path.join(root, f)).isFile())
    .map((f) => f.split(path.sep).join('/'))
    .sort();
}

function readYaml(app: App, file: string): any {
  return parse(fs.readFileSync(path.join(envoyDir(app), file), 'utf8'));
}

/**
 * The metadata entries of the stack's artifact in the synth manifest (manifest.json, and the
 * additional metadata file it points to), by construct path.
 */
function manifestMessages(app: App, stack: Stack): { path: string; type: string; data: string }[] {
  const read = (file: string) => JSON.parse(fs.readFileSync(path.join(app.outdir, file), 'utf8'));
  const artifact = read('manifest.json').artifacts[stack.artifactId];
  const metadata = { ...artifact.metadata, ...(artifact.additionalMetadataFile ? read(artifact.additionalMetadataFile) : {}) };
  return Object.entries(metadata).flatMap(([p, entries]) => (entries as any[]).map((e) => ({ path: p, type: e.type, data: String(e.data) })));
}

const NAMES = ['catalog-v1', 'catalog-v2', 'frontend', 'ingress'];

describe('Envoy configurations in the cloud assembly', () => {
  it('writes envoy/<mesh>/<name>.appmesh.yaml and .standalone.yaml for every node and gateway', () => {
    const { app } = shopApp();
    app.synth();
    expect(envoyFiles(app)).toEqual(NAMES.flatMap((name) => [`shop/${name}.appmesh.yaml`, `shop/${name}.standalone.yaml`]));
  });

  it('writes the same configurations EnvoyConfig builds', () => {
    const { app, nodes, gateway } = shopApp();
    app.synth();
    for (const resource of [...nodes, gateway]) {
      const name = resource instanceof VirtualGateway ? resource.virtualGatewayName : (resource as VirtualNode).virtualNodeName;
      expect(readYaml(app, `${name}.appmesh.yaml`), `${name} appmesh`).toEqual(EnvoyConfig.appMesh(resource).toObject());
      expect(readYaml(app, `${name}.standalone.yaml`), `${name} standalone`).toEqual(EnvoyConfig.standalone(resource).toObject());
    }
  });

  it('writes only valid Envoy configurations', () => {
    const { app } = shopApp();
    app.synth();
    const files = envoyFiles(app);
    expect(files).toHaveLength(NAMES.length * 2);
    for (const file of files) {
      expectValid(parse(fs.readFileSync(path.join(app.outdir, 'envoy', file), 'utf8')));
    }
  });

  it('writes the bootstrap with the stack\'s Region', () => {
    const { app } = shopApp();
    app.synth();
    const grpc = readYaml(app, 'frontend.appmesh.yaml').dynamicResources.adsConfig.grpcServices[0].googleGrpc;
    expect(grpc.targetUri).toBe(`appmesh-envoy-management.${REGION}.amazonaws.com:443`);
  });

  it('writes only the standalone file in an environment-agnostic stack, with one info note on the mesh with a fix that applies', () => {
    const { app, stack, mesh } = shopApp({});
    app.synth();
    expect(envoyFiles(app)).toEqual(NAMES.map((name) => `shop/${name}.standalone.yaml`));
    const messages = manifestMessages(app, stack).filter((m) => m.data.includes('Envoy bootstraps'));
    expect(messages).toEqual([{ path: `/${mesh.node.path}`, type: 'aws:cdk:info', data: expect.stringContaining('of 4 resource(s) were not written') }]);
    expect(messages[0].data).toMatch(/Fix: give the stack an env with a region/);
    expect(manifestMessages(app, stack).filter((m) => m.type === 'aws:cdk:warning' && m.data.includes('Envoy'))).toEqual([]);
  });

  it('skips the standalone file of a node with an ACM listener certificate, with a warning naming AMK_ENVOY_APP_MESH_ONLY', () => {
    const { app, stack, mesh } = shopApp();
    const certificate = acm.Certificate.fromCertificateArn(stack, 'Cert', `arn:aws:acm:${REGION}:${ACCOUNT}:certificate/abcd-1234`);
    const secure = mesh.addVirtualNode('secure', {
      virtualNodeName: 'secure',
      serviceDiscovery: ServiceDiscovery.dns('secure.shop.local'),
      listeners: [VirtualNodeListener.http({ tls: { mode: TlsMode.STRICT, certificate: TlsCertificate.acm(certificate) } })],
    });
    app.synth();
    const files = envoyFiles(app);
    expect(files).toContain('shop/secure.appmesh.yaml');
    expect(files).not.toContain('shop/secure.standalone.yaml');
    expect(files).toContain('shop/frontend.standalone.yaml');
    const warnings = manifestMessages(app, stack).filter((m) => m.path === `/${secure.node.path}` && m.type === 'aws:cdk:warning');
    expect(warnings).toHaveLength(1);
    expect(warnings[0].data).toContain('AMK_ENVOY_APP_MESH_ONLY');
  });

  it.each<[string, unknown]>([['false', false], ['the string "false"', 'false']])(
    'writes no envoy directory with context appmesh-kit:envoyOutput=%s', (_name, value) => {
      const { app } = shopApp(undefined, { 'appmesh-kit:envoyOutput': value });
      app.synth();
      expect(fs.existsSync(path.join(app.outdir, 'envoy'))).toBe(false);
    });

  it('writes byte-identical files when the same app is synthesized twice', () => {
    const { app } = shopApp();
    app.synth();
    const files = envoyFiles(app);
    const before = files.map((file) => fs.readFileSync(path.join(app.outdir, 'envoy', file)));
    fs.rmSync(path.join(app.outdir, 'envoy'), { recursive: true });
    app.synth({ force: true });
    expect(envoyFiles(app)).toEqual(files);
    files.forEach((file, i) => expect(fs.readFileSync(path.join(app.outdir, 'envoy', file)).equals(before[i]), file).toBe(true));
  });

  it('writes byte-identical files for two builds of the same app', () => {
    const first = shopApp();
    const second = shopApp();
    first.app.synth();
    second.app.synth();
    const files = envoyFiles(first.app);
    expect(envoyFiles(second.app)).toEqual(files);
    for (const file of files) {
      const a = fs.readFileSync(path.join(first.app.outdir, 'envoy', file));
      const b = fs.readFileSync(path.join(second.app.outdir, 'envoy', file));
      expect(a.equals(b), file).toBe(true);
    }
  });
});

describe('EnvoyConfig output formats', () => {
  it('gives the same JSON and YAML on every call and for every build of the same app', () => {
    const first = shopApp();
    const second = shopApp();
    for (const [a, b] of [[first.gateway, second.gateway], [first.nodes[2], second.nodes[2]]] as const) {
      for (const build of [EnvoyConfig.appMesh, EnvoyConfig.standalone]) {
        const config = build(a);
        expectValid(config);
        expect(config.toJson()).toBe(config.toJson());
        expect(config.toYaml()).toBe(config.toYaml());
        expect(build(b).toJson()).toBe(config.toJson());
        expect(build(b).toYaml()).toBe(config.toYaml());
      }
    }
  });

  it('gives YAML and JSON that parse back to toObject()', () => {
    const { nodes, gateway } = shopApp();
    for (const resource of [...nodes, gateway]) {
      for (const config of [EnvoyConfig.appMesh(resource), EnvoyConfig.standalone(resource)]) {
        expectValid(config);
        expect(parse(config.toYaml())).toEqual(config.toObject());
        expect(JSON.parse(config.toJson())).toEqual(config.toObject());
      }
    }
  });

  it('hands out a fresh copy from toObject()', () => {
    const config = EnvoyConfig.standalone(shopApp().nodes[2]);
    const object = expectValid(config);
    object.node.id = 'changed';
    expect(config.toObject().node.id).toBe('mesh/shop/virtualNode/frontend');
  });
});
