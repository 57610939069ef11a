import { App, Stack } from 'aws-cdk-lib';
import { Annotations, Match } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import {
  Backend, DiagnosticSeverity, EnvoyMode, HeaderMatch, HealthCheck, HttpRoutePathMatch, MeshAppContainer, MeshTaskCompatibility, MeshTaskDefinition,
  MeshTaskDefinitionProps, RouteSpec, ServiceDiscovery, TlsCertificate, TlsMode, VirtualGatewayListener, VirtualNodeListener, VirtualRouterListener,
  VirtualService, VirtualServiceProvider,
} from '../../../lib';
import { RegisterTaskDefinitionInput, TaskContext } from '../../../lib/model/ecs-task';
import { buildTaskModel } from '../../../lib/outputs/ecs/task-model';
import { TASK_DEFINITION_MAX_BYTES, taskDefinitionRules } from '../../../lib/rules/ecs/task-definition';
import { APP } from '../../outputs/ecs/helpers';
import { ecsFixture, thrownBy } from '../../support/fixtures';
import { synthTemplate } from '../../support/synth';

/* eslint-disable @typescript-eslint/no-explicit-any */

const PATH = 'Shop/Task';

/** The line a synth error has for one diagnostic: `<code> <construct path> <field>: `. */
function line(code: string, field: string, path: string = PATH): string {
  return `${code} ${path} ${field}: `;
}

/** The message app.synth() fails with (only errors fail it: reportAtSynth turns warnings into annotations). */
function synthError(app: App): string {
  const error = thrownBy(() => app.synth());
  expect(error.message).toMatch(/^Validation failed with the following errors:/);
  return error.message;
}

/** A node task for the fixture's node (listener 9080) in stack Shop, with these options. */
function nodeTask(props: Partial<MeshTaskDefinitionProps> = {}, listenerPort?: number) {
  const f = ecsFixture();
  const node = listenerPort === undefined ? f.node : f.mesh.addVirtualNode('Other', {
    virtualNodeName: 'other', serviceDiscovery: ServiceDiscovery.dns('other.shop.local'), listeners: [VirtualNodeListener.http({ port: listenerPort })],
  });
  const task = new MeshTaskDefinition(f.stack, 'Task', { virtualNode: node, appContainers: [APP], ...props });
  return { ...f, node, task };
}

/** The codes of the diagnostics a task reports at synth (every ECS rule is an error, so its validation errors). */
function taskCodes(task: MeshTaskDefinition): string[] {
  return task.node.validate().map((message) => message.split(' ')[0]);
}

// ----- hand-made models: rules the construct cannot reach -----

const NODE_CTX: TaskContext = {
  kind: 'virtualNode',
  meshName: 'shop',
  name: 'cart',
  region: 'us-east-1',
  listenerPorts: [9080],
  envoyEnvironment: { APPMESH_RESOURCE_ARN: 'arn:aws:appmesh:us-east-1:123456789012:mesh/shop/virtualNode/cart', AWS_REGION: 'us-east-1' },
  logGroupName: '/appmesh-kit/shop/cart',
};

const GATEWAY_CTX: TaskContext = {
  kind: 'virtualGateway',
  meshName: 'shop',
  name: 'ingress',
  region: 'us-east-1',
  listenerPorts: [8088],
  envoyEnvironment: { APPMESH_RESOURCE_ARN: 'arn:aws:appmesh:us-east-1:123456789012:mesh/shop/virtualGateway/ingress', AWS_REGION: 'us-east-1' },
  logGroupName: '/appmesh-kit/shop/ingress',
};

function nodeModel(apps: MeshAppContainer[] = [APP]): RegisterTaskDefinitionInput {
  return buildTaskModel(NODE_CTX, { appContainers: apps });
}

function rules(model: RegisterTaskDefinitionInput, ctx: TaskContext = NODE_CTX, adminPort = 9901) {
  return taskDefinitionRules(PATH, model, ctx, adminPort);
}

