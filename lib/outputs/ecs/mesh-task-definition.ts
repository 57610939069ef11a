import { Annotations, Aws, Duration, Lazy, Stack, Token } from 'aws-cdk-lib';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { registerTaskFile } from './assembly-output';
import { EnvoyMode, MeshTaskCompatibility, MeshTaskOptions } from './mesh-task-options';
import { ModelProxyConfiguration } from './proxy-configuration';
import { buildTaskModel, defaultLogGroupName } from './task-model';
import { IEnvoyProxiedResource, ProxyKind } from '../../envoy-proxied-resource';
import { appendTo } from '../../model/append-to';
import { ContainerDefinition, ENVOY_CONTAINER, RegisterTaskDefinitionInput, TaskContext } from '../../model/ecs-task';
import { GraphMember, MeshGraph } from '../../model/mesh-graph';
import { wholeMeshGraph } from '../../model/mesh-group';
import { MeshRegistry } from '../../model/registry';
import { VirtualGatewaySpecModel, VirtualNodeSpecModel } from '../../model/spec';
import { Diagnostic, DiagnosticSeverity } from '../../rules/diagnostic';
import { taskDefinitionRules } from '../../rules/ecs/task-definition';
import { taskOptionRules } from '../../rules/ecs/task-options';
import { MeshKitError, throwFirstError } from '../../rules/mesh-kit-error';
import { reportAtSynth } from '../../rules/synth-report';
import { IVirtualGateway } from '../../virtual-gateway';
import { IVirtualNode } from '../../virtual-node';
import { appMeshEnvironment } from '../envoy/environment';
import { EnvoyConfig } from '../envoy/envoy-config';
import { AppMeshEnvoyOptions } from '../envoy/envoy-options';
import { EnvoyTracing } from '../envoy/envoy-tracing';
import { ProxyIdentity, proxyIdentity, requireProxiedResource } from '../envoy/identity';
import { MeshView } from '../envoy/standalone/mesh-view';

/**
 * Properties of a MeshTaskDefinition: the resource its Envoy runs as, and the task around it.
 */
export interface MeshTaskDefinitionProps extends MeshTaskOptions {
  /**
   * The virtual node the task runs (app containers, Envoy sidecar, proxy configuration).
   * @default - give virtualGateway instead
   */
  readonly virtualNode?: IVirtualNode;
  /**
   * The virtual gateway the task runs (Envoy alone).
   * @default - give virtualNode instead
   */
  readonly virtualGateway?: IVirtualGateway;
}

/**
 * Options of the plain `RegisterTaskDefinition` JSON, for teams that deploy without CloudFormation.
 */
export interface RegisterTaskDefinitionOptions extends MeshTaskOptions {
  /**
   * Task role ARN (it needs appmesh:StreamAggregatedResources on the resource in App Mesh mode).
   * @default - none
   */
  readonly taskRoleArn?: string;
  /**
   * Execution role ARN (image pull, logs).
   * @default - none
   */
  readonly executionRoleArn?: string;
}

/** The options with X-Ray tracing turned on when the task runs the X-Ray daemon. */
function effectiveEnvoyOptions(o: MeshTaskOptions): AppMeshEnvoyOptions {
  const envoy = o.envoyOptions ?? {};
  return o.xrayDaemon && !envoy.tracing ? { ...envoy, tracing: EnvoyTracing.xray() } : envoy;
}

/** A node or gateway in the graph of its mesh (undefined for an imported one). */
function proxyMember(resource: IEnvoyProxiedResource, graph: MeshGraph): GraphMember<VirtualNodeSpecModel | VirtualGatewaySpecModel> | undefined {
  return graph.get<VirtualNodeSpecModel | VirtualGatewaySpecModel>(resource.proxyKind, Stack.of(resource).resolve(resource.proxyName));
}

