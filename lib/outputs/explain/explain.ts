import { Duration } from 'aws-cdk-lib';
import {
  ExplainedGatewayRoute, ExplainedRetryPolicy, ExplainedRoute, ExplainedTarget, ExplainedTimeouts, RouteCandidate,
  RouteCandidateKind, RoutingCheck, RoutingCheckKind, RoutingExplanation, RoutingOutcome, RoutingProtocol, ServiceProviderKind,
} from './explanation';
import { ExplainRequest } from './request';
import { gatewayRewrite } from './rewrite';
import { gatewayMatchFailures, grpcMatchFailures, httpMatchFailures } from './route-matching';
import { RoutedRequest, routedRequest } from './routed-request';
import { GraphMember, MeshGraph } from '../../model/mesh-graph';
import { MeshRegistry } from '../../model/registry';
import {
  DEFAULT_IDLE_TIMEOUT_MS, DEFAULT_REQUEST_TIMEOUT_MS, GatewayRouteBodyModel, GatewayRouteSpecModel, Protocol, ROUTE_KEYS,
  RetryPolicyModel, RouteBodyModel,
  RouteSpecModel, VirtualGatewaySpecModel, VirtualNodeSpecModel, VirtualRouterSpecModel, VirtualServiceSpecModel,
} from '../../model/spec';
import type { IVirtualGateway } from '../../virtual-gateway';
import type { IVirtualNode } from '../../virtual-node';

/**
 * `Mesh.explain`: walks one request through the mesh graph as App Mesh routes it, and says why
 * at every step. It reads only the graph (routes and gateway routes in App Mesh's order come from
 * `routesOf` and `gatewayRoutesOf`). The match rules are in route-matching.ts, the gateway
 * rewrites in rewrite.ts; seed citations (`004:4846`) are file:line of the App Mesh documents.
 */
export function explainRouting(graph: MeshGraph, request: ExplainRequest): RoutingExplanation {
  return new RoutingWalk(graph).explain(request);
}

/** The protocol of each route body key (`httpRoute` → http). */
const PROTOCOL_OF_KEY: Record<string, Protocol> = Object.fromEntries(
  Object.entries(ROUTE_KEYS).map(([protocol, key]) => [key, protocol as Protocol]));
const PROTOCOLS: Record<string, RoutingProtocol> = {
  http: RoutingProtocol.HTTP, http2: RoutingProtocol.HTTP2, grpc: RoutingProtocol.GRPC, tcp: RoutingProtocol.TCP,
};

/** A listener with a literal port and protocol. */
interface Listener {
  readonly port: number;
  readonly protocol: Protocol;
}

/** The body of a route or gateway route for its one protocol. */
interface Body<B> {
  readonly protocol: Protocol;
  readonly body: B;
}

function bodyOf<B>(spec: object | undefined): Body<B> | undefined {
  const entries = Object.entries(spec ?? {}).filter(([key, value]) => key in PROTOCOL_OF_KEY && value && typeof value === 'object');
  return entries.length === 1 ? { protocol: PROTOCOL_OF_KEY[entries[0][0]], body: entries[0][1] as B } : undefined;
}

function listenersOf(member: GraphMember): Listener[] {
  const listeners = (member.resolved.spec as { listeners?: unknown } | undefined)?.listeners;
  if (!Array.isArray(listeners)) return [];
  return listeners
    .map((l) => (l as { portMapping?: { port?: unknown; protocol?: unknown } } | undefined)?.portMapping)
    .filter((pm): pm is Listener => !!pm && typeof pm.port === 'number' && typeof pm.protocol === 'string');
}

const describeListeners = (listeners: Listener[]) => listeners.map((l) => `${l.port} (${l.protocol})`).join(', ');

function literalNumber(value: unknown): number | undefined {
  return typeof value === 'number' ? value : undefined;
}

function duration(model: unknown): Duration | undefined {
  const d = model as { unit?: unknown; value?: unknown } | undefined;
  if (!d || typeof d.value !== 'number') return undefined;
  if (d.unit === 's') return Duration.seconds(d.value);
  if (d.unit === 'ms') return Duration.millis(d.value);
  return undefined;
}

