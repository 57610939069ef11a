import { LatticeMatch, matchesEverything, translateMatch } from './lattice-match';
import {
  LISTENER_NAME, RULE_NAME, SERVICE_NAME, SERVICE_NETWORK_NAME, TARGET_GROUP_NAME, latticeName, uniqueLatticeNames,
} from './lattice-names';
import { GraphMember, MeshGraph } from '../../model/mesh-graph';
import {
  HealthCheckModel, Protocol, ROUTE_KEYS, RouteBodyModel, RouteSpecModel, VirtualGatewaySpecModel, VirtualNodeSpecModel,
  VirtualRouterSpecModel, VirtualServiceSpecModel,
} from '../../model/spec';
import { Diagnostic, DiagnosticSeverity } from '../../rules/diagnostic';
import { renderValue } from '../../rules/format';
import { REGIONS_WITHOUT_LATTICE, latticeAvailableIn } from '../migration/region-check';

/**
 * What a mesh becomes on VPC Lattice, as plain data: the construct (`MeshLattice`) and the
 * cloud-assembly summary both render this one plan, so they cannot disagree.
 * Sources: shared/reference/migration-targets.md §2 (the Lattice model, quotas and CloudFormation fields).
 */

/** Lattice's default quotas (adjustable): listeners per service, rules per listener (5 on the English quota page, 10 on newer translations). */
export const LISTENERS_PER_SERVICE = 2;
export const RULES_PER_LISTENER = 5;
/**
 * Hard limits of the CloudFormation schema: priorities 1–100, 5 header matches per rule. (Its 10
 * target groups per action need no check: App Mesh routes take at most 10 weighted targets.)
 */
export const MAX_PRIORITY = 100;
export const MAX_HEADER_MATCHES = 5;

/** A target group's health check: Lattice checks HTTP targets by default, so "none" must be said (`enabled: false`). */
export interface LatticeHealthCheck {
  readonly enabled: boolean;
  readonly protocolVersion?: 'HTTP1' | 'HTTP2';
  readonly path?: string;
  readonly port?: number;
  readonly intervalSeconds?: number;
  readonly timeoutSeconds?: number;
  readonly healthyThreshold?: number;
  readonly unhealthyThreshold?: number;
}

/** One IP target group: one listener (port) of one virtual node; ECS registers the node's tasks into it. */
export interface LatticeTargetGroupPlan {
  /** `<node name>:<port>`. */
  readonly key: string;
  readonly name: string;
  readonly virtualNodeName: string;
  readonly constructPath: string;
  readonly port: number;
  /** The node listener's protocol (the ECS port mapping name is `<protocol>-<port>`, as in the Service Connect output). */
  readonly protocol: Protocol;
  readonly protocolVersion: 'HTTP1' | 'HTTP2' | 'GRPC';
  readonly healthCheck: LatticeHealthCheck;
}

/** Forward to weighted target groups (by key), or answer with a fixed status. */
export interface LatticeAction {
  readonly forward?: { readonly targetGroup: string; readonly weight: number }[];
  readonly fixedResponse?: number;
}

export interface LatticeRulePlan {
  readonly name: string;
  readonly priority: number;
  /** The App Mesh route the rule comes from. */
  readonly routeName: string;
  readonly constructPath: string;
  readonly match: LatticeMatch;
  readonly action: LatticeAction;
}

export interface LatticeListenerPlan {
  readonly name: string;
  readonly port: number;
  readonly protocol: 'HTTP';
  /** What a request no rule matches gets: App Mesh answers 404 when no route matches, or the catch-all route's targets. */
  readonly defaultAction: LatticeAction;
  /** The route that became the default action (it matches every request), if any. */
  readonly defaultRouteName?: string;
  readonly rules: LatticeRulePlan[];
}

export interface LatticeServicePlan {
  readonly name: string;
  readonly virtualServiceName: string;
  readonly constructPath: string;
  readonly listeners: LatticeListenerPlan[];
  /** Construct paths of the virtual nodes that list the service as a backend (the auth policy's callers). */
  readonly callers: string[];
}

