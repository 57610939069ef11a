import { describe, expect, it } from 'vitest';
import {
  EnvoyConfig, EnvoyMode, EnvoyTracing, MeshAppContainer, MeshTaskCompatibility, MeshTaskDefinition, MeshTaskDefinitionProps, ServiceDiscovery,
  VirtualGatewayListener, VirtualNodeListener,
} from '../../../lib';
import { APP } from '../../outputs/ecs/helpers';
import { ecsFixture, thrownBy } from '../../support/fixtures';
import { synthTemplate } from '../../support/synth';

/* eslint-disable @typescript-eslint/no-explicit-any */

/** A node task for the fixture's node (listener 9080), or for a node on `listenerPort`. */
function nodeTask(props: Partial<MeshTaskDefinitionProps> | Record<string, unknown> = {}, listenerPort?: number) {
  const f = ecsFixture();
  const node = listenerPort === undefined ? f.node : f.mesh.addVirtualNode('Other', {
    virtualNodeName: 'other', serviceDiscovery: ServiceDiscovery.dns('other.shop.local'), listeners: [VirtualNodeListener.http({ port: listenerPort })],
  });
  const app: MeshAppContainer = { ...APP, ports: [listenerPort ?? 9080] };
  const task = new MeshTaskDefinition(f.stack, 'Task', { virtualNode: node, appContainers: [app], ...props } as MeshTaskDefinitionProps);
  return { ...f, node, task };
}

/** The `<code> <field>` of each finding the task reports at synth. */
function findings(task: MeshTaskDefinition): string[] {
  return task.node.validate().map((message) => {
    const [code, , field] = message.split(' ');
    return `${code} ${field.replace(/:$/, '')}`;
  });
}

describe('ECS task options', () => {
  it.each([
    ['a Fargate cpu that is no task size', { cpu: 300 }, 'AMK_ECS_FARGATE_SIZE cpu'],
    ['memory outside the cpu\'s steps', { cpu: 256, memoryMiB: 4096 }, 'AMK_ECS_FARGATE_SIZE memoryMiB'],
    ['memory between steps', { cpu: 1024, memoryMiB: 2500 }, 'AMK_ECS_FARGATE_SIZE memoryMiB'],
    ['a container over the task memory', { cpu: 256, memoryMiB: 512, appContainers: [{ ...APP, memoryLimitMiB: 1024 }] },
      'AMK_ECS_CONTAINER_MEMORY containerDefinitions[0].memory'],
    ['a negative ignoredUid', { ignoredUid: -1 }, 'AMK_ECS_IGNORED_ID ignoredUid'],
    ['a fractional ignoredGid', { ignoredGid: 1.5 }, 'AMK_ECS_IGNORED_ID ignoredGid'],
    ['an ignoredUid that is not a number (plain JS)', { ignoredUid: '1337' }, 'AMK_WRONG_TYPE ignoredUid'],
    ['an ignored egress IP that is no IP', { egressIgnoredIps: ['metadata.local'] }, 'AMK_ECS_EGRESS_IGNORED_IP egressIgnoredIps[0]'],
    ['an ignored egress IP with a bad octet', { egressIgnoredIps: ['10.0.0.256'] }, 'AMK_ECS_EGRESS_IGNORED_IP egressIgnoredIps[0]'],
    ['an ignored egress port 0', { egressIgnoredPorts: [0] }, 'AMK_PORT_RANGE egressIgnoredPorts[0]'],
    ['an ignored egress port 65536', { egressIgnoredPorts: [22, 65536] }, 'AMK_PORT_RANGE egressIgnoredPorts[1]'],
    ['a null app container (plain JS)', { appContainers: [APP, null] }, 'AMK_WRONG_TYPE appContainers[1]'],
    ['app containers that are no list (plain JS)', { appContainers: APP }, 'AMK_WRONG_TYPE appContainers'],
    ['admin port 70000', { envoyOptions: { adminPort: 70000 } }, 'AMK_PORT_RANGE envoyOptions.adminPort'],
    ['statsd port 0', { envoyOptions: { statsd: true, statsdPort: 0 } }, 'AMK_PORT_RANGE envoyOptions.statsdPort'],
    ['X-Ray daemon port 65536', { envoyOptions: { tracing: EnvoyTracing.xray({ daemonPort: 65536 }) } }, 'AMK_PORT_RANGE envoyOptions.tracing'],
    ['ingress port equal to egress port', { standaloneOptions: { ingressPort: 15001 } }, 'AMK_ENVOY_PORT_CONFLICT standaloneOptions.egressPort'],
    ['an unknown Region', { envoyOptions: { region: 'mars-east-1' } }, 'AMK_ENVOY_REGION envoyOptions.region'],
  ])('reports %s', (_, props, expected) => {
    const { task } = nodeTask(props);
    expect(findings(task)).toContain(expected);
  });

  it.each([15000, 15001])('AMK_ECS_PROXY_PORT: a node listener on the proxy port %d', (port) => {
    const { task } = nodeTask({}, port);
    expect(findings(task)).toContain('AMK_ECS_PROXY_PORT proxyConfiguration.properties');
  });

  it('AMK_ECS_GATEWAY_APP_CONTAINERS: app containers given to a gateway task', () => {
    const f = ecsFixture();
    const gateway = f.mesh.addVirtualGateway('Gw', { virtualGatewayName: 'gw', listeners: [VirtualGatewayListener.http({ port: 8080 })] });
    const task = new MeshTaskDefinition(f.stack, 'Task', { virtualGateway: gateway, appContainers: [APP] });
    expect(findings(task)).toEqual(['AMK_ECS_GATEWAY_APP_CONTAINERS appContainers']);
  });

  it('the JSON output throws the same finding (registerTaskDefinitionInput)', () => {
    const f = ecsFixture();
    const error = thrownBy(() => MeshTaskDefinition.registerTaskDefinitionInput(f.node, { appContainers: [APP], ignoredUid: -5 }));
    expect(error.message).toMatch(/^AMK_ECS_IGNORED_ID Shop\/Mesh\/Cart ignoredUid: .* \(got -5\)\. Fix: /);
  });

  it('accepts the exact bounds: Fargate\'s smallest and largest sizes, a container of exactly the task memory, UID 0, ports 1 and 65535, CIDRs', () => {
    for (const [cpu, memoryMiB] of [[256, 512], [256, 2048], [16384, 122880], [8192, 16384], [4096, 30720]]) {
      const { task } = nodeTask({ cpu, memoryMiB, appContainers: [{ ...APP, memoryLimitMiB: Math.min(memoryMiB, 512) }] });
      expect(findings(task), `${cpu}/${memoryMiB}`).toEqual([]);
    }
    const { task, stack } = nodeTask({
      cpu: 256,
      memoryMiB: 512,
      appContainers: [{ ...APP, memoryLimitMiB: 512 }],
      ignoredUid: 0,
      ignoredGid: 0,
      egressIgnoredIps: ['169.254.169.254', '10.0.0.0/8', '0.0.0.0/0'],
      egressIgnoredPorts: [1, 65535],
      envoyOptions: { adminPort: 65535, statsd: true, statsdPort: 1, tracing: EnvoyTracing.xray({ daemonPort: 65535 }), region: 'us-east-1' },
    });
    expect(findings(task)).toEqual([]);
    synthTemplate(stack, 'rules-ecs-task-option-bounds');
  });

  it('accepts EC2 tasks of any size (the Fargate table does not apply)', () => {
    const { task } = nodeTask({ compatibility: MeshTaskCompatibility.EC2, cpu: 300, memoryMiB: 700 });
    expect(findings(task)).toEqual([]);
  });

  it('standalone tasks: ingress and egress moved to free ports are fine, and a listener may then use 15000', () => {
    const { task } = nodeTask({ envoyMode: EnvoyMode.STANDALONE, standaloneOptions: { ingressPort: 16000, egressPort: 16001 } }, 15000);
    expect(findings(task)).toEqual([]);
  });
});

