import { Stack } from 'aws-cdk-lib';
import * as aws from 'aws-cdk-lib/aws-appmesh';
import { describe, expect, it } from 'vitest';
import * as kit from '../../lib';
import { synthTemplate, testApp } from '../support/synth';

// The drop-in is a superset of aws-cdk-lib/aws-appmesh, never a copy of its bugs: the same code, run against
// both, shows what aws-appmesh gets wrong (anchor-aws-cdk-appmesh.md §3) and that appmesh-kit does not.

/** The code is written against aws-appmesh's types; appmesh-kit runs it as the drop-in (drop-in.test.ts checks the types). */
type Lib = typeof aws;
const KIT = kit as unknown as Lib;

function gatewayWithTwoListeners(lib: Lib, stack: Stack) {
  const mesh = new lib.Mesh(stack, 'mesh', { meshName: 'shop' });
  const node = mesh.addVirtualNode('node', {
    virtualNodeName: 'node',
    serviceDiscovery: lib.ServiceDiscovery.dns('node.local'),
    listeners: [lib.VirtualNodeListener.http({ port: 8080 })],
  });
  const service = new lib.VirtualService(stack, 'service', {
    virtualServiceName: 'service.local',
    virtualServiceProvider: lib.VirtualServiceProvider.virtualNode(node),
  });
  const gateway = mesh.addVirtualGateway('gateway', {
    virtualGatewayName: 'gateway',
    listeners: [lib.VirtualGatewayListener.http({ port: 8080 }), lib.VirtualGatewayListener.http({ port: 8081 })],
  });
  gateway.addGatewayRoute('route', {
    routeSpec: lib.GatewayRouteSpec.http({ routeTarget: service, match: { port: 8081 } }),
  });
}

function routeWithName(lib: Lib, stack: Stack) {
  const mesh = new lib.Mesh(stack, 'mesh', { meshName: 'shop' });
  const node = mesh.addVirtualNode('node', {
    virtualNodeName: 'node',
    serviceDiscovery: lib.ServiceDiscovery.dns('node.local'),
    listeners: [lib.VirtualNodeListener.http({ port: 8080 })],
  });
  const router = mesh.addVirtualRouter('router', { listeners: [lib.VirtualRouterListener.http(8080)] });
  router.addRoute('route-id', { routeName: 'orders', routeSpec: lib.RouteSpec.http({ weightedTargets: [{ virtualNode: node }] }) });
}

function synth(build: (lib: Lib, stack: Stack) => void, lib: Lib, name: string) {
  const stack = new Stack(testApp(), 'superset');
  build(lib, stack);
  return synthTemplate(stack, name);
}

describe('what aws-cdk-lib/aws-appmesh gets wrong stays fixed', () => {
  it('a gateway route that matches a port on a gateway with two listeners synthesizes (aws-appmesh always rejects it)', () => {
    expect(() => synth(gatewayWithTwoListeners, aws, 'superset-aws-gateway-port')).toThrow(/port/i);
    const template = synth(gatewayWithTwoListeners, KIT, 'superset-kit-gateway-port');
    template.hasResourceProperties('AWS::AppMesh::GatewayRoute', { Spec: { HttpRoute: { Match: { Port: 8081 } } } });
  });

  it('router.addRoute(id, { routeName }) names the route routeName (aws-appmesh names it id)', () => {
    const routeName = (lib: Lib) => {
      const routes = synth(routeWithName, lib, `superset-${lib === KIT ? 'kit' : 'aws'}-route-name`).findResources('AWS::AppMesh::Route');
      return Object.values(routes).map((r) => r.Properties.RouteName);
    };
    expect(routeName(aws)).toEqual(['route-id']);
    expect(routeName(KIT)).toEqual(['orders']);
  });

  it('sets what aws-appmesh cannot: the TCP route match port and the gateway route target port', () => {
    const stack = new Stack(testApp(), 'superset');
    const mesh = new kit.Mesh(stack, 'mesh', { meshName: 'shop' });
    const node = mesh.addVirtualNode('node', {
      virtualNodeName: 'node',
      serviceDiscovery: kit.ServiceDiscovery.dns('node.local'),
      listeners: [kit.VirtualNodeListener.tcp({ port: 5432 }), kit.VirtualNodeListener.http({ port: 8080 })],
    });
    const router = mesh.addVirtualRouter('router', { listeners: [kit.VirtualRouterListener.tcp(5432)] });
    router.addRoute('tcp', { routeSpec: kit.RouteSpec.tcp({ match: { port: 5432 }, weightedTargets: [{ virtualNode: node, port: 5432 }] }) });
    const service = new kit.VirtualService(stack, 'service', {
      virtualServiceName: 'service.local', virtualServiceProvider: kit.VirtualServiceProvider.virtualNode(node),
    });
    const gateway = mesh.addVirtualGateway('gateway', { virtualGatewayName: 'gateway', listeners: [kit.VirtualGatewayListener.http()] });
    gateway.addGatewayRoute('gateway-route', { routeSpec: kit.GatewayRouteSpec.http({ routeTarget: service, targetPort: 8080 }) });
    expect(mesh.validate().filter((d) => d.severity === kit.DiagnosticSeverity.ERROR)).toEqual([]);
    const template = synthTemplate(stack, 'superset-kit-ports');
    template.hasResourceProperties('AWS::AppMesh::Route', { Spec: { TcpRoute: { Match: { Port: 5432 } } } });
    template.hasResourceProperties('AWS::AppMesh::GatewayRoute', { Spec: { HttpRoute: { Action: { Target: { Port: 8080 } } } } });
  });
});
