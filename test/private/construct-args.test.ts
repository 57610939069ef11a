import { Stack } from 'aws-cdk-lib';
import { describe, expect, it } from 'vitest';
import {
  EnvoyConfig, GatewayRoute, Mesh, MeshTaskDefinition, Route, RouteSpec, VirtualGateway, VirtualNode, VirtualRouter, VirtualService,
} from '../../lib';
import { meshFixture, thrownBy } from '../support/fixtures';
import { testApp } from '../support/synth';

/**
 * Plain JavaScript can build a mesh resource without its props or without the resource it
 * belongs to: a coded error naming the construct, the field and the fix, never a TypeError.
 */
describe('construct arguments from plain JavaScript', () => {
  const stack = () => new Stack(testApp(), 'Stack');

  it.each([
    ['VirtualNode', (s: Stack) => new (VirtualNode as any)(s, 'N'), 'Stack/N', 'virtual node', 'mesh.addVirtualNode(id, props)'],
    ['VirtualService', (s: Stack) => new (VirtualService as any)(s, 'S'), 'Stack/S', 'virtual service', 'mesh.addVirtualService(id, props)'],
    ['VirtualRouter', (s: Stack) => new (VirtualRouter as any)(s, 'R'), 'Stack/R', 'virtual router', 'mesh.addVirtualRouter(id, props)'],
    ['VirtualGateway', (s: Stack) => new (VirtualGateway as any)(s, 'G'), 'Stack/G', 'virtual gateway', 'mesh.addVirtualGateway(id, props)'],
  ])('new %s without props gives AMK_REQUIRED', (name, build, path, what, fix) => {
    const error = thrownBy(() => build(stack()));
    expect(error.name).toBe('MeshKitError');
    const provider = name === 'VirtualService' ? ' (or a provider, whose mesh it takes)' : '';
    expect(error.message).toBe(`AMK_REQUIRED ${path} props: a ${what} needs its props, with at least mesh. Fix: use ${fix}, or pass { mesh } in the props${provider}`);
  });

  it('a virtual node without a mesh gives AMK_REQUIRED on mesh; a string for the mesh gives AMK_WRONG_TYPE', () => {
    expect(thrownBy(() => new VirtualNode(stack(), 'N', {} as any)).message).toMatch(/^AMK_REQUIRED Stack\/N mesh: a virtual node needs mesh: the mesh it belongs to\./);
    expect(thrownBy(() => new VirtualNode(stack(), 'N', { mesh: 'shop' } as any)).message)
      .toMatch(/^AMK_WRONG_TYPE Stack\/N mesh: a virtual node needs mesh: the mesh it belongs to \(got "shop"\)\./);
  });

  it('a route without its router, and a gateway route without its gateway, name what they belong to', () => {
    const { stack: s } = meshFixture();
    expect(thrownBy(() => new Route(s, 'R', { routeSpec: RouteSpec.http() } as any)).message)
      .toMatch(/^AMK_REQUIRED Stack\/R virtualRouter: a route needs virtualRouter: the virtual router it belongs to\. Fix: use router\.addRoute/);
    expect(thrownBy(() => new GatewayRoute(s, 'G', {} as any)).message)
      .toMatch(/^AMK_REQUIRED Stack\/G virtualGateway: a gateway route needs virtualGateway: the virtual gateway it belongs to\./);
  });

  it('new Mesh with null props builds a mesh with the defaults', () => {
    const s = stack();
    const mesh = new Mesh(s, 'Mesh', null as any);
    expect(mesh.validate()).toEqual([]);
  });
});

describe('arguments of builders and outputs from plain JavaScript', () => {
  it('route.to(name) and weightedTargets with a name report AMK_WRONG_TYPE on the target, not a TypeError', () => {
    const { mesh } = meshFixture();
    const router = mesh.addVirtualRouter('Router');
    const byName = router.addRoute('ByName', { routeSpec: RouteSpec.http() }).to('catalog' as any);
    const inSpec = router.addRoute('InSpec', { routeSpec: RouteSpec.http({ weightedTargets: [{ virtualNode: 'catalog' as any }] }) });
    const wrong = mesh.validate().filter((d) => d.code === 'AMK_WRONG_TYPE');
    expect(wrong.map((d) => [d.constructPath, d.field, d.value])).toEqual([
      [byName.node.path, 'spec.httpRoute.action.weightedTargets[0].virtualNode', '"catalog"'],
      [inSpec.node.path, 'spec.httpRoute.action.weightedTargets[0].virtualNode', '"catalog"'],
    ]);
    expect(wrong[0].message).toContain('an IVirtualNode (a VirtualNode, or one imported with VirtualNode.fromVirtualNodeArn)');
  });

  it('null options to EnvoyConfig and registerTaskDefinitionInput mean the defaults', () => {
    const { mesh } = meshFixture({}, { env: { account: '111122223333', region: 'eu-west-1' } });
    const node = mesh.addVirtualNode('Node', { virtualNodeName: 'cart' });
    expect(EnvoyConfig.appMesh(node, null as any).toObject()).toEqual(EnvoyConfig.appMesh(node).toObject());
    expect(EnvoyConfig.appMeshEnvironment(node, null as any)).toEqual(EnvoyConfig.appMeshEnvironment(node));
    expect(EnvoyConfig.standalone(node, null as any).toObject()).toEqual(EnvoyConfig.standalone(node).toObject());
    expect(MeshTaskDefinition.registerTaskDefinitionInput(node, null as any)).toEqual(MeshTaskDefinition.registerTaskDefinitionInput(node));
  });

  it('EnvoyConfig.standalone(undefined) gives AMK_PROXY_RESOURCE', () => {
    expect(thrownBy(() => EnvoyConfig.standalone(undefined as any)).message).toMatch(/^AMK_PROXY_RESOURCE \(no construct\) resource: /);
  });
});

describe('mesh-wide mutual TLS from plain JavaScript', () => {
  it('requireMutualTls(null) is AMK_REQUIRED naming the mesh and the call to write', () => {
    const { mesh } = meshFixture();
    const error = thrownBy(() => mesh.requireMutualTls(null as any));
    expect(error.message).toBe('AMK_REQUIRED Stack/Mesh requireMutualTls(options): mesh-wide mutual TLS needs its options: the certificate '
      + 'and the trust (got null). Fix: call requireMutualTls({ certificate: TlsCertificate.file(...), trust: TlsValidationTrust.file(...) })');
  });
});
