import { ENVOY_CONTAINER, RegisterTaskDefinitionInput, TaskContext } from '../../model/ecs-task';
import { Diagnostic, DiagnosticSeverity } from '../diagnostic';
import { Findings } from '../findings';

/** ECS's limit on a task definition (the RegisterTaskDefinition request). */
export const TASK_DEFINITION_MAX_BYTES = 64 * 1024;

function property(model: RegisterTaskDefinitionInput, name: string): string | undefined {
  return model.proxyConfiguration?.properties.find((p) => p.name === name)?.value;
}

function ports(list: string | undefined): number[] {
  return (list ?? '').split(',').filter(Boolean).map(Number);
}

/**
 * Rules of an App Mesh task definition: networking, ports against the node's listeners and the
 * proxy configuration, the ignored user, the admin port, Fargate's port floor, ECS's size limit.
 */
export function taskDefinitionRules(constructPath: string, model: RegisterTaskDefinitionInput, ctx: TaskContext,
  adminPort: number): Diagnostic[] {
  const findings = new Findings(constructPath);
  const add = findings.add.bind(findings);
  const gateway = ctx.kind === 'virtualGateway';
  const containers = model.containerDefinitions;

  if (model.networkMode !== 'awsvpc') {
    add('AMK_ECS_AWSVPC', 'networkMode', model.networkMode, 'an App Mesh task needs awsvpc networking (the proxy redirect and Envoy rely on it)',
      'use awsvpc network mode');
  }

  const names = new Set<string>();
  containers.forEach((c, i) => {
    if (names.has(c.name)) {
      add('AMK_ECS_CONTAINER_NAME', `containerDefinitions[${i}].name`, c.name, `two containers are named ${c.name}`,
        `rename the container (${ENVOY_CONTAINER} is the Envoy sidecar's name)`);
    }
    names.add(c.name);
  });

  const size = Buffer.byteLength(JSON.stringify(model), 'utf8');
  if (size > TASK_DEFINITION_MAX_BYTES) {
    add('AMK_ECS_TASK_DEFINITION_SIZE', 'containerDefinitions', `${size} bytes`,
      `the task definition is ${size} bytes; ECS accepts at most ${TASK_DEFINITION_MAX_BYTES} (64 KiB)`
        + (ctx.standaloneYaml ? `, and the inline Envoy configuration alone is ${Buffer.byteLength(ctx.standaloneYaml, 'utf8')} bytes` : ''),
      'shrink the configuration (fewer backends per node, shorter access-log formats), or use App Mesh mode');
  }

  // Envoy's admin interface owns its port: a listener, a health check or an app container on it collides with Envoy.
  const appContainerPorts = containers.filter((c) => c.name !== ENVOY_CONTAINER).flatMap((c) => (c.portMappings ?? []).map((p) => p.containerPort));
  const what = gateway ? 'virtual gateway' : 'virtual node';
  const users: [boolean, string, string][] = [
    [ctx.listenerPorts.includes(adminPort), `a listener port of the ${what}`, 'move the listener, or set another adminPort in the Envoy options'],
    [(ctx.healthCheckPorts ?? []).includes(adminPort), `the port a health check of the ${what} probes, so Envoy would check itself`,
      'health-check the application\'s own port, or set another adminPort in the Envoy options'],
    [appContainerPorts.includes(adminPort) && !ctx.listenerPorts.includes(adminPort), 'a port of an application container', 'move the application, or set another adminPort in the Envoy options'],
  ];
  for (const [uses, which, fix] of users) {
    if (uses) add('AMK_ECS_ADMIN_PORT', 'containerDefinitions.portMappings', adminPort, `Envoy's admin interface uses port ${adminPort}, which is also ${which}`, fix);
  }

  if (ctx.usesSds && ctx.envoyEnvironment && ctx.envoyEnvironment.APPMESH_SDS_SOCKET_PATH === undefined) {
    add('AMK_ECS_SDS_SOCKET', 'envoyOptions.sdsSocketPath', undefined,
      `the ${gateway ? 'gateway' : 'node'}'s TLS uses SDS secrets, which App Mesh's Envoy fetches from a local SDS agent over the Unix socket `
        + 'APPMESH_SDS_SOCKET_PATH names, and the task does not set it (App Mesh documents no default)',
      'set envoyOptions: { sdsSocketPath } to the agent\'s socket (SPIRE: /run/spire/sockets/agent.sock) and mount that socket into the '
        + 'envoy container (taskDefinition.addVolume, envoyContainer.addMountPoints)',
      DiagnosticSeverity.WARNING);
  }

  if (gateway) {
    const fargate = model.requiresCompatibilities.includes('FARGATE');
    ctx.listenerPorts.forEach((port) => {
      if (fargate && port <= 1024) {
        add('AMK_ECS_FARGATE_PRIVILEGED_PORT', 'containerDefinitions.portMappings', port,
          `a gateway on Fargate cannot bind port ${port}: Fargate tasks must use ports above 1024`,
          'give the gateway listener a port above 1024 and map the load balancer port to it');
      }
    });
    if (model.proxyConfiguration) {
      add('AMK_ECS_GATEWAY_PROXY', 'proxyConfiguration', 'APPMESH',
        'a virtual gateway task must not redirect traffic through a proxy configuration (its Envoy would send traffic to itself)',
        'remove the proxy configuration');
    }
    return findings.diagnostics;
  }

  const proxy = model.proxyConfiguration;
  if (!proxy) return findings.diagnostics;
  if (!names.has(proxy.containerName)) {
    add('AMK_ECS_PROXY_CONTAINER', 'proxyConfiguration.containerName', proxy.containerName,
      'the proxy configuration names a container the task does not have', `name the Envoy container ${proxy.containerName}`);
  }
  const ignoredUid = property(model, 'IgnoredUID');
  if (ignoredUid === undefined && property(model, 'IgnoredGID') === undefined) {
    add('AMK_ECS_IGNORED_ID_REQUIRED', 'proxyConfiguration.properties', undefined,
      'the proxy configuration needs IgnoredUID or IgnoredGID, or Envoy\'s own traffic would be redirected back to it',
      'set ignoredUid (the Envoy container\'s user) or ignoredGid');
  }
  const appPorts = ports(property(model, 'AppPorts'));
  const containerPorts = new Set(containers.filter((c) => c.name !== proxy.containerName)
    .flatMap((c) => (c.portMappings ?? []).map((p) => p.containerPort)));
  ctx.listenerPorts.forEach((port) => {
    if (!containerPorts.has(port)) {
      add('AMK_ECS_APP_PORT', 'containerDefinitions.portMappings', port,
        `the virtual node listens on ${port}, but no application container exposes that port, so Envoy forwards to nothing`,
        `add ${port} to the ports of the application container that serves it`);
    }
    if (!appPorts.includes(port)) {
      add('AMK_ECS_APP_PORT', 'proxyConfiguration.properties.AppPorts', port,
        `listener port ${port} is not among the proxy configuration's AppPorts, so its traffic bypasses Envoy`,
        'list every listener port in AppPorts');
    }
  });
  containers.forEach((c, i) => {
    if (c.name === proxy.containerName || ignoredUid === undefined) return;
    if (c.user !== undefined && c.user.split(':')[0] === ignoredUid && c.name !== 'xray-daemon') {
      add('AMK_ECS_APP_USER_IGNORED', `containerDefinitions[${i}].user`, c.user,
        `the application container runs as the ignored UID ${ignoredUid}, so its traffic bypasses Envoy`,
        'run the application as another user');
    }
  });
  const ignoredPorts = ports(property(model, 'EgressIgnoredPorts'));
  ignoredPorts.filter((p) => appPorts.includes(p)).forEach((port) => {
    add('AMK_ECS_PORT_APP_AND_IGNORED', 'proxyConfiguration.properties.EgressIgnoredPorts', port,
      `port ${port} is both an application port and an ignored egress port`, 'remove it from egressIgnoredPorts');
  });
  if (ignoredPorts.length > 15) {
    add('AMK_ECS_EGRESS_IGNORED_PORTS', 'proxyConfiguration.properties.EgressIgnoredPorts', ignoredPorts.length,
      `ECS ignores at most 15 egress ports, not ${ignoredPorts.length}`, 'keep at most 15 (port 22 is always ignored anyway)');
  }
  return findings.diagnostics;
}
