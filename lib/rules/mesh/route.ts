import { Token } from 'aws-cdk-lib';
import { ROUTE_TARGET, sameMeshRule } from './same-mesh';
import { isInvalidInput } from '../../model/invalid-input';
import { GraphMember, MeshGraph } from '../../model/mesh-graph';
import {
  DEFAULT_REQUEST_TIMEOUT_MS, Protocol, ROUTE_KEYS, RouteBodyModel, RouteSpecModel, VirtualNodeListenerModel, VirtualNodeSpecModel,
  VirtualRouterSpecModel, durationModelMillis,
} from '../../model/spec';
import { Diagnostic, DiagnosticSeverity } from '../diagnostic';
import { isUnresolved } from '../field-rules';
import { Findings } from '../findings';
import { withArticle } from '../format';

/** A listener as the rules read it: any part may be missing or malformed in a model that breaks field rules. */
type ListenerLike = Partial<VirtualNodeListenerModel>;

/** The well-formed listeners of a router or node model. */
function listenersOf(spec: { listeners?: unknown } | undefined): ListenerLike[] {
  const listeners = spec?.listeners;
  return Array.isArray(listeners) ? listeners.filter((l): l is ListenerLike => !!l && !isInvalidInput(l)) : [];
}

/** The value, or undefined when it is an unresolved token. */
function literal<T>(value: T): T | undefined {
  return value !== undefined && Token.isUnresolved(value) ? undefined : value;
}

/** The route's protocol: the one route body it has (http when it has none or several, as it renders). */
function protocolOf(spec: RouteSpecModel): Protocol {
  const found = (Object.keys(ROUTE_KEYS) as Protocol[]).filter((p) => spec?.[ROUTE_KEYS[p]] !== undefined);
  return found.length === 1 ? found[0] : 'http';
}

/**
 * Route rules across resources: protocol and ports against the router and the target nodes,
 * targets in the same mesh, timeouts against the targets' listeners, duplicate priorities.
 */