/** The listeners of a node or gateway this app defines, from the graph of its mesh. */
function listenersOf(resource: IEnvoyProxiedResource, graph: MeshGraph): { portMapping?: { port?: unknown }; healthCheck?: { port?: unknown } }[] {
  const member = proxyMember(resource, graph);
  if (!member) {
    throw new MeshKitError({
      code: 'AMK_ECS_IMPORTED_RESOURCE',
      constructPath: resource.node.path,
      field: 'spec.listeners',
      message: 'a task is built from the resource\'s listeners, and an imported resource has none',
      fix: 'pass a VirtualNode or VirtualGateway this app defines',
    });
  }
  const listeners: unknown = member.model.spec.listeners;
  return Array.isArray(listeners) ? listeners.filter((l) => l && typeof l === 'object') : [];
}

/** Whether a node's or gateway's spec names an SDS secret anywhere (listener TLS, client policies, backends). */
function usesSdsOf(resource: IEnvoyProxiedResource, graph: MeshGraph): boolean {
  const member = proxyMember(resource, graph);
  const hasSds = (value: unknown): boolean => Array.isArray(value) ? value.some(hasSds)
    : typeof value === 'object' && value !== null && Object.entries(value).some(([key, v]) => (key === 'sds' && v !== undefined) || hasSds(v));
  return member !== undefined && hasSds(member.model.spec);
}

/** Listener ports of a node or gateway. */
function listenerPortsOf(resource: IEnvoyProxiedResource, graph: MeshGraph): number[] {
  return listenersOf(resource, graph).map((l) => l.portMapping?.port).filter((p): p is number => typeof p === 'number');
}

/** Ports the node's or gateway's health checks use other than their listener's own. */
function healthCheckPortsOf(resource: IEnvoyProxiedResource, graph: MeshGraph): number[] {
  return listenersOf(resource, graph).map((l) => l.healthCheck?.port).filter((p): p is number => typeof p === 'number');
}

function literalRegion(scope: Construct): string | undefined {
  const region = Stack.of(scope).region;
  return Token.isUnresolved(region) ? undefined : region;
}

/** The task model of a resource with literal values (for JSON), or with CloudFormation tokens (for the template). */
function taskContext(resource: IEnvoyProxiedResource, o: MeshTaskOptions, identity: ProxyIdentity, graph: MeshGraph,
  extra: Partial<TaskContext> = {}): TaskContext {
  const standalone = o.envoyMode === EnvoyMode.STANDALONE;
  return {
    kind: identity.kind,
    meshName: identity.meshName,
    name: identity.name,
    region: Token.isUnresolved(identity.region) ? undefined : identity.region,
    listenerPorts: listenerPortsOf(resource, graph),
    healthCheckPorts: healthCheckPortsOf(resource, graph),
    envoyEnvironment: standalone ? undefined : appMeshEnvironment(identity, effectiveEnvoyOptions(o)),
    usesSds: usesSdsOf(resource, graph),
    // Compiled only when asked for: at construction the mesh may not be complete yet.
    standaloneYaml: 'standaloneYaml' in extra ? extra.standaloneYaml
      : standalone ? EnvoyConfig._standaloneIn(new MeshView(graph), resource, o.standaloneOptions).toYaml() : undefined,
    logGroupName: o.logGroupName ?? defaultLogGroupName(identity.meshName, identity.name),
    // The log group lives in the stack's Region, whatever Region Envoy is told to use.
    logRegion: literalRegion(resource) ?? (Token.isUnresolved(identity.region) ? undefined : identity.region),
    ...extra,
  };
}

/** The MeshTaskDefinitions of each app, in the order they were made (their log group names must not clash). */
const TASKS_OF_APP = new WeakMap<Construct, MeshTaskDefinition[]>();

/**
 * An ECS task definition for a virtual node or gateway: the app containers as described, an
 * `envoy` sidecar (App Mesh image or plain Envoy with the standalone configuration), the APPMESH
 * proxy configuration, the app waiting for Envoy to be healthy, an optional X-Ray daemon, awslogs
 * logging, and least-privilege roles. The same task is available as plain RegisterTaskDefinition JSON.
 * @see https://docs.aws.amazon.com/app-mesh/latest/userguide/ecs.html
 */