export interface LatticePlan {
  readonly meshName: string;
  readonly serviceNetworkName: string;
  readonly region?: string;
  readonly services: LatticeServicePlan[];
  readonly targetGroups: LatticeTargetGroupPlan[];
  readonly diagnostics: Diagnostic[];
}

export interface LatticePlanOptions {
  /** The Region the Lattice resources go to (undefined: not known, not checked). */
  readonly region?: string;
  readonly serviceNetworkName?: string;
}

const PROTOCOL_VERSIONS = { http: 'HTTP1', http2: 'HTTP2', grpc: 'GRPC' } as const;
/** Envoy's HTTP health check expects 200 unless told otherwise (App Mesh sets no expected statuses). */
export const HEALTHY_HTTP_CODE = '200';

/** The one route body a route has, with its protocol. */
function bodyOf(route: GraphMember<RouteSpecModel>): { body: RouteBodyModel; protocol: Protocol } | undefined {
  const spec = route.resolved.spec ?? {};
  for (const [protocol, key] of Object.entries(ROUTE_KEYS) as [Protocol, keyof RouteSpecModel][]) {
    const body = spec[key] as RouteBodyModel | undefined;
    if (body) return { body, protocol };
  }
  return undefined;
}

const seconds = (millis: number) => Math.ceil(millis / 1000);

function healthCheckOf(hc: HealthCheckModel | undefined): LatticeHealthCheck {
  if (!hc || (hc.protocol !== 'http' && hc.protocol !== 'http2')) return { enabled: false };
  return {
    enabled: true,
    protocolVersion: hc.protocol === 'http2' ? 'HTTP2' : 'HTTP1',
    path: hc.path ?? '/',
    port: hc.port,
    intervalSeconds: seconds(hc.intervalMillis),
    timeoutSeconds: seconds(hc.timeoutMillis),
    healthyThreshold: hc.healthyThreshold,
    unhealthyThreshold: hc.unhealthyThreshold,
  };
}