export function routeMeshRules(graph: MeshGraph, route: GraphMember): Diagnostic[] {
  const model = route.model as GraphMember<RouteSpecModel>['model'];
  const protocol = protocolOf(model.spec);
  const key = ROUTE_KEYS[protocol];
  const body = model.spec?.[key] as RouteBodyModel | undefined;
  // A route whose spec is not a RouteSpec has no protocol to check (its construct reports it).
  if (!body || typeof body !== 'object' || model.issues.some((issue) => issue.field === 'spec')) return [];
  const findings = new Findings(route.path);
  const add = findings.add.bind(findings);
  const match = body.match;

  // The router's listeners (a router imported by ARN or name is not in the graph: nothing to check).
  const router = graph.get<VirtualRouterSpecModel>('virtualRouter', route.resolve(model.virtualRouterName));
  const routerListeners = isUnresolved(match?.port) || !router ? undefined : listenersOf(router.model.spec);
  // A port that is a token cannot be compared before deployment: those checks are skipped.
  const matchPort = literal(match?.port);
  if (routerListeners && routerListeners.length > 0) {
    if (routerListeners.length > 1 && matchPort === undefined) {
      add('AMK_ROUTE_MATCH_PORT_REQUIRED', `spec.${key}.match.port`, undefined,
        `the router has ${routerListeners.length} listeners, so the route must say which port it matches`,
        `set match.port to one of ${routerListeners.map((l) => l.portMapping?.port).join(', ')}`);
    }
    const candidates = typeof matchPort === 'number'
      ? routerListeners.filter((l) => l.portMapping?.port === matchPort) : routerListeners;
    if (typeof matchPort === 'number' && candidates.length === 0) {
      add('AMK_ROUTE_MATCH_PORT_UNKNOWN', `spec.${key}.match.port`, matchPort, 'the match port is not a port of the router',
        `use one of the router's listener ports: ${routerListeners.map((l) => l.portMapping?.port).join(', ')}`);
    } else if (!candidates.some((l) => l.portMapping?.protocol === protocol)) {
      add('AMK_ROUTE_PROTOCOL', `spec.${key}`, protocol,
        `${withArticle(protocol)} route needs ${withArticle(protocol)} listener on its router, which has ${candidates.map((l) => `${l.portMapping?.protocol}:${l.portMapping?.port}`).join(', ')}`,
        `make the route RouteSpec.${candidates[0]?.portMapping?.protocol}(...) or add ${withArticle(protocol)} listener to the router`);
    }
  }

  // The target nodes.
  const routePerRequest = durationModelMillis(body.timeout?.perRequest);
  graph.targetsOf(route as GraphMember<RouteSpecModel>).forEach(({ reference, node }) => {
    const port = literal(reference.port);
    const portIsToken = reference.port !== undefined && port === undefined;
    const field = reference.field.replace(/\.virtualNode$/, '');
    findings.diagnostics.push(...sameMeshRule(route, graph.registry, reference, ROUTE_TARGET));
    // A node imported by ARN or name has no listeners to check against.
    if (!node) return;
    const listeners = listenersOf((node as GraphMember<VirtualNodeSpecModel>).model.spec);
    const name = reference.path;
    if (listeners.length === 0) {
      add('AMK_TARGET_NO_LISTENER', `${field}.virtualNode`, reference.name,
        `the target node ${name} has no listener, so it cannot receive routed traffic`,
        'add a listener to the node (VirtualNodeListener.http(...) and friends)');
      return;
    }
    if (portIsToken) return;
    if (listeners.length > 1 && port === undefined) {
      add('AMK_TARGET_PORT_REQUIRED', `${field}.port`, undefined,
        `the target node ${name} has ${listeners.length} listeners, so the target must name its port`,
        `give the target a port: one of ${listeners.map((l) => l.portMapping?.port).join(', ')}`);
      return;
    }
    const listener = port === undefined ? listeners[0] : listeners.find((l) => l.portMapping?.port === port);
    if (!listener) {
      add('AMK_TARGET_PORT_UNKNOWN', `${field}.port`, port, `port ${port} is not a listener port of ${name}`,
        `use one of ${listeners.map((l) => l.portMapping?.port).join(', ')}`);
      return;
    }
    if (listener.portMapping?.protocol !== protocol) {
      add('AMK_ROUTE_TARGET_PROTOCOL', `${field}.virtualNode`, listener.portMapping?.protocol,
        `${withArticle(protocol)} route cannot target the ${listener.portMapping?.protocol} listener of ${name}`,
        `target ${withArticle(protocol)} listener, or make the route RouteSpec.${listener.portMapping?.protocol}(...)`);
    }
    const nodePerRequest = durationModelMillis(listener.timeout?.[protocol]?.perRequest) ?? DEFAULT_REQUEST_TIMEOUT_MS;
    if (routePerRequest !== undefined && routePerRequest > DEFAULT_REQUEST_TIMEOUT_MS && nodePerRequest < routePerRequest) {
      add('AMK_TIMEOUT_NODE_DEFAULT', `spec.${key}.timeout.perRequest`, routePerRequest,
        `the route allows ${routePerRequest} ms per request, but the listener of ${name} still cuts requests at ${nodePerRequest} ms`,
        `give the node's listener timeout: { perRequest: ... } of at least ${routePerRequest / 1000} s`, DiagnosticSeverity.WARNING);
    }
  });

  // Priorities shared with an earlier route of the same router.
  const priority = model.spec.priority;
  if (typeof priority === 'number') {
    const siblings = graph.routesInDefinitionOrder(route.resolve(model.virtualRouterName));
    const earlier = siblings.slice(0, siblings.indexOf(route as GraphMember<RouteSpecModel>))
      .find((r) => r.model.spec.priority === priority);
    if (earlier) {
      add('AMK_DUPLICATE_PRIORITY', 'spec.priority', priority,
        `route ${earlier.path} of the same router has priority ${priority} too, so their order is up to App Mesh`,
        'give each route of a router its own priority', DiagnosticSeverity.WARNING);
    }
  }
  return findings.diagnostics;
}
