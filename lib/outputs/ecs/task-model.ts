import { RegionInfo } from 'aws-cdk-lib/region-info';
import { EnvoyMode, MeshAppContainer, MeshTaskCompatibility, MeshTaskOptions } from './mesh-task-options';
import { ContainerDefinition, ENVOY_CONTAINER, RegisterTaskDefinitionInput, TaskContext } from '../../model/ecs-task';

/** The App Mesh Envoy image version the task uses unless told otherwise (App Mesh's last release). */
export const APP_MESH_ENVOY_VERSION = 'v1.29.12.3-prod';
/**
 * Plain Envoy for standalone mode: a release inside Envoy's support window. App Mesh's last image
 * (1.29) left that window long ago, and a task that no longer talks to App Mesh has no reason to stay on it.
 */
export const STANDALONE_ENVOY_IMAGE = 'envoyproxy/envoy:v1.40.0';
export const XRAY_DAEMON_IMAGE = 'public.ecr.aws/xray/aws-xray-daemon:3.3.14';
export const XRAY_CONTAINER = 'xray-daemon';
export const DEFAULT_EGRESS_IGNORED_IPS = ['169.254.170.2', '169.254.169.254'];

/** The App Mesh Envoy image of a Region (its App Mesh ECR account), or the public ECR copy. */
export function appMeshEnvoyImage(region: string | undefined): string {
  const account = region ? RegionInfo.get(region).appMeshRepositoryAccount : undefined;
  if (!region || !account) return `public.ecr.aws/appmesh/aws-appmesh-envoy:${APP_MESH_ENVOY_VERSION}`;
  const suffix = region.startsWith('cn-') ? 'amazonaws.com.cn' : 'amazonaws.com';
  return `${account}.dkr.ecr.${region}.${suffix}/aws-appmesh-envoy:${APP_MESH_ENVOY_VERSION}`;
}

export function envoyImageOf(options: MeshTaskOptions, region: string | undefined): string {
  if (options.envoyImage) return options.envoyImage;
  return options.envoyMode === EnvoyMode.STANDALONE ? STANDALONE_ENVOY_IMAGE : appMeshEnvoyImage(region);
}

/** The default log group of a task. */
export function defaultLogGroupName(meshName: string, name: string): string {
  return `/appmesh-kit/${meshName}/${name}`;
}

function sortedEnvironment(env: Record<string, string> | undefined) {
  if (!env || typeof env !== 'object') return undefined;
  const names = Object.keys(env).sort();
  return names.length ? names.map((name) => ({ name, value: String(env[name]) })) : undefined;
}

function logging(ctx: TaskContext, prefix: string): ContainerDefinition['logConfiguration'] {
  return {
    logDriver: 'awslogs',
    options: {
      'awslogs-group': ctx.logGroupName,
      ...(ctx.logRegion ? { 'awslogs-region': ctx.logRegion } : {}),
      'awslogs-stream-prefix': prefix,
    },
  };
}

/** The Envoy container: user = ignored UID (nodes), essential, healthy when the admin reports LIVE. */
function envoyContainer(ctx: TaskContext, o: MeshTaskOptions): ContainerDefinition {
  const standalone = o.envoyMode === EnvoyMode.STANDALONE;
  const adminPort = (standalone ? o.standaloneOptions?.adminPort : o.envoyOptions?.adminPort) ?? 9901;
  const gateway = ctx.kind === 'virtualGateway';
  return {
    name: ENVOY_CONTAINER,
    image: envoyImageOf(o, ctx.region),
    essential: true,
    // A gateway's Envoy is not behind the proxy redirect, so it needs no ignored user.
    ...(gateway ? {} : { user: String(o.ignoredUid ?? 1337) }),
    cpu: o.envoyCpu ?? 256,
    memory: o.envoyMemoryMiB ?? 512,
    // Standalone: the compiled configuration inline, so neither a shell nor a baked image is needed.
    ...(standalone ? { command: ['--config-yaml', ctx.standaloneYaml ?? '', '--log-level', o.envoyOptions?.logLevel ?? 'info'] } : {}),
    ...(standalone ? {} : { environment: sortedEnvironment(ctx.envoyEnvironment) }),
    portMappings: (gateway ? ctx.listenerPorts : [adminPort, o.standaloneOptions?.ingressPort ?? 15000, o.standaloneOptions?.egressPort ?? 15001])
      .map((containerPort) => ({ containerPort, protocol: 'tcp' as const })),
    healthCheck: {
      command: ['CMD-SHELL', `curl -s http://localhost:${adminPort}/server_info | grep state | grep -q LIVE`],
      interval: 5,
      timeout: 2,
      retries: 3,
      startPeriod: 10,
    },
    ulimits: [{ name: 'nofile', softLimit: 15000, hardLimit: 15000 }],
    logConfiguration: logging(ctx, 'envoy'),
  };
}

