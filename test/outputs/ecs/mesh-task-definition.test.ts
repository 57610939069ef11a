import { Duration, Stack } from 'aws-cdk-lib';
import { Annotations, Match } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { APP, ENVOY_HEALTH_CHECK, US_EAST_1_ENVOY, cfnEnvironment, containerNamed, refOf, statementsOf, taskProps } from './helpers';
import {
  AppMeshEnvoyOptions, EnvoyConfig, EnvoyLogLevel, EnvoyMode, EnvoyTracing, MeshTaskCompatibility, MeshTaskDefinition, VirtualGatewayListener,
  VirtualNodeListener,
} from '../../../lib';
import { ECS_ACCOUNT as ACCOUNT, ecsFixture, REGION, thrownBy } from '../../support/fixtures';
import { synthTemplate, testApp } from '../../support/synth';

/* eslint-disable @typescript-eslint/no-explicit-any */

const LOG_PREFIXES = { app: 'app', envoy: 'envoy', xray: 'xray' };
const ENVOY_OPTIONS: AppMeshEnvoyOptions = {
  logLevel: EnvoyLogLevel.DEBUG,
  statsTags: true,
  initialFetchTimeout: Duration.seconds(30),
};

function awslogs(task: MeshTaskDefinition, prefix: string, region: unknown = REGION): any {
  return {
    LogDriver: 'awslogs',
    Options: { 'awslogs-group': refOf(task.logGroup), 'awslogs-stream-prefix': prefix, 'awslogs-region': region },
  };
}

function envoyPortMappings(...ports: number[]): any[] {
  return ports.map((ContainerPort) => ({ ContainerPort, Protocol: 'tcp' }));
}

const EXECUTION_LOGS = (task: MeshTaskDefinition) => ({
  Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
  Effect: 'Allow',
  Resource: { 'Fn::GetAtt': [refOf(task.logGroup).Ref, 'Arn'] },
});

