import { Stack } from 'aws-cdk-lib';
import { Match } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { Mesh, VirtualRouter, VirtualRouterListener, VirtualService, VirtualServiceProvider } from '../lib';
import { ENV } from './support/fixtures';
import { synthTemplate, testApp } from './support/synth';

describe('VirtualService', () => {
  it('is named after its construct id by default and has no provider by default', () => {
    const stack = new Stack(testApp(), 'VsDefaults');
    const mesh = new Mesh(stack, 'Mesh', { meshName: 'shop' });
    const service = mesh.addVirtualService('catalog.shop.local');
    expect(service.virtualServiceName).toBe('catalog.shop.local');
    synthTemplate(stack, 'vs-defaults').hasResourceProperties('AWS::AppMesh::VirtualService', {
      VirtualServiceName: 'catalog.shop.local', MeshName: 'shop', Spec: Match.objectEquals({}),
    });
  });

  it('is created after its provider node and its mesh', () => {
    const stack = new Stack(testApp(), 'VsNode');
    const mesh = new Mesh(stack, 'Mesh', { meshName: 'shop' });
    const node = mesh.addVirtualNode('Catalog', { virtualNodeName: 'catalog' });
    mesh.addVirtualService('catalog.shop.local', { provider: VirtualServiceProvider.virtualNode(node) });
    const template = synthTemplate(stack, 'vs-node');
    template.hasResource('AWS::AppMesh::VirtualService', {
      Properties: { Spec: { Provider: { VirtualNode: { VirtualNodeName: 'catalog' } } } },
      DependsOn: Match.arrayWith([stack.getLogicalId(node.node.defaultChild as any), stack.getLogicalId(mesh.node.defaultChild as any)]),
    });
  });

  it('can be provided by a virtual router', () => {
    const stack = new Stack(testApp(), 'VsRouter');
    const mesh = new Mesh(stack, 'Mesh', { meshName: 'shop' });
    const router = mesh.addVirtualRouter('Router', { virtualRouterName: 'catalog-router', listeners: [VirtualRouterListener.http2(8081)] });
    mesh.addVirtualService('catalog.shop.local', { provider: VirtualServiceProvider.virtualRouter(router) });
    const template = synthTemplate(stack, 'vs-router');
    template.hasResourceProperties('AWS::AppMesh::VirtualRouter', {
      VirtualRouterName: 'catalog-router', Spec: { Listeners: [{ PortMapping: { Port: 8081, Protocol: 'http2' } }] },
    });
    template.hasResourceProperties('AWS::AppMesh::VirtualService', {
      Spec: { Provider: { VirtualRouter: { VirtualRouterName: 'catalog-router' } } },
    });
  });

  it('imports by ARN and by attributes', () => {
    const stack = new Stack(testApp(), 'VsImport', { env: ENV });
    const byArn = VirtualService.fromVirtualServiceArn(stack, 'ByArn',
      'arn:aws:appmesh:us-east-1:111122223333:mesh/shop/virtualService/catalog.shop.local');
    expect(byArn.virtualServiceName).toBe('catalog.shop.local');
    expect(byArn.mesh.meshName).toBe('shop');
    const router = VirtualRouter.fromVirtualRouterAttributes(stack, 'Router', {
      virtualRouterName: 'r', mesh: Mesh.fromMeshName(stack, 'Mesh', 'shop'),
    });
    expect(router.virtualRouterName).toBe('r');
  });
});