export class MeshTaskDefinition extends Construct {
  /**
   * The task as `RegisterTaskDefinition` input JSON (the ECS API's own field names), for teams
   * that deploy without CloudFormation. Every value must be known now: the Region comes from the
   * Envoy options or the resource's stack.
   * @param resource the virtual node or virtual gateway the task runs Envoy for
   * @param options the task options (family, containers, CPU and memory, Envoy options) and the task and execution role ARNs
   */
  public static registerTaskDefinitionInput(resource: IEnvoyProxiedResource, options: RegisterTaskDefinitionOptions = {}): any {
    const o = options ?? {};
    const identity = proxyIdentity(resource, o.envoyOptions?.region);
    const ctx = taskContext(resource, o, identity, wholeMeshGraph(MeshRegistry.of(resource.mesh)), {
      taskRoleArn: o.taskRoleArn,
      executionRoleArn: o.executionRoleArn,
    });
    const model = buildTaskModel(ctx, o);
    throwFirstError(taskOptionRules(resource.node.path, o, model, ctx.kind === 'virtualGateway', ctx.listenerPorts));
    return model;
  }

  /** The ECS task definition (usable with ecs.FargateService / ecs.Ec2Service). */
  public readonly taskDefinition: ecs.TaskDefinition;
  /** The task role (App Mesh mode: appmesh:StreamAggregatedResources on exactly this resource). */
  public readonly taskRole: iam.Role;
  /** The execution role (image pull and logs). */
  public readonly executionRole: iam.Role;
  /** The log group every container logs to. */
  public readonly logGroup: logs.LogGroup;

  private readonly resource: IEnvoyProxiedResource;
  private readonly options: MeshTaskOptions;

  /**
   * @param scope the parent construct
   * @param id the construct id, unique among its siblings
   * @param props the virtual node or virtual gateway whose Envoy the task runs, and the task options
   */
  constructor(scope: Construct, id: string, props: MeshTaskDefinitionProps) {
    super(scope, id);
    // Plain JavaScript may leave the props out: then neither resource is given (AMK_ECS_ONE_RESOURCE says so).
    props = props ?? {};
    const resource: IEnvoyProxiedResource | undefined = props.virtualNode ?? props.virtualGateway;
    if (!resource || (props.virtualNode && props.virtualGateway)) {
      throw new MeshKitError({
        code: 'AMK_ECS_ONE_RESOURCE',
        constructPath: this.node.path,
        field: props.virtualNode ? 'virtualGateway' : 'virtualNode',
        message: 'a MeshTaskDefinition runs exactly one of virtualNode or virtualGateway',
        fix: 'pass one of them',
      });
    }
    requireProxiedResource(resource, 'MeshTaskDefinition');
    this.resource = resource;
    // Two tasks of one resource must not share a log group: the default name carries the task's identity.
    this.options = {
      ...props,
      logGroupName: props.logGroupName ?? `${defaultLogGroupName(String(Stack.of(this).resolve(resource.mesh.meshName)),
        String(Stack.of(this).resolve(resource.proxyName)))}/${id}`,
    };
    const appMesh = props.envoyMode !== EnvoyMode.STANDALONE;
    const identity = this.identity();
    const construction = buildTaskModel(taskContext(resource, this.options, identity, MeshGraph.current(this.registry()), { standaloneYaml: '' }),
      this.options);

    this.taskRole = new iam.Role(this, 'TaskRole', { assumedBy: new iam.ServicePrincipal('ecs-tasks.amazonaws.com') });
    this.executionRole = new iam.Role(this, 'ExecutionRole', { assumedBy: new iam.ServicePrincipal('ecs-tasks.amazonaws.com') });
    if (appMesh) resource.grantStreamAggregatedResources(this.taskRole);
    if (props.xrayDaemon && identity.kind === 'virtualNode') {
      this.taskRole.addToPrincipalPolicy(new iam.PolicyStatement({
        actions: ['xray:PutTraceSegments', 'xray:PutTelemetryRecords', 'xray:GetSamplingRules', 'xray:GetSamplingTargets', 'xray:GetSamplingStatisticSummaries'],
        resources: ['*'],
      }));
    }
    this.logGroup = new logs.LogGroup(this, 'Logs', {
      logGroupName: construction.containerDefinitions[0].logConfiguration!.options['awslogs-group'],
      retention: logs.RetentionDays.ONE_MONTH,
    });

    // The generic TaskDefinition: the EC2 and Fargate subclasses add settings (such as AWS_REGION on
    // every container) that the plain JSON would not have.
    this.taskDefinition = new ecs.TaskDefinition(this, 'TaskDefinition', {
      family: construction.family,
      compatibility: props.compatibility === MeshTaskCompatibility.EC2 ? ecs.Compatibility.EC2 : ecs.Compatibility.FARGATE,
      networkMode: ecs.NetworkMode.AWS_VPC,
      cpu: construction.cpu,
      memoryMiB: construction.memory,
      taskRole: this.taskRole,
      executionRole: this.executionRole,
      proxyConfiguration: identity.kind === 'virtualNode'
        ? new ModelProxyConfiguration(() => this.safeModel()?.proxyConfiguration?.properties ?? []) : undefined,
    });
    this.addContainers(construction);
    this.grantImagePull(construction);

    appendTo(TASKS_OF_APP, this.node.root, this);
    reportAtSynth(this, () => [...this.diagnostics(), ...this.logGroupClash()]);
    registerTaskFile(this.registry(), {
      task: this,
      resourceName: () => String(Stack.of(this).resolve(resource.proxyName)),
      resourceKind: identity.kind,
      input: () => Stack.of(this).resolve(this.model(wholeMeshGraph(this.registry()))),
    });
  }