/** A duration in seconds when it is whole seconds, else in milliseconds. */
function show(d: Duration): string {
  const ms = d.toMilliseconds();
  return ms % 1000 === 0 ? `${ms / 1000} s` : `${ms} ms`;
}

/** A mutable explanation, finished into the public shape at the end of the walk. */
class RoutingWalk {
  private readonly steps: string[] = [];
  private readonly checks: RoutingCheck[] = [];
  private readonly reasons: RouteCandidate[] = [];
  private readonly targets: ExplainedTarget[] = [];
  private protocol?: RoutingProtocol;
  private gatewayRoute?: ExplainedGatewayRoute;
  private virtualServiceName?: string;
  private port?: number;
  private providerKind?: ServiceProviderKind;
  private providerName?: string;
  private route?: ExplainedRoute;
  private retryPolicy?: ExplainedRetryPolicy;
  private timeouts?: ExplainedTimeouts;
  /** How the request got to the virtual service, for the summary. */
  private origin = '';

  constructor(private readonly graph: MeshGraph) {}

  public explain(request: ExplainRequest): RoutingExplanation {
    if (!request || typeof request !== 'object') return this.end(RoutingOutcome.INVALID_REQUEST, 'the request must be an ExplainRequest object');
    if (request.virtualNode && request.virtualGateway) {
      return this.end(RoutingOutcome.INVALID_REQUEST, 'give either virtualNode (a virtual node calling a service) or virtualGateway, not both');
    }
    if (request.virtualGateway) return this.fromGateway(request);
    if (request.virtualNode) return this.fromNode(request);
    return this.end(RoutingOutcome.INVALID_REQUEST, 'give from (a virtual node, with virtualServiceName) or gateway (a virtual gateway)');
  }

  // ----- a virtual node calling a virtual service -----

  private fromNode(request: ExplainRequest): RoutingExplanation {
    const from = request.virtualNode!;
    const node = this.memberFor<VirtualNodeSpecModel>('virtualNode', from);
    if (!node && from.mesh && MeshRegistry.of(from.mesh) !== this.graph.registry && MeshRegistry.of(from.mesh).owned) {
      return this.end(RoutingOutcome.INVALID_REQUEST, `virtual node ${from.node.path} belongs to another mesh (${from.mesh.node.path}): call explain on that mesh`);
    }
    const nodeName = node?.name ?? String(this.resolve(from.virtualNodeName));
    const name = this.resolve(request.virtualServiceName, node);
    if (typeof name !== 'string' || name === '') {
      return this.end(RoutingOutcome.INVALID_REQUEST, 'a request from a virtual node needs virtualServiceName: the virtual service the application calls');
    }
    this.origin = `virtual node ${nodeName}`;
    this.steps.push(`virtual node ${nodeName} calls ${name}${request.port !== undefined ? `:${request.port}` : ''}`);

    if (!node) {
      this.steps.push(`virtual node ${nodeName} is not defined in this app (imported): its backends are unknown, so the backend check is skipped`);
    } else {
      const backends = ((node.resolved.spec?.backends ?? []) as { virtualService?: { virtualServiceName?: unknown } }[])
        .map((b) => b?.virtualService?.virtualServiceName)
        .filter((b): b is string => typeof b === 'string');
      if (backends.includes(name)) {
        this.check(RoutingCheckKind.BACKEND, true, `${name} is a backend of virtual node ${nodeName}`);
      } else {
        return this.notABackend(nodeName, name, backends);
      }
    }
    return this.toService(name, request.port, routedRequest(request, name));
  }