/** Builds the plan of a mesh, with every finding (`AMK_LATTICE_*`). */
export function buildLatticePlan(graph: MeshGraph, options: LatticePlanOptions = {}): LatticePlan {
  const diagnostics: Diagnostic[] = [];
  const meshPath = graph.mesh?.path ?? graph.registry.path;
  const warn = (code: string, constructPath: string, field: string, value: unknown, message: string, fix: string) =>
    diagnostics.push({ severity: DiagnosticSeverity.WARNING, code, constructPath, field, value: renderValue(value), message, fix });

  if (options.region !== undefined && !latticeAvailableIn(options.region)) {
    diagnostics.push({
      severity: DiagnosticSeverity.ERROR,
      code: 'AMK_LATTICE_REGION',
      constructPath: meshPath,
      field: 'region',
      value: renderValue(options.region),
      message: `VPC Lattice does not exist in ${options.region} (nor in ${REGIONS_WITHOUT_LATTICE.filter((r) => r !== options.region).join(', ')})`,
      fix: 'Deploy the Lattice resources in a Region that has VPC Lattice, or leave App Mesh for plain Envoy (EnvoyMode.STANDALONE) or ECS Service Connect there.',
    });
  }

  // Target groups: one per http/http2/grpc listener of every node, in registration order.
  const nodes = graph.members<VirtualNodeSpecModel>('virtualNode');
  const tgSources: { node: GraphMember<VirtualNodeSpecModel>; index: number; port: number; protocol: Protocol; source: string }[] = [];
  for (const node of nodes) {
    const nodeName = node.name ?? node.path;
    (node.resolved.spec?.listeners ?? []).forEach((listener, index) => {
      const { port, protocol } = listener.portMapping;
      if (protocol === 'tcp') {
        warn('AMK_LATTICE_TCP', node.path, `spec.listeners[${index}].portMapping`, `tcp:${port}`,
          `the tcp listener ${port} gets no Lattice target group: a Lattice listener carries TCP only as TLS_PASSTHROUGH, so plain TCP clients would break`,
          'Keep this listener on plain Envoy (EnvoyMode.STANDALONE) or ECS Service Connect, or have the clients speak TLS and add a TLS_PASSTHROUGH listener yourself.');
        return;
      }
      tgSources.push({ node, index, port, protocol, source: `${graph.meshName}-${nodeName}-${port}` });
    });
  }
  const tgNames = uniqueLatticeNames(tgSources.map((s) => s.source), TARGET_GROUP_NAME);
  const targetGroups: LatticeTargetGroupPlan[] = tgSources.map(({ node, index, port, protocol, source }) => {
    const hc = node.resolved.spec?.listeners?.[index].healthCheck;
    if (hc && hc.protocol !== 'http' && hc.protocol !== 'http2') {
      warn('AMK_LATTICE_HEALTH_CHECK', node.path, `spec.listeners[${index}].healthCheck.protocol`, hc.protocol,
        `Lattice health checks are HTTP or HTTPS only, and this one is ${hc.protocol}: the target group's health check is turned off`,
        'Give the app an HTTP health endpoint and check it with HealthCheck.http({ path }) on the listener.');
    }
    return {
      key: `${node.name ?? node.path}:${port}`,
      name: tgNames.get(source)!,
      virtualNodeName: node.name ?? node.path,
      constructPath: node.path,
      port,
      protocol,
      protocolVersion: PROTOCOL_VERSIONS[protocol as 'http'],
      healthCheck: healthCheckOf(hc),
    };
  });
  const tgKeys = new Set(targetGroups.map((t) => t.key));

  const services = graph.members<VirtualServiceSpecModel>('virtualService');
  const serviceNames = uniqueLatticeNames(services.map((s) => s.name ?? s.path), SERVICE_NAME);
  const planned: LatticeServicePlan[] = [];
  for (const service of services) {
    const serviceName = service.name ?? service.path;
    const provider = graph.providerOf(service);
    if (!provider) {
      warn('AMK_LATTICE_UNRESOLVED', service.path, 'spec.provider', serviceName,
        'the virtual service has no provider this app defines (none, or an imported one): it gets no Lattice service',
        'Give the service a provider defined in this app, or create its Lattice service by hand.');
      continue;
    }
    const listeners = provider.kind === 'virtualNode'
      ? nodeListeners(provider as GraphMember<VirtualNodeSpecModel>, tgKeys)
      : routerListeners(graph, provider as GraphMember<VirtualRouterSpecModel>, tgKeys, warn);
    if (listeners.length === 0) {
      if (provider.kind === 'virtualNode') {
        warn('AMK_LATTICE_TCP', service.path, 'spec.provider.virtualNode', serviceName,
          'the virtual service\'s provider node has no http, http2 or grpc listener: the service gets no Lattice service',
          'Keep this service on plain Envoy (EnvoyMode.STANDALONE) or ECS Service Connect.');
      }
      continue;
    }
    if (listeners.length > LISTENERS_PER_SERVICE) {
      warn('AMK_LATTICE_LISTENER_QUOTA', provider.path, 'spec.listeners', listeners.map((l) => l.port),
        `the Lattice service of ${serviceName} gets ${listeners.length} listeners, and Lattice allows ${LISTENERS_PER_SERVICE} per service by default`,
        'Ask for a higher "Listeners per service" quota before deploying, or split the ports over several virtual services.');
    }
    const callers = graph.nodesCalling(service).map((n) => n.path);
    planned.push({ name: serviceNames.get(serviceName)!, virtualServiceName: serviceName, constructPath: service.path, listeners, callers });
  }

  for (const gateway of graph.members<VirtualGatewaySpecModel>('virtualGateway')) {
    warn('AMK_LATTICE_GATEWAY', gateway.path, 'virtualGatewayName', gateway.name ?? gateway.path,
      'a virtual gateway has no Lattice counterpart: no Lattice resource is made for it or its gateway routes. Clients in VPCs '
      + 'associated with the service network call the Lattice services directly; their rewrites and host name matches are lost',
      'For clients outside the VPCs, put an Application Load Balancer (path rules, as the gateway routes) in front of the ECS services, '
      + 'or give a Lattice service a custom domain name; or keep the gateway on plain Envoy (EnvoyMode.STANDALONE).');
  }

  return {
    meshName: graph.meshName,
    serviceNetworkName: options.serviceNetworkName ?? latticeName(graph.meshName, SERVICE_NETWORK_NAME),
    region: options.region,
    services: planned,
    targetGroups,
    diagnostics,
  };
}

