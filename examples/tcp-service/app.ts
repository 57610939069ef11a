import { App, Duration, Stack, StackProps } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import {
  Backend, ConnectionPool, DnsResponseType, HealthCheck, Mesh, MeshTaskDefinition, Route, RouteSpec, ServiceDiscovery, VirtualNode,
  VirtualNodeListener, VirtualRouterListener, VirtualService, VirtualServiceProvider,
} from '../../lib';

/** The namespace the services resolve in. */
const NAMESPACE = 'data.local';
/** The port PostgreSQL listens on. */
export const POSTGRES_PORT = 5432;

/**
 * A TCP service: PostgreSQL behind the mesh. Two database nodes (the current cluster and its
 * replacement) listen on 5432 with a TCP health check and a connection pool of 200; a virtual
 * router with a TCP listener sends 80 % of new connections to the current cluster and 20 % to
 * the new one, and closes connections idle for 10 minutes. The `orders` application reaches the
 * database as `db.data.local:5432`. TCP routes have no retries and no per-request timeout:
 * Envoy proxies bytes, not requests.
 */
export class TcpServiceStack extends Stack {
  public readonly mesh: Mesh;
  public readonly current: VirtualNode;
  public readonly next: VirtualNode;
  public readonly orders: VirtualNode;
  public readonly database: VirtualService;
  public readonly route: Route;
  public readonly tasks: MeshTaskDefinition[];

  constructor(scope: Construct, id: string, props: StackProps = {}) {
    super(scope, id, props);
    this.mesh = new Mesh(this, 'Mesh', { meshName: 'data' });

    const cluster = (name: string) => this.mesh.addVirtualNode(name, {
      virtualNodeName: `db-${name.toLowerCase()}`,
      serviceDiscovery: ServiceDiscovery.dns(`db-${name.toLowerCase()}.${NAMESPACE}`, DnsResponseType.ENDPOINTS),
      listeners: [VirtualNodeListener.tcp({
        port: POSTGRES_PORT,
        healthCheck: HealthCheck.tcp({ interval: Duration.seconds(10), timeout: Duration.seconds(2), unhealthyThreshold: 3 }),
        connectionPool: ConnectionPool.tcp({ maxConnections: 200 }),
        timeout: { idle: Duration.minutes(10) },
      })],
    });
    this.current = cluster('Current');
    this.next = cluster('Next');

    const router = this.mesh.addVirtualRouter('Router', {
      virtualRouterName: 'db-router',
      listeners: [VirtualRouterListener.tcp(POSTGRES_PORT)],
    });
    this.route = router.addRoute('Db', { routeName: 'db', routeSpec: RouteSpec.tcp() })
      .to(this.current)
      .canary(this.next, 20)
      .withTimeout({ idle: Duration.minutes(10) });
    this.database = this.mesh.addVirtualService('Db', {
      virtualServiceName: `db.${NAMESPACE}`,
      provider: VirtualServiceProvider.virtualRouter(router),
    });

    this.orders = this.mesh.addVirtualNode('Orders', {
      virtualNodeName: 'orders',
      serviceDiscovery: ServiceDiscovery.dns(`orders.${NAMESPACE}`),
      listeners: [VirtualNodeListener.http({ port: 8080, healthCheck: HealthCheck.http({ path: '/health' }) })],
      backends: [Backend.virtualService(this.database)],
    });

    this.tasks = [
      new MeshTaskDefinition(this, 'OrdersTask', {
        virtualNode: this.orders,
        appContainers: [{
          name: 'orders',
          image: 'public.ecr.aws/example/orders:1.0',
          ports: [8080],
          environment: { DATABASE_HOST: `db.${NAMESPACE}`, DATABASE_PORT: String(POSTGRES_PORT) },
        }],
      }),
      new MeshTaskDefinition(this, 'CurrentTask', {
        virtualNode: this.current,
        appContainers: [{ name: 'postgres', image: 'public.ecr.aws/docker/library/postgres:16', ports: [POSTGRES_PORT] }],
        memoryMiB: 2048,
      }),
    ];
  }
}

/** Builds the example into an app. */
export function buildTcpService(app: App): TcpServiceStack {
  return new TcpServiceStack(app, 'TcpService', { env: { account: '111122223333', region: 'us-east-1' } });
}