  /**
   * A service the node does not list as a backend: "Any virtual service that a virtual node
   * sends outbound traffic to is specified as a backend" (seed 004:4309). Where it goes then is
   * the mesh's egress filter's call (seed 004:3555, 004:3559, 004:8459).
   */
  private notABackend(nodeName: string, name: string, backends: string[]): RoutingExplanation {
    const listed = backends.length > 0 ? `its backends: ${backends.join(', ')}` : 'it lists no backends';
    this.check(RoutingCheckKind.BACKEND, false, `${name} is not a backend of virtual node ${nodeName} (${listed})`);
    const mesh = this.graph.mesh;
    const filter = mesh?.resolved.spec?.egressFilter?.type;
    const egress = typeof filter === 'string' ? filter : 'DROP_ALL';
    const which = mesh ? `the mesh's egress filter is ${egress}${filter === undefined ? ' (App Mesh\'s default)' : ''}`
      : 'the mesh is imported, so its egress filter is unknown: App Mesh\'s default DROP_ALL is assumed';
    this.virtualServiceName = name;
    if (egress === 'ALLOW_ALL' && backends.length === 0) {
      this.steps.push(`${which}: "an outbound request from your application that does not match a modeled destination (backend) `
        + 'will be sent to the destination IP address set by the application" (User Guide, Troubleshooting). The request leaves the mesh as it is: '
        + 'no virtual service, route, retry policy or timeout of the mesh applies');
      return this.end(RoutingOutcome.LEAVES_MESH,
        `${name} is not a backend of ${nodeName}, and the mesh allows all egress: the request leaves the mesh as it is, to the address the application resolved`);
    }
    if (egress === 'ALLOW_ALL') {
      this.steps.push(`${which}, but "If you specify any backends on a virtual node when using ALLOW_ALL, you must specify all egress `
        + `for that virtual node as backends. Otherwise, ALLOW_ALL will no longer work for that virtual node" (User Guide, Meshes): ${nodeName} `
        + `lists backends, so the request to ${name} does not get out`);
      return this.end(RoutingOutcome.NOT_A_BACKEND,
        `${name} is not a backend of ${nodeName}; ALLOW_ALL does not work for a node that lists backends (${backends.join(', ')}): add ${name} as a backend`);
    }
    this.steps.push(`${which}: "By default, proxies in the mesh only forward traffic between each other" (User Guide, Meshes), so Envoy drops a request `
      + 'to a service that is not a backend');
    return this.end(RoutingOutcome.NOT_A_BACKEND, `${name} is not a backend of ${nodeName}, and the mesh's egress filter is ${egress}: add it as a backend`);
  }

  // ----- a request arriving at a virtual gateway -----