type Warn = (code: string, constructPath: string, field: string, value: unknown, message: string, fix: string) => void;

/** A service a node provides: one listener per http/http2/grpc node listener, forwarding everything to its target group. */
function nodeListeners(node: GraphMember<VirtualNodeSpecModel>, tgKeys: Set<string>): LatticeListenerPlan[] {
  return (node.resolved.spec?.listeners ?? []).flatMap((listener) => {
    const { port, protocol } = listener.portMapping;
    const key = `${node.name ?? node.path}:${port}`;
    if (!tgKeys.has(key)) return [];
    return [{
      name: latticeName(`${protocol}-${port}`, LISTENER_NAME),
      port,
      protocol: 'HTTP' as const,
      defaultAction: { forward: [{ targetGroup: key, weight: 100 }] },
      rules: [],
    }];
  });
}

/** A service a router provides: one listener per router listener, the routes as rules in App Mesh's order. */
function routerListeners(graph: MeshGraph, router: GraphMember<VirtualRouterSpecModel>, tgKeys: Set<string>, warn: Warn): LatticeListenerPlan[] {
  const listeners = router.resolved.spec?.listeners ?? [];
  const routes = graph.routesOf(router);
  return listeners.flatMap((listener, index): LatticeListenerPlan[] => {
    const { port, protocol } = listener.portMapping;
    if (protocol === 'tcp') {
      warn('AMK_LATTICE_TCP', router.path, `spec.listeners[${index}].portMapping`, `tcp:${port}`,
        `the tcp listener ${port} gets no Lattice listener: Lattice carries TCP only as TLS_PASSTHROUGH, so plain TCP clients would break`,
        'Keep this service on plain Envoy (EnvoyMode.STANDALONE) or ECS Service Connect, or have the clients speak TLS and add a TLS_PASSTHROUGH listener yourself.');
      return [];
    }
    const rules: Omit<LatticeRulePlan, 'name' | 'priority'>[] = [];
    let defaultAction: LatticeAction = { fixedResponse: 404 };
    let defaultRouteName: string | undefined;
    for (const route of routes) {
      const found = bodyOf(route);
      if (!found) continue;
      const { body } = found;
      const matchPort = typeof body.match?.port === 'number' ? body.match.port : undefined;
      // The routes App Mesh tries on this listener (explain's rule): same protocol, and the match port when the router has several listeners.
      if (found.protocol !== protocol || (matchPort !== undefined ? matchPort !== port : listeners.length > 1)) continue;
      const routeName = route.name ?? route.path;
      const field = `spec.${ROUTE_KEYS[found.protocol]}`;
      const { match, unsupported } = translateMatch(protocol, body.match);
      if (unsupported.length > 0) {
        warn('AMK_LATTICE_MATCH_UNSUPPORTED', route.path, `${field}.match`, unsupported,
          `route ${routeName} matches what a Lattice rule cannot (${unsupported.join('; ')}): it gets no rule, so the requests it took go to the next rule that matches`,
          'Rewrite the match with path prefixes or exact paths and header exact or prefix matches, or keep this router on plain Envoy (EnvoyMode.STANDALONE).');
        continue;
      }
      if (match.headers.length > MAX_HEADER_MATCHES) {
        warn('AMK_LATTICE_HEADER_LIMIT', route.path, `${field}.match.headers`, match.headers.length,
          `route ${routeName} matches ${match.headers.length} headers, and a Lattice rule takes at most ${MAX_HEADER_MATCHES}: it gets no rule`,
          `Match at most ${MAX_HEADER_MATCHES} headers, or keep this router on plain Envoy (EnvoyMode.STANDALONE).`);
        continue;
      }
      const action = actionOf(graph, route, body, field, tgKeys, warn);
      if (!action) continue;
      if (matchesEverything(match)) {
        // Every later route is out of reach in App Mesh too: the catch-all is the listener's default.
        defaultAction = action;
        defaultRouteName = routeName;
        break;
      }
      rules.push({ routeName, constructPath: route.path, match, action });
    }
    if (rules.length > MAX_PRIORITY) {
      warn('AMK_LATTICE_RULE_LIMIT', router.path, `spec.listeners[${index}]`, rules.length,
        `listener ${port} needs ${rules.length} rules, and Lattice priorities run from 1 to ${MAX_PRIORITY}: `
        + `the routes after the ${MAX_PRIORITY}th (${rules.slice(MAX_PRIORITY).map((r) => r.routeName).join(', ')}) get no rule`,
        'Merge routes (a shorter common prefix), or keep this router on plain Envoy (EnvoyMode.STANDALONE).');
    }
    const kept = rules.slice(0, MAX_PRIORITY);
    if (kept.length > RULES_PER_LISTENER) {
      warn('AMK_LATTICE_RULE_QUOTA', router.path, `spec.listeners[${index}]`, kept.length,
        `listener ${port} gets ${kept.length} rules, and Lattice allows ${RULES_PER_LISTENER} per listener by default (10 on some of its quota pages)`,
        'Ask for a higher "Rules per listener" quota before deploying.');
    }
    const names = uniqueLatticeNames(kept.map((r) => r.routeName), RULE_NAME);
    return [{
      name: latticeName(`${protocol}-${port}`, LISTENER_NAME),
      port,
      protocol: 'HTTP',
      defaultAction,
      defaultRouteName,
      rules: kept.map((r, i) => ({ ...r, name: names.get(r.routeName)!, priority: i + 1 })),
    }];
  });
}

