import * as fs from 'node:fs';
import * as path from 'node:path';
import { Duration, Stack } from 'aws-cdk-lib';
import { Match } from 'aws-cdk-lib/assertions';
import * as acmpca from 'aws-cdk-lib/aws-acmpca';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as logs from 'aws-cdk-lib/aws-logs';
import { describe, expect, it } from 'vitest';
import { buildColorApp } from '../../../examples/color-app/app';
import {
  AccessLog, Backend, IVirtualNode, LoggingFormat, Mesh, RouteSpec, ServiceConnectConfig, ServiceDiscovery, VirtualNode,
  TlsValidationTrust, VirtualNodeListener, VirtualRouterListener, VirtualServiceProvider,
} from '../../../lib';
import { MeshKitError } from '../../../lib/rules/mesh-kit-error';
import { ecsApiModelAvailable, validateEcsApi } from '../../support/ecs-api-model';
import { assemblyApp, synthTemplate } from '../../support/synth';

const ENV = { account: '111122223333', region: 'us-east-1' };
const PCA_ARN = 'arn:aws:acm-pca:us-east-1:111122223333:certificate-authority/11111111-2222-3333-4444-555555555555';

/**
 * The second mesh: a shop. `orders` (Cloud Map, gRPC + TCP listeners) is behind a router whose
 * one route sends 100 % to it with a 20 s per-request timeout; `cart` (DNS, HTTP/2) provides its
 * own service and writes text access logs; `ledger` (DNS) has no listener.
 */
function shopMesh(stack: Stack) {
  const mesh = new Mesh(stack, 'Mesh', { meshName: 'shop' });
  const orders = mesh.addVirtualNode('Orders', {
    virtualNodeName: 'orders-vn',
    serviceDiscovery: ServiceDiscovery.cloudMapByName('shop.local', 'orders'),
    listeners: [
      VirtualNodeListener.grpc({ port: 50051, timeout: { perRequest: Duration.seconds(30), idle: Duration.seconds(120) } }),
      VirtualNodeListener.tcp({ port: 7000, timeout: { idle: Duration.minutes(10) } }),
    ],
  });
  const router = mesh.addVirtualRouter('OrdersRouter', { virtualRouterName: 'orders-vr', listeners: [VirtualRouterListener.grpc(50051)] });
  router.addRoute('OrdersRoute', { routeName: 'orders-route', routeSpec: RouteSpec.grpc({ match: { serviceName: 'shop.Orders' } }) })
    .to(orders, 50051)
    .withTimeout({ perRequest: Duration.seconds(20) });
  const ordersService = mesh.addVirtualService('OrdersService', {
    virtualServiceName: 'orders.shop.local', provider: VirtualServiceProvider.virtualRouter(router),
  });
  const ca = acmpca.CertificateAuthority.fromCertificateAuthorityArn(stack, 'Ca', PCA_ARN);
  const cart = mesh.addVirtualNode('Cart', {
    virtualNodeName: 'cart-vn',
    serviceDiscovery: ServiceDiscovery.dns('cart.shop.local'),
    listeners: [VirtualNodeListener.http2({ port: 8080 })],
    backends: [Backend.virtualService(ordersService, { tlsClientPolicy: { validation: { trust: TlsValidationTrust.acm([ca]) } } })],
    accessLog: AccessLog.fromFilePath('/dev/stdout', LoggingFormat.fromText('%START_TIME% %RESPONSE_CODE%')),
  });
  mesh.addVirtualService('CartService', { virtualServiceName: 'cart.shop.local', provider: VirtualServiceProvider.virtualNode(cart) });
  const ledger = mesh.addVirtualNode('Ledger', { virtualNodeName: 'ledger-vn', serviceDiscovery: ServiceDiscovery.dns('ledger.shop.local') });
  return { mesh, orders, cart, ledger };
}

