import { App, CfnResource, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { expect } from 'vitest';
import {
  Diagnostic,
  Mesh,
  Route,
  RouteSpec,
  ServiceDiscovery,
  VirtualNode,
  VirtualNodeListener,
  VirtualRouter,
  VirtualRouterListener,
} from '../../lib';
import { testApp } from '../support/synth';

/** An app, one stack, mesh 'shop', router 'r' and three http nodes v1, v2, v3 (one listener on 8080 each). */
export interface RouteFixture {
  readonly app: App;
  readonly stack: Stack;
  readonly mesh: Mesh;
  readonly router: VirtualRouter;
  readonly v1: VirtualNode;
  readonly v2: VirtualNode;
  readonly v3: VirtualNode;
}

export interface RouteFixtureOptions {
  /** Router listeners. @default one http listener on 8080 */
  readonly routerListeners?: VirtualRouterListener[];
  /** Listeners of v1, v2 and v3. @default one http listener on 8080 */
  readonly nodeListeners?: () => VirtualNodeListener[];
}

/** A virtual node with DNS discovery (so listeners need nothing else), named `name`. */
export function addNode(mesh: Mesh, id: string, name: string, listeners: VirtualNodeListener[] = [VirtualNodeListener.http()]): VirtualNode {
  return mesh.addVirtualNode(id, {
    virtualNodeName: name,
    serviceDiscovery: ServiceDiscovery.dns(`${name}.shop.local`),
    listeners,
  });
}

export function routeFixture(options: RouteFixtureOptions = {}): RouteFixture {
  const app = testApp();
  const stack = new Stack(app, 'Stack');
  const mesh = new Mesh(stack, 'Mesh', { meshName: 'shop' });
  const router = mesh.addVirtualRouter('Router', { virtualRouterName: 'r', listeners: options.routerListeners });
  const listeners = options.nodeListeners ?? (() => [VirtualNodeListener.http()]);
  const v1 = addNode(mesh, 'V1', 'v1', listeners());
  const v2 = addNode(mesh, 'V2', 'v2', listeners());
  const v3 = addNode(mesh, 'V3', 'v3', listeners());
  return { app, stack, mesh, router, v1, v2, v3 };
}

/** A fixture with an http route 'Main' on the router. */
export function httpRoute(options: RouteFixtureOptions = {}): RouteFixture & { route: Route } {
  const fixture = routeFixture(options);
  const route = fixture.router.addRoute('Main', { routeSpec: RouteSpec.http() });
  return { ...fixture, route };
}

/** The logical id of a route's (or any kit construct's) L1. */
export function logicalId(construct: { node: { path: string; findChild(id: string): unknown } }): string {
  const resource = construct.node.findChild('Resource') as CfnResource;
  return Stack.of(resource).getLogicalId(resource);
}

/** The synthesized resource (Type, Properties, DependsOn) of a route. */
export function routeResource(template: Template, route: Route): { Properties: any; DependsOn?: string[] } {
  const resources = template.findResources('AWS::AppMesh::Route');
  const resource = resources[logicalId(route)];
  expect(resource, `route ${route.node.path} in the template`).toBeDefined();
  return resource as { Properties: any; DependsOn?: string[] };
}

/** `Spec.HttpRoute.Action.WeightedTargets` of a route in the template. */
export function templateTargets(template: Template, route: Route): unknown[] {
  return routeResource(template, route).Properties.Spec.HttpRoute.Action.WeightedTargets;
}

/** The route's weighted targets as it would render them (virtual node names, weights, ports). */
export function modelTargets(route: Route): { virtualNode: string; weight?: number; port?: number }[] {
  const spec = route._toModel().spec as any;
  const body = spec.httpRoute ?? spec.http2Route ?? spec.grpcRoute ?? spec.tcpRoute;
  return JSON.parse(JSON.stringify(body.action.weightedTargets));
}

/** The diagnostics of one code in the mesh. */
export function diagnosticsOf(mesh: Mesh, code: string): Diagnostic[] {
  return mesh.validate().filter((d) => d.code === code);
}