function expectOnly(diagnostics: ReturnType<typeof rules>, code: string, field: string, value?: string) {
  expect(diagnostics).toEqual([expect.objectContaining({ severity: DiagnosticSeverity.ERROR, code, constructPath: PATH, field })]);
  if (value !== undefined) expect(diagnostics[0].value).toBe(value);
  expect(diagnostics[0].message.length).toBeGreaterThan(0);
  expect(diagnostics[0].fix.length).toBeGreaterThan(0);
}

describe('task rules on hand-made models', () => {
  it('a model built for a valid node gives no diagnostics', () => {
    expect(rules(nodeModel())).toEqual([]);
  });

  it('a model built for a valid gateway gives no diagnostics', () => {
    expect(rules(buildTaskModel(GATEWAY_CTX, {}), GATEWAY_CTX)).toEqual([]);
  });

  it('AMK_ECS_AWSVPC: bridge networking', () => {
    const model = nodeModel();
    (model as any).networkMode = 'bridge';
    expectOnly(rules(model), 'AMK_ECS_AWSVPC', 'networkMode', '"bridge"');
  });

  it('AMK_ECS_PROXY_CONTAINER: the proxy configuration names container "proxy", which the task does not have', () => {
    const model = nodeModel();
    model.proxyConfiguration!.containerName = 'proxy';
    expect(rules(model)).toContainEqual(expect.objectContaining({
      severity: DiagnosticSeverity.ERROR, code: 'AMK_ECS_PROXY_CONTAINER', constructPath: PATH, field: 'proxyConfiguration.containerName', value: '"proxy"',
    }));
  });

  it('AMK_ECS_IGNORED_ID_REQUIRED: neither IgnoredUID nor IgnoredGID', () => {
    const model = nodeModel();
    model.proxyConfiguration!.properties = model.proxyConfiguration!.properties.filter((p) => p.name !== 'IgnoredUID');
    expectOnly(rules(model), 'AMK_ECS_IGNORED_ID_REQUIRED', 'proxyConfiguration.properties');
  });

  it('IgnoredGID alone satisfies AMK_ECS_IGNORED_ID_REQUIRED', () => {
    const model = nodeModel();
    model.proxyConfiguration!.properties = [
      ...model.proxyConfiguration!.properties.filter((p) => p.name !== 'IgnoredUID'), { name: 'IgnoredGID', value: '1338' },
    ];
    expect(rules(model)).toEqual([]);
  });

  it('AMK_ECS_APP_PORT: a listener port missing from AppPorts', () => {
    const model = nodeModel();
    model.proxyConfiguration!.properties.find((p) => p.name === 'AppPorts')!.value = '9090';
    expectOnly(rules(model), 'AMK_ECS_APP_PORT', 'proxyConfiguration.properties.AppPorts', '9080');
  });

  it('AMK_ECS_GATEWAY_PROXY: a gateway task with a proxy configuration', () => {
    const model = buildTaskModel(GATEWAY_CTX, {});
    model.proxyConfiguration = nodeModel().proxyConfiguration;
    expectOnly(rules(model, GATEWAY_CTX), 'AMK_ECS_GATEWAY_PROXY', 'proxyConfiguration');
  });

  it('AMK_ECS_CONTAINER_NAME: two containers named alike', () => {
    const model = nodeModel([APP, { ...APP, ports: [] }]);
    expectOnly(rules(model), 'AMK_ECS_CONTAINER_NAME', 'containerDefinitions[1].name', '"app"');
  });

  it('AMK_ECS_TASK_DEFINITION_SIZE: a command that takes the task past 64 KiB', () => {
    const yaml = `# ${'x'.repeat(70 * 1024)}`;
    const ctx = { ...NODE_CTX, envoyEnvironment: undefined, standaloneYaml: yaml };
    const model = buildTaskModel(ctx, { appContainers: [APP], envoyMode: EnvoyMode.STANDALONE });
    const size = Buffer.byteLength(JSON.stringify(model), 'utf8');
    expect(size).toBeGreaterThan(TASK_DEFINITION_MAX_BYTES);
    const diagnostics = rules(model, ctx);
    expectOnly(diagnostics, 'AMK_ECS_TASK_DEFINITION_SIZE', 'containerDefinitions', `"${size} bytes"`);
    expect(diagnostics[0].message).toContain(`${size} bytes`);
    expect(diagnostics[0].message).toContain(`${Buffer.byteLength(yaml, 'utf8')} bytes`);
  });

  it('a task of exactly 64 KiB is accepted', () => {
    const base = buildTaskModel({ ...NODE_CTX, envoyEnvironment: undefined, standaloneYaml: '' }, { appContainers: [APP], envoyMode: EnvoyMode.STANDALONE });
    const pad = TASK_DEFINITION_MAX_BYTES - Buffer.byteLength(JSON.stringify(base), 'utf8');
    const ctx = { ...NODE_CTX, envoyEnvironment: undefined, standaloneYaml: 'y'.repeat(pad) };
    const model = buildTaskModel(ctx, { appContainers: [APP], envoyMode: EnvoyMode.STANDALONE });
    expect(Buffer.byteLength(JSON.stringify(model), 'utf8')).toBe(TASK_DEFINITION_MAX_BYTES);
    expect(rules(model, ctx)).toEqual([]);
  });
});