  /**
   * The task as `RegisterTaskDefinition` input JSON, resolved through the stack. Role ARNs are
   * included when known before deployment (they are not for roles this app creates).
   */
  public toRegisterTaskDefinitionInput(): any {
    return Stack.of(this).resolve(this.model(wholeMeshGraph(this.registry())));
  }

  /** The registry of the mesh the task's resource belongs to. */
  private registry(): MeshRegistry {
    return MeshRegistry.of(this.resource.mesh);
  }

  /** The task model from a graph of the mesh (the whole mesh is known at synth, so the standalone config can be compiled). */
  private model(graph: MeshGraph): RegisterTaskDefinitionInput {
    return buildTaskModel(taskContext(this.resource, this.options, this.literalIdentity() ?? this.identity(), graph), this.options);
  }

  /** The model at synth, or undefined when the Envoy configuration cannot be built (the task's validation says why). */
  private safeModel(): RegisterTaskDefinitionInput | undefined {
    try {
      return this.model(wholeMeshGraph(this.registry()));
    } catch (error) {
      if (error instanceof MeshKitError) return undefined;
      throw error;
    }
  }

  /** Names resolved when the stack knows its Region; otherwise CloudFormation's own values. */
  private identity(): ProxyIdentity {
    return this.literalIdentity() ?? this.tokenIdentity();
  }

  private literalIdentity(): ProxyIdentity | undefined {
    try {
      return proxyIdentity(this.resource, this.options.envoyOptions?.region);
    } catch (error) {
      if (error instanceof MeshKitError) return undefined;
      throw error;
    }
  }

  /** An environment-agnostic stack: the ARN and Region become CloudFormation references in the template. */
  private tokenIdentity(): ProxyIdentity {
    const kind = this.resource.proxyKind === ProxyKind.VIRTUAL_GATEWAY ? 'virtualGateway' : 'virtualNode';
    const name = this.resource.proxyName;
    const shortName = `mesh/${this.resource.mesh.meshName}/${kind}/${name}`;
    return {
      kind,
      constructPath: this.resource.node.path,
      meshName: this.resource.mesh.meshName,
      name,
      region: this.options.envoyOptions?.region ?? Aws.REGION,
      shortName,
      resourceArn: this.resource.proxyArn,
    };
  }