describe('MeshTaskDefinition: a virtual node in App Mesh mode on Fargate', () => {
  const { stack, node } = ecsFixture();
  const task = new MeshTaskDefinition(stack, 'Task', { virtualNode: node, appContainers: [APP], envoyOptions: ENVOY_OPTIONS });
  const template = synthTemplate(stack, 'ecs-node-appmesh-fargate');
  const props = taskProps(template, task);

  it('has exactly the app and envoy containers, in that order', () => {
    expect(props.ContainerDefinitions.map((c: any) => c.Name)).toEqual(['app', 'envoy']);
  });

  it('renders the app container exactly: image, 9080/tcp, environment, DependsOn envoy HEALTHY, awslogs', () => {
    expect(containerNamed(props, 'app')).toEqual({
      Name: 'app',
      Image: 'public.ecr.aws/nginx/nginx:1.27',
      Essential: true,
      PortMappings: [{ ContainerPort: 9080, Protocol: 'tcp' }],
      Environment: [{ Name: 'COLOR', Value: 'blue' }, { Name: 'MODE', Value: 'prod' }],
      DependsOn: [{ ContainerName: 'envoy', Condition: 'HEALTHY' }],
      LogConfiguration: awslogs(task, LOG_PREFIXES.app),
    });
  });

  it('renders the envoy container exactly: Region\'s App Mesh image, user 1337, health check, ulimits, memory, ports', () => {
    expect(containerNamed(props, 'envoy')).toEqual({
      Name: 'envoy',
      Image: US_EAST_1_ENVOY,
      Essential: true,
      User: '1337',
      Cpu: 256,
      Memory: 512,
      Environment: cfnEnvironment(EnvoyConfig.appMeshEnvironment(node, ENVOY_OPTIONS)),
      PortMappings: envoyPortMappings(9901, 15000, 15001),
      HealthCheck: { Command: ENVOY_HEALTH_CHECK, Interval: 5, Timeout: 2, Retries: 3, StartPeriod: 10 },
      Ulimits: [{ Name: 'nofile', SoftLimit: 15000, HardLimit: 15000 }],
      LogConfiguration: awslogs(task, LOG_PREFIXES.envoy),
    });
  });

  it('gives Envoy the environment EnvoyConfig.appMeshEnvironment gives for the same options (task and bootstrap agree)', () => {
    const env = Object.fromEntries(containerNamed(props, 'envoy').Environment.map((e: any) => [e.Name, e.Value]));
    expect(env).toEqual(EnvoyConfig.appMeshEnvironment(node, ENVOY_OPTIONS));
    expect(env).toMatchObject({
      APPMESH_RESOURCE_ARN: `arn:aws:appmesh:${REGION}:${ACCOUNT}:mesh/shop/virtualNode/cart`,
      AWS_REGION: REGION,
      ENVOY_LOG_LEVEL: 'debug',
      ENABLE_ENVOY_STATS_TAGS: '1',
      ENVOY_INITIAL_FETCH_TIMEOUT: '30',
    });
  });

  it('has the APPMESH proxy configuration: ignored UID 1337, the listener ports as AppPorts, 15000/15001, metadata IPs ignored', () => {
    expect(props.ProxyConfiguration).toEqual({
      Type: 'APPMESH',
      ContainerName: 'envoy',
      ProxyConfigurationProperties: [
        { Name: 'IgnoredUID', Value: '1337' },
        { Name: 'AppPorts', Value: '9080' },
        { Name: 'ProxyIngressPort', Value: '15000' },
        { Name: 'ProxyEgressPort', Value: '15001' },
        { Name: 'EgressIgnoredIPs', Value: '169.254.170.2,169.254.169.254' },
      ],
    });
  });

  it('runs on Fargate with awsvpc networking, 512 CPU units and 1024 MiB', () => {
    expect(props).toMatchObject({
      Family: 'shop-cart',
      NetworkMode: 'awsvpc',
      RequiresCompatibilities: ['FARGATE'],
      Cpu: '512',
      Memory: '1024',
      TaskRoleArn: { 'Fn::GetAtt': [refOf(task.taskRole).Ref, 'Arn'] },
      ExecutionRoleArn: { 'Fn::GetAtt': [refOf(task.executionRole).Ref, 'Arn'] },
    });
  });

  it('grants the task role exactly appmesh:StreamAggregatedResources on this node', () => {
    expect(statementsOf(template, task.taskRole)).toEqual([
      { Action: 'appmesh:StreamAggregatedResources', Effect: 'Allow', Resource: refOf(node) },
    ]);
    const role = template.findResources('AWS::IAM::Role')[refOf(task.taskRole).Ref];
    expect(role.Properties.ManagedPolicyArns).toBeUndefined();
    expect(role.Properties.Policies).toBeUndefined();
  });

  it('lets the execution role pull exactly the aws-appmesh-envoy repository and write to its log group', () => {
    const statements = statementsOf(template, task.executionRole);
    expect(statements).toHaveLength(3);
    expect(statements).toEqual(expect.arrayContaining([
      EXECUTION_LOGS(task),
      {
        Action: ['ecr:BatchCheckLayerAvailability', 'ecr:GetDownloadUrlForLayer', 'ecr:BatchGetImage'],
        Effect: 'Allow',
        Resource: 'arn:aws:ecr:us-east-1:840364872350:repository/aws-appmesh-envoy',
      },
      { Action: 'ecr:GetAuthorizationToken', Effect: 'Allow', Resource: '*' },
    ]));
  });

  it('creates the log group /appmesh-kit/<mesh>/<node>/<task id>', () => {
    template.hasResourceProperties('AWS::Logs::LogGroup', { LogGroupName: '/appmesh-kit/shop/cart/Task' });
  });
});

