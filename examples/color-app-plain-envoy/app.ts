import { App, Stack, StackProps } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import * as servicediscovery from 'aws-cdk-lib/aws-servicediscovery';
import { Construct } from 'constructs';
import { EnvoyMode, MeshAppContainer, MeshTaskDefinition, VirtualNode } from '../../lib';
import { COLORS, ColorAppStack, COLOR_APP_DEPLOYMENT, buildColorApp, colorAppVpc } from '../color-app/app';

/** The namespace the color app's names live in, now a Cloud Map private DNS namespace. */
const NAMESPACE = 'default.svc.cluster.local';

export interface ColorAppPlainEnvoyProps extends StackProps {
  /** The color app's mesh: the description the Envoy configurations are compiled from. */
  readonly colorApp: ColorAppStack;
}

/**
 * The color app off App Mesh, on plain Envoy: every task runs `envoyproxy/envoy` with the static
 * configuration compiled from the mesh (`EnvoyMode.STANDALONE`), so the 90/10 canary, retries,
 * timeouts, outlier detection, mutual TLS and the ingress gateway's rewrite all work as before,
 * with no App Mesh control plane. This stack holds no App Mesh resource and does not depend on
 * the mesh's stack: deploy it alone.
 */
/**
 * The tasks' log groups. The mesh's own tasks run beside these until the cut-over, in the same
 * account and Region, and already take the default names (AMK_ECS_LOG_GROUP_NAME otherwise).
 */
function plainEnvoyLogGroup(id: string): string {
  return `/appmesh-kit/color-mesh/plain-envoy/${id}`;
}

export class ColorAppPlainEnvoyStack extends Stack {
  public readonly tasks: MeshTaskDefinition[] = [];
  public readonly services: ecs.FargateService[] = [];
  public readonly loadBalancer: elbv2.NetworkLoadBalancer;

  constructor(scope: Construct, id: string, props: ColorAppPlainEnvoyProps) {
    super(scope, id, props);
    const { colorApp } = props;
    const vpc = colorAppVpc(this);
    const cluster = new ecs.Cluster(this, 'Cluster', {
      vpc,
      defaultCloudMapNamespace: { name: NAMESPACE, type: servicediscovery.NamespaceType.DNS_PRIVATE, vpc },
    });
    const namespace = cluster.defaultCloudMapNamespace as servicediscovery.PrivateDnsNamespace;

    // Each node keeps its DNS name: its tasks register under it in Cloud Map.
    colorApp.tellers.forEach((node, i) => this.nodeService(cluster, `Colorteller${i}`, node, `colorteller-${COLORS[i]}`, [{
      name: 'colorteller',
      image: 'public.ecr.aws/aws-containers/colorteller:latest',
      ports: [9080],
      environment: { COLOR: COLORS[i], SERVER_PORT: '9080' },
    }]));
    this.nodeService(cluster, 'Colorgateway', colorApp.gateway, 'colorgateway', [{
      name: 'colorgateway',
      image: 'public.ecr.aws/aws-containers/colorgateway:latest',
      ports: [9080],
      environment: { SERVER_PORT: '9080', COLOR_TELLER_ENDPOINT: `colorteller.${NAMESPACE}:9080` },
    }]);

    // A virtual service name must resolve before Envoy sees the call; Envoy then routes on the
    // name and port, whatever the address. As with App Mesh, any address will do.
    namespace.createService('Colorteller', { name: 'colorteller', dnsRecordType: servicediscovery.DnsRecordType.A })
      .registerIpInstance('Placeholder', { ipv4: '10.10.10.10' });

    // The ingress gateway: Envoy alone, terminating TLS on 9443, behind a network load balancer.
    const ingressTask = new MeshTaskDefinition(this, 'IngressTask', {
      virtualGateway: colorApp.ingress, envoyMode: EnvoyMode.STANDALONE, logGroupName: plainEnvoyLogGroup('Ingress'),
    });
    this.tasks.push(ingressTask);
    const ingress = new ecs.FargateService(this, 'IngressService', { cluster, taskDefinition: ingressTask.taskDefinition, ...COLOR_APP_DEPLOYMENT });
    ingress.connections.allowFrom(ec2.Peer.ipv4(vpc.vpcCidrBlock), ec2.Port.tcp(9443));
    this.services.push(ingress);
    this.loadBalancer = new elbv2.NetworkLoadBalancer(this, 'Ingress', { vpc, internetFacing: true });
    this.loadBalancer.addListener('Tls', { port: 443 }).addTargets('Gateway', {
      port: 9443,
      targets: [ingress.loadBalancerTarget({ containerName: 'envoy', containerPort: 9443 })],
    });
    // aws-cdk-lib orders the service after the target group it already references; cfn-lint's W3005 flags the redundant DependsOn.
    (ingress.node.defaultChild as ecs.CfnService).cfnOptions.metadata = { 'cfn-lint': { config: { ignore_checks: ['W3005'] } } };
  }

  /** A node's app and its plain Envoy in one Fargate service, registered in Cloud Map under the node's DNS name. */
  private nodeService(cluster: ecs.Cluster, id: string, node: VirtualNode, dnsName: string, appContainers: MeshAppContainer[]): void {
    const task = new MeshTaskDefinition(this, `${id}Task`, {
      virtualNode: node, appContainers, envoyMode: EnvoyMode.STANDALONE, logGroupName: plainEnvoyLogGroup(id),
    });
    const service = new ecs.FargateService(this, `${id}Service`, {
      cluster,
      taskDefinition: task.taskDefinition,
      cloudMapOptions: { name: dnsName, dnsRecordType: servicediscovery.DnsRecordType.A },
      ...COLOR_APP_DEPLOYMENT,
    });
    service.connections.allowFromAnyIpv4(ec2.Port.tcp(9080));
    this.tasks.push(task);
    this.services.push(service);
  }
}

/** The color app's mesh (the description) and its plain-Envoy deployment. */
export function buildColorAppPlainEnvoy(app: App): { colorApp: ColorAppStack; plainEnvoy: ColorAppPlainEnvoyStack } {
  const colorApp = buildColorApp(app);
  const plainEnvoy = new ColorAppPlainEnvoyStack(app, 'ColorAppPlainEnvoy', {
    env: { account: colorApp.account, region: colorApp.region },
    colorApp,
  });
  return { colorApp, plainEnvoy };
}