  private fromGateway(request: ExplainRequest): RoutingExplanation {
    const given = request.virtualGateway!;
    const gateway = this.memberFor<VirtualGatewaySpecModel>('virtualGateway', given);
    if (!gateway) {
      return this.end(RoutingOutcome.INVALID_REQUEST,
        `virtual gateway ${given.node.path} is not defined in this mesh (imported, or of another mesh): its gateway routes are unknown here`);
    }
    const gatewayName = gateway.name ?? gateway.path;
    const listeners = listenersOf(gateway);
    const listener = this.pickListener(request.port, listeners, `virtual gateway ${gatewayName}`);
    if (!listener) return this.end(RoutingOutcome.NO_LISTENER, this.steps[this.steps.length - 1]);
    this.protocol = PROTOCOLS[listener.protocol];
    this.steps.push(`the request arrives at virtual gateway ${gatewayName} on listener ${listener.port} (${listener.protocol})`);
    const req = routedRequest(request, undefined);
    this.noteNormalization(listener.protocol, req);

    let matched: { route: GraphMember<GatewayRouteSpecModel>; body: GatewayRouteBodyModel; protocol: Protocol } | undefined;
    for (const route of this.graph.gatewayRoutesOf(gateway)) {
      const found = bodyOf<GatewayRouteBodyModel>(route.resolved.spec);
      if (!found) continue;
      const { body, protocol } = found;
      const matchPort = literalNumber(body.match?.port);
      // A gateway route with a match port serves that listener only; "Port match is required if this
      // virtual gateway has multiple listeners" (seed 004:4101).
      if (matchPort !== undefined && matchPort !== listener.port) continue;
      const failures = matchPort === undefined && listeners.length > 1
        ? [`no match port, and the gateway has ${listeners.length} listeners: App Mesh requires the port (User Guide, Gateway routes)`]
        : protocol !== listener.protocol
          ? [`a ${protocol} gateway route does not serve the ${listener.protocol} listener ${listener.port}`]
          : gatewayMatchFailures(protocol, body.match, req);
      if (failures.length > 0) {
        this.reasons.push(this.candidate(RouteCandidateKind.GATEWAY_ROUTE, route, failures));
        continue;
      }
      matched = { route, body, protocol };
      break;
    }
    // Priority: seed 004:4846 (routes), 004:4097 (gateway routes); longest prefix: 004:4109.
    const order = 'App Mesh\'s order: priority (0 first), then the longest prefix (User Guide, Gateway routes), then definition order';
    if (!matched) {
      this.steps.push(`no gateway route of listener ${listener.port} matches (${this.reasons.length} tried in ${order})`);
      return this.end(RoutingOutcome.NO_GATEWAY_ROUTE_MATCHED, `no gateway route of ${gatewayName}:${listener.port} matches the request`);
    }

    const { route, body, protocol } = matched;
    const routeName = route.name ?? route.path;
    const target = body.action?.target;
    const targetName = this.resolve(target?.virtualService?.virtualServiceName, route);
    const targetPort = literalNumber(target?.port);
    if (typeof targetName !== 'string') {
      return this.end(RoutingOutcome.UNKNOWN_RESOURCE, `gateway route ${routeName} has no target virtual service known before deployment`);
    }
    const rewrite = gatewayRewrite(protocol, body, req.path, req.authority, targetName);
    const priority = literalNumber(route.resolved.spec?.priority);
    this.gatewayRoute = {
      gatewayRouteName: routeName,
      constructPath: route.path,
      protocol: PROTOCOLS[protocol],
      priority,
      rewrittenPath: rewrite.path,
      pathRewrite: rewrite.pathRewrite,
      rewrittenHostname: rewrite.authority,
      targetVirtualServiceName: targetName,
      targetPort,
    };
    this.steps.push(`gateway route ${routeName}${priority !== undefined ? ` (priority ${priority})` : ''} matches, the first in ${order}`);
    // seed 004:3855, 004:4131-4145 (the rules are in rewrite.ts).
    this.steps.push(`rewrite: ${rewrite.pathRewrite}; ${rewrite.hostnameRewrite} (User Guide, Virtual gateways and Gateway routes)`);
    this.steps.push(`gateway route ${routeName} sends to virtual service ${targetName}${targetPort !== undefined ? ` on port ${targetPort}` : ''}`
      + ': if a virtual router provides it, the router\'s routes apply to the request as the gateway sends it on (App Mesh evaluates both '
      + 'tables; "it could use a virtual router to route the request", User Guide, Gateway routes)');
    this.origin = `virtual gateway ${gatewayName}:${listener.port} → gateway route ${routeName}`
      + (rewrite.path !== undefined && rewrite.path !== req.path ? ` (${req.path} → ${rewrite.path})` : '');
    const sentPath = rewrite.path ?? req.path;
    const rewritten: RoutedRequest = { ...req, path: sentPath, givenPath: sentPath, authority: rewrite.authority };
    return this.toService(targetName, targetPort, rewritten);
  }

  // ----- the virtual service and its provider -----