/** A Fargate service running `node`'s app on Service Connect: a plain task definition, no Envoy. */
function fargateService(stack: Stack, id: string, node: IVirtualNode, config: ServiceConnectConfig): ecs.TaskDefinition {
  const vpc = ec2.Vpc.fromVpcAttributes(stack, `${id}Vpc`, {
    vpcId: 'vpc-12345678', availabilityZones: ['us-east-1a', 'us-east-1b'], privateSubnetIds: ['subnet-1111aaaa', 'subnet-2222bbbb'],
  });
  const cluster = new ecs.Cluster(stack, `${id}Cluster`, { vpc });
  const taskDefinition = new ecs.FargateTaskDefinition(stack, `${id}Task`, { cpu: 512, memoryLimitMiB: 1024 });
  taskDefinition.addContainer('app', {
    image: ecs.ContainerImage.fromRegistry('public.ecr.aws/aws-containers/colorteller:latest'),
    portMappings: config.portMappings(),
  });
  expect(config.checkTaskDefinition(taskDefinition)).toEqual([]);
  new ecs.FargateService(stack, `${id}Service`, {
    cluster, taskDefinition, serviceConnectConfiguration: config.toServiceConnectProps(), vpcSubnets: { subnets: vpc.privateSubnets },
  });
  expect(node.node.path).toBeTruthy();
  return taskDefinition;
}

/** The ECS API inputs a config's JSON makes: CreateService and RegisterTaskDefinition. */
function apiInputs(json: { serviceConnectConfiguration: unknown; portMappings: unknown }) {
  return [
    { operation: 'CreateService', params: { serviceName: 'app', cluster: 'default', serviceConnectConfiguration: json.serviceConnectConfiguration } },
    {
      operation: 'RegisterTaskDefinition',
      params: { family: 'app', memory: '1024', containerDefinitions: [{ name: 'app', image: 'app:latest', portMappings: json.portMappings }] },
    },
  ];
}

const hasBotocore = ecsApiModelAvailable();

