import { App, Stack, StackProps } from 'aws-cdk-lib';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { IVirtualNode, IVirtualService, ServiceConnectConfig } from '../../lib';
import { ColorAppStack, COLOR_APP_DEPLOYMENT, buildColorApp, colorAppVpc } from '../color-app/app';

/** The colorteller image answers with its COLOR on 9080. */
const COLORTELLER_IMAGE = 'public.ecr.aws/aws-containers/colorteller:latest';

export interface ColorAppServiceConnectProps extends StackProps {
  /** The color app as it runs on App Mesh today: the mesh is the description this stack reads. */
  readonly colorApp: ColorAppStack;
}

/**
 * The color app moved from App Mesh to ECS Service Connect. Each ECS service's Service Connect
 * configuration comes from its virtual node: port names, discovery names, the client aliases
 * callers use today (`colorgateway.default.svc.cluster.local:9080`,
 * `colorteller.default.svc.cluster.local:9080`), timeouts and access logs.
 *
 * What Service Connect cannot keep, the migration report of the mesh names: the 90/10 canary
 * (the white teller takes over the colorteller name; roll out the next color with an ECS
 * canary deployment), App Mesh's retries, mutual TLS, and the ingress gateway with its path
 * rewrite (an Application Load Balancer takes outside traffic to colorgateway instead).
 */
export class ColorAppServiceConnectStack extends Stack {
  public readonly cluster: ecs.Cluster;
  public readonly colorgateway: ecs.FargateService;
  public readonly colorteller: ecs.FargateService;
  public readonly configs: ServiceConnectConfig[] = [];
  public readonly loadBalancer: elbv2.ApplicationLoadBalancer;

  constructor(scope: Construct, id: string, props: ColorAppServiceConnectProps) {
    super(scope, id, props);
    const { colorApp } = props;
    const vpc = colorAppVpc(this);
    // The namespace the nodes' DNS names live in becomes the Cloud Map namespace of Service Connect.
    this.cluster = new ecs.Cluster(this, 'Cluster', {
      vpc,
      defaultCloudMapNamespace: { name: 'default.svc.cluster.local', useForServiceConnect: true },
    });
    const proxyLogs = new logs.LogGroup(this, 'ProxyLogs', { retention: logs.RetentionDays.ONE_MONTH });

    const [white] = colorApp.tellers;
    this.colorteller = this.service('Colorteller', white, 'white', proxyLogs, [colorApp.colorteller]);
    this.colorgateway = this.service('Colorgateway', colorApp.gateway, undefined, proxyLogs);

    // The ingress gateway has no Service Connect counterpart: a load balancer reaches colorgateway.
    this.loadBalancer = new elbv2.ApplicationLoadBalancer(this, 'Ingress', { vpc, internetFacing: true });
    this.loadBalancer.addListener('Http', { port: 80, open: true }).addTargets('Colorgateway', {
      port: 9080,
      protocol: elbv2.ApplicationProtocol.HTTP,
      targets: [this.colorgateway],
      healthCheck: { path: '/ping' },
    });
    // aws-cdk-lib orders the service after the target group it already references; cfn-lint's W3005 flags the redundant DependsOn.
    (this.colorgateway.node.defaultChild as ecs.CfnService).cfnOptions.metadata = { 'cfn-lint': { config: { ignore_checks: ['W3005'] } } };
  }

  /** An ECS service that runs a node's app on Service Connect: a plain task definition, no Envoy sidecar. */
  private service(id: string, node: IVirtualNode, color: string | undefined, proxyLogs: logs.ILogGroup,
    takeOverServices: IVirtualService[] = []): ecs.FargateService {
    const sc = ServiceConnectConfig.forVirtualNode(node, { accessLogGroup: proxyLogs, takeOverServices });
    this.configs.push(sc);
    // Service Connect's proxy runs in the task: 256 more CPU units and 64 MiB more memory than the app needs.
    const taskDefinition = new ecs.FargateTaskDefinition(this, `${id}Task`, { cpu: 512, memoryLimitMiB: 1024 });
    taskDefinition.addContainer('app', {
      image: ecs.ContainerImage.fromRegistry(color ? COLORTELLER_IMAGE : 'public.ecr.aws/aws-containers/colorgateway:latest'),
      portMappings: sc.portMappings(),
      environment: color ? { COLOR: color, SERVER_PORT: '9080' } : { SERVER_PORT: '9080', COLOR_TELLER_ENDPOINT: 'colorteller.default.svc.cluster.local:9080' },
      logging: ecs.LogDrivers.awsLogs({ streamPrefix: id.toLowerCase(), logGroup: proxyLogs }),
    });
    return new ecs.FargateService(this, `${id}Service`, {
      cluster: this.cluster,
      taskDefinition,
      serviceConnectConfiguration: sc.toServiceConnectProps(),
      ...COLOR_APP_DEPLOYMENT,
    });
  }
}

/** Both stacks: the color app's mesh (what runs today) and its Service Connect successor. */
export function buildColorAppServiceConnect(app: App): { colorApp: ColorAppStack; serviceConnect: ColorAppServiceConnectStack } {
  const colorApp = buildColorApp(app);
  const serviceConnect = new ColorAppServiceConnectStack(app, 'ColorAppServiceConnect', {
    env: { account: colorApp.account, region: colorApp.region },
    colorApp,
  });
  return { colorApp, serviceConnect };
}