// ----- through the construct: the synth fails with code, construct path and field -----

describe('task rules through MeshTaskDefinition (synth errors)', () => {
  it('a valid node task synthesizes without errors', () => {
    const { stack } = nodeTask({ xrayDaemon: true });
    synthTemplate(stack, 'ecs-rules-valid-node');
    expect(Annotations.fromStack(stack).findError('*', Match.anyValue())).toEqual([]);
    expect(Annotations.fromStack(stack).findWarning('*', Match.stringLikeRegexp('AMK_ECS_'))).toEqual([]);
  });

  it('AMK_ECS_SDS_SOCKET (warning): an App Mesh-mode task of a node whose listener certificate comes from SDS, without sdsSocketPath', () => {
    const f = ecsFixture();
    const node = f.mesh.addVirtualNode('Secure', {
      virtualNodeName: 'secure',
      serviceDiscovery: ServiceDiscovery.dns('secure.shop.local'),
      listeners: [VirtualNodeListener.http({ port: 9080, tls: { mode: TlsMode.STRICT, certificate: TlsCertificate.sds('spiffe://shop/secure') } })],
    });
    new MeshTaskDefinition(f.stack, 'Task', { virtualNode: node, appContainers: [APP] });
    const warnings = Annotations.fromStack(f.stack).findWarning('/Shop/Task', Match.stringLikeRegexp('AMK_ECS_SDS_SOCKET'));
    expect(warnings).toHaveLength(1);
    expect(String(warnings[0].entry.data)).toContain('envoyOptions.sdsSocketPath');
    expect(String(warnings[0].entry.data)).toContain('APPMESH_SDS_SOCKET_PATH');
  });

  it('AMK_ECS_SDS_SOCKET edge: set, the task passes the socket to Envoy; a node without SDS, or standalone mode, is not told', () => {
    const f = ecsFixture();
    const node = f.mesh.addVirtualNode('Secure', {
      virtualNodeName: 'secure',
      serviceDiscovery: ServiceDiscovery.dns('secure.shop.local'),
      listeners: [VirtualNodeListener.http({ port: 9080, tls: { mode: TlsMode.STRICT, certificate: TlsCertificate.sds('spiffe://shop/secure') } })],
    });
    new MeshTaskDefinition(f.stack, 'Task', { virtualNode: node, appContainers: [APP], envoyOptions: { sdsSocketPath: '/run/spire/sockets/agent.sock' } });
    new MeshTaskDefinition(f.stack, 'Standalone', { virtualNode: node, appContainers: [APP], envoyMode: EnvoyMode.STANDALONE });
    new MeshTaskDefinition(f.stack, 'Plain', { virtualNode: f.node, appContainers: [APP] });
    expect(Annotations.fromStack(f.stack).findWarning('*', Match.stringLikeRegexp('AMK_ECS_SDS_SOCKET'))).toEqual([]);
    const tasks = Object.values(synthTemplate(f.stack, 'ecs-rules-sds-socket').findResources('AWS::ECS::TaskDefinition'));
    const withSocket = tasks.filter((t) => JSON.stringify(t).includes('{"Name":"APPMESH_SDS_SOCKET_PATH","Value":"/run/spire/sockets/agent.sock"}'));
    expect(withSocket).toHaveLength(1);
  });

  it('AMK_ECS_LOG_GROUP_NAME: a node\'s and a gateway\'s task of one name and construct id take one log group', () => {
    const f = ecsFixture();
    const gateway = f.mesh.addVirtualGateway('Gateway', { virtualGatewayName: f.node.virtualNodeName, listeners: [VirtualGatewayListener.http({ port: 8088 })] });
    new MeshTaskDefinition(f.node, 'Task', { virtualNode: f.node, appContainers: [APP] });
    new MeshTaskDefinition(gateway, 'Task', { virtualGateway: gateway });
    const message = synthError(f.app);
    expect(message).toContain(line('AMK_ECS_LOG_GROUP_NAME', 'logGroupName', `${gateway.node.path}/Task`));
    expect(message).toContain(`${f.node.node.path}/Task already makes a log group of this name`);
  });

  it('AMK_ECS_LOG_GROUP_NAME edge: another construct id, or the same name in another Region, is fine', () => {
    const f = ecsFixture();
    const gateway = f.mesh.addVirtualGateway('Gateway', { virtualGatewayName: f.node.virtualNodeName, listeners: [VirtualGatewayListener.http({ port: 8088 })] });
    new MeshTaskDefinition(f.node, 'Task', { virtualNode: f.node, appContainers: [APP] });
    new MeshTaskDefinition(gateway, 'GatewayTask', { virtualGateway: gateway });
    const other = new Stack(f.app, 'Other', { env: { account: '111111111111', region: 'eu-west-1' } });
    new MeshTaskDefinition(other, 'Task', { virtualNode: f.node, appContainers: [APP], logGroupName: `/appmesh-kit/shop/${f.node.virtualNodeName}/Task` });
    expect(() => f.app.synth()).not.toThrow();
  });

  it('ignoredUid 0 is valid', () => {
    const { stack } = nodeTask({ ignoredUid: 0 });
    synthTemplate(stack, 'ecs-rules-ignored-uid-0');
    expect(Annotations.fromStack(stack).findError('*', Match.anyValue())).toEqual([]);
  });

  it('AMK_ECS_APP_PORT: the node listens on 8080, the app container exposes 9080', () => {
    const { app } = nodeTask({}, 8080);
    const message = synthError(app);
    expect(message).toContain(line('AMK_ECS_APP_PORT', 'containerDefinitions.portMappings'));
    expect(message).toContain('(got 8080)');
  });

  it.each(['1337', '1337:1337'])('AMK_ECS_APP_USER_IGNORED: the app container runs as %s', (user) => {
    const { app } = nodeTask({ appContainers: [{ ...APP, user }] });
    const message = synthError(app);
    expect(message).toContain(line('AMK_ECS_APP_USER_IGNORED', 'containerDefinitions[0].user'));
    expect(message).toContain(`(got ${JSON.stringify(user)})`);
  });

  it('an app container running as another user is fine', () => {
    const { stack, task } = nodeTask({ appContainers: [{ ...APP, user: '1000:1337' }] });
    synthTemplate(stack, 'ecs-rules-app-user-1000');
    expect(taskCodes(task)).not.toContain('AMK_ECS_APP_USER_IGNORED');
  });

  it('AMK_ECS_PORT_APP_AND_IGNORED: egressIgnoredPorts includes the app port 9080', () => {
    const { app } = nodeTask({ egressIgnoredPorts: [2049, 9080] });
    const message = synthError(app);
    expect(message).toContain(line('AMK_ECS_PORT_APP_AND_IGNORED', 'proxyConfiguration.properties.EgressIgnoredPorts'));
    expect(message).toContain('(got 9080)');
    expect(message).not.toContain('AMK_ECS_EGRESS_IGNORED_PORTS');
  });

  it('AMK_ECS_EGRESS_IGNORED_PORTS: 16 ignored egress ports', () => {
    const { app } = nodeTask({ egressIgnoredPorts: Array.from({ length: 16 }, (_, i) => 3000 + i) });
    const message = synthError(app);
    expect(message).toContain(line('AMK_ECS_EGRESS_IGNORED_PORTS', 'proxyConfiguration.properties.EgressIgnoredPorts'));
    expect(message).toContain('(got 16)');
  });

  it('15 ignored egress ports are accepted', () => {
    const { stack } = nodeTask({ egressIgnoredPorts: Array.from({ length: 15 }, (_, i) => 3000 + i) });
    synthTemplate(stack, 'ecs-rules-15-egress-ports');
  });

  it('AMK_ECS_ADMIN_PORT: a node listener on Envoy\'s admin port 9901', () => {
    const { app } = nodeTask({ appContainers: [{ ...APP, ports: [9901] }] }, 9901);
    const message = synthError(app);
    expect(message).toContain(line('AMK_ECS_ADMIN_PORT', 'containerDefinitions.portMappings'));
    expect(message).toContain('(got 9901)');
  });

  it('AMK_ECS_ADMIN_PORT: a health check on Envoy\'s admin port, so Envoy would check itself', () => {
    const f = ecsFixture();
    const node = f.mesh.addVirtualNode('Checked', {
      virtualNodeName: 'checked',
      serviceDiscovery: ServiceDiscovery.dns('checked.shop.local'),
      listeners: [VirtualNodeListener.http({ port: 9080, healthCheck: HealthCheck.http({ path: '/ping', port: 9901 }) })],
    });
    new MeshTaskDefinition(f.stack, 'Task', { virtualNode: node, appContainers: [APP] });
    const message = synthError(f.app);
    expect(message).toContain(`${line('AMK_ECS_ADMIN_PORT', 'containerDefinitions.portMappings')}Envoy's admin interface uses port 9901, `
      + 'which is also the port a health check of the virtual node probes, so Envoy would check itself (got 9901). '
      + 'Fix: health-check the application\'s own port, or set another adminPort in the Envoy options');
  });

  it('AMK_ECS_ADMIN_PORT: an application container port on Envoy\'s admin port', () => {
    const { app } = nodeTask({ appContainers: [{ ...APP, ports: [9080, 9901] }] });
    expect(synthError(app)).toContain('which is also a port of an application container (got 9901). Fix: move the application');
  });

  it('AMK_ECS_ADMIN_PORT: a gateway listener on Envoy\'s admin port', () => {
    const { stack, mesh, app } = ecsFixture();
    const gateway = mesh.addVirtualGateway('Admin', { virtualGatewayName: 'admin', listeners: [VirtualGatewayListener.http({ port: 9901 })] });
    new MeshTaskDefinition(stack, 'GatewayTask', { virtualGateway: gateway });
    expect(synthError(app)).toContain('which is also a listener port of the virtual gateway (got 9901)');
  });

  it('a listener on 9901 is fine when Envoy\'s admin port is moved', () => {
    const { stack, task } = nodeTask({ appContainers: [{ ...APP, ports: [9901] }], envoyOptions: { adminPort: 9902 } }, 9901);
    synthTemplate(stack, 'ecs-rules-admin-port-moved');
    expect(taskCodes(task)).not.toContain('AMK_ECS_ADMIN_PORT');
  });

  it('AMK_ECS_FARGATE_PRIVILEGED_PORT: a gateway listener on 443 on Fargate', () => {
    const { app, stack, mesh } = ecsFixture();
    const gateway = mesh.addVirtualGateway('Ingress', { virtualGatewayName: 'ingress', listeners: [VirtualGatewayListener.http({ port: 443 })] });
    new MeshTaskDefinition(stack, 'Task', { virtualGateway: gateway });
    const message = synthError(app);
    expect(message).toContain(line('AMK_ECS_FARGATE_PRIVILEGED_PORT', 'containerDefinitions.portMappings'));
    expect(message).toContain('(got 443)');
  });

  it('a gateway listener on 443 is fine on EC2', () => {
    const { stack, mesh } = ecsFixture();
    const gateway = mesh.addVirtualGateway('Ingress', { virtualGatewayName: 'ingress', listeners: [VirtualGatewayListener.http({ port: 443 })] });
    const task = new MeshTaskDefinition(stack, 'Task', { virtualGateway: gateway, compatibility: MeshTaskCompatibility.EC2 });
    synthTemplate(stack, 'ecs-rules-gateway-443-ec2');
    expect(Annotations.fromStack(stack).findError('*', Match.anyValue())).toEqual([]);
    expect(taskCodes(task)).not.toContain('AMK_ECS_FARGATE_PRIVILEGED_PORT');
  });

  it('AMK_ECS_CONTAINER_NAME: an app container named envoy', () => {
    const { app, stack, node } = ecsFixture();
    const error = thrownBy(() => {
      new MeshTaskDefinition(stack, 'Task', { virtualNode: node, appContainers: [{ ...APP, name: 'envoy' }] });
      app.synth();
    });
    expect(error.message).toContain(line('AMK_ECS_CONTAINER_NAME', 'containerDefinitions[1].name'));
  });

  it('AMK_ECS_TASK_DEFINITION_SIZE: standalone mode for a node with 60 backends, each a router with four header routes', () => {
    const { app, stack, mesh, node } = ecsFixture();
    const target = mesh.addVirtualNode('Target', {
      virtualNodeName: 'target', serviceDiscovery: ServiceDiscovery.dns('target.shop.local'), listeners: [VirtualNodeListener.http({ port: 9080 })],
    });
    for (let i = 0; i < 60; i++) {
      const router = mesh.addVirtualRouter(`Router${i}`, { virtualRouterName: `router-${i}`, listeners: [VirtualRouterListener.http(9080)] });
      for (let j = 0; j < 4; j++) {
        router.addRoute(`Route${j}`, {
          routeSpec: RouteSpec.http({
            match: {
              path: HttpRoutePathMatch.startsWith(`/p${j}/`),
              headers: [HeaderMatch.valueIs('x-version', `v${j}`), HeaderMatch.valueStartsWith('x-tenant', 'tenant-')],
            },
          }),
        }).to(target);
      }
      const service = mesh.addVirtualService(`Service${i}`, {
        virtualServiceName: `service-${i}.shop.local`, provider: VirtualServiceProvider.virtualRouter(router),
      });
      node.addBackend(Backend.virtualService(service));
    }
    const task = new MeshTaskDefinition(stack, 'Task', { virtualNode: node, appContainers: [APP], envoyMode: EnvoyMode.STANDALONE });
    const size = Buffer.byteLength(JSON.stringify(task.toRegisterTaskDefinitionInput()), 'utf8');
    expect(size).toBeGreaterThan(TASK_DEFINITION_MAX_BYTES);
    const message = synthError(app);
    expect(message).toContain(line('AMK_ECS_TASK_DEFINITION_SIZE', 'containerDefinitions'));
    expect(message).toContain(`the task definition is ${size} bytes`);
  });

  it('AMK_ECS_ENVOY_CONFIG: standalone mode, a backend added after the task is not defined in this app', () => {
    const { app, stack, mesh, node } = ecsFixture();
    new MeshTaskDefinition(stack, 'Task', { virtualNode: node, appContainers: [APP], envoyMode: EnvoyMode.STANDALONE });
    node.addBackend(Backend.virtualService(VirtualService.fromVirtualServiceAttributes(stack, 'External', { virtualServiceName: 'external.shop.local', mesh })));
    const message = synthError(app);
    expect(message).toContain(line('AMK_ECS_ENVOY_CONFIG', 'containerDefinitions.envoy'));
    expect(message).toContain('external.shop.local');
  });

  it('AMK_ECS_ENVOY_CONFIG: standalone mode for a node whose backend is not defined in this app', () => {
    const { app, stack, mesh, node } = ecsFixture();
    node.addBackend(Backend.virtualService(VirtualService.fromVirtualServiceAttributes(stack, 'External', { virtualServiceName: 'external.shop.local', mesh })));
    const error = thrownBy(() => {
      new MeshTaskDefinition(stack, 'Task', { virtualNode: node, appContainers: [APP], envoyMode: EnvoyMode.STANDALONE });
      app.synth();
    });
    expect(error.message).toContain(line('AMK_ECS_ENVOY_CONFIG', 'containerDefinitions.envoy'));
    expect(error.message).toContain('external.shop.local');
  });
});