  private toService(name: string, port: number | undefined, req: RoutedRequest): RoutingExplanation {
    this.virtualServiceName = name;
    const service = this.graph.get<VirtualServiceSpecModel>('virtualService', name);
    if (!service) {
      this.check(RoutingCheckKind.VIRTUAL_SERVICE, false, `no virtual service named ${name} is defined in this mesh`);
      return this.end(RoutingOutcome.UNKNOWN_RESOURCE, `no virtual service named ${name} is defined in this mesh, so its provider is unknown`);
    }
    this.check(RoutingCheckKind.VIRTUAL_SERVICE, true, `virtual service ${name} (${service.path})`);
    const provider = service.resolved.spec?.provider;
    if (!provider || (!provider.virtualNode && !provider.virtualRouter)) {
      this.providerKind = ServiceProviderKind.NONE;
      this.check(RoutingCheckKind.PROVIDER, false, `virtual service ${name} has no provider`);
      // seed 004:8376 (the 503 troubleshooting entry).
      this.steps.push(`virtual service ${name} has no provider: requests to it fail with 503 (User Guide, Troubleshooting: "Make sure that `
        + 'the virtual service has a provider")');
      return this.end(RoutingOutcome.NO_PROVIDER, `virtual service ${name} has no provider: App Mesh answers 503`);
    }
    this.providerKind = provider.virtualNode ? ServiceProviderKind.VIRTUAL_NODE : ServiceProviderKind.VIRTUAL_ROUTER;
    const providerName = provider.virtualNode?.virtualNodeName ?? provider.virtualRouter?.virtualRouterName;
    this.providerName = typeof providerName === 'string' ? providerName : undefined;
    const kind = provider.virtualNode ? 'virtual node' : 'virtual router';
    const member = this.graph.providerOf(service);
    if (!member) {
      this.check(RoutingCheckKind.PROVIDER, false, `the provider of ${name}, ${kind} ${this.providerName}, is not defined in this app`);
      return this.end(RoutingOutcome.UNKNOWN_RESOURCE, `the provider of ${name} (${kind} ${this.providerName}) is not defined in this app, so its listeners and routes are unknown`);
    }
    this.check(RoutingCheckKind.PROVIDER, true, `virtual service ${name} is provided by ${kind} ${this.providerName}`);
    const listeners = listenersOf(member);
    const listener = this.pickListener(port, listeners, `${kind} ${this.providerName}`);
    if (!listener) return this.end(RoutingOutcome.NO_LISTENER, this.steps[this.steps.length - 1]);
    this.port = listener.port;
    this.protocol = PROTOCOLS[listener.protocol];
    this.steps.push(`${kind} ${this.providerName} provides ${name}; the request uses its listener ${listener.port} (${listener.protocol})`);
    return provider.virtualNode
      ? this.toProviderNode(member as GraphMember<VirtualNodeSpecModel>, listener)
      : this.toRouter(member as GraphMember<VirtualRouterSpecModel>, listener, listeners, req);
  }

  /**
   * A node that provides the service itself: every request goes to it. "Though you can create an
   * App Mesh route retry policy, you can't create an App Mesh retry policy for a virtual node
   * provider" (seed 004:5593).
   */
  private toProviderNode(node: GraphMember<VirtualNodeSpecModel>, listener: Listener): RoutingExplanation {
    const name = node.name ?? node.path;
    this.targets.push({ virtualNodeName: name, constructPath: node.path, port: listener.port, weight: 100 });
    this.steps.push(`no route: virtual node ${name} provides the service directly, so every request goes to ${name}:${listener.port}`);
    // seed 004:5593, 004:5591-5611.
    this.steps.push('no retry policy: App Mesh cannot set one for a virtual node provider; App Mesh\'s own default retry '
      + 'policy (2 retries on 503 / UNAVAILABLE) applies only to accounts it was turned on for (User Guide, Envoy defaults set by App Mesh)');
    this.setTimeouts(listener.protocol, undefined);
    return this.end(RoutingOutcome.ROUTED, `${this.origin} → ${this.virtualServiceName}:${listener.port} → virtual node ${name}:${listener.port} (no route, no retries)`);
  }

  // ----- the router's routes -----

