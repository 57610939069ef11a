import { Stack } from 'aws-cdk-lib';
import { describe, expect, it } from 'vitest';
import { Mesh, VirtualRouterListener } from '../lib';
import { synthTemplate, testApp } from './support/synth';

describe('VirtualRouter', () => {
  it('defaults to one HTTP listener on 8080 and takes more through addListener', () => {
    const stack = new Stack(testApp(), 'RouterDefaults');
    const mesh = new Mesh(stack, 'Mesh', { meshName: 'shop' });
    const router = mesh.addVirtualRouter('Router', { listeners: [] });
    router.addListener(VirtualRouterListener.tcp(5432));
    synthTemplate(stack, 'router-defaults').hasResourceProperties('AWS::AppMesh::VirtualRouter', {
      Spec: { Listeners: [{ PortMapping: { Port: 8080, Protocol: 'http' } }, { PortMapping: { Port: 5432, Protocol: 'tcp' } }] },
    });
  });

  it('rejects a duplicate listener port', () => {
    const stack = new Stack(testApp(), 'RouterDup');
    const mesh = new Mesh(stack, 'Mesh', { meshName: 'shop' });
    const router = mesh.addVirtualRouter('Router', { listeners: [VirtualRouterListener.http(8080), VirtualRouterListener.grpc(8080)] });
    const [d] = mesh.validate();
    expect(d).toMatchObject({ code: 'AMK_DUPLICATE_PORT', constructPath: router.node.path, field: 'spec.listeners[1].portMapping.port' });
  });
});