describe('Envoy options given to EnvoyConfig', () => {
  it.each([
    ['appMesh', (n: any) => EnvoyConfig.appMesh(n, { adminPort: 70000 }), /^AMK_PORT_RANGE Shop\/Mesh\/Cart adminPort: /],
    ['appMeshEnvironment', (n: any) => EnvoyConfig.appMeshEnvironment(n, { statsdPort: 0 }), /^AMK_PORT_RANGE Shop\/Mesh\/Cart statsdPort: /],
    ['appMesh (Region)', (n: any) => EnvoyConfig.appMesh(n, { region: 'us-east-99' }), /^AMK_ENVOY_REGION Shop\/Mesh\/Cart region: /],
    ['standalone', (n: any) => EnvoyConfig.standalone(n, { ingressPort: 9901 }), /^AMK_ENVOY_PORT_CONFLICT Shop\/Mesh\/Cart ingressPort: /],
    ['standalone (tracer)', (n: any) => EnvoyConfig.standalone(n, { tracing: EnvoyTracing.jaeger({ port: 0 }) }), /^AMK_PORT_RANGE Shop\/Mesh\/Cart tracing: /],
    ['standalone (plain JS)', (n: any) => EnvoyConfig.standalone(n, { adminPort: '9901' as any }), /^AMK_WRONG_TYPE Shop\/Mesh\/Cart adminPort: /],
  ])('%s throws a coded finding', (_, build, expected) => {
    const { node } = ecsFixture();
    expect(thrownBy(() => build(node)).message).toMatch(expected);
  });

  it('standaloneForMesh reports bad options as diagnostics, with no configs', () => {
    const { mesh } = ecsFixture();
    const result = EnvoyConfig.standaloneForMesh(mesh, { egressPort: 70000 });
    expect(result.configs).toEqual([]);
    expect(result.diagnostics.map((d) => [d.code, d.constructPath, d.field])).toEqual([['AMK_PORT_RANGE', 'Shop/Mesh', 'egressPort']]);
  });
});
