import { Token } from 'aws-cdk-lib';
import { Diagnostic, DiagnosticSeverity } from '../diagnostic';
import { renderValue } from '../format';
import { sameMeshRule } from './same-mesh-rule';
import { isUnresolved } from '../field-rules';
import { isInvalidInput } from '../../model/invalid-input';
import { MeshRegistry } from '../../model/registry';
import { DEFAULT_REQUEST_TIMEOUT_MS } from '../field/route';
import { Protocol, ResourceModel, RouteBodyModel, RouteSpecModel, durationModelMillis } from '../../model/spec';

/** What the route rules need of a route construct (kept structural to avoid an import cycle). */
interface RouteLike {
  readonly node: { readonly path: string };
  readonly mesh: { meshName: string };
  readonly virtualRouter: object;
  readonly protocol: string;
  _targets(): { node: any; port?: number }[];
}

interface ListenerLike {
  portMapping?: { port?: unknown; protocol?: unknown };
  timeout?: Record<string, { perRequest?: { unit: string; value: number } } | undefined>;
}

/** Listeners of a resource this app defines; undefined for an import (nothing can be checked). */
function listenersOf(resource: any): ListenerLike[] | undefined {
  if (!resource || typeof resource._toModel !== 'function') return undefined;
  const listeners = resource._toModel().spec?.listeners;
  return Array.isArray(listeners) ? listeners.filter((l: unknown) => l && !isInvalidInput(l)) : [];
}

/** The value, or undefined when it is an unresolved token. */
function literal<T>(value: T): T | undefined {
  return value !== undefined && Token.isUnresolved(value) ? undefined : value;
}


/**
 * Route rules across resources: protocol and ports against the router and the target nodes,
 * targets in the same mesh, timeouts against the targets' listeners, duplicate priorities.
 */
export function routeMeshRules(route: RouteLike, model: ResourceModel<RouteSpecModel>): Diagnostic[] {
  const protocol = route.protocol as Protocol;
  const key = `${protocol}Route` as keyof RouteSpecModel;
  const body = model.spec[key] as RouteBodyModel | undefined;
  if (!body || typeof body !== 'object') return [];
  const path = route.node.path;
  const out: Diagnostic[] = [];
  const add = (code: string, field: string, value: unknown, message: string, fix: string, severity = DiagnosticSeverity.ERROR) =>
    out.push({ severity, code, constructPath: path, field, value: renderValue(value), message, fix });

  // The router's listeners.
  const routerListeners = isUnresolved((body.match as any)?.port) ? undefined : listenersOf(route.virtualRouter);
  // A port that is a token cannot be compared before deployment: those checks are skipped.
  const matchPort = literal((body.match as any)?.port);
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
        `a ${protocol} route needs a ${protocol} listener on its router, which has ${candidates.map((l) => `${l.portMapping?.protocol}:${l.portMapping?.port}`).join(', ')}`,
        `make the route RouteSpec.${candidates[0]?.portMapping?.protocol}(...) or add a ${protocol} listener to the router`);
    }
  }

  // The target nodes.
  const routePerRequest = durationModelMillis((body.timeout as any)?.perRequest);
  route._targets().forEach((given, i) => {
    const target = { ...given, port: literal(given.port) };
    const portIsToken = given.port !== undefined && target.port === undefined;
    const field = `spec.${key}.action.weightedTargets[${i}]`;
    out.push(...sameMeshRule({
      code: 'AMK_TARGET_MESH',
      constructPath: path,
      field: `${field}.virtualNode`,
      what: 'the target virtual node',
      mesh: route.mesh,
      referencedMesh: target.node?.mesh,
      referencedName: target.node?.virtualNodeName,
      fix: 'route only to virtual nodes of the router\'s mesh',
    }));
    const listeners = listenersOf(target.node);
    if (!listeners) return;
    const name = target.node.node.path;
    if (listeners.length === 0) {
      add('AMK_TARGET_NO_LISTENER', `${field}.virtualNode`, target.node.virtualNodeName,
        `the target node ${name} has no listener, so it cannot receive routed traffic`,
        'add a listener to the node (VirtualNodeListener.http(...) and friends)');
      return;
    }
    if (portIsToken) return;
    if (listeners.length > 1 && target.port === undefined) {
      add('AMK_TARGET_PORT_REQUIRED', `${field}.port`, undefined,
        `the target node ${name} has ${listeners.length} listeners, so the target must name its port`,
        `give the target a port: one of ${listeners.map((l) => l.portMapping?.port).join(', ')}`);
      return;
    }
    const listener = target.port === undefined ? listeners[0] : listeners.find((l) => l.portMapping?.port === target.port);
    if (!listener) {
      add('AMK_TARGET_PORT_UNKNOWN', `${field}.port`, target.port, `port ${target.port} is not a listener port of ${name}`,
        `use one of ${listeners.map((l) => l.portMapping?.port).join(', ')}`);
      return;
    }
    if (listener.portMapping?.protocol !== protocol) {
      add('AMK_ROUTE_TARGET_PROTOCOL', `${field}.virtualNode`, listener.portMapping?.protocol,
        `a ${protocol} route cannot target the ${listener.portMapping?.protocol} listener of ${name}`,
        `target a ${protocol} listener, or make the route RouteSpec.${listener.portMapping?.protocol}(...)`);
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
    const siblings = MeshRegistry.of(route.mesh).members('route')
      .filter((r: any) => r.virtualRouter === route.virtualRouter);
    const earlier = siblings.slice(0, siblings.indexOf(route as any))
      .find((r) => (r._toModel().spec as RouteSpecModel).priority === priority);
    if (earlier) {
      add('AMK_DUPLICATE_PRIORITY', 'spec.priority', priority,
        `route ${earlier.node.path} of the same router has priority ${priority} too, so their order is up to App Mesh`,
        'give each route of a router its own priority', DiagnosticSeverity.WARNING);
    }
  }
  return out;
}
