import { Stack } from 'aws-cdk-lib';
import { describe, expect, it } from 'vitest';
import { EnvoyConfig, Mesh, MeshTaskDefinition, ProxyKind, ServiceDiscovery, VirtualNodeListener } from '../lib';
import { testApp } from './support/synth';

function fixture() {
  const stack = new Stack(testApp(), 'Stack', { env: { account: '111111111111', region: 'eu-west-1' } });
  const mesh = new Mesh(stack, 'Mesh', { meshName: 'shop' });
  const node = mesh.addVirtualNode('Node', {
    virtualNodeName: 'cart', serviceDiscovery: ServiceDiscovery.dns('cart.shop.local'), listeners: [VirtualNodeListener.http()],
  });
  const gateway = mesh.addVirtualGateway('Gateway', { virtualGatewayName: 'ingress' });
  const router = mesh.addVirtualRouter('Router', { virtualRouterName: 'catalog' });
  return { stack, mesh, node, gateway, router };
}

function errorOf(fn: () => unknown): Error {
  try {
    fn();
  } catch (error) {
    return error as Error;
  }
  return expect.fail('expected an error');
}

describe('IEnvoyProxiedResource', () => {
  it('is what a virtual node and a virtual gateway are: kind, name, ARN and mesh', () => {
    const { stack, node, gateway, mesh } = fixture();
    expect([node.proxyKind, node.proxyName, stack.resolve(node.proxyArn)]).toEqual([ProxyKind.VIRTUAL_NODE, 'cart', stack.resolve(node.virtualNodeArn)]);
    expect([gateway.proxyKind, gateway.proxyName, stack.resolve(gateway.proxyArn)])
      .toEqual([ProxyKind.VIRTUAL_GATEWAY, 'ingress', stack.resolve(gateway.virtualGatewayArn)]);
    expect(node.mesh).toBe(mesh);
  });

  it.each([
    ['EnvoyConfig.appMesh', (r: any) => EnvoyConfig.appMesh(r)],
    ['EnvoyConfig.appMeshEnvironment', (r: any) => EnvoyConfig.appMeshEnvironment(r)],
    ['EnvoyConfig.standalone', (r: any) => EnvoyConfig.standalone(r)],
    ['MeshTaskDefinition.registerTaskDefinitionInput', (r: any) => MeshTaskDefinition.registerTaskDefinitionInput(r)],
  ])('%s refuses a virtual router from plain JavaScript with AMK_PROXY_RESOURCE, naming the router', (_name, call) => {
    const { router } = fixture();
    const error = errorOf(() => call(router));
    expect(error.name).toBe('MeshKitError');
    expect(error.message).toMatch(new RegExp(`^AMK_PROXY_RESOURCE ${router.node.path} resource: .*virtual node or a virtual gateway.*Fix: pass a VirtualNode or VirtualGateway`));
  });

  it('MeshTaskDefinition refuses a virtual router passed as its virtualNode with AMK_PROXY_RESOURCE', () => {
    const { stack, router } = fixture();
    const error = errorOf(() => new MeshTaskDefinition(stack, 'Task', { virtualNode: router as any }));
    expect(error.message).toMatch(/^AMK_PROXY_RESOURCE Stack\/Mesh\/Router resource: MeshTaskDefinition takes a virtual node or a virtual gateway/);
  });

  it('MeshTaskDefinition takes exactly one of virtualNode and virtualGateway (AMK_ECS_ONE_RESOURCE)', () => {
    const { stack, node, gateway } = fixture();
    expect(errorOf(() => new MeshTaskDefinition(stack, 'Neither', {})).message)
      .toBe('AMK_ECS_ONE_RESOURCE Stack/Neither virtualNode: a MeshTaskDefinition runs exactly one of virtualNode or virtualGateway. Fix: pass one of them');
    expect(errorOf(() => new MeshTaskDefinition(stack, 'Both', { virtualNode: node, virtualGateway: gateway })).message)
      .toMatch(/^AMK_ECS_ONE_RESOURCE Stack\/Both virtualGateway: /);
  });
});