function appContainer(ctx: TaskContext, c: MeshAppContainer, xray: boolean): ContainerDefinition {
  return {
    name: c.name,
    image: c.image,
    essential: c.essential ?? true,
    ...(c.user !== undefined ? { user: c.user } : {}),
    ...(c.cpu !== undefined ? { cpu: c.cpu } : {}),
    ...(c.memoryLimitMiB !== undefined ? { memory: c.memoryLimitMiB } : {}),
    ...(c.memoryReservationMiB !== undefined ? { memoryReservation: c.memoryReservationMiB } : {}),
    ...(c.command ? { command: c.command } : {}),
    ...(sortedEnvironment(c.environment) ? { environment: sortedEnvironment(c.environment) } : {}),
    ...(Array.isArray(c.ports) && c.ports.length ? { portMappings: c.ports.map((containerPort) => ({ containerPort, protocol: 'tcp' as const })) } : {}),
    // The app starts once Envoy is healthy, so its first requests already go through the proxy.
    dependsOn: [
      { containerName: ENVOY_CONTAINER, condition: 'HEALTHY' },
      ...(xray ? [{ containerName: XRAY_CONTAINER, condition: 'START' as const }] : []),
    ],
    logConfiguration: logging(ctx, c.name),
  };
}

function xrayContainer(ctx: TaskContext, o: MeshTaskOptions): ContainerDefinition {
  return {
    name: XRAY_CONTAINER,
    image: XRAY_DAEMON_IMAGE,
    essential: true,
    user: String(o.ignoredUid ?? 1337),
    cpu: 32,
    memoryReservation: 256,
    portMappings: [{ containerPort: 2000, protocol: 'udp' }],
    logConfiguration: logging(ctx, 'xray'),
  };
}

/** The APPMESH proxy configuration: inbound app ports to 15000, outbound to 15001, Envoy's own traffic exempt. */
function proxyConfiguration(ctx: TaskContext, o: MeshTaskOptions): RegisterTaskDefinitionInput['proxyConfiguration'] {
  const properties: [string, unknown][] = [
    ['IgnoredUID', o.ignoredUid ?? 1337],
    ['IgnoredGID', o.ignoredGid],
    ['AppPorts', ctx.listenerPorts.join(',')],
    ['ProxyIngressPort', o.standaloneOptions?.ingressPort ?? 15000],
    ['ProxyEgressPort', o.standaloneOptions?.egressPort ?? 15001],
    ['EgressIgnoredIPs', (o.egressIgnoredIps ?? DEFAULT_EGRESS_IGNORED_IPS).join(',')],
    ['EgressIgnoredPorts', o.egressIgnoredPorts?.length ? o.egressIgnoredPorts.join(',') : undefined],
  ];
  return {
    type: 'APPMESH',
    containerName: ENVOY_CONTAINER,
    // 0 is a valid UID (the official module drops it): only absent values are left out.
    properties: properties.filter(([, v]) => v !== undefined && v !== null && v !== '').map(([name, v]) => ({ name, value: String(v) })),
  };
}

/**
 * The task definition of a virtual node (app containers, Envoy, optional X-Ray daemon, proxy
 * configuration) or of a virtual gateway (Envoy alone, its listener ports published).
 */
export function buildTaskModel(ctx: TaskContext, o: MeshTaskOptions): RegisterTaskDefinitionInput {
  const gateway = ctx.kind === 'virtualGateway';
  const xray = !!o.xrayDaemon && !gateway;
  // Anything but a container object comes from plain JavaScript and is reported by the task option rules.
  const apps = gateway ? [] : (Array.isArray(o.appContainers) ? o.appContainers : []).filter((c) => typeof c === 'object' && c !== null);
  return {
    family: o.family ?? `${ctx.meshName}-${ctx.name}`.replace(/[^A-Za-z0-9_-]/g, '-').slice(0, 255),
    ...(ctx.taskRoleArn ? { taskRoleArn: ctx.taskRoleArn } : {}),
    ...(ctx.executionRoleArn ? { executionRoleArn: ctx.executionRoleArn } : {}),
    networkMode: 'awsvpc',
    requiresCompatibilities: [o.compatibility ?? MeshTaskCompatibility.FARGATE],
    cpu: String(o.cpu ?? 512),
    memory: String(o.memoryMiB ?? 1024),
    ...(gateway ? {} : { proxyConfiguration: proxyConfiguration(ctx, o) }),
    containerDefinitions: [
      ...apps.map((c) => appContainer(ctx, c, xray)),
      envoyContainer(ctx, o),
      ...(xray ? [xrayContainer(ctx, o)] : []),
    ],
  };
}
