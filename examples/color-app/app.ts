import { App, Duration, Stack, StackProps } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { Construct } from 'constructs';
import {
  AccessLog, Backend, DnsResponseType, EgressFilter, EnvoyMode, GatewayRoute, GatewayRouteSpec, HealthCheck,
  HttpGatewayRoutePathMatch, HttpRoutePathMatch, IpPreference, LoggingFormat, Mesh, MeshTaskDefinition, RetryPolicy, Route,
  RouteSpec, ServiceDiscovery, TlsCertificate, TlsMode, TlsValidationTrust, VirtualGateway, VirtualGatewayListener, VirtualNode,
  VirtualNodeListener, VirtualRouterListener, VirtualService, VirtualServiceProvider,
} from '../../lib';

/** The namespace the color app's services resolve in (as in the App Mesh walkthrough). */
const NAMESPACE = 'default.svc.cluster.local';

/** The colors the colorteller comes in; each is its own deployment and virtual node. */
export const COLORS = ['white', 'red', 'blue', 'black'];

/**
 * The App Mesh color app: a `colorgateway` service that asks a `colorteller` service for a
 * color. Every colorteller version is its own virtual node; a virtual router sends 90 % of
 * the colorteller traffic to white and canaries red with 10 %, with retries and timeouts.
 * The whole mesh speaks mutual TLS with certificates from files in the Envoy container, and an
 * ingress gateway takes outside traffic for `/color/` to the colorgateway service. ECS task
 * definitions run white through App Mesh, red on plain Envoy, and the ingress gateway.
 */
export class ColorAppStack extends Stack {
  public readonly mesh: Mesh;
  public readonly gateway: VirtualNode;
  public readonly tellers: VirtualNode[];
  public readonly colorteller: VirtualService;
  public readonly colortellerRoute: Route;
  public readonly ingress: VirtualGateway;
  public readonly ingressRoute: GatewayRoute;
  /** ECS tasks: white through App Mesh (with X-Ray), red on plain Envoy (standalone), the ingress gateway. */
  public readonly whiteTask: MeshTaskDefinition;
  public readonly redTask: MeshTaskDefinition;
  public readonly ingressTask: MeshTaskDefinition;
  public readonly colorgateway: VirtualService;