describe('ServiceConnectConfig: the color app', () => {
  const app = assemblyApp();
  const stack = buildColorApp(app);
  const [white] = stack.tellers;
  const gateway = ServiceConnectConfig.forVirtualNode(stack.gateway);

  it('keeps the name callers use: colorgateway is an alias of the node that provides it', () => {
    expect(gateway.namespace).toBe('default.svc.cluster.local');
    expect(gateway.endpoints).toEqual([{
      portName: 'http-9080',
      port: 9080,
      protocol: 'http',
      appProtocol: 'http',
      discoveryName: 'colorgateway',
      dnsName: 'colorgateway.default.svc.cluster.local',
      aliasPort: 9080,
      idleTimeoutSeconds: 60,
      perRequestTimeoutSeconds: 10,
    }]);
  });

  it('gives a canary\'s nodes no alias: the 90/10 route sends 100 % to no node', () => {
    const config = ServiceConnectConfig.forVirtualNode(white);
    expect(config.endpoints).toHaveLength(1);
    expect(config.endpoints[0].dnsName).toBeUndefined();
    expect(config.endpoints[0].discoveryName).toBe('colorteller-white');
  });

  it('lets the canary\'s stable node take over the split service: its name and the router\'s port, the node\'s own timeouts', () => {
    const config = ServiceConnectConfig.forVirtualNode(white, { takeOverServices: [stack.colorteller] });
    expect(config.diagnostics.map((d) => d.code)).toEqual(['AMK_SC_ACCESS_LOG_DRIVER']);
    expect(config.endpoints).toEqual([{
      portName: 'http-9080',
      port: 9080,
      protocol: 'http',
      appProtocol: 'http',
      discoveryName: 'colorteller-white',
      dnsName: 'colorteller.default.svc.cluster.local',
      aliasPort: 9080,
    }]);
  });

  it('AMK_SC_TAKE_OVER_NOT_BEHIND: a node cannot take over a service whose traffic never reaches it', () => {
    const blue = stack.tellers[2];
    const config = ServiceConnectConfig.forVirtualNode(blue, { takeOverServices: [stack.colorteller, stack.colorgateway] });
    expect(config.diagnostics.filter((d) => d.code !== 'AMK_SC_ACCESS_LOG_DRIVER').map((d) => [d.code, d.field, d.value])).toEqual([
      ['AMK_SC_TAKE_OVER_NOT_BEHIND', 'takeOverServices[0]', '"colorteller.default.svc.cluster.local"'],
      ['AMK_SC_TAKE_OVER_NOT_BEHIND', 'takeOverServices[1]', '"colorgateway.default.svc.cluster.local"'],
    ]);
    expect(config.endpoints[0].dnsName).toBeUndefined();
  });

  it('leaves the access log out without a log driver (AMK_SC_ACCESS_LOG_DRIVER), and keeps it with a log group', () => {
    expect(gateway.diagnostics.map((d) => d.code)).toEqual(['AMK_SC_ACCESS_LOG_DRIVER']);
    expect(gateway.toServiceConnectProps().accessLogConfiguration).toBeUndefined();
    const group = logs.LogGroup.fromLogGroupName(stack, 'ScLogs', '/ecs/colorgateway');
    const logged = ServiceConnectConfig.forVirtualNode(stack.gateway, { accessLogGroup: group });
    expect(logged.diagnostics).toEqual([]);
    expect(logged.toServiceConnectProps().accessLogConfiguration).toEqual({ format: ecs.ServiceConnectAccessLogFormat.JSON });
    expect(logged.toJson().serviceConnectConfiguration).toMatchObject({
      logConfiguration: { logDriver: 'awslogs', options: { 'awslogs-group': '/ecs/colorgateway', 'awslogs-region': 'us-east-1' } },
      accessLogConfiguration: { format: 'JSON', includeQueryParameters: 'DISABLED' },
    });
  });

  it('synthesizes a FargateService that cfn-lint accepts, without the fields cfn-lint 1.51 rejects', () => {
    const group = logs.LogGroup.fromLogGroupName(stack, 'ScLogsSynth', '/ecs/colorgateway');
    const config = ServiceConnectConfig.forVirtualNode(stack.gateway, { accessLogGroup: group });
    const task = fargateService(stack, 'Colorgateway', stack.gateway, config);
    const template = synthTemplate(stack, 'service-connect-color-app');
    template.hasResourceProperties('AWS::ECS::Service', {
      ServiceConnectConfiguration: {
        Enabled: true,
        Namespace: 'default.svc.cluster.local',
        Services: [{
          PortName: 'http-9080',
          DiscoveryName: 'colorgateway',
          ClientAliases: [{ DnsName: 'colorgateway.default.svc.cluster.local', Port: 9080 }],
          Timeout: { IdleTimeoutSeconds: 60, PerRequestTimeoutSeconds: 10 },
        }],
        AccessLogConfiguration: { Format: 'JSON' },
        LogConfiguration: Match.objectLike({ LogDriver: 'awslogs' }),
        ContainerConfigurations: Match.absent(),
      },
    });
    template.hasResourceProperties('AWS::ECS::TaskDefinition', {
      ContainerDefinitions: [Match.objectLike({ PortMappings: [{ Name: 'http-9080', ContainerPort: 9080, Protocol: 'tcp', AppProtocol: 'http' }] })],
      ProxyConfiguration: Match.absent(),
    });
    // No Envoy sidecar: the one container is the app.
    expect(task.node.children.filter((c) => c instanceof ecs.ContainerDefinition)).toHaveLength(1);
  });

  it('writes service-connect/color-mesh/<node>.json for every node with listeners', () => {
    const dir = path.join(app.synth().directory, 'service-connect', 'color-mesh');
    expect(fs.readdirSync(dir).sort()).toEqual(['colorgateway-vn.json', 'colorteller-black-vn.json', 'colorteller-blue-vn.json',
      'colorteller-red-vn.json', 'colorteller-white-vn.json']);
    const json = JSON.parse(fs.readFileSync(path.join(dir, 'colorgateway-vn.json'), 'utf8'));
    expect(json).toEqual({
      serviceConnectConfiguration: {
        enabled: true,
        namespace: 'default.svc.cluster.local',
        services: [{
          portName: 'http-9080',
          discoveryName: 'colorgateway',
          clientAliases: [{ port: 9080, dnsName: 'colorgateway.default.svc.cluster.local' }],
          timeout: { idleTimeoutSeconds: 60, perRequestTimeoutSeconds: 10 },
        }],
      },
      portMappings: [{ name: 'http-9080', containerPort: 9080, protocol: 'tcp', appProtocol: 'http' }],
    });
    // Without a log driver the file has no access log, and the synth stays quiet: no warning on the node.
    expect(stack.gateway.node.metadata.filter((m) => m.type === 'aws:cdk:warning')).toEqual([]);
  });

  it.skipIf(!hasBotocore)('its JSON passes the ECS API model (botocore)', () => {
    const dir = path.join(app.synth().directory, 'service-connect', 'color-mesh');
    const group = logs.LogGroup.fromLogGroupName(stack, 'ScLogsApi', '/ecs/colorgateway');
    const inputs = [
      ...fs.readdirSync(dir).flatMap((f) => apiInputs(JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8')))),
      ...apiInputs(ServiceConnectConfig.forVirtualNode(stack.gateway, { accessLogGroup: group }).toJson()),
    ];
    expect(validateEcsApi(inputs)).toEqual(inputs.map(() => []));
  });
});

describe('ServiceConnectConfig: a shop mesh (Cloud Map, gRPC, TCP, a router with one route)', () => {
  const app = assemblyApp();
  const stack = new Stack(app, 'Shop', { env: ENV });
  const { orders, cart, ledger } = shopMesh(stack);

  it('takes the Cloud Map namespace, one service per listener, and the one route\'s timeout over the listener\'s', () => {
    const config = ServiceConnectConfig.forVirtualNode(orders);
    expect(config.namespace).toBe('shop.local');
    expect(config.diagnostics).toEqual([]);
    expect(config.endpoints).toEqual([
      {
        portName: 'grpc-50051',
        port: 50051,
        protocol: 'grpc',
        appProtocol: 'grpc',
        discoveryName: 'orders-50051',
        dnsName: 'orders.shop.local',
        aliasPort: 50051,
        idleTimeoutSeconds: 120,
        perRequestTimeoutSeconds: 20,
        awsPcaAuthorityArn: PCA_ARN,
      },
      {
        portName: 'tcp-7000',
        port: 7000,
        protocol: 'tcp',
        appProtocol: undefined,
        discoveryName: 'orders-7000',
        dnsName: undefined,
        aliasPort: undefined,
        idleTimeoutSeconds: 600,
        perRequestTimeoutSeconds: undefined,
        awsPcaAuthorityArn: PCA_ARN,
      },
    ]);
  });

  it('gives TLS from the AWS Private CA the callers trust (cart trusts it for orders), with the role; tls: false turns it off', () => {
    const role = iam.Role.fromRoleArn(stack, 'TlsRole', 'arn:aws:iam::111122223333:role/ecs-sc-tls');
    const config = ServiceConnectConfig.forVirtualNode(orders, { tlsRole: role });
    expect(config.toServiceConnectProps().services![0].tls).toEqual({ awsPcaAuthorityArn: PCA_ARN, role });
    expect(config.toJson().serviceConnectConfiguration.services[0].tls).toEqual({
      issuerCertificateAuthority: { awsPcaAuthorityArn: PCA_ARN }, roleArn: 'arn:aws:iam::111122223333:role/ecs-sc-tls',
    });
    expect(ServiceConnectConfig.forVirtualNode(orders, { tls: false }).endpoints.map((e) => e.awsPcaAuthorityArn)).toEqual([undefined, undefined]);
    // Nobody trusts an ACM Private CA for cart: no TLS.
    expect(ServiceConnectConfig.forVirtualNode(cart).endpoints[0].awsPcaAuthorityArn).toBeUndefined();
  });

  it('leaves out a per-request timeout asked for on a TCP port (AMK_SC_PER_REQUEST_TCP)', () => {
    const config = ServiceConnectConfig.forVirtualNode(orders, { perRequestTimeout: Duration.seconds(5) });
    expect(config.diagnostics.map((d) => [d.code, d.field])).toEqual([['AMK_SC_PER_REQUEST_TCP', 'spec.listeners[1].timeout.perRequestTimeoutSeconds']]);
    expect(config.endpoints.map((e) => e.perRequestTimeoutSeconds)).toEqual([5, undefined]);
    expect(config.toJson().serviceConnectConfiguration.services[1].timeout).toEqual({ idleTimeoutSeconds: 600 });
  });

  it('checks the discovery name (AMK_SC_DISCOVERY_NAME) and the namespace (AMK_SC_NAMESPACE)', () => {
    const bad = ServiceConnectConfig.forVirtualNode(cart, { discoveryName: 'Cart.Service' });
    expect(bad.diagnostics.map((d) => d.code)).toContain('AMK_SC_DISCOVERY_NAME');
    expect(() => bad.toServiceConnectProps()).toThrow(/AMK_SC_DISCOVERY_NAME/);
    const long = ServiceConnectConfig.forVirtualNode(cart, { discoveryName: 'c'.repeat(65) });
    expect(long.diagnostics.map((d) => d.code)).toContain('AMK_SC_DISCOVERY_NAME');

    const s2 = new Stack(assemblyApp(), 'NoNamespace', { env: ENV });
    const mesh = new Mesh(s2, 'Mesh', { meshName: 'flat' });
    const node = mesh.addVirtualNode('Node', { serviceDiscovery: ServiceDiscovery.dns('flat'), listeners: [VirtualNodeListener.http({ port: 80 })] });
    const none = ServiceConnectConfig.forVirtualNode(node);
    expect(none.diagnostics.map((d) => d.code)).toEqual(['AMK_SC_NAMESPACE']);
    expect(() => none.toJson()).toThrow(MeshKitError);
    expect(ServiceConnectConfig.forVirtualNode(node, { namespace: 'flat.local' }).diagnostics).toEqual([]);
  });

  it('checks the client alias: dnsName syntax (AMK_SC_DNS_NAME), one alias per service (AMK_SC_CLIENT_ALIAS_ONE)', () => {
    const s2 = new Stack(assemblyApp(), 'Aliases', { env: ENV });
    const mesh = new Mesh(s2, 'Mesh', { meshName: 'aliases' });
    const node = mesh.addVirtualNode('Node', { serviceDiscovery: ServiceDiscovery.dns('api.corp.local'), listeners: [VirtualNodeListener.http({ port: 80 })] });
    mesh.addVirtualService('Upper', { virtualServiceName: 'API.corp.local', provider: VirtualServiceProvider.virtualNode(node) });
    mesh.addVirtualService('Other', { virtualServiceName: 'api2.corp.local', provider: VirtualServiceProvider.virtualNode(node) });
    const config = ServiceConnectConfig.forVirtualNode(node);
    expect(config.diagnostics.map((d) => d.code).sort()).toEqual(['AMK_SC_CLIENT_ALIAS_ONE', 'AMK_SC_DNS_NAME']);
    expect(config.endpoints[0].dnsName).toBe('API.corp.local');
  });

  it('refuses the same dnsName:port on two ports (AMK_SC_CLIENT_ALIAS_DUPLICATE)', () => {
    const s2 = new Stack(assemblyApp(), 'Duplicate', { env: ENV });
    const mesh = new Mesh(s2, 'Mesh', { meshName: 'dup' });
    const node = mesh.addVirtualNode('Node', {
      serviceDiscovery: ServiceDiscovery.dns('api.corp.local'),
      listeners: [VirtualNodeListener.http({ port: 80 }), VirtualNodeListener.http({ port: 81 })],
    });
    // Two routers on port 9000, each sending 100 % to another port of the node, behind services of one name.
    [80, 81].forEach((port) => {
      const router = mesh.addVirtualRouter(`Router${port}`, { listeners: [VirtualRouterListener.http(9000)] });
      router.addRoute('Route', { routeSpec: RouteSpec.http({}) }).to(node, port);
      mesh.addVirtualService(`Api${port}`, { virtualServiceName: 'api.corp.local', provider: VirtualServiceProvider.virtualRouter(router) });
    });
    const config = ServiceConnectConfig.forVirtualNode(node);
    expect(config.diagnostics.map((d) => d.code)).toContain('AMK_SC_CLIENT_ALIAS_DUPLICATE');
  });

  it('checks a task definition\'s port names (AMK_SC_PORT_NAME)', () => {
    const config = ServiceConnectConfig.forVirtualNode(cart);
    const task = new ecs.FargateTaskDefinition(stack, 'WrongPorts');
    task.addContainer('app', { image: ecs.ContainerImage.fromRegistry('cart'), portMappings: [{ containerPort: 8080, name: 'web' }] });
    expect(config.checkTaskDefinition(task).map((d) => [d.code, d.value])).toEqual([['AMK_SC_PORT_NAME', '"http2-8080"']]);
  });

  it('refuses an imported node (AMK_SC_NODE_IMPORTED)', () => {
    const imported = VirtualNode.fromVirtualNodeAttributes(stack, 'Imported', { mesh: Mesh.fromMeshName(stack, 'Other', 'other'), virtualNodeName: 'x' });
    expect(() => ServiceConnectConfig.forVirtualNode(imported)).toThrow(/AMK_SC_NODE_IMPORTED/);
  });

  it('synthesizes Fargate services cfn-lint accepts, and writes files only for nodes with listeners', () => {
    const group = new logs.LogGroup(stack, 'ProxyLogs', { retention: logs.RetentionDays.ONE_WEEK });
    fargateService(stack, 'Orders', orders, ServiceConnectConfig.forVirtualNode(orders));
    fargateService(stack, 'Cart', cart, ServiceConnectConfig.forVirtualNode(cart, { accessLogGroup: group }));
    const template = synthTemplate(stack, 'service-connect-shop');
    template.hasResourceProperties('AWS::ECS::Service', {
      ServiceConnectConfiguration: Match.objectLike({ Namespace: 'shop.local', AccessLogConfiguration: { Format: 'TEXT' } }),
    });
    template.hasResourceProperties('AWS::ECS::Service', {
      ServiceConnectConfiguration: Match.objectLike({
        Namespace: 'shop.local',
        Services: Match.arrayWith([Match.objectLike({
          PortName: 'grpc-50051',
          ClientAliases: [{ DnsName: 'orders.shop.local', Port: 50051 }],
          Timeout: { IdleTimeoutSeconds: 120, PerRequestTimeoutSeconds: 20 },
          Tls: { IssuerCertificateAuthority: { AwsPcaAuthorityArn: PCA_ARN } },
        })]),
      }),
    });
    const dir = path.join(app.synth().directory, 'service-connect', 'shop');
    expect(fs.readdirSync(dir).sort()).toEqual(['cart-vn.json', 'orders-vn.json']);
    expect(ledger.node.path).toBe('Shop/Mesh/Ledger');
  });

  it.skipIf(!hasBotocore)('its JSON passes the ECS API model (botocore), and the model catches a bad one', () => {
    const group = logs.LogGroup.fromLogGroupName(stack, 'ApiLogs', '/ecs/cart');
    const inputs = [
      ...apiInputs(ServiceConnectConfig.forVirtualNode(orders, {
        tlsRole: iam.Role.fromRoleArn(stack, 'ApiTlsRole', 'arn:aws:iam::111122223333:role/ecs-sc-tls'),
      }).toJson()),
      ...apiInputs(ServiceConnectConfig.forVirtualNode(cart, { accessLogGroup: group }).toJson()),
    ];
    expect(validateEcsApi(inputs)).toEqual(inputs.map(() => []));
    const broken = validateEcsApi([{ operation: 'CreateService', params: { serviceName: 'x', serviceConnectConfiguration: { enabled: 'yes', services: [{ portName: 'a', extra: 1 }], accessLogConfiguration: { format: 'XML' } } } }]);
    expect(broken[0].join('\n')).toMatch(/enabled/);
    expect(broken[0].join('\n')).toMatch(/extra/);
    expect(broken[0].join('\n')).toMatch(/XML/);
  });

  it('writes no files with context appmesh-kit:serviceConnectOutput=false', () => {
    const off = assemblyApp({ 'appmesh-kit:serviceConnectOutput': false });
    shopMesh(new Stack(off, 'Shop', { env: ENV }));
    expect(fs.existsSync(path.join(off.synth().directory, 'service-connect'))).toBe(false);
  });
});

describe('the service-connect files of a node that breaks a rule', () => {
  it('are not written, with a note on the mesh that names the code', () => {
    const app = assemblyApp();
    const stack = new Stack(app, 'Flat', { env: ENV });
    const mesh = new Mesh(stack, 'Mesh', { meshName: 'flat' });
    mesh.addVirtualNode('Node', { virtualNodeName: 'flat-vn', serviceDiscovery: ServiceDiscovery.dns('flat'), listeners: [VirtualNodeListener.http({ port: 80 })] });
    expect(fs.existsSync(path.join(app.synth().directory, 'service-connect'))).toBe(false);
    const notes = mesh.node.metadata.filter((m) => m.type === 'aws:cdk:info').map((m) => String(m.data));
    expect(notes.some((n) => n.includes('AMK_SC_NAMESPACE'))).toBe(true);
  });
});