describe('MeshTaskDefinition: the Envoy image by Region', () => {
  it('uses App Mesh\'s me-south-1 account in me-south-1, and the execution role pulls from there', () => {
    const { stack, node } = ecsFixture('me-south-1');
    const task = new MeshTaskDefinition(stack, 'Task', { virtualNode: node, appContainers: [APP] });
    const template = synthTemplate(stack, 'ecs-node-me-south-1');
    expect(containerNamed(taskProps(template, task), 'envoy').Image)
      .toBe('772975370895.dkr.ecr.me-south-1.amazonaws.com/aws-appmesh-envoy:v1.29.12.3-prod');
    expect(statementsOf(template, task.executionRole)).toContainEqual({
      Action: ['ecr:BatchCheckLayerAvailability', 'ecr:GetDownloadUrlForLayer', 'ecr:BatchGetImage'],
      Effect: 'Allow',
      Resource: 'arn:aws:ecr:me-south-1:772975370895:repository/aws-appmesh-envoy',
    });
  });

  it('uses the public ECR image in an environment-agnostic stack, with CloudFormation references for ARN and Region', () => {
    const { stack, node } = ecsFixture(null);
    const task = new MeshTaskDefinition(stack, 'Task', { virtualNode: node, appContainers: [APP] });
    const template = synthTemplate(stack, 'ecs-node-env-agnostic');
    const envoy = containerNamed(taskProps(template, task), 'envoy');
    expect(envoy.Image).toBe('public.ecr.aws/appmesh/aws-appmesh-envoy:v1.29.12.3-prod');
    expect(envoy.Environment).toEqual([
      { Name: 'APPMESH_RESOURCE_ARN', Value: refOf(node) },
      { Name: 'AWS_REGION', Value: { Ref: 'AWS::Region' } },
      { Name: 'ENVOY_LOG_LEVEL', Value: 'info' },
    ]);
    expect(envoy.LogConfiguration).toEqual(awslogs(task, 'envoy', { Ref: 'AWS::Region' }));
    // A public image needs no ECR rights: the execution role only writes logs.
    expect(statementsOf(template, task.executionRole)).toEqual([EXECUTION_LOGS(task)]);
    expect(statementsOf(template, task.taskRole)).toEqual([
      { Action: 'appmesh:StreamAggregatedResources', Effect: 'Allow', Resource: refOf(node) },
    ]);
  });
});

describe('MeshTaskDefinition: proxy configuration options', () => {
  it('lists every listener port of the node in AppPorts', () => {
    const { stack, node } = ecsFixture();
    node.addListener(VirtualNodeListener.grpc({ port: 9090 }));
    const task = new MeshTaskDefinition(stack, 'Task', { virtualNode: node, appContainers: [{ ...APP, ports: [9080, 9090] }] });
    const props = taskProps(synthTemplate(stack, 'ecs-node-two-listeners'), task);
    expect(props.ProxyConfiguration.ProxyConfigurationProperties).toContainEqual({ Name: 'AppPorts', Value: '9080,9090' });
    expect(containerNamed(props, 'app').PortMappings).toEqual(envoyPortMappings(9080, 9090));
  });

  it('accepts ignoredUid 0 (aws-ecs rejects it) and renders it as "0", with the Envoy user 0', () => {
    const { stack, node } = ecsFixture();
    const task = new MeshTaskDefinition(stack, 'Task', { virtualNode: node, appContainers: [APP], ignoredUid: 0 });
    const props = taskProps(synthTemplate(stack, 'ecs-node-ignored-uid-0'), task);
    expect(props.ProxyConfiguration.ProxyConfigurationProperties[0]).toEqual({ Name: 'IgnoredUID', Value: '0' });
    expect(containerNamed(props, 'envoy').User).toBe('0');
  });

  it('renders ignoredGid, egressIgnoredPorts and egressIgnoredIps', () => {
    const { stack, node } = ecsFixture();
    const task = new MeshTaskDefinition(stack, 'Task', {
      virtualNode: node,
      appContainers: [APP],
      ignoredGid: 1338,
      egressIgnoredPorts: [2049, 3306],
      egressIgnoredIps: ['169.254.170.2', '169.254.169.254', '10.0.0.2'],
    });
    const props = taskProps(synthTemplate(stack, 'ecs-node-ignored-gid-ports'), task);
    expect(props.ProxyConfiguration.ProxyConfigurationProperties).toEqual([
      { Name: 'IgnoredUID', Value: '1337' },
      { Name: 'IgnoredGID', Value: '1338' },
      { Name: 'AppPorts', Value: '9080' },
      { Name: 'ProxyIngressPort', Value: '15000' },
      { Name: 'ProxyEgressPort', Value: '15001' },
      { Name: 'EgressIgnoredIPs', Value: '169.254.170.2,169.254.169.254,10.0.0.2' },
      { Name: 'EgressIgnoredPorts', Value: '2049,3306' },
    ]);
  });

  it('includes a listener added to the node after the task was created (AppPorts is resolved at synth)', () => {
    const { stack, node } = ecsFixture();
    const task = new MeshTaskDefinition(stack, 'Task', { virtualNode: node, appContainers: [{ ...APP, ports: [9080, 9090] }] });
    node.addListener(VirtualNodeListener.grpc({ port: 9090 }));
    const props = taskProps(synthTemplate(stack, 'ecs-node-late-listener'), task);
    expect(props.ProxyConfiguration.ProxyConfigurationProperties).toContainEqual({ Name: 'AppPorts', Value: '9080,9090' });
    // The plain JSON is built at the same moment and must say the same.
    expect(task.toRegisterTaskDefinitionInput().proxyConfiguration.properties).toContainEqual({ name: 'AppPorts', value: '9080,9090' });
  });
});