  constructor(scope: Construct, id: string, props: StackProps = {}) {
    super(scope, id, props);

    this.mesh = new Mesh(this, 'Mesh', {
      meshName: 'color-mesh',
      egressFilter: EgressFilter.DROP_ALL,
      ipPreference: IpPreference.IPV4_PREFERRED,
      tags: { app: 'colorapp' },
    });

    const accessLog = AccessLog.fromFilePath('/dev/stdout', LoggingFormat.fromJson({
      start: '%START_TIME%', method: '%REQ(:METHOD)%', path: '%REQ(X-ENVOY-ORIGINAL-PATH?:PATH)%', status: '%RESPONSE_CODE%',
    }));

    this.tellers = COLORS.map((color) => this.mesh.addVirtualNode(`Colorteller-${color}`, {
      virtualNodeName: `colorteller-${color}-vn`,
      serviceDiscovery: ServiceDiscovery.dns(`colorteller-${color}.${NAMESPACE}`, DnsResponseType.ENDPOINTS),
      listeners: [VirtualNodeListener.http({
        port: 9080,
        healthCheck: HealthCheck.http({ path: '/ping', interval: Duration.seconds(5), timeout: Duration.seconds(2) }),
        outlierDetection: {
          maxServerErrors: 5,
          interval: Duration.seconds(10),
          baseEjectionDuration: Duration.seconds(30),
          maxEjectionPercent: 50,
        },
      })],
      accessLog,
    }));

    // Mutual TLS everywhere: each Envoy presents its certificate and trusts the app's CA.
    this.mesh.requireMutualTls({
      certificate: TlsCertificate.file('/keys/colorapp_cert_chain.pem', '/keys/colorapp_key.pem'),
      trust: TlsValidationTrust.file('/keys/ca_cert.pem'),
    });

    const router = this.mesh.addVirtualRouter('ColortellerRouter', {
      virtualRouterName: 'colorteller-vr',
      listeners: [VirtualRouterListener.http(9080)],
    });
    const [white, red] = this.tellers;
    this.colortellerRoute = router.addRoute('ColortellerRoute', {
      routeName: 'colorteller-route',
      routeSpec: RouteSpec.http({ match: { path: HttpRoutePathMatch.startsWith('/') } }),
    })
      .to(white)
      .canary(red, 10)
      .withRetries(RetryPolicy.recommended())
      .withTimeout({ perRequest: Duration.seconds(12) });

    this.colorteller = this.mesh.addVirtualService('Colorteller', {
      virtualServiceName: `colorteller.${NAMESPACE}`,
      provider: VirtualServiceProvider.virtualRouter(router),
    });

    this.gateway = this.mesh.addVirtualNode('Colorgateway', {
      virtualNodeName: 'colorgateway-vn',
      serviceDiscovery: ServiceDiscovery.dns(`colorgateway.${NAMESPACE}`),
      listeners: [VirtualNodeListener.http({
        port: 9080,
        healthCheck: HealthCheck.http({ path: '/ping' }),
        timeout: { perRequest: Duration.seconds(10), idle: Duration.seconds(60) },
      })],
      backends: [Backend.virtualService(this.colorteller)],
      accessLog,
    });

    this.colorgateway = this.mesh.addVirtualService('Colorgateway-service', {
      virtualServiceName: `colorgateway.${NAMESPACE}`,
      provider: VirtualServiceProvider.virtualNode(this.gateway),
    });

    // The way in from outside the mesh: an ingress gateway behind a load balancer. Its listener
    // terminates TLS without asking clients for certificates (its own TLS wins over the mesh's
    // mutual TLS); towards the mesh it presents the mesh certificate like every other Envoy.
    this.ingress = this.mesh.addVirtualGateway('Ingress', {
      virtualGatewayName: 'colorapp-ingress-vg',
      listeners: [VirtualGatewayListener.http({
        port: 9443,
        healthCheck: HealthCheck.http({ path: '/ping' }),
        tls: { mode: TlsMode.STRICT, certificate: TlsCertificate.file('/keys/ingress_cert_chain.pem', '/keys/ingress_key.pem') },
      })],
      accessLog,
    });
    this.ingressRoute = this.ingress.addGatewayRoute('ColorRoute', {
      gatewayRouteName: 'color-route',
      routeSpec: GatewayRouteSpec.http({
        match: { path: HttpGatewayRoutePathMatch.startsWith('/color/', '/') },
        routeTarget: this.colorgateway,
      }),
    });

    // ECS tasks. The colorteller image listens on 9080 and answers with its COLOR.
    const colorteller = (color: string) => [{
      name: 'colorteller',
      image: 'public.ecr.aws/aws-containers/colorteller:latest',
      ports: [9080],
      environment: { COLOR: color, SERVER_PORT: '9080' },
    }];
    this.whiteTask = new MeshTaskDefinition(this, 'WhiteTask', {
      virtualNode: white,
      appContainers: colorteller('white'),
      xrayDaemon: true,
      envoyOptions: { statsTags: true },
    });
    // The red canary runs on plain Envoy with the configuration compiled from this mesh: no App Mesh needed.
    this.redTask = new MeshTaskDefinition(this, 'RedTask', {
      virtualNode: red,
      appContainers: colorteller('red'),
      envoyMode: EnvoyMode.STANDALONE,
    });
    this.ingressTask = new MeshTaskDefinition(this, 'IngressTask', { virtualGateway: this.ingress });
  }
}

/** Builds the example into an app (the tests pass their own app; main.ts passes one writing to out/). */
export function buildColorApp(app: App): ColorAppStack {
  return new ColorAppStack(app, 'ColorApp', { env: { account: '111122223333', region: 'us-east-1' } });
}

/** How the color app's successors deploy their ECS services: a failing revision rolls back, and every task serves while it runs. */
export const COLOR_APP_DEPLOYMENT = { circuitBreaker: { rollback: true }, minHealthyPercent: 100 };

/**
 * The VPC the color app's ECS services run in today, which its successors (plain Envoy, Service
 * Connect) move into: an existing VPC, named by its attributes.
 */
export function colorAppVpc(scope: Construct): ec2.IVpc {
  return ec2.Vpc.fromVpcAttributes(scope, 'Vpc', {
    vpcId: 'vpc-0c01a0ab1e0c01a0a',
    vpcCidrBlock: '10.0.0.0/16',
    availabilityZones: ['us-east-1a', 'us-east-1b'],
    privateSubnetIds: ['subnet-0aaa1111aaaa1111a', 'subnet-0bbb2222bbbb2222b'],
    privateSubnetRouteTableIds: ['rtb-0aaa1111aaaa1111a', 'rtb-0bbb2222bbbb2222b'],
    publicSubnetIds: ['subnet-0ccc3333cccc3333c', 'subnet-0ddd4444dddd4444d'],
    publicSubnetRouteTableIds: ['rtb-0ccc3333cccc3333c', 'rtb-0ddd4444dddd4444d'],
  });
}
