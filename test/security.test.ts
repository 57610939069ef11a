import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { App, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { afterAll, describe, expect, it } from 'vitest';
import { buildColorApp } from '../examples/color-app/app';
import {
  EgressFilter, EnvoyConfig, EnvoyMode, Mesh, MeshTaskDefinition, ServiceDiscovery, TlsCertificate, TlsValidationTrust, VirtualGatewayListener,
  VirtualNodeListener,
} from '../lib';
import { envoyProtoInfo } from './support/envoy-proto';
import { ENVOY_ENV } from './support/fixtures';
import { buildKitchenSink } from './support/kitchen-sink';
import { APP_MESH_ENVOY_VERSION, STANDALONE_ENVOY_IMAGE } from '../lib/outputs/ecs/task-model';

/* eslint-disable @typescript-eslint/no-explicit-any */

/**
 * The secure defaults the README's Security section promises, each checked on what is synthesized.
 */

/** A PEM block holding a private key: PKCS#8, RSA, EC, DSA, OpenSSH, encrypted. */
const PEM_PRIVATE_KEY = /-----BEGIN ([A-Z0-9]+ )*PRIVATE KEY-----/;

function filesUnder(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? filesUnder(path.join(dir, e.name)) : [path.join(dir, e.name)]));
}

function nodeMesh(egressFilter?: EgressFilter) {
  const app = new App({ builtinCloudFormationValidation: false });
  const stack = new Stack(app, 'Secure', { env: ENVOY_ENV });
  const mesh = new Mesh(stack, 'Mesh', { meshName: 'secure', egressFilter });
  const node = mesh.addVirtualNode('Node', {
    virtualNodeName: 'node', serviceDiscovery: ServiceDiscovery.dns('node.secure.local'), listeners: [VirtualNodeListener.http({ port: 8080 })],
  });
  const gateway = mesh.addVirtualGateway('Gateway', { virtualGatewayName: 'gateway', listeners: [VirtualGatewayListener.http({ port: 8080 })] });
  return { app, stack, mesh, node, gateway };
}