describe('MeshTaskDefinition: EC2 compatibility', () => {
  it('runs with awsvpc networking, EC2 compatibility and the task CPU and memory', () => {
    const { stack, node } = ecsFixture();
    const task = new MeshTaskDefinition(stack, 'Task', {
      virtualNode: node, appContainers: [{ ...APP, memoryLimitMiB: 256 }], compatibility: MeshTaskCompatibility.EC2,
    });
    const props = taskProps(synthTemplate(stack, 'ecs-node-ec2'), task);
    expect(props).toMatchObject({ NetworkMode: 'awsvpc', RequiresCompatibilities: ['EC2'], Cpu: '512', Memory: '1024' });
    expect(containerNamed(props, 'app').Memory).toBe(256);
    expect(props.ProxyConfiguration.Type).toBe('APPMESH');
  });

  it('synthesizes an app container without a memory limit of its own (the task has 1024 MiB)', () => {
    const { stack, node } = ecsFixture();
    const task = new MeshTaskDefinition(stack, 'Task', { virtualNode: node, appContainers: [APP], compatibility: MeshTaskCompatibility.EC2 });
    const props = taskProps(synthTemplate(stack, 'ecs-node-ec2-no-container-memory'), task);
    expect(props.Memory).toBe('1024');
    expect(containerNamed(props, 'app').Memory).toBeUndefined();
  });

  describe('with the mesh in another Region than the stack (envoyOptions.region)', () => {
    const { stack, node } = ecsFixture();
    const envoyOptions = { region: 'eu-west-1' };
    const task = new MeshTaskDefinition(stack, 'Task', {
      virtualNode: node, appContainers: [{ ...APP, memoryLimitMiB: 256 }], compatibility: MeshTaskCompatibility.EC2, envoyOptions,
    });
    const props = taskProps(synthTemplate(stack, 'ecs-node-ec2-envoy-region'), task);

    it('gives Envoy the environment of the Envoy options (AWS_REGION eu-west-1), as the bootstrap has it', () => {
      expect(containerNamed(props, 'envoy').Environment).toEqual(cfnEnvironment(EnvoyConfig.appMeshEnvironment(node, envoyOptions)));
    });

    it('adds nothing to the app container\'s environment', () => {
      expect(containerNamed(props, 'app').Environment).toEqual(cfnEnvironment({ COLOR: 'blue', MODE: 'prod' }));
    });
  });
});

describe('MeshTaskDefinition: X-Ray daemon', () => {
  const { stack, node } = ecsFixture();
  const task = new MeshTaskDefinition(stack, 'Task', { virtualNode: node, appContainers: [APP], xrayDaemon: true });
  const template = synthTemplate(stack, 'ecs-node-xray');
  const props = taskProps(template, task);

  it('adds the xray-daemon container: public ECR image, user 1337, 2000/udp', () => {
    expect(props.ContainerDefinitions.map((c: any) => c.Name)).toEqual(['app', 'envoy', 'xray-daemon']);
    const xray = containerNamed(props, 'xray-daemon');
    expect(xray.Image).toMatch(/^public\.ecr\.aws\/xray\/aws-xray-daemon(:|$)/);
    expect(xray).toEqual({
      Name: 'xray-daemon',
      Image: xray.Image,
      Essential: true,
      User: '1337',
      Cpu: 32,
      MemoryReservation: 256,
      PortMappings: [{ ContainerPort: 2000, Protocol: 'udp' }],
      LogConfiguration: awslogs(task, LOG_PREFIXES.xray),
    });
  });

  it('starts the app after Envoy is healthy and the daemon has started', () => {
    expect(containerNamed(props, 'app').DependsOn).toEqual([
      { ContainerName: 'envoy', Condition: 'HEALTHY' },
      { ContainerName: 'xray-daemon', Condition: 'START' },
    ]);
  });

  it('turns on Envoy\'s X-Ray tracing, as the bootstrap with EnvoyTracing.xray() does', () => {
    const envoy = containerNamed(props, 'envoy');
    expect(envoy.Environment).toContainEqual({ Name: 'ENABLE_ENVOY_XRAY_TRACING', Value: '1' });
    expect(envoy.Environment).toEqual(cfnEnvironment(EnvoyConfig.appMeshEnvironment(node, { tracing: EnvoyTracing.xray() })));
  });

  it('lets the task role send traces and read sampling rules', () => {
    const statements = statementsOf(template, task.taskRole);
    expect(statements).toHaveLength(2);
    expect(statements).toContainEqual({ Action: 'appmesh:StreamAggregatedResources', Effect: 'Allow', Resource: refOf(node) });
    const xray = statements.find((s: any) => Array.isArray(s.Action) && s.Action.includes('xray:PutTraceSegments'));
    expect(xray).toBeDefined();
    expect(xray.Action).toEqual(expect.arrayContaining(['xray:PutTraceSegments', 'xray:PutTelemetryRecords', 'xray:GetSamplingRules', 'xray:GetSamplingTargets']));
    expect(xray.Resource).toBe('*');
  });
});

