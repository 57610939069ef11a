import { describe, expect, it } from 'vitest';
import { GatewayRouteSpec, RouteSpec, ServiceDiscovery, VirtualNodeListener, VirtualServiceProvider } from '../../../lib';
import { meshFixture } from '../../support/fixtures';

describe('AMK_DUPLICATE_NAME', () => {
  it('two virtual nodes of one mesh with the same name: the second is reported, naming the first', () => {
    const { mesh } = meshFixture();
    const first = mesh.addVirtualNode('A', { virtualNodeName: 'cart', serviceDiscovery: ServiceDiscovery.dns('a.local'), listeners: [VirtualNodeListener.http()] });
    const second = mesh.addVirtualNode('B', { virtualNodeName: 'cart', serviceDiscovery: ServiceDiscovery.dns('b.local'), listeners: [VirtualNodeListener.http()] });
    const found = mesh.validate().filter((d) => d.code === 'AMK_DUPLICATE_NAME');
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ constructPath: second.node.path, field: 'virtualNodeName', value: '"cart"' });
    expect(found[0].message).toBe(`${first.node.path} already has this name in the mesh; App Mesh names are unique there`);
    expect(found[0].fix).toBe('give one of them another virtualNodeName');
  });

  it('routes are unique per router, gateway routes per gateway: the same name in two routers is fine', () => {
    const { mesh } = meshFixture();
    const node = mesh.addVirtualNode('N', { virtualNodeName: 'n', serviceDiscovery: ServiceDiscovery.dns('n.local'), listeners: [VirtualNodeListener.http()] });
    const r1 = mesh.addVirtualRouter('R1', { virtualRouterName: 'r1' });
    const r2 = mesh.addVirtualRouter('R2', { virtualRouterName: 'r2' });
    r1.addRoute('A', { routeName: 'main', routeSpec: RouteSpec.http() }).to(node);
    r2.addRoute('A', { routeName: 'main', routeSpec: RouteSpec.http() }).to(node);
    const twin = r1.addRoute('B', { routeName: 'main', routeSpec: RouteSpec.http({ priority: 3 }) }).to(node);
    const service = mesh.addVirtualService('S', { virtualServiceName: 's.local', provider: VirtualServiceProvider.virtualNode(node) });
    const gateway = mesh.addVirtualGateway('G', { virtualGatewayName: 'g' });
    gateway.addGatewayRoute('A', { gatewayRouteName: 'in', routeSpec: GatewayRouteSpec.http({ routeTarget: service }) });
    const gatewayTwin = gateway.addGatewayRoute('B', { gatewayRouteName: 'in', routeSpec: GatewayRouteSpec.http({ routeTarget: service, priority: 2 }) });
    expect(mesh.validate().filter((d) => d.code === 'AMK_DUPLICATE_NAME').map((d) => [d.constructPath, d.field]))
      .toEqual([[gatewayTwin.node.path, 'gatewayRouteName'], [twin.node.path, 'routeName']]);
  });

  it('generated names never collide', () => {
    const { mesh } = meshFixture();
    mesh.addVirtualNode('A');
    mesh.addVirtualNode('B');
    expect(mesh.validate().filter((d) => d.code === 'AMK_DUPLICATE_NAME')).toEqual([]);
  });
});
