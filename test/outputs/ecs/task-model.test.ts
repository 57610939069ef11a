import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import {
  DescribeTaskDefinitionCommand, ECSClient, RegisterTaskDefinitionCommand, RegisterTaskDefinitionCommandInput, TaskDefinition,
} from '@aws-sdk/client-ecs';
import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APP, refOf, taskProps } from './helpers';
import {
  EnvoyMode, MeshAppContainer, MeshTaskDefinition, MeshTaskDefinitionProps, RegisterTaskDefinitionOptions, VirtualGateway,
  VirtualGatewayListener, VirtualNode,
} from '../../../lib';
import { RegisterTaskDefinitionInput, TaskContext } from '../../../lib/model/ecs-task';
import { buildTaskModel } from '../../../lib/outputs/ecs/task-model';
import { ECS_ACCOUNT as ACCOUNT, ecsFixture, REGION } from '../../support/fixtures';
import { MotoServer, motoAvailable, startMoto } from '../../support/moto';
import { synthTemplate, testApp } from '../../support/synth';

/* eslint-disable @typescript-eslint/no-explicit-any */

const TASK_ROLE_ARN = `arn:aws:iam::${ACCOUNT}:role/shopTaskRole`;
const EXECUTION_ROLE_ARN = `arn:aws:iam::${ACCOUNT}:role/shopTaskExecutionRole`;

/** An app container that uses every field the model has. */
const FULL_APP: MeshAppContainer = {
  ...APP,
  user: '1000:1000',
  command: ['nginx', '-g', 'daemon off;'],
  cpu: 128,
  memoryLimitMiB: 384,
  memoryReservationMiB: 256,
  essential: true,
};

interface Tasks {
  readonly app: App;
  readonly stack: Stack;
  readonly node: VirtualNode;
  readonly gateway: VirtualGateway;
  readonly xray: MeshTaskDefinition;
  readonly standalone: MeshTaskDefinition;
  readonly ingress: MeshTaskDefinition;
}

const XRAY_OPTIONS: Partial<MeshTaskDefinitionProps> = { appContainers: [FULL_APP], xrayDaemon: true, envoyOptions: { statsTags: true } };
const STANDALONE_OPTIONS: Partial<MeshTaskDefinitionProps> = {
  appContainers: [APP],
  envoyMode: EnvoyMode.STANDALONE,
  family: 'shop-cart-standalone',
  // Its own log group: the X-Ray task of the same node already creates /appmesh-kit/shop/cart.
  logGroupName: '/appmesh-kit/shop/cart-standalone',
  ignoredGid: 1338,
  egressIgnoredPorts: [2049],
};

/** Node `cart` with an X-Ray task (App Mesh) and a standalone task, gateway `ingress` with its task. */
function tasks(app: App = testApp(), region: string | null = REGION): Tasks {
  const { stack, mesh, node } = ecsFixture(region, app);
  const gateway = mesh.addVirtualGateway('Ingress', {
    virtualGatewayName: 'ingress', listeners: [VirtualGatewayListener.http({ port: 8088 }), VirtualGatewayListener.grpc({ port: 8089 })],
  });
  return {
    app,
    stack,
    node,
    gateway,
    xray: new MeshTaskDefinition(stack, 'XrayTask', { virtualNode: node, ...XRAY_OPTIONS }),
    standalone: new MeshTaskDefinition(stack, 'StandaloneTask', { virtualNode: node, ...STANDALONE_OPTIONS }),
    ingress: new MeshTaskDefinition(stack, 'IngressTask', { virtualGateway: gateway }),
  };
}

// ----- (a) the JSON's type is the ECS API's input type -----

describe('RegisterTaskDefinition JSON: the type', () => {
  it('a RegisterTaskDefinitionInput is assignable to @aws-sdk/client-ecs RegisterTaskDefinitionCommandInput', () => {
    const ctx: TaskContext = {
      kind: 'virtualNode',
      meshName: 'shop',
      name: 'cart',
      region: REGION,
      listenerPorts: [9080],
      envoyEnvironment: { AWS_REGION: REGION },
      logGroupName: '/appmesh-kit/shop/cart',
      taskRoleArn: TASK_ROLE_ARN,
      executionRoleArn: EXECUTION_ROLE_ARN,
    };
    const model: RegisterTaskDefinitionInput = buildTaskModel(ctx, { appContainers: [FULL_APP], xrayDaemon: true });
    // Compile-time check: tsc fails here if the model's shape leaves the ECS API's input shape.
    const input: RegisterTaskDefinitionCommandInput = model;
    expect(input.family).toBe('shop-cart');
    expect(input.taskRoleArn).toBe(TASK_ROLE_ARN);
    expect(input.containerDefinitions?.map((c) => c.name)).toEqual(['app', 'envoy', 'xray-daemon']);
  });
});