describe('MeshTaskDefinition: a virtual node in standalone mode', () => {
  const { stack, node } = ecsFixture();
  const task = new MeshTaskDefinition(stack, 'Task', { virtualNode: node, appContainers: [APP], envoyMode: EnvoyMode.STANDALONE });
  const template = synthTemplate(stack, 'ecs-node-standalone');
  const props = taskProps(template, task);
  const envoy = containerNamed(props, 'envoy');

  it('runs plain Envoy with the compiled configuration inline', () => {
    expect(envoy.Image).toBe('envoyproxy/envoy:v1.40.0');
    expect(envoy.Command).toHaveLength(4);
    expect(envoy.Command[0]).toBe('--config-yaml');
    expect(envoy.Command.slice(2)).toEqual(['--log-level', 'info']);
    expect(parse(envoy.Command[1])).toEqual(EnvoyConfig.standalone(node).toObject());
  });

  it('has no App Mesh environment, but the same user, health check, ports and proxy configuration', () => {
    expect(envoy.Environment).toBeUndefined();
    expect(envoy).toMatchObject({
      User: '1337',
      Essential: true,
      HealthCheck: { Command: ENVOY_HEALTH_CHECK, Interval: 5, Timeout: 2, Retries: 3, StartPeriod: 10 },
      PortMappings: envoyPortMappings(9901, 15000, 15001),
      Ulimits: [{ Name: 'nofile', SoftLimit: 15000, HardLimit: 15000 }],
    });
    expect(props.ProxyConfiguration.ProxyConfigurationProperties).toContainEqual({ Name: 'AppPorts', Value: '9080' });
  });

  it('grants no App Mesh or ECR rights: the task role has no policy at all', () => {
    expect(statementsOf(template, task.taskRole)).toEqual([]);
    expect(statementsOf(template, task.executionRole)).toEqual([EXECUTION_LOGS(task)]);
    expect(JSON.stringify(template.toJSON())).not.toContain('appmesh:StreamAggregatedResources');
  });
});