  private addContainers(construction: RegisterTaskDefinitionInput): void {
    const containers = new Map<string, ecs.ContainerDefinition>();
    const ids = new Set<string>();
    const gateway = construction.proxyConfiguration === undefined;
    // App containers come first, so an app that is also named 'envoy' is not the sidecar.
    const envoyIndex = construction.containerDefinitions.map((c) => c.name).lastIndexOf(ENVOY_CONTAINER);
    construction.containerDefinitions.forEach((c: ContainerDefinition, index) => {
      const envoy = index === envoyIndex;
      const standaloneEnvoy = envoy && this.options.envoyMode === EnvoyMode.STANDALONE;
      // Container construct ids must be unique even when names clash (the rules report the clash).
      const id = ids.has(c.name) ? `${c.name}${index}` : c.name;
      ids.add(id);
      const container = this.taskDefinition.addContainer(id, {
        containerName: c.name,
        image: ecs.ContainerImage.fromRegistry(c.image),
        essential: c.essential,
        user: c.user,
        cpu: c.cpu,
        memoryLimitMiB: c.memory,
        memoryReservationMiB: c.memoryReservation,
        // The standalone configuration is compiled at synth, when the whole mesh is known.
        command: standaloneEnvoy
          ? Lazy.list({ produce: () => this.safeModel()?.containerDefinitions[index].command ?? ['--config-yaml', '{}'] }) : c.command,
        environment: c.environment ? Object.fromEntries(c.environment.map((e) => [e.name, e.value])) : undefined,
        // A gateway's ports are its listeners', which may be added later: the template gets them at synth (below);
        // the container knows those of now, so that load balancer targets can name them.
        portMappings: c.portMappings?.map((p) => ({ containerPort: p.containerPort, protocol: p.protocol === 'udp' ? ecs.Protocol.UDP : ecs.Protocol.TCP })),
        healthCheck: c.healthCheck ? {
          command: c.healthCheck.command,
          interval: Duration.seconds(c.healthCheck.interval),
          timeout: Duration.seconds(c.healthCheck.timeout),
          retries: c.healthCheck.retries,
          startPeriod: Duration.seconds(c.healthCheck.startPeriod),
        } : undefined,
        logging: ecs.LogDrivers.awsLogs({ logGroup: this.logGroup, streamPrefix: c.logConfiguration!.options['awslogs-stream-prefix'] }),
      });
      for (const u of c.ulimits ?? []) container.addUlimits({ name: ecs.UlimitName.NOFILE, softLimit: u.softLimit, hardLimit: u.hardLimit });
      // aws-ecs warns that an ECR image needs a pull policy; for the App Mesh Envoy image grantImagePull attaches exactly that.
      if (envoy && appMeshEcrImage(c.image)) {
        Annotations.of(container).acknowledgeWarning('@aws-cdk/aws-ecs:ecrImageRequiresPolicy',
          'appmesh-kit grants the execution role ECR pull on exactly the App Mesh Envoy repository');
      }
      containers.set(c.name, container);
      if (gateway && envoy) {
        (this.taskDefinition.node.defaultChild as ecs.CfnTaskDefinition).addPropertyOverride(`ContainerDefinitions.${index}.PortMappings`,
          Lazy.any({
            produce: () => (this.safeModel()?.containerDefinitions[index].portMappings ?? [])
              .map((p) => ({ ContainerPort: p.containerPort, Protocol: p.protocol })),
          }));
      }
    });
    for (const c of construction.containerDefinitions) {
      for (const d of c.dependsOn ?? []) {
        containers.get(c.name)!.addContainerDependencies({
          container: containers.get(d.containerName)!,
          condition: d.condition === 'HEALTHY' ? ecs.ContainerDependencyCondition.HEALTHY : ecs.ContainerDependencyCondition.START,
        });
      }
    }
  }