// ----- (b) deterministic -----

describe('RegisterTaskDefinition JSON: deterministic', () => {
  it('two builds of the same app give the same JSON, byte for byte', () => {
    const a = tasks();
    const b = tasks();
    for (const key of ['xray', 'standalone', 'ingress'] as const) {
      expect(JSON.stringify(a[key].toRegisterTaskDefinitionInput()), key).toBe(JSON.stringify(b[key].toRegisterTaskDefinitionInput()));
    }
    const options: RegisterTaskDefinitionOptions = { ...XRAY_OPTIONS, taskRoleArn: TASK_ROLE_ARN, executionRoleArn: EXECUTION_ROLE_ARN };
    expect(JSON.stringify(MeshTaskDefinition.registerTaskDefinitionInput(a.node, options)))
      .toBe(JSON.stringify(MeshTaskDefinition.registerTaskDefinitionInput(b.node, options)));
  });

  it('the static registerTaskDefinitionInput equals the construct\'s JSON plus the given role ARNs', () => {
    const t = tasks();
    const roles = { taskRoleArn: TASK_ROLE_ARN, executionRoleArn: EXECUTION_ROLE_ARN };
    const cases: [MeshTaskDefinition, VirtualNode | VirtualGateway, Partial<MeshTaskDefinitionProps>][] = [
      [t.xray, t.node, XRAY_OPTIONS], [t.standalone, t.node, STANDALONE_OPTIONS], [t.ingress, t.gateway, {}],
    ];
    for (const [task, resource, options] of cases) {
      const own = task.toRegisterTaskDefinitionInput();
      expect(own.taskRoleArn).toBeUndefined();
      expect(own.executionRoleArn).toBeUndefined();
      // A task's default log group carries the task's id (two tasks of one node must not share one); the JSON's is per resource.
      const logGroupName = own.containerDefinitions[0].logConfiguration.options['awslogs-group'];
      expect(MeshTaskDefinition.registerTaskDefinitionInput(resource, { ...options, ...roles, logGroupName })).toEqual({ ...own, ...roles });
    }
  });
});

// ----- (c) the JSON says what the template says -----

const defined = (o: Record<string, unknown>) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));
const nameValues = (list: any[] | undefined) => list?.map((e: any) => ({ name: e.Name, value: e.Value }));

/** A CloudFormation task definition in the ECS API's names (role ARNs and the log group left out). */
function fromTemplate(p: any): any {
  return defined({
    family: p.Family,
    networkMode: p.NetworkMode,
    requiresCompatibilities: p.RequiresCompatibilities,
    cpu: p.Cpu,
    memory: p.Memory,
    proxyConfiguration: p.ProxyConfiguration && {
      type: p.ProxyConfiguration.Type,
      containerName: p.ProxyConfiguration.ContainerName,
      properties: nameValues(p.ProxyConfiguration.ProxyConfigurationProperties),
    },
    containerDefinitions: p.ContainerDefinitions.map((c: any) => defined({
      name: c.Name,
      image: c.Image,
      essential: c.Essential,
      user: c.User,
      cpu: c.Cpu,
      memory: c.Memory,
      memoryReservation: c.MemoryReservation,
      command: c.Command,
      environment: nameValues(c.Environment),
      portMappings: c.PortMappings?.map((m: any) => ({ containerPort: m.ContainerPort, protocol: m.Protocol })),
      healthCheck: c.HealthCheck && {
        command: c.HealthCheck.Command,
        interval: c.HealthCheck.Interval,
        timeout: c.HealthCheck.Timeout,
        retries: c.HealthCheck.Retries,
        startPeriod: c.HealthCheck.StartPeriod,
      },
      ulimits: c.Ulimits?.map((u: any) => ({ name: u.Name, softLimit: u.SoftLimit, hardLimit: u.HardLimit })),
      dependsOn: c.DependsOn?.map((d: any) => ({ containerName: d.ContainerName, condition: d.Condition })),
      logConfiguration: c.LogConfiguration && { logDriver: c.LogConfiguration.LogDriver, options: withoutGroup(c.LogConfiguration.Options) },
    })),
  });
}

