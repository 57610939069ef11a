import { App, Duration, Stack, StackProps } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import {
  Backend, GatewayRoute, GatewayRouteSpec, GrpcRetryEvent, HeaderMatch, HealthCheck, Mesh, MeshTaskDefinition, RetryPolicy, Route,
  RouteSpec, ServiceDiscovery, TcpRetryEvent, VirtualGateway, VirtualGatewayListener, VirtualNode, VirtualNodeListener,
  VirtualRouterListener, VirtualService, VirtualServiceProvider,
} from '../../lib';

/** The namespace the services resolve in. */
const NAMESPACE = 'catalog.local';
/** The fully qualified gRPC service the catalog implements. */
export const GRPC_SERVICE = 'shop.catalog.v1.Catalog';

/**
 * gRPC through App Mesh: a catalog service with two deployments behind a virtual router with
 * gRPC routes. `Search` calls of premium tenants from clients of version 2 (metadata
 * `x-tenant-tier: premium` and an `x-client-version` starting with `2.`) go to the dedicated
 * premium deployment; every other call of the service goes to the standard deployment. Calls are
 * retried on `unavailable`, `resource-exhausted` and `deadline-exceeded` (and refused
 * connections), up to 3 times with 1 s per attempt, within a 5 s deadline. A gRPC virtual
 * gateway takes outside calls of the service and passes them to the mesh.
 */
export class GrpcStack extends Stack {
  public readonly mesh: Mesh;
  public readonly standard: VirtualNode;
  public readonly premium: VirtualNode;
  public readonly client: VirtualNode;
  public readonly catalog: VirtualService;
  public readonly premiumRoute: Route;
  public readonly defaultRoute: Route;
  public readonly gateway: VirtualGateway;
  public readonly gatewayRoute: GatewayRoute;
  public readonly tasks: MeshTaskDefinition[];

  constructor(scope: Construct, id: string, props: StackProps = {}) {
    super(scope, id, props);
    this.mesh = new Mesh(this, 'Mesh', { meshName: 'catalog' });

    const deployment = (name: string) => this.mesh.addVirtualNode(name, {
      virtualNodeName: `catalog-${name.toLowerCase()}`,
      serviceDiscovery: ServiceDiscovery.dns(`catalog-${name.toLowerCase()}.${NAMESPACE}`),
      listeners: [VirtualNodeListener.grpc({
        port: 50051,
        healthCheck: HealthCheck.grpc({ interval: Duration.seconds(10), timeout: Duration.seconds(2) }),
        timeout: { perRequest: Duration.seconds(5) },
      })],
    });
    this.standard = deployment('Standard');
    this.premium = deployment('Premium');

    const router = this.mesh.addVirtualRouter('Router', {
      virtualRouterName: 'catalog-router',
      listeners: [VirtualRouterListener.grpc(50051)],
    });
    const retries = RetryPolicy.custom({
      maxRetries: 3,
      perRetryTimeout: Duration.seconds(1),
      grpcRetryEvents: [GrpcRetryEvent.UNAVAILABLE, GrpcRetryEvent.RESOURCE_EXHAUSTED, GrpcRetryEvent.DEADLINE_EXCEEDED],
      tcpRetryEvents: [TcpRetryEvent.CONNECTION_ERROR],
    });
    const timeout = { perRequest: Duration.seconds(5) };
    this.premiumRoute = router.addRoute('Premium', {
      routeName: 'catalog-search-premium',
      routeSpec: RouteSpec.grpc({
        priority: 0,
        match: {
          serviceName: GRPC_SERVICE,
          methodName: 'Search',
          metadata: [HeaderMatch.valueIs('x-tenant-tier', 'premium'), HeaderMatch.valueStartsWith('x-client-version', '2.')],
        },
      }),
    }).to(this.premium).withRetries(retries).withTimeout(timeout);
    this.defaultRoute = router.addRoute('Standard', {
      routeName: 'catalog-default',
      routeSpec: RouteSpec.grpc({ priority: 10, match: { serviceName: GRPC_SERVICE } }),
    }).to(this.standard).withRetries(retries).withTimeout(timeout);

    this.catalog = this.mesh.addVirtualService('Catalog', {
      virtualServiceName: `catalog.${NAMESPACE}`,
      provider: VirtualServiceProvider.virtualRouter(router),
    });
    this.client = this.mesh.addVirtualNode('Storefront', {
      virtualNodeName: 'storefront',
      serviceDiscovery: ServiceDiscovery.dns(`storefront.${NAMESPACE}`),
      listeners: [VirtualNodeListener.http({ port: 8080 })],
      backends: [Backend.virtualService(this.catalog)],
    });

    this.gateway = this.mesh.addVirtualGateway('Gateway', {
      virtualGatewayName: 'catalog-gateway',
      listeners: [VirtualGatewayListener.grpc({ port: 50051, healthCheck: HealthCheck.grpc() })],
    });
    this.gatewayRoute = this.gateway.addGatewayRoute('CatalogRoute', {
      gatewayRouteName: 'catalog-grpc',
      routeSpec: GatewayRouteSpec.grpc({ match: { serviceName: GRPC_SERVICE }, routeTarget: this.catalog }),
    });

    const catalogApp = [{ name: 'catalog', image: 'public.ecr.aws/example/catalog:1.0', ports: [50051] }];
    this.tasks = [
      new MeshTaskDefinition(this, 'StandardTask', { virtualNode: this.standard, appContainers: catalogApp }),
      new MeshTaskDefinition(this, 'PremiumTask', { virtualNode: this.premium, appContainers: catalogApp }),
      new MeshTaskDefinition(this, 'GatewayTask', { virtualGateway: this.gateway }),
    ];
  }
}

/** Builds the example into an app. */
export function buildGrpc(app: App): GrpcStack {
  return new GrpcStack(app, 'Grpc', { env: { account: '111122223333', region: 'us-east-1' } });
}