  private toRouter(router: GraphMember<VirtualRouterSpecModel>, listener: Listener, listeners: Listener[], req: RoutedRequest): RoutingExplanation {
    const routerName = router.name ?? router.path;
    if (listener.protocol !== 'tcp') this.noteNormalization(listener.protocol, req);
    let matched: { route: GraphMember<RouteSpecModel>; body: RouteBodyModel; protocol: Protocol } | undefined;
    for (const route of this.graph.routesOf(router)) {
      const found = bodyOf<RouteBodyModel>(route.resolved.spec);
      if (!found) continue;
      const { body, protocol } = found;
      const matchPort = literalNumber(body.match?.port);
      // A route with a match port serves that listener only; "Port match is required if this
      // virtual router has multiple listeners" (seed 004:4855).
      if (matchPort !== undefined && matchPort !== listener.port) continue;
      let failures: string[];
      if (matchPort === undefined && listeners.length > 1) {
        failures = [`no match port, and the router has ${listeners.length} listeners: App Mesh requires the port (User Guide, Routes)`];
      } else if (protocol !== listener.protocol) {
        // "The protocol that you select must match the listener protocol that you selected for your virtual router" (seed 004:4845).
        failures = [`a ${protocol} route does not serve the ${listener.protocol} listener ${listener.port}: a route's protocol must match its router listener's`];
      } else if (protocol === 'tcp') {
        // "Match configuration is not available for tcp" (seed 004:4851): the listener's tcp route takes every connection.
        failures = [];
      } else {
        failures = protocol === 'grpc' ? grpcMatchFailures(body.match, req) : httpMatchFailures(body.match, req);
      }
      if (failures.length > 0) {
        this.reasons.push(this.candidate(RouteCandidateKind.ROUTE, route, failures));
        continue;
      }
      matched = { route, body, protocol };
      break;
    }
    // Priority: seed 004:4846; the longest prefix before priorities existed: aws-app-mesh-roadmap#77 (MeshGraph.routesOf).
    const order = 'App Mesh\'s order: priority (0 first, User Guide, Routes), then the longest prefix, then definition order';
    if (!matched) {
      this.steps.push(`no route of virtual router ${routerName} on listener ${listener.port} matches (${this.reasons.filter((r) => r.kind === RouteCandidateKind.ROUTE).length} `
        + `tried in ${order}): Envoy answers "No cluster match for URL" (User Guide, Troubleshooting)`); // seed 004:8386
      return this.end(RoutingOutcome.NO_ROUTE_MATCHED, `no route of virtual router ${routerName}:${listener.port} matches the request`);
    }

    const { route, body, protocol } = matched;
    const routeName = route.name ?? route.path;
    const priority = literalNumber(route.resolved.spec?.priority);
    this.route = { routeName, constructPath: route.path, virtualRouterName: routerName, protocol: PROTOCOLS[protocol], priority };
    this.check(RoutingCheckKind.PROTOCOL, true, `route ${routeName} is ${protocol}, as listener ${listener.port} of ${routerName} is`);
    this.steps.push(`route ${routeName}${priority !== undefined ? ` (priority ${priority})` : ''} matches, the first in ${order}`
      + (protocol === 'tcp' ? ' (a tcp route has no match conditions)' : '')); // seed 004:4851
    this.collectTargets(route, body, protocol);
    this.setRetryPolicy(protocol, body.retryPolicy);
    this.setTimeouts(protocol, body);
    const targets = this.targets.map((t) => `${t.virtualNodeName}${t.port !== undefined ? `:${t.port}` : ''} (weight ${t.weight})`).join(', ');
    return this.end(RoutingOutcome.ROUTED,
      `${this.origin} → ${this.virtualServiceName}:${listener.port} → route ${routeName} of virtual router ${routerName} → ${targets}`);
  }