function withoutGroup(options: Record<string, unknown>): Record<string, unknown> {
  const { 'awslogs-group': _group, ...rest } = options;
  return rest;
}

/** The JSON without what the template cannot have literally (role ARNs, the log group name). */
function comparable(json: any): any {
  const { taskRoleArn: _t, executionRoleArn: _e, ...rest } = json;
  return {
    ...rest,
    containerDefinitions: rest.containerDefinitions.map((c: any) => ({
      ...c, logConfiguration: c.logConfiguration && { ...c.logConfiguration, options: withoutGroup(c.logConfiguration.options) },
    })),
  };
}

function expectJsonMatchesTemplate(template: Template, task: MeshTaskDefinition): void {
  const json = task.toRegisterTaskDefinitionInput();
  const expected = fromTemplate(taskProps(template, task));
  const actual = comparable(json);
  // Field by field first, so a failure names the field.
  for (const key of ['family', 'networkMode', 'requiresCompatibilities', 'cpu', 'memory', 'proxyConfiguration']) {
    expect(actual[key], key).toEqual(expected[key]);
  }
  expect(actual.containerDefinitions.map((c: any) => c.name)).toEqual(expected.containerDefinitions.map((c: any) => c.name));
  actual.containerDefinitions.forEach((c: any, i: number) => {
    const keys = new Set([...Object.keys(c), ...Object.keys(expected.containerDefinitions[i])]);
    for (const key of keys) expect(c[key], `${c.name}.${key}`).toEqual(expected.containerDefinitions[i][key]);
  });
  expect(actual).toEqual(expected);
  // The log group: the JSON names the group the template creates.
  const groups = template.findResources('AWS::Logs::LogGroup');
  for (const c of json.containerDefinitions) {
    expect(c.logConfiguration.options['awslogs-group']).toBe(groups[refOf(task.logGroup).Ref].Properties.LogGroupName);
  }
}

describe('RegisterTaskDefinition JSON: equal to the synthesized task definition', () => {
  const t = tasks();
  const template = synthTemplate(t.stack, 'ecs-json-vs-template');

  it.each(['xray', 'standalone', 'ingress'] as const)('%s task', (key) => {
    expectJsonMatchesTemplate(template, t[key]);
  });

  it('also when Envoy\'s Region is not the stack\'s: both log to the stack\'s log group Region', () => {
    const { stack, node } = ecsFixture();
    const task = new MeshTaskDefinition(stack, 'Task', { virtualNode: node, appContainers: [APP], envoyOptions: { region: 'eu-west-1' } });
    const other = synthTemplate(stack, 'ecs-json-vs-template-envoy-region');
    expectJsonMatchesTemplate(other, task);
    expect(task.toRegisterTaskDefinitionInput().containerDefinitions[0].logConfiguration.options['awslogs-region']).toBe(REGION);
  });
});

// ----- (d) the cloud assembly has the JSON -----