/**
 * A route's action: its weighted targets as target groups (App Mesh weights 0–100 fit Lattice's
 * 1–999; weight-0 targets are dropped, as they take no traffic); undefined when it cannot be built.
 */
function actionOf(
  graph: MeshGraph, route: GraphMember<RouteSpecModel>, body: RouteBodyModel, field: string, tgKeys: Set<string>, warn: Warn,
): LatticeAction | undefined {
  const routeName = route.name ?? route.path;
  const targets = graph.targetsOf(route);
  const weighted = body.action?.weightedTargets ?? [];
  const forward: { targetGroup: string; weight: number }[] = [];
  for (const [i, t] of weighted.entries()) {
    const node = targets.length === weighted.length ? targets[i].node : undefined;
    const listeners = node?.resolved.spec?.listeners ?? [];
    const port = typeof t.port === 'number' ? t.port : listeners.length === 1 ? listeners[0].portMapping.port : undefined;
    const key = node && port !== undefined ? `${node.name ?? node.path}:${port}` : undefined;
    if (key === undefined || !tgKeys.has(key)) {
      warn('AMK_LATTICE_UNRESOLVED', route.path, `${field}.action.weightedTargets[${i}]`, `${String(t.virtualNode)}${port !== undefined ? `:${port}` : ''}`,
        `route ${routeName} sends to ${String(t.virtualNode)}, which has no Lattice target group here (imported, no such listener, or a tcp listener): the route gets no rule`,
        'Target a node and http/http2/grpc listener this app defines.');
      return undefined;
    }
    if (t.weight === 0) {
      warn('AMK_LATTICE_ZERO_WEIGHT', route.path, `${field}.action.weightedTargets[${i}].weight`, 0,
        `the target ${key} of route ${routeName} has weight 0: it is left out of the rule (Lattice rule weights are 1 to 999; weight 0 took no traffic)`,
        'Nothing to do unless the target should take traffic; remove the target from the route to silence this.');
      continue;
    }
    forward.push({ targetGroup: key, weight: t.weight });
  }
  // Every target weighs 0: App Mesh has nowhere to send the request; Envoy answers 503.
  return forward.length === 0 ? { fixedResponse: 503 } : { forward };
}
