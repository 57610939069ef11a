import { App, CfnElement, Environment, Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import { IConstruct } from 'constructs';
import { expect } from 'vitest';
import { testApp } from './synth';
import {
  Backend,
  Diagnostic,
  DiagnosticSeverity,
  GatewayRoute,
  GatewayRouteSpec,
  GrpcGatewayRouteMatch,
  HttpGatewayRouteSpecOptions,
  Mesh,
  MeshProps,
  Route,
  RouteSpec,
  ServiceDiscovery,
  VirtualGateway,
  VirtualGatewayBaseProps,
  VirtualGatewayListener,
  VirtualNode,
  VirtualNodeBaseProps,
  VirtualNodeListener,
  VirtualNodeListenerOptions,
  VirtualRouter,
  VirtualRouterListener,
  VirtualService,
  VirtualServiceProvider,
} from '../../lib';

/* eslint-disable @typescript-eslint/no-explicit-any */

/**
 * The test fixtures: one builder of an app, a stack and a mesh (`meshFixture`), the worlds the
 * suites build on it, and the helpers that read diagnostics, synth errors and logical ids.
 */

// ----- account and Region -----

/** The account of stacks with a fixed environment. */
export const ACCOUNT = '111122223333';
/** The Region of stacks with a fixed environment. */
export const REGION = 'us-east-1';
/** A fixed environment: ACCOUNT in REGION. */
export const ENV: Environment = { account: ACCOUNT, region: REGION };
/** The Region of the Envoy suites' stacks (in ACCOUNT): their expected ARNs and endpoints name it. */
export const ENVOY_REGION = 'eu-west-1';
/** The fixed environment of the Envoy suites' stacks: ACCOUNT in ENVOY_REGION. */
export const ENVOY_ENV: Environment = { account: ACCOUNT, region: ENVOY_REGION };
/** The account of the ECS suites' stacks (in REGION): their expected ARNs name it. */
export const ECS_ACCOUNT = '123456789012';

// ----- the fixture builder -----

/** An app, one stack and one mesh. */
export interface MeshFixture {
  readonly app: App;
  readonly stack: Stack;
  readonly mesh: Mesh;
}

export interface MeshFixtureOptions {
  /** The stack's construct id. @default 'Stack' */
  readonly stackId?: string;
  /** The stack's environment, e.g. `ENV`. @default none: the stack is environment-agnostic */
  readonly env?: Environment;
  /** The app the stack is added to. @default a new `testApp()` */
  readonly app?: App;
}

/** An app, one stack and one mesh `Mesh`, named `shop` unless `meshProps` names it otherwise. */
export function meshFixture(meshProps: MeshProps = {}, options: MeshFixtureOptions = {}): MeshFixture {
  const app = options.app ?? testApp();
  const stack = new Stack(app, options.stackId ?? 'Stack', options.env === undefined ? {} : { env: options.env });
  const mesh = new Mesh(stack, 'Mesh', { meshName: 'shop', ...meshProps });
  return { app, stack, mesh };
}

// ----- a virtual node -----

/** A fixture with one virtual node in the mesh. */
export interface NodeFixture extends MeshFixture {
  readonly node: VirtualNode;
}

/** A node with DNS discovery (so listeners need nothing else) and the given props. */
export function nodeWithProps(props: VirtualNodeBaseProps): NodeFixture {
  const fixture = meshFixture();
  const node = fixture.mesh.addVirtualNode('Node', {
    virtualNodeName: 'catalog-v1',
    serviceDiscovery: ServiceDiscovery.dns('catalog.shop.local'),
    ...props,
  });
  return { ...fixture, node };
}

/** A node with one http listener of the given options (or the given listener objects). */
export function nodeWith(listener: VirtualNodeListenerOptions | VirtualNodeListener | VirtualNodeListener[],
  props: VirtualNodeBaseProps = {}): NodeFixture {
  const listeners = Array.isArray(listener) ? listener
    : listener instanceof VirtualNodeListener ? [listener]
      : [VirtualNodeListener.http(listener)];
  return nodeWithProps({ listeners, ...props });
}

// ----- diagnostics and synth errors -----

export function codesOf(mesh: Mesh): string[] {
  return mesh.validate().map((d) => d.code);
}

export function errorsOf(mesh: Mesh): Diagnostic[] {
  return mesh.validate().filter((d) => d.severity === DiagnosticSeverity.ERROR);
}

/** The diagnostics of one code in the mesh (none is fine). */
export function diagnosticsOf(mesh: Mesh, code: string): Diagnostic[] {
  return mesh.validate().filter((d) => d.code === code);
}

/** The diagnostics of one code; fails (listing what there is) when there is none. */
export function findDiagnostics(mesh: Mesh, code: string): Diagnostic[] {
  const all = mesh.validate();
  const found = all.filter((d) => d.code === code);
  expect(found, `expected ${code} among ${JSON.stringify(all, null, 2)}`).not.toHaveLength(0);
  return found;
}

/** The single diagnostic of one code. */
export function findDiagnostic(mesh: Mesh, code: string): Diagnostic {
  const found = findDiagnostics(mesh, code);
  expect(found, `expected exactly one ${code}`).toHaveLength(1);
  return found[0];
}

export interface Expected {
  readonly code: string;
  readonly severity?: DiagnosticSeverity;
  /** The construct the finding is about. */
  readonly at: { node: { path: string } };
  readonly field: string;
}

/**
 * Asserts that `mesh.validate()` holds exactly one diagnostic of `code`, with the given severity
 * (default error), construct path and field, and a message and fix; returns it.
 */
export function expectDiagnostic(mesh: Mesh, expected: Expected): Diagnostic {
  const d = findDiagnostic(mesh, expected.code);
  expect(d.severity).toBe(expected.severity ?? DiagnosticSeverity.ERROR);
  expect(d.constructPath).toBe(expected.at.node.path);
  expect(d.field).toBe(expected.field);
  expect(d.message.length).toBeGreaterThan(0);
  expect(d.fix.length).toBeGreaterThan(0);
  return d;
}

/** The diagnostic's synth line starts like this: `CODE <constructPath> <field>:`. */
export function lineStart(d: { code: string; at: { node: { path: string } }; field: string }): string {
  return `${d.code} ${d.at.node.path} ${d.field}:`;
}

/** Asserts that synthesizing `app` fails with a message naming each expected code, construct path and field. */
export function expectSynthError(app: App, ...expected: Expected[]): string {
  let message: string | undefined;
  try {
    app.synth();
  } catch (e) {
    message = (e as Error).message;
  }
  expect(message, 'synth should fail').toBeDefined();
  for (const x of expected) {
    expect(message).toContain(lineStart(x));
  }
  return message!;
}

/** An error rule, fully: the diagnostic from validate(), then the synth failure naming it. */
export function expectError(fixture: MeshFixture, expected: Expected): Diagnostic {
  const d = expectDiagnostic(fixture.mesh, expected);
  expectSynthError(fixture.app, expected);
  return d;
}

/** Asserts a warning annotation of `code` on the construct, naming its path and field (synth must have succeeded). */
export function expectWarningAnnotation(stack: Stack, expected: Expected): void {
  const warnings = Annotations.fromStack(stack).findWarning(`/${expected.at.node.path}`,
    Match.stringLikeRegexp(`^${escapeRegExp(lineStart(expected))}`));
  expect(warnings, `warning ${expected.code} on ${expected.at.node.path}`).toHaveLength(1);
}

export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The error a function throws (fails the test when it does not throw). */
export function thrownBy(fn: () => unknown): Error {
  try {
    fn();
  } catch (error) {
    return error as Error;
  }
  expect.fail('expected an error');
}

// ----- the template -----

/** The logical id of a construct's CloudFormation resource (its default child, or the construct itself when it is one). */
export function logicalId(construct: IConstruct): string {
  const cfn = (construct.node.defaultChild ?? construct) as CfnElement;
  return Stack.of(cfn).getLogicalId(cfn);
}

/** The DependsOn of a construct's L1 in a synthesized template, sorted. */
export function dependsOn(template: any, construct: IConstruct): string[] {
  return [...(template.Resources[logicalId(construct)].DependsOn ?? [])].sort();
}

// ----- routes: a router and three nodes -----

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
  const { app, stack, mesh } = meshFixture();
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

// ----- gateways: a gateway, a node and its service -----

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

/** A gateway (one grpc listener unless given) with one gRPC route to the fixture's service, whose node has a grpc listener. */
export function grpcRouteFixture(match: GrpcGatewayRouteMatch,
  listeners = [VirtualGatewayListener.grpc()]): GatewayFixture & { route: GatewayRoute } {
  const fixture = gatewayFixture({ listeners }, [VirtualNodeListener.grpc()]);
  const route = fixture.gateway.addGatewayRoute('Route', { routeSpec: GatewayRouteSpec.grpc({ routeTarget: fixture.service, match }) });
  return { ...fixture, route };
}

/** Two listeners: http on 8080 and grpc on 8443. */
export const twoListeners = (): VirtualGatewayListener[] => [
  VirtualGatewayListener.http({ port: 8080 }),
  VirtualGatewayListener.grpc({ port: 8443 }),
];

// ----- ECS: a node to run in a task -----

export interface EcsFixture extends MeshFixture {
  /** Virtual node `cart` with one HTTP listener on 9080. */
  readonly node: VirtualNode;
}

/** Stack `Shop` (REGION and ECS_ACCOUNT unless `region` is null: environment-agnostic), mesh `shop`, node `cart`. */
export function ecsFixture(region: string | null = REGION, app: App = testApp()): EcsFixture {
  const fixture = meshFixture({}, { stackId: 'Shop', env: region === null ? undefined : { account: ECS_ACCOUNT, region }, app });
  const node = fixture.mesh.addVirtualNode('Cart', {
    virtualNodeName: 'cart',
    serviceDiscovery: ServiceDiscovery.dns('cart.shop.local'),
    listeners: [VirtualNodeListener.http({ port: 9080 })],
  });
  return { ...fixture, node };
}

// ----- explain: a router behind a service, called by a frontend -----

/**
 * Mesh `shop` (or `meshProps`): nodes v1 and v2, router `catalog` (one http listener on 8080
 * unless given), virtual service `catalog.shop.local` provided by the router, and node
 * `frontend` with that service as its one backend. The test adds the routes.
 */
export interface ExplainFixture extends MeshFixture {
  readonly router: VirtualRouter;
  readonly v1: VirtualNode;
  readonly v2: VirtualNode;
  readonly service: VirtualService;
  readonly frontend: VirtualNode;
}

export interface ExplainFixtureOptions {
  /** Props of the mesh. @default meshName 'shop' */
  readonly meshProps?: MeshProps;
  /** The router's listeners. @default one http listener on 8080 */
  readonly routerListeners?: VirtualRouterListener[];
  /** Listeners of v1 and v2. @default one http listener on 8080 */
  readonly nodeListeners?: () => VirtualNodeListener[];
}

export function explainFixture(options: ExplainFixtureOptions = {}): ExplainFixture {
  const fixture = meshFixture(options.meshProps);
  const { mesh } = fixture;
  const listeners = options.nodeListeners ?? (() => [VirtualNodeListener.http()]);
  const v1 = addNode(mesh, 'V1', 'v1', listeners());
  const v2 = addNode(mesh, 'V2', 'v2', listeners());
  const router = mesh.addVirtualRouter('Router', { virtualRouterName: 'catalog', listeners: options.routerListeners });
  const service = mesh.addVirtualService('Catalog', {
    virtualServiceName: 'catalog.shop.local',
    provider: VirtualServiceProvider.virtualRouter(router),
  });
  const frontend = addNode(mesh, 'Frontend', 'frontend');
  frontend.addBackend(Backend.virtualService(service));
  return { ...fixture, router, v1, v2, service, frontend };
}