describe('RegisterTaskDefinition JSON: written into the cloud assembly', () => {
  const outdirs: string[] = [];
  afterAll(() => outdirs.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));
  function assemblyApp(): App {
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'amk-ecs-assembly-'));
    outdirs.push(outdir);
    return new App({ outdir, builtinCloudFormationValidation: false });
  }

  it('writes ecs/<mesh>/<resource>.taskdef.json for a stack with an environment', () => {
    const t = tasks(assemblyApp());
    synthTemplate(t.stack, 'ecs-json-assembly');
    const assembly = t.app.synth();
    const dir = path.join(assembly.directory, 'ecs', 'shop');
    const files = fs.readdirSync(dir).sort();
    const read = (name: string) => JSON.parse(fs.readFileSync(path.join(dir, name), 'utf8'));
    expect(read('ingress.taskdef.json')).toEqual(t.ingress.toRegisterTaskDefinitionInput());
    // Two tasks of node cart: the first writes cart.taskdef.json, the second a file named after the task.
    expect(files).toHaveLength(3);
    expect(files).toContain('cart.taskdef.json');
    const second = files.find((f) => f.startsWith('cart.') && f !== 'cart.taskdef.json')!;
    expect(second).toMatch(/^cart\.[A-Za-z0-9]+\.taskdef\.json$/);
    expect([read('cart.taskdef.json'), read(second)]).toEqual([t.xray.toRegisterTaskDefinitionInput(), t.standalone.toRegisterTaskDefinitionInput()]);
  });

  it('writes exactly the task\'s JSON for a node with one task', () => {
    const app = assemblyApp();
    const { stack, node } = ecsFixture(REGION, app);
    const task = new MeshTaskDefinition(stack, 'Task', { virtualNode: node, ...XRAY_OPTIONS });
    synthTemplate(stack, 'ecs-json-assembly-one-task');
    const file = path.join(app.synth().directory, 'ecs', 'shop', 'cart.taskdef.json');
    const text = fs.readFileSync(file, 'utf8');
    expect(JSON.parse(text)).toEqual(task.toRegisterTaskDefinitionInput());
    expect(text).toBe(`${JSON.stringify(task.toRegisterTaskDefinitionInput(), null, 2)}\n`);
  });

  it('overwrites its files when the app is synthesized again into the same directory (as cdk synth does)', () => {
    const app = assemblyApp();
    const { stack, node } = ecsFixture(REGION, app);
    const task = new MeshTaskDefinition(stack, 'Task', { virtualNode: node, ...XRAY_OPTIONS });
    app.synth();
    app.synth({ force: true });
    const dir = path.join(app.outdir, 'ecs', 'shop');
    expect(fs.readdirSync(dir)).toEqual(['cart.taskdef.json']);
    expect(JSON.parse(fs.readFileSync(path.join(dir, 'cart.taskdef.json'), 'utf8'))).toEqual(task.toRegisterTaskDefinitionInput());
  });

  it('writes none for an environment-agnostic stack, and says so in the manifest', () => {
    const app = assemblyApp();
    const { stack, node } = ecsFixture(null, app);
    new MeshTaskDefinition(stack, 'Task', { virtualNode: node, appContainers: [APP] });
    synthTemplate(stack, 'ecs-json-assembly-env-agnostic');
    const assembly = app.synth();
    expect(fs.existsSync(path.join(assembly.directory, 'ecs'))).toBe(false);
    const infos = assembly.getStackArtifact(stack.artifactId).messages.filter((m) => m.level === 'info' && m.id === '/Shop/Task');
    expect(infos.map((m) => m.entry.data)).toEqual([expect.stringMatching(/RegisterTaskDefinition JSON was not written: .*only known after deployment/)]);
  });
});

// ----- (e) moto accepts the JSON and gives it back -----

const CONTAINER_FIELDS = [
  'name', 'image', 'essential', 'user', 'cpu', 'memory', 'memoryReservation', 'command', 'environment', 'portMappings',
  'healthCheck', 'ulimits', 'dependsOn', 'logConfiguration',
] as const;

/** What moto gave back, compared with what was sent: every field sent must come back equal (moto may add defaults). */
function expectRegistered(got: TaskDefinition | undefined, sent: RegisterTaskDefinitionInput): void {
  expect(got).toBeDefined();
  for (const key of ['family', 'networkMode', 'requiresCompatibilities', 'cpu', 'memory', 'taskRoleArn', 'executionRoleArn'] as const) {
    expect((got as any)[key], key).toEqual(sent[key]);
  }
  if (sent.proxyConfiguration) {
    expect(got!.proxyConfiguration?.type).toBe(sent.proxyConfiguration.type);
    expect(got!.proxyConfiguration?.containerName).toBe(sent.proxyConfiguration.containerName);
    expect(got!.proxyConfiguration?.properties).toEqual(sent.proxyConfiguration.properties);
  } else {
    expect(got!.proxyConfiguration).toBeUndefined();
  }
  expect(got!.containerDefinitions?.map((c) => c.name)).toEqual(sent.containerDefinitions.map((c) => c.name));
  sent.containerDefinitions.forEach((c, i) => {
    const back: any = got!.containerDefinitions![i];
    for (const field of CONTAINER_FIELDS) {
      if (c[field] === undefined) continue;
      const value = field === 'portMappings'
        ? back.portMappings?.map((m: any) => ({ containerPort: m.containerPort, protocol: m.protocol }))
        : back[field];
      expect(value, `${c.name}.${field}`).toEqual(c[field]);
    }
  });
}

