import { Stack } from 'aws-cdk-lib';
import {
  GatewayRoute,
  GatewayRouteSpec,
  HttpGatewayRouteSpecOptions,
  Mesh,
  ServiceDiscovery,
  VirtualGateway,
  VirtualGatewayBaseProps,
  VirtualGatewayListener,
  VirtualNode,
  VirtualNodeListener,
  VirtualService,
  VirtualServiceProvider,
} from '../../lib';
import { MeshFixture, meshFixture } from '../rules/helpers';
import { testApp } from '../support/synth';

/** A mesh `shop` with a gateway `ingress`, a node `catalog-v1` (one http listener) and its service. */
export interface GatewayFixture extends MeshFixture {
  readonly gateway: VirtualGateway;
  readonly node: VirtualNode;
  readonly service: VirtualService;
}

export function gatewayFixture(gatewayProps: VirtualGatewayBaseProps = {},
  nodeListeners: VirtualNodeListener[] = [VirtualNodeListener.http()]): GatewayFixture {
  const fixture = meshFixture();
  const gateway = fixture.mesh.addVirtualGateway('Gateway', { virtualGatewayName: 'ingress', ...gatewayProps });
  const node = fixture.mesh.addVirtualNode('Node', {
    virtualNodeName: 'catalog-v1',
    serviceDiscovery: ServiceDiscovery.dns('catalog.shop.local'),
    listeners: nodeListeners,
  });
  const service = fixture.mesh.addVirtualService('Service', {
    virtualServiceName: 'catalog.shop.local',
    provider: VirtualServiceProvider.virtualNode(node),
  });
  return { ...fixture, gateway, node, service };
}

/** A fixture plus one http gateway route to its service, with the given options. */
export function httpRouteFixture(options: Partial<HttpGatewayRouteSpecOptions> = {}, gatewayProps: VirtualGatewayBaseProps = {},
  nodeListeners?: VirtualNodeListener[]): GatewayFixture & { route: GatewayRoute } {
  const fixture = gatewayFixture(gatewayProps, nodeListeners);
  const route = fixture.gateway.addGatewayRoute('Route', {
    gatewayRouteName: 'catalog',
    routeSpec: GatewayRouteSpec.http({ routeTarget: fixture.service, ...options }),
  });
  return { ...fixture, route };
}

/** Two listeners: http on 8080 and grpc on 8443. */
export const twoListeners = (): VirtualGatewayListener[] => [
  VirtualGatewayListener.http({ port: 8080 }),
  VirtualGatewayListener.grpc({ port: 8443 }),
];

/** A stack with a fixed environment and a mesh `shop`. */
export function envStack(id: string): { stack: Stack; mesh: Mesh } {
  const stack = new Stack(testApp(), id, { env: { account: '111122223333', region: 'us-east-1' } });
  return { stack, mesh: new Mesh(stack, 'Mesh', { meshName: 'shop' }) };
}

export function logicalId(stack: Stack, construct: { node: { defaultChild?: unknown } }): string {
  return stack.getLogicalId(construct.node.defaultChild as any);
}

/** The DependsOn of a construct's L1 in a synthesized template, sorted. */
export function dependsOn(template: any, stack: Stack, construct: { node: { defaultChild?: unknown } }): string[] {
  return [...(template.Resources[logicalId(stack, construct)].DependsOn ?? [])].sort();
}