  /**
   * The weighted targets, each with its weight ("relative weight", seed 003:499) and port: the
   * target's port, or the node's only listener ("If the selected virtual node has multiple
   * listeners, Target port is required", seed 004:4848).
   */
  private collectTargets(route: GraphMember<RouteSpecModel>, body: RouteBodyModel, protocol: Protocol): void {
    const weighted = Array.isArray(body.action?.weightedTargets) ? body.action.weightedTargets : [];
    const nodes = this.graph.targetsOf(route);
    weighted.forEach((t, i) => {
      const name = String(t?.virtualNode);
      const node = nodes.length === weighted.length ? nodes[i].node : this.graph.get<VirtualNodeSpecModel>('virtualNode', name);
      const listeners = node ? listenersOf(node) : [];
      const givenPort = literalNumber(t?.port);
      const port = givenPort ?? (listeners.length === 1 ? listeners[0].port : undefined);
      const weight = literalNumber(t?.weight) ?? 0;
      this.targets.push({ virtualNodeName: name, constructPath: node?.path, port, weight });
      if (!node) {
        this.check(RoutingCheckKind.TARGET, false, `target ${name} is not defined in this app (imported): its listeners are unknown`);
        return;
      }
      const listener = port === undefined ? undefined : listeners.find((l) => l.port === port);
      if (!listener) {
        this.check(RoutingCheckKind.TARGET, false, port === undefined
          ? `target ${name} has ${listeners.length} listeners (${describeListeners(listeners)}) and the route names no port`
          : `target ${name} has no listener on port ${port} (its listeners: ${describeListeners(listeners) || 'none'})`);
        return;
      }
      this.check(RoutingCheckKind.TARGET, true, `target ${name}:${port} is a listener of virtual node ${name}`);
      // "must match ... the virtual node that you're routing traffic to" (seed 004:4845).
      this.check(RoutingCheckKind.PROTOCOL, listener.protocol === protocol, listener.protocol === protocol
        ? `target listener ${name}:${port} is ${protocol}, as the route is`
        : `target listener ${name}:${port} is ${listener.protocol}, but the route is ${protocol}`);
    });
    const total = this.targets.reduce((sum, t) => sum + t.weight, 0);
    this.steps.push(`weighted targets: ${this.targets.map((t) => `${t.virtualNodeName}${t.port !== undefined ? `:${t.port}` : ''} `
      + `weight ${t.weight}${total > 0 ? ` (${Math.round((t.weight / total) * 1000) / 10}%)` : ''}`).join(', ')}`);
  }

  /** The route's retry policy, or App Mesh's possible default when it has none (seed 001:21, 004:5591-5611). */
  private setRetryPolicy(protocol: Protocol, policy: RetryPolicyModel | undefined): void {
    const perRetryTimeout = duration(policy?.perRetryTimeout);
    if (protocol === 'tcp' || !policy || perRetryTimeout === undefined) {
      this.steps.push(protocol === 'tcp' ? 'retries: tcp routes have no retry policy'
        : 'retries: the route has no retry policy of its own; "App Mesh may automatically create a default policy" (2 retries on '
          + '503 / UNAVAILABLE) for accounts it was turned on for (User Guide, Routes and Envoy defaults set by App Mesh)');
      return;
    }
    const events = [...policy.httpRetryEvents ?? [], ...policy.tcpRetryEvents ?? [], ...policy.grpcRetryEvents ?? []].map(String);
    const maxRetries = literalNumber(policy.maxRetries) ?? 0;
    this.retryPolicy = { maxRetries, perRetryTimeout, events };
    this.steps.push(`retries: up to ${maxRetries} on ${events.join(', ') || 'no event'}, ${show(perRetryTimeout)} per attempt, the first one `
      + 'included (User Guide, Routes)'); // seed 001:21
  }

  /**
   * The route's timeouts, or App Mesh's defaults: "Request timeout – The default is 15 seconds",
   * "Idle duration – The default is 300 seconds", "A value of 0 disables the timeout" (User Guide,
   * Routes, seed 001:36, 001:75-81; tcp routes have only the idle timeout, 001:84-89).
   */
  private setTimeouts(protocol: Protocol, body: Pick<RouteBodyModel, 'timeout'> | undefined): void {
    const perRequest = protocol === 'tcp' ? undefined : duration(body?.timeout?.perRequest);
    const idle = duration(body?.timeout?.idle);
    this.timeouts = {
      perRequest: protocol === 'tcp' ? undefined : perRequest ?? Duration.seconds(DEFAULT_REQUEST_TIMEOUT_MS / 1000),
      perRequestIsDefault: protocol !== 'tcp' && perRequest === undefined,
      idle: idle ?? Duration.seconds(DEFAULT_IDLE_TIMEOUT_MS / 1000),
      idleIsDefault: idle === undefined,
    };
    const t = this.timeouts;
    const describe = (d: Duration, isDefault: boolean) => (d.toMilliseconds() === 0 ? '0 (disabled)' : show(d))
      + (isDefault ? ' (App Mesh\'s default: nothing sets one)' : '');
    this.steps.push(`timeouts: ${t.perRequest ? `per request ${describe(t.perRequest, t.perRequestIsDefault)}, ` : ''}`
      + `idle ${describe(t.idle, t.idleIsDefault)} (User Guide, Routes)`);
  }