describe.runIf(motoAvailable())('RegisterTaskDefinition JSON: registered with ECS (moto)', () => {
  let moto: MotoServer | undefined;
  let ecs: ECSClient;
  beforeAll(async () => {
    moto = await startMoto();
    ecs = new ECSClient({ region: REGION, endpoint: moto.endpoint, credentials: { accessKeyId: 'test', secretAccessKey: 'test' } });
  }, 30000);
  afterAll(async () => {
    ecs?.destroy();
    await moto?.stop();
  }, 30000);

  const t = tasks();
  const roles = { taskRoleArn: TASK_ROLE_ARN, executionRoleArn: EXECUTION_ROLE_ARN };
  const inputs: [string, RegisterTaskDefinitionInput][] = [
    ['node task in App Mesh mode with X-Ray', MeshTaskDefinition.registerTaskDefinitionInput(t.node, { ...XRAY_OPTIONS, ...roles })],
    ['node task in standalone mode', MeshTaskDefinition.registerTaskDefinitionInput(t.node, { ...STANDALONE_OPTIONS, ...roles })],
    ['gateway task', MeshTaskDefinition.registerTaskDefinitionInput(t.gateway, roles)],
  ];

  it('the three inputs are what the tests mean them to be', () => {
    expect(inputs.map(([, input]) => input.family)).toEqual(['shop-cart', 'shop-cart-standalone', 'shop-ingress']);
    expect(inputs[0][1].containerDefinitions.map((c) => c.name)).toEqual(['app', 'envoy', 'xray-daemon']);
    expect(inputs[1][1].containerDefinitions[1].command?.[0]).toBe('--config-yaml');
    expect(inputs[2][1].proxyConfiguration).toBeUndefined();
  });

  it.each(inputs)('%s: registers, and DescribeTaskDefinition gives back every field sent', async (_name, input) => {
    const registered = await ecs.send(new RegisterTaskDefinitionCommand(input));
    expectRegistered(registered.taskDefinition, input);
    const arn = registered.taskDefinition?.taskDefinitionArn;
    expect(arn).toMatch(new RegExp(`^arn:aws:ecs:${REGION}:\\d{12}:task-definition/${input.family}:\\d+$`));
    const described = await ecs.send(new DescribeTaskDefinitionCommand({ taskDefinition: arn }));
    expectRegistered(described.taskDefinition, input);
  });
});

describe('AMK_ECS_IMPORTED_RESOURCE', () => {
  /** The error `fn` throws (fails the test when it does not throw). */
  function errorOf(fn: () => unknown): Error {
    try {
      fn();
    } catch (error) {
      return error as Error;
    }
    return expect.fail('expected an error');
  }

  it('MeshTaskDefinition refuses an imported virtual node, naming the code, the node and the field', () => {
    const { stack, mesh } = ecsFixture();
    const imported = VirtualNode.fromVirtualNodeAttributes(stack, 'Imported', { mesh, virtualNodeName: 'elsewhere' });
    const error = errorOf(() => new MeshTaskDefinition(stack, 'Task', { virtualNode: imported, appContainers: [APP] }));
    expect(error.name).toBe('MeshKitError');
    expect(error.message.startsWith(`AMK_ECS_IMPORTED_RESOURCE ${imported.node.path} spec.listeners: `)).toBe(true);
    expect(error.message).toContain('an imported resource has none. Fix: pass a VirtualNode or VirtualGateway this app defines');
  });

  it('registerTaskDefinitionInput refuses an imported virtual gateway the same way', () => {
    const { stack, mesh } = ecsFixture();
    const imported = VirtualGateway.fromVirtualGatewayAttributes(stack, 'Imported', { mesh, virtualGatewayName: 'edge' });
    const error = errorOf(() => MeshTaskDefinition.registerTaskDefinitionInput(imported));
    expect(error.name).toBe('MeshKitError');
    expect(error.message.startsWith(`AMK_ECS_IMPORTED_RESOURCE ${imported.node.path} spec.listeners: `)).toBe(true);
  });
});