describe('secure defaults', () => {
  it('egress is DROP_ALL unless chosen: no egress filter in the template, no passthrough in standalone Envoy', () => {
    const { stack, node } = nodeMesh();
    const mesh = Template.fromStack(stack).findResources('AWS::AppMesh::Mesh');
    expect(Object.values(mesh)[0].Properties.Spec?.EgressFilter).toBeUndefined(); // App Mesh's default is DROP_ALL
    const egress = EnvoyConfig.standalone(node).toObject().staticResources.listeners.find((l: any) => l.name.startsWith('lds_egress'));
    expect(egress.defaultFilterChain).toBeUndefined();

    const open = nodeMesh(EgressFilter.ALLOW_ALL);
    const openEgress = EnvoyConfig.standalone(open.node).toObject().staticResources.listeners.find((l: any) => l.name.startsWith('lds_egress'));
    expect(openEgress.defaultFilterChain).toBeDefined();
  });

  it('IAM: StreamAggregatedResources on exactly the node\'s or gateway\'s ARN, never *', () => {
    const { stack, node, gateway } = nodeMesh();
    new MeshTaskDefinition(stack, 'NodeTask', { virtualNode: node, appContainers: [{ name: 'app', image: 'public.ecr.aws/nginx/nginx:1.27', ports: [8080] }] });
    new MeshTaskDefinition(stack, 'GatewayTask', { virtualGateway: gateway });
    const template = Template.fromStack(stack);
    const statements = Object.values(template.findResources('AWS::IAM::Policy'))
      .flatMap((p: any) => p.Properties.PolicyDocument.Statement)
      .filter((s: any) => [s.Action].flat().includes('appmesh:StreamAggregatedResources'));
    expect(statements).toHaveLength(2);
    const resources = statements.map((s: any) => JSON.stringify(s.Resource)).sort();
    expect(resources).toEqual([
      JSON.stringify(stack.resolve(gateway.virtualGatewayArn)),
      JSON.stringify(stack.resolve(node.virtualNodeArn)),
    ].sort());
    expect(resources.join()).not.toContain('"*"');
  });

  it('standalone Envoy binds its admin interface to 127.0.0.1 (nodes and gateways)', () => {
    const { node, gateway } = nodeMesh();
    for (const proxy of [node, gateway]) {
      expect(EnvoyConfig.standalone(proxy).toObject().admin.address.socketAddress.address).toBe('127.0.0.1');
    }
  });

  it('mesh-wide mutual TLS defaults to STRICT', () => {
    const { stack, mesh } = nodeMesh();
    mesh.requireMutualTls({ certificate: TlsCertificate.file('/certs/chain.pem', '/certs/key.pem'), trust: TlsValidationTrust.file('/certs/ca.pem') });
    Template.fromStack(stack).hasResourceProperties('AWS::AppMesh::VirtualNode', {
      Spec: Match.objectLike({ Listeners: [Match.objectLike({ TLS: Match.objectLike({ Mode: 'STRICT' }) })] }),
    });
  });

  it('Envoy images are pinned to a release, never latest', () => {
    expect(STANDALONE_ENVOY_IMAGE).toMatch(/^envoyproxy\/envoy:v\d+\.\d+\.\d+$/);
    expect(APP_MESH_ENVOY_VERSION).toMatch(/^v\d+\.\d+\.\d+\.\d+-prod$/);
    for (const envoyMode of [EnvoyMode.APP_MESH, EnvoyMode.STANDALONE]) {
      const { stack, node } = nodeMesh();
      new MeshTaskDefinition(stack, 'Task', { virtualNode: node, envoyMode, appContainers: [{ name: 'app', image: 'app:1.0', ports: [8080] }] });
      const images = Object.values(Template.fromStack(stack).findResources('AWS::ECS::TaskDefinition'))
        .flatMap((t: any) => t.Properties.ContainerDefinitions.map((c: any) => JSON.stringify(c.Image)));
      for (const image of images) expect(image).not.toMatch(/:latest"|^"[^:]*"$/);
    }
  });

  it('the README states the pinned images and the proto set the Envoy checks load, as they are', () => {
    const readme = fs.readFileSync(path.join(__dirname, '..', 'README.md'), 'utf8');
    expect(readme).toContain(`\`${STANDALONE_ENVOY_IMAGE}\``);
    expect(readme).toContain(`\`aws-appmesh-envoy:${APP_MESH_ENVOY_VERSION}\``);
    expect(readme).toContain(`\`${envoyProtoInfo().source}\``);
  });

  it('the standalone image is a release inside Envoy\'s support window, not App Mesh\'s frozen 1.29', () => {
    // Envoy supports its last four minor releases (one a quarter); 1.40 was current when this was pinned.
    const minor = Number(/:v1\.(\d+)\./.exec(STANDALONE_ENVOY_IMAGE)?.[1]);
    expect(minor).toBeGreaterThanOrEqual(37);
  });
});

describe('no private-key material in any output', () => {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'amk-security-'));
  afterAll(() => fs.rmSync(outdir, { recursive: true, force: true }));

  it('the detector finds a key when there is one (so an empty result means something)', () => {
    expect(PEM_PRIVATE_KEY.test('x\n-----BEGIN PRIVATE KEY-----\nMIIE')).toBe(true);
    expect(PEM_PRIVATE_KEY.test('-----BEGIN RSA PRIVATE KEY-----')).toBe(true);
    expect(PEM_PRIVATE_KEY.test('-----BEGIN ENCRYPTED PRIVATE KEY-----')).toBe(true);
    expect(PEM_PRIVATE_KEY.test('-----BEGIN CERTIFICATE-----')).toBe(false);
  });

  it('scans every file of the color app\'s and the kitchen sink\'s cloud assemblies (templates, Envoy, ECS, migration, Service Connect)', () => {
    const app = new App({ outdir, builtinCloudFormationValidation: false });
    buildColorApp(app);
    buildKitchenSink(app);
    app.synth();
    const files = filesUnder(outdir);
    for (const output of ['envoy', 'ecs', 'migration', 'service-connect']) {
      expect(files.filter((f) => f.includes(`${path.sep}${output}${path.sep}`)).length, output).toBeGreaterThan(0);
    }
    expect(files.filter((f) => f.endsWith('.template.json')).length).toBeGreaterThan(0);
    const leaking = files.filter((f) => PEM_PRIVATE_KEY.test(fs.readFileSync(f, 'utf8')));
    expect(leaking).toEqual([]);
  });
});
