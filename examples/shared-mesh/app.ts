import { Annotations, App, Stack, Stage } from 'aws-cdk-lib';
import {
  Backend, HealthCheck, IMesh, IVirtualService, Mesh, MeshTaskDefinition, RetryPolicy, RouteSpec, ServiceDiscovery, VirtualNode,
  VirtualNodeListener, VirtualRouter, VirtualRouterListener, VirtualService, VirtualServiceProvider,
} from '../../lib';

/** The platform team's account: it owns the mesh and shares it (AWS RAM) with the other teams' accounts. */
export const PLATFORM_ACCOUNT = '111122223333';
/** The payments team's account, with which the mesh is shared. */
export const PAYMENTS_ACCOUNT = '444455556666';
const REGION = 'us-east-1';
/** The namespace the services resolve in. */
const NAMESPACE = 'shop.local';
/** The shared mesh's ARN, as the platform team publishes it. */
export const MESH_ARN = `arn:aws:appmesh:${REGION}:${PLATFORM_ACCOUNT}:mesh/shop`;

/** The stacks of the example, one per team. */
export interface SharedMesh {
  /** The platform team's stack: the mesh and the orders service (account PLATFORM_ACCOUNT). */
  readonly platform: Stack;
  /** The payments team's stack, in another account: it uses the mesh object of this app, so it joins its model. */
  readonly payments: Stack;
  /**
   * A stack that knows the mesh only by its ARN, as another team's app would: it sits in a Stage of
   * its own (its own cloud assembly, `assembly-ReportingApp/`), so its files never mix with the mesh's.
   */
  readonly reporting: Stack;
  readonly mesh: Mesh;
  readonly orders: VirtualNode;
  readonly ordersService: VirtualService;
  readonly paymentsNode: VirtualNode;
  readonly paymentsService: VirtualService;
  /** The mesh imported by ARN in the reporting stack. */
  readonly importedMesh: IMesh;
  /** The payments service imported by name into the reporting stack. */
  readonly importedPayments: IVirtualService;
  readonly reports: VirtualNode;
  readonly tasks: MeshTaskDefinition[];
}

/**
 * One mesh, three stacks, two accounts. The platform team's account owns the `shop` mesh and
 * shares it with the payments team's account (through AWS RAM, outside this app). Resources that
 * the payments account creates in the shared mesh carry `MeshOwner` (the platform account):
 * appmesh-kit sets it whenever a resource's account differs from its mesh's.
 *
 * - `Platform` (platform account): the mesh, the `orders` node and service.
 * - `Payments` (payments account): the `payments` node, router, route and service, defined with
 *   the mesh object itself, so Envoy configurations and task definitions see the whole mesh.
 * - `ReportingApp/Reporting` (payments account): an app of its own (a Stage) that only knows the
 *   mesh by its ARN (`Mesh.fromMeshArn`) and the payments service by its name
 *   (`VirtualService.fromVirtualServiceAttributes`), as a separate team's app would. It defines the
 *   `reports` node, which calls payments. Its App Mesh Envoy bootstrap needs only names; a
 *   standalone configuration would need payments' routes, which this app does not know, so the
 *   warning that says so is acknowledged (reports runs with the App Mesh Envoy).
 */
export function buildSharedMesh(app: App): SharedMesh {
  const platform = new Stack(app, 'Platform', { env: { account: PLATFORM_ACCOUNT, region: REGION } });
  const payments = new Stack(app, 'Payments', { env: { account: PAYMENTS_ACCOUNT, region: REGION } });
  const reporting = new Stack(new Stage(app, 'ReportingApp'), 'Reporting', { env: { account: PAYMENTS_ACCOUNT, region: REGION } });

  const mesh = new Mesh(platform, 'Mesh', { meshName: 'shop' });
  const orders = mesh.addVirtualNode('Orders', {
    virtualNodeName: 'orders',
    serviceDiscovery: ServiceDiscovery.dns(`orders.${NAMESPACE}`),
    listeners: [VirtualNodeListener.http({ port: 8080, healthCheck: HealthCheck.http({ path: '/health' }) })],
  });
  const ordersService = mesh.addVirtualService('OrdersService', {
    virtualServiceName: `orders.${NAMESPACE}`,
    provider: VirtualServiceProvider.virtualNode(orders),
  });

  // The payments team defines its resources in its own stack and account, in the same mesh object.
  const paymentsNode = new VirtualNode(payments, 'Payments', {
    mesh,
    virtualNodeName: 'payments',
    serviceDiscovery: ServiceDiscovery.dns(`payments.${NAMESPACE}`),
    listeners: [VirtualNodeListener.http({ port: 8080, healthCheck: HealthCheck.http({ path: '/health' }) })],
    backends: [Backend.virtualService(ordersService)],
  });
  const router = new VirtualRouter(payments, 'PaymentsRouter', {
    mesh,
    virtualRouterName: 'payments-router',
    listeners: [VirtualRouterListener.http(8080)],
  });
  const paymentsService = new VirtualService(payments, 'PaymentsService', {
    mesh,
    virtualServiceName: `payments.${NAMESPACE}`,
    provider: VirtualServiceProvider.virtualRouter(router),
  });
  router.addRoute('Route', { routeName: 'payments', routeSpec: RouteSpec.http() }).to(paymentsNode).withRetries(RetryPolicy.recommended());

  // Another app of the payments account, which only knows the shared mesh by its ARN.
  const importedMesh = Mesh.fromMeshArn(reporting, 'SharedMesh', MESH_ARN);
  const importedPayments = VirtualService.fromVirtualServiceAttributes(reporting, 'PaymentsService', {
    virtualServiceName: `payments.${NAMESPACE}`,
    mesh: importedMesh,
  });
  const reports = importedMesh.addVirtualNode('Reports', {
    virtualNodeName: 'reports',
    serviceDiscovery: ServiceDiscovery.dns(`reports.${NAMESPACE}`),
    listeners: [VirtualNodeListener.http({ port: 8080 })],
    backends: [Backend.virtualService(importedPayments)],
  });
  Annotations.of(reports).acknowledgeWarning('appmesh-kit:envoy-standalone',
    'payments is defined in the payments team\'s app: reports runs with the App Mesh Envoy, not standalone');

  const container = (name: string) => [{ name, image: `public.ecr.aws/example/${name}:1.0`, ports: [8080] }];
  const tasks = [
    new MeshTaskDefinition(platform, 'OrdersTask', { virtualNode: orders, appContainers: container('orders') }),
    new MeshTaskDefinition(payments, 'PaymentsTask', { virtualNode: paymentsNode, appContainers: container('payments') }),
  ];
  return {
    platform, payments, reporting, mesh, orders, ordersService, paymentsNode, paymentsService, importedMesh, importedPayments, reports, tasks,
  };
}
