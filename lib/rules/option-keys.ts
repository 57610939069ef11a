import { Findings } from './findings';
import { renderValue } from './format';
import { ConstructIssue } from '../model/spec';

/**
 * The option keys of the output APIs (Envoy and ECS options), for plain-JavaScript callers whose
 * misspelled key (`appContainer:` for `appContainers:`) would otherwise be ignored without a word.
 * test/rules/option-keys.test.ts keeps each list equal to its interface in lib/outputs.
 */
export const APP_MESH_ENVOY_OPTION_KEYS = ['region', 'legacyNodeName', 'resourceCluster', 'logLevel', 'xdsEndpoint', 'initialFetchTimeout',
  'adminPort', 'adminAccessLogPath', 'outlierDetectionEventLogPath', 'statsTags', 'statsFlushInterval', 'dogStatsd', 'statsd', 'statsdAddress',
  'statsdPort', 'statsdSocketPath', 'tracing', 'sdsSocketPath'];
export const STANDALONE_ENVOY_OPTION_KEYS = ['adminPort', 'ingressPort', 'egressPort', 'sdsSocketPath', 'tracing'];
export const MESH_TASK_OPTION_KEYS = ['family', 'compatibility', 'cpu', 'memoryMiB', 'appContainers', 'envoyMode', 'envoyOptions',
  'standaloneOptions', 'envoyImage', 'envoyMemoryMiB', 'envoyCpu', 'xrayDaemon', 'ignoredUid', 'ignoredGid', 'egressIgnoredIps',
  'egressIgnoredPorts', 'logGroupName'];
/** MeshTaskDefinitionProps and RegisterTaskDefinitionOptions add these to the task options. */
export const TASK_ENTRY_KEYS = ['virtualNode', 'virtualGateway', 'taskRoleArn', 'executionRoleArn'];
export const APP_CONTAINER_KEYS = ['name', 'image', 'ports', 'environment', 'user', 'command', 'cpu', 'memoryLimitMiB', 'memoryReservationMiB',
  'essential'];

/**
 * The props keys of the constructs (their `…Props` interfaces, inherited members included), for
 * the same check on props. test/rules/option-keys.test.ts keeps each list equal to its interface.
 */
export const CONSTRUCT_PROP_KEYS: Readonly<Record<string, readonly string[]>> = {
  MeshProps: ['meshName', 'egressFilter', 'ipPreference', 'serviceDiscovery', 'tags'],
  VirtualNodeProps: ['virtualNodeName', 'serviceDiscovery', 'listeners', 'backends', 'backendDefaults', 'accessLog', 'tags', 'mesh'],
  VirtualServiceProps: ['virtualServiceName', 'provider', 'virtualServiceProvider', 'tags', 'mesh'],
  VirtualRouterProps: ['virtualRouterName', 'listeners', 'tags', 'mesh'],
  RouteProps: ['routeName', 'routeSpec', 'tags', 'mesh', 'virtualRouter'],
  VirtualGatewayProps: ['virtualGatewayName', 'listeners', 'backendDefaults', 'accessLog', 'tags', 'mesh'],
  GatewayRouteProps: ['gatewayRouteName', 'routeSpec', 'tags', 'virtualGateway'],
};

/** A key of `value` that `known` lacks: what it would be ignored for, and the nearest known key. */
interface UnknownKey {
  readonly key: string;
  readonly message: string;
  readonly fix: string;
}

function unknownKeys(value: unknown, known: readonly string[], what: string): UnknownKey[] {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return [];
  return Object.keys(value).filter((key) => !known.includes(key)).map((key) => {
    const nearest = [...known].sort((a, b) => distance(key, a) - distance(key, b))[0];
    const close = nearest !== undefined && distance(key, nearest) <= Math.max(2, Math.floor(key.length / 3));
    return { key, message: `${what} has no option ${key}, so it would be ignored`, fix: close ? `did you mean ${nearest}?` : `use one of ${known.join(', ')}` };
  });
}

/** Reports every key of `value` that `known` lacks, suggesting the nearest known key. */
export function reportUnknownKeys(findings: Findings, fieldPrefix: string, value: unknown, known: readonly string[], what: string): void {
  for (const u of unknownKeys(value, known, what)) findings.add('AMK_UNKNOWN_OPTION', `${fieldPrefix}${u.key}`, u.key, u.message, u.fix);
}

/** A construct's props keys it does not know, as issues of its model (reported at synth with the rest). */
export function unknownPropIssues(props: unknown, propsInterface: keyof typeof CONSTRUCT_PROP_KEYS): ConstructIssue[] {
  return unknownKeys(props, CONSTRUCT_PROP_KEYS[propsInterface], propsInterface)
    .map((u) => ({ code: 'AMK_UNKNOWN_OPTION', field: u.key, value: renderValue(u.key), message: u.message, fix: u.fix }));
}

/** Levenshtein distance, case-insensitive (a typo's distance from the intended key). */
function distance(a: string, b: string): number {
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  let row = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i++) {
    const next = [i];
    for (let j = 1; j <= y.length; j++) {
      next[j] = Math.min(row[j] + 1, next[j - 1] + 1, row[j - 1] + (x[i - 1] === y[j - 1] ? 0 : 1));
    }
    row = next;
  }
  return row[y.length];
}
