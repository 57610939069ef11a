import { RegisterTaskDefinitionInput } from '../../model/ecs-task';
import { Diagnostic } from '../diagnostic';
import { DEFAULT_EGRESS_PORT, DEFAULT_INGRESS_PORT, EnvoyOptionsInput, checkPort, envoyOptionRules } from '../envoy/options';
import { isUnresolved } from '../field-rules';
import { Findings } from '../findings';
import { APP_CONTAINER_KEYS, MESH_TASK_OPTION_KEYS, TASK_ENTRY_KEYS, reportUnknownKeys } from '../option-keys';

/** Fargate's task sizes: memory (MiB) choices per CPU unit count (Amazon ECS Developer Guide, task size). */
const FARGATE_SIZES: Record<number, number[]> = {
  256: [512, 1024, 2048],
  512: steps(1024, 4096, 1024),
  1024: steps(2048, 8192, 1024),
  2048: steps(4096, 16384, 1024),
  4096: steps(8192, 30720, 1024),
  8192: steps(16384, 61440, 4096),
  16384: steps(32768, 122880, 8192),
};

function steps(from: number, to: number, by: number): number[] {
  return Array.from({ length: (to - from) / by + 1 }, (_, i) => from + i * by);
}

const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}(\/(3[0-2]|[12]?\d))?$/;

/** The task options these rules read (MeshTaskOptions, as plain JavaScript may give them). */
export interface TaskOptionsInput {
  readonly cpu?: unknown;
  readonly memoryMiB?: unknown;
  readonly ignoredUid?: unknown;
  readonly ignoredGid?: unknown;
  readonly egressIgnoredIps?: unknown;
  readonly egressIgnoredPorts?: unknown;
  readonly appContainers?: unknown;
  readonly envoyOptions?: EnvoyOptionsInput;
  readonly standaloneOptions?: EnvoyOptionsInput;
}

/**
 * Rules of the task options that ECS or the proxy would reject or silently misread: Fargate sizes,
 * container memory within the task's, the ignored user and group, ignored egress IPs and ports, app
 * containers on a gateway task (it has none), node listeners on the proxy's own ports, and the Envoy options.
 */
export function taskOptionRules(constructPath: string, options: TaskOptionsInput, model: RegisterTaskDefinitionInput, gateway: boolean,
  listenerPorts: readonly number[]): Diagnostic[] {
  const findings = new Findings(constructPath);
  const add = findings.add.bind(findings);
  const o = options;

  reportUnknownKeys(findings, '', o, [...MESH_TASK_OPTION_KEYS, ...TASK_ENTRY_KEYS], 'the task options object');
  if (Array.isArray(o.appContainers)) {
    o.appContainers.forEach((c, i) => reportUnknownKeys(findings, `appContainers[${i}].`, c, APP_CONTAINER_KEYS, 'an app container'));
  }

  const cpu = Number(model.cpu);
  const memory = Number(model.memory);
  if (model.requiresCompatibilities.includes('FARGATE') && !isUnresolved(o.cpu) && !isUnresolved(o.memoryMiB)) {
    const sizes = FARGATE_SIZES[cpu];
    if (!sizes) {
      add('AMK_ECS_FARGATE_SIZE', 'cpu', o.cpu ?? cpu, `Fargate runs tasks of ${Object.keys(FARGATE_SIZES).join(', ')} CPU units, not ${cpu}`,
        'choose one of those cpu values (1024 units are one vCPU)');
    } else if (!sizes.includes(memory)) {
      add('AMK_ECS_FARGATE_SIZE', 'memoryMiB', o.memoryMiB ?? memory,
        `a Fargate task of ${cpu} CPU units takes ${sizes[0]} to ${sizes[sizes.length - 1]} MiB of memory in its steps, not ${memory}`,
        `choose memoryMiB from ${sizes.join(', ')}`);
    }
  }
  if (Number.isFinite(memory) && !isUnresolved(o.memoryMiB)) {
    model.containerDefinitions.forEach((c, i) => {
      const needs = Math.max(c.memory ?? 0, c.memoryReservation ?? 0);
      if (needs > memory) {
        add('AMK_ECS_CONTAINER_MEMORY', `containerDefinitions[${i}].memory`, needs,
          `container ${c.name} asks for ${needs} MiB, more than the task's ${memory} MiB`,
          'raise memoryMiB of the task, or lower the container\'s memory');
      }
    });
  }

  for (const field of ['ignoredUid', 'ignoredGid'] as const) {
    const id = o[field];
    if (id === undefined || id === null || isUnresolved(id)) continue;
    if (typeof id !== 'number' || !Number.isInteger(id) || id < 0) {
      add(typeof id === 'number' ? 'AMK_ECS_IGNORED_ID' : 'AMK_WRONG_TYPE', field, id,
        `${field} must be a user or group id: an integer of 0 or more`, `pass ${field} as a number, for example 1337`);
    }
  }

  const ips: unknown = o.egressIgnoredIps;
  if (Array.isArray(ips)) {
    ips.forEach((ip, i) => {
      if (!isUnresolved(ip) && (typeof ip !== 'string' || !IPV4.test(ip))) {
        add('AMK_ECS_EGRESS_IGNORED_IP', `egressIgnoredIps[${i}]`, ip,
          'an ignored egress IP must be an IPv4 address or CIDR block (the proxy configuration\'s EgressIgnoredIPs)',
          'write it as 169.254.169.254 or 10.0.0.0/8');
      }
    });
  }
  const ignoredPorts: unknown = o.egressIgnoredPorts;
  if (Array.isArray(ignoredPorts)) {
    ignoredPorts.forEach((port, i) => checkPort(findings, `egressIgnoredPorts[${i}]`, port, 'an ignored egress port'));
  }

  const appContainers: unknown = o.appContainers;
  if (appContainers !== undefined && appContainers !== null && !Array.isArray(appContainers)) {
    add('AMK_WRONG_TYPE', 'appContainers', appContainers, 'appContainers must be a list of containers', 'pass a list: appContainers: [{ name, image, ports }]');
  } else if (Array.isArray(appContainers)) {
    if (gateway && appContainers.length > 0) {
      add('AMK_ECS_GATEWAY_APP_CONTAINERS', 'appContainers', appContainers.length,
        'a virtual gateway task runs Envoy alone, so its app containers would be dropped',
        'remove appContainers, and run the applications in their virtual nodes\' tasks');
    }
    appContainers.forEach((c, i) => {
      if (typeof c !== 'object' || c === null) {
        add('AMK_WRONG_TYPE', `appContainers[${i}]`, c, 'an app container must be an object', 'pass { name, image, ports } for each container');
      }
    });
  }

  if (!gateway) {
    const proxyPorts = [o.standaloneOptions?.ingressPort ?? DEFAULT_INGRESS_PORT, o.standaloneOptions?.egressPort ?? DEFAULT_EGRESS_PORT];
    listenerPorts.filter((p) => proxyPorts.includes(p)).forEach((port) => {
      add('AMK_ECS_PROXY_PORT', 'proxyConfiguration.properties', port,
        `the virtual node listens on ${port}, which is the proxy's own ${port === proxyPorts[0] ? 'ingress' : 'egress'} port`,
        'move the listener to another port, or set ingressPort / egressPort in the standalone options');
    });
  }
  return [...findings.diagnostics, ...envoyOptionRules(constructPath, o.envoyOptions, o.standaloneOptions, true)];
}