describe('MeshTaskDefinition: a virtual gateway', () => {
  const { stack, mesh } = ecsFixture();
  const gateway = mesh.addVirtualGateway('Ingress', {
    virtualGatewayName: 'ingress',
    listeners: [VirtualGatewayListener.http({ port: 8088 }), VirtualGatewayListener.http2({ port: 8443 })],
  });
  const task = new MeshTaskDefinition(stack, 'Task', { virtualGateway: gateway });
  const template = synthTemplate(stack, 'ecs-gateway');
  const props = taskProps(template, task);

  it('runs Envoy alone, without a proxy configuration', () => {
    expect(props.ContainerDefinitions.map((c: any) => c.Name)).toEqual(['envoy']);
    expect(props.ProxyConfiguration).toBeUndefined();
    expect(props).toMatchObject({ Family: 'shop-ingress', NetworkMode: 'awsvpc', RequiresCompatibilities: ['FARGATE'] });
  });

  it('publishes the gateway\'s listener ports, runs as the image\'s user and names the gateway by ARN', () => {
    const envoy = containerNamed(props, 'envoy');
    expect(envoy.User).toBeUndefined();
    expect(envoy.PortMappings).toEqual(envoyPortMappings(8088, 8443));
    expect(envoy.Image).toBe(US_EAST_1_ENVOY);
    expect(envoy.Environment).toEqual(cfnEnvironment(EnvoyConfig.appMeshEnvironment(gateway)));
    expect(envoy.Environment).toContainEqual({
      Name: 'APPMESH_RESOURCE_ARN', Value: `arn:aws:appmesh:${REGION}:${ACCOUNT}:mesh/shop/virtualGateway/ingress`,
    });
    expect(envoy.HealthCheck).toEqual({ Command: ENVOY_HEALTH_CHECK, Interval: 5, Timeout: 2, Retries: 3, StartPeriod: 10 });
  });

  it('grants the task role appmesh:StreamAggregatedResources on exactly the gateway', () => {
    expect(statementsOf(template, task.taskRole)).toEqual([
      { Action: 'appmesh:StreamAggregatedResources', Effect: 'Allow', Resource: refOf(gateway) },
    ]);
  });

  it('publishes a listener added to the gateway after the task was created', () => {
    const f = ecsFixture();
    const late = f.mesh.addVirtualGateway('Ingress', { virtualGatewayName: 'ingress', listeners: [VirtualGatewayListener.http({ port: 8088 })] });
    const lateTask = new MeshTaskDefinition(f.stack, 'Task', { virtualGateway: late });
    late.addListener(VirtualGatewayListener.http2({ port: 8443 }));
    const envoy = containerNamed(taskProps(synthTemplate(f.stack, 'ecs-gateway-late-listener'), lateTask), 'envoy');
    expect(envoy.PortMappings).toEqual(envoyPortMappings(8088, 8443));
    expect(lateTask.toRegisterTaskDefinitionInput().containerDefinitions[0].portMappings)
      .toEqual([{ containerPort: 8088, protocol: 'tcp' }, { containerPort: 8443, protocol: 'tcp' }]);
  });
});

describe('MeshTaskDefinition: two tasks of one node', () => {
  it('do not create two log groups of the same name (CloudFormation cannot create the second)', () => {
    const { stack, node } = ecsFixture();
    new MeshTaskDefinition(stack, 'AppMeshTask', { virtualNode: node, appContainers: [APP] });
    new MeshTaskDefinition(stack, 'StandaloneTask', {
      virtualNode: node, appContainers: [APP], envoyMode: EnvoyMode.STANDALONE, family: 'shop-cart-standalone',
    });
    const template = synthTemplate(stack, 'ecs-node-two-tasks');
    const names = Object.values(template.findResources('AWS::Logs::LogGroup')).map((r: any) => r.Properties.LogGroupName);
    expect(names).toHaveLength(2);
    expect(new Set(names).size).toBe(2);
  });
});

describe('MeshTaskDefinition: exactly one resource', () => {
  it('throws, naming the construct path, when given both a node and a gateway', () => {
    const { stack, mesh, node } = ecsFixture();
    const gateway = mesh.addVirtualGateway('Ingress', { virtualGatewayName: 'ingress' });
    const error = thrownBy(() => new MeshTaskDefinition(stack, 'Task', { virtualNode: node, virtualGateway: gateway }));
    expect(error.message).toContain('Shop/Task');
    expect(error.message).toMatch(/exactly one of virtualNode or virtualGateway/);
  });

  it('throws, naming the construct path, when given neither', () => {
    const stack = new Stack(testApp(), 'Lonely');
    const error = thrownBy(() => new MeshTaskDefinition(stack, 'Task', {}));
    expect(error.message).toContain('Lonely/Task');
    expect(error.message).toMatch(/exactly one of virtualNode or virtualGateway/);
  });
});

describe('MeshTaskDefinition: synth hygiene', () => {
  it('acknowledges aws-ecs\'s ecrImageRequiresPolicy for the App Mesh Envoy image, whose pull policy it attaches, and only for that', () => {
    const { stack, node } = ecsFixture();
    new MeshTaskDefinition(stack, 'Task', {
      virtualNode: node,
      appContainers: [APP, { ...APP, name: 'private', image: '123456789012.dkr.ecr.us-east-1.amazonaws.com/private:1', ports: [9081] }],
    });
    const warnings = Annotations.fromStack(stack).findWarning('*', Match.stringLikeRegexp('ecrImageRequiresPolicy'));
    // The user's own ECR image still warns: nothing here grants its pull.
    expect(warnings.map((w) => w.id)).toEqual(['/Shop/Task/TaskDefinition/private']);
  });
});