  // ----- helpers -----

  /** The graph's member for a node or gateway construct of this mesh: same mesh, same construct path. */
  private memberFor<Spec>(kind: 'virtualNode' | 'virtualGateway', construct: IVirtualNode | IVirtualGateway): GraphMember<Spec> | undefined {
    if (!construct.mesh || MeshRegistry.of(construct.mesh) !== this.graph.registry) return undefined;
    return this.graph.members<Spec>(kind).find((m) => m.path === construct.node.path);
  }

  /** The listener for the port, or the only one when no port is given; a failed check and a step otherwise. */
  private pickListener(port: number | undefined, listeners: Listener[], owner: string): Listener | undefined {
    if (listeners.length === 0) {
      this.check(RoutingCheckKind.LISTENER_PORT, false, `${owner} has no listener`);
      this.steps.push(`${owner} has no listener, so nothing receives the request`);
      return undefined;
    }
    if (port === undefined) {
      if (listeners.length === 1) {
        this.check(RoutingCheckKind.LISTENER_PORT, true, `${owner} has one listener, ${describeListeners(listeners)}`);
        return listeners[0];
      }
      this.check(RoutingCheckKind.LISTENER_PORT, false, `${owner} has ${listeners.length} listeners (${describeListeners(listeners)})`);
      this.steps.push(`${owner} has ${listeners.length} listeners (${describeListeners(listeners)}): give the request's port`);
      return undefined;
    }
    const listener = listeners.find((l) => l.port === port);
    if (!listener) {
      this.check(RoutingCheckKind.LISTENER_PORT, false, `port ${port} is not a listener port of ${owner} (its listeners: ${describeListeners(listeners)})`);
      this.steps.push(`port ${port} is not a listener port of ${owner} (its listeners: ${describeListeners(listeners)}): Envoy answers `
        + '"No matching filter chain found" (User Guide, Troubleshooting)'); // seed 004:8387
      return undefined;
    }
    this.check(RoutingCheckKind.LISTENER_PORT, true, `port ${port} is a listener port of ${owner} (${listener.protocol})`);
    return listener;
  }

  private noteNormalization(protocol: Protocol, req: RoutedRequest): void {
    if (protocol === 'grpc' || protocol === 'tcp' || req.path === req.givenPath) return;
    // seed 004:4861 (routes), 004:4113 (gateway routes).
    this.steps.push(`path ${req.givenPath} is normalized to ${req.path} before matching (App Mesh enables normalize_path and merge_slashes)`);
  }

  private candidate(kind: RouteCandidateKind, route: GraphMember, failedConditions: string[]): RouteCandidate {
    return { kind, name: route.name ?? route.path, constructPath: route.path, failedConditions };
  }

  private check(check: RoutingCheckKind, passed: boolean, message: string): void {
    this.checks.push({ check, passed, message });
  }

  /** A value of the request resolved through a member's stack (a generated name becomes its literal). */
  private resolve(value: unknown, member?: GraphMember): unknown {
    const through = member ?? this.graph.mesh ?? this.graph.members()[0];
    return through && value !== undefined ? through.resolve(value) : value;
  }

  private end(outcome: RoutingOutcome, summary: string): RoutingExplanation {
    if (outcome === RoutingOutcome.INVALID_REQUEST) this.steps.push(summary);
    return {
      matched: outcome === RoutingOutcome.ROUTED,
      outcome,
      summary,
      steps: this.steps,
      protocol: this.protocol,
      gatewayRoute: this.gatewayRoute,
      virtualServiceName: this.virtualServiceName,
      port: this.port,
      providerKind: this.providerKind,
      providerName: this.providerName,
      route: this.route,
      targets: outcome === RoutingOutcome.ROUTED ? this.targets : [],
      retryPolicy: this.retryPolicy,
      timeouts: this.timeouts,
      reasons: this.reasons,
      checks: this.checks,
    };
  }
}