  /** The App Mesh Envoy image lives in App Mesh's ECR account: pull rights on exactly that repository. */
  private grantImagePull(construction: RegisterTaskDefinitionInput): void {
    const envoy = construction.containerDefinitions.find((c) => c.name === 'envoy')!;
    const match = appMeshEcrImage(envoy.image);
    if (!match) return;
    const [, account, region, cn, repository] = match;
    this.executionRole.addToPrincipalPolicy(new iam.PolicyStatement({
      actions: ['ecr:BatchCheckLayerAvailability', 'ecr:GetDownloadUrlForLayer', 'ecr:BatchGetImage'],
      resources: [`arn:${cn ? 'aws-cn' : 'aws'}:ecr:${region}:${account}:repository/${repository}`],
    }));
    this.executionRole.addToPrincipalPolicy(new iam.PolicyStatement({ actions: ['ecr:GetAuthorizationToken'], resources: ['*'] }));
  }

  /**
   * A log group name an earlier task of the app already takes in the same account and Region (for
   * example a node's and a gateway's task of one name and construct id): CloudFormation would fail to
   * create the second log group at deploy time.
   */
  private logGroupClash(): Diagnostic[] {
    const name = this.options.logGroupName;
    if (name === undefined || Token.isUnresolved(name)) return [];
    const place = (task: MeshTaskDefinition) => `${Stack.of(task).account}/${Stack.of(task).region}`;
    const tasks = TASKS_OF_APP.get(this.node.root) ?? [];
    const earlier = tasks.slice(0, tasks.indexOf(this)).find((t) => t.options.logGroupName === name && place(t) === place(this));
    if (!earlier) return [];
    return [{
      severity: DiagnosticSeverity.ERROR,
      code: 'AMK_ECS_LOG_GROUP_NAME',
      constructPath: this.node.path,
      field: 'logGroupName',
      value: JSON.stringify(name),
      message: `${earlier.node.path} already makes a log group of this name in the same account and Region, and CloudFormation cannot create a second`,
      fix: 'give one of the tasks another logGroupName, or another construct id (the default name ends with it)',
    }];
  }

  private diagnostics(): Diagnostic[] {
    let model: RegisterTaskDefinitionInput;
    const graph = wholeMeshGraph(this.registry());
    try {
      model = this.model(graph);
    } catch (error) {
      if (!(error instanceof MeshKitError)) throw error;
      return [{
        severity: DiagnosticSeverity.ERROR,
        code: 'AMK_ECS_ENVOY_CONFIG',
        constructPath: this.node.path,
        field: 'containerDefinitions.envoy',
        message: `the Envoy configuration of the task cannot be built: ${error.message}`,
        fix: 'fix the value the message names',
      }];
    }
    const o = this.options;
    const adminPort = (o.envoyMode === EnvoyMode.STANDALONE ? o.standaloneOptions?.adminPort : o.envoyOptions?.adminPort) ?? 9901;
    const ctx = taskContext(this.resource, o, this.identity(), graph, {
      standaloneYaml: o.envoyMode === EnvoyMode.STANDALONE
        ? model.containerDefinitions.find((c) => c.name === 'envoy')!.command![1] : undefined,
    });
    return [...taskDefinitionRules(this.node.path, model, ctx, adminPort),
      ...taskOptionRules(this.node.path, o, model, ctx.kind === 'virtualGateway', ctx.listenerPorts)];
  }
}

/** An image in an ECR repository (the App Mesh Envoy image's form): account, Region, China partition, repository. */
function appMeshEcrImage(image: string): RegExpExecArray | null {
  return /^(\d{12})\.dkr\.ecr\.([a-z0-9-]+)\.amazonaws\.com(\.cn)?\/([^:]+):/.exec(image);
}
