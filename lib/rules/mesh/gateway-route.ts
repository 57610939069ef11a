import { Token } from 'aws-cdk-lib';
import { Diagnostic } from '../diagnostic';
import { Findings } from '../findings';
import { withArticle } from '../format';
import { GATEWAY_ROUTE_TARGET, sameMeshRule } from './same-mesh';
import { isInvalidInput } from '../../model/invalid-input';
import { GraphMember, MeshGraph } from '../../model/mesh-graph';
import { GatewayRouteBodyModel, VirtualServiceSpecModel } from '../../model/spec';

/**
 * Mesh rules of a gateway route: its match port against its gateway's listeners, its target
 * port against the listeners of the target service's provider, and the target's mesh.
 * Gateways, services and providers imported by ARN or name are not known here and are skipped.
 */

const ROUTE_PROTOCOLS: Record<string, string> = { httpRoute: 'http', http2Route: 'http2', grpcRoute: 'grpc' };

interface ListenerPort {
  readonly port: unknown;
  readonly protocol: unknown;
}

/** The rendered listeners of a member's model, or undefined when they cannot be read. */
function listenersOf(member: GraphMember): ListenerPort[] | undefined {
  const listeners = (member.model.spec as { listeners?: unknown } | undefined)?.listeners;
  if (listeners === undefined) return [];
  if (!Array.isArray(listeners)) return undefined;
  const wellFormed = (l: unknown): l is { portMapping: ListenerPort } => !!l && typeof l === 'object'
    && !!(l as { portMapping?: unknown }).portMapping && typeof (l as { portMapping?: unknown }).portMapping === 'object';
  if (!listeners.every(wellFormed)) return undefined;
  return listeners.map((l) => ({ port: l.portMapping.port, protocol: l.portMapping.protocol }));
}

/** A number known at synth time (not a token, not a plain-JS string: the field rules report those). */
function known(value: unknown): value is number {
  return typeof value === 'number' && !Token.isUnresolved(value);
}

function portList(listeners: ListenerPort[]): string {
  return listeners.map((l) => String(Token.isUnresolved(l.port) ? '(token)' : l.port)).join(', ');
}

export function gatewayRouteMeshRules(graph: MeshGraph, route: GraphMember): Diagnostic[] {
  const spec = route.model.spec as Record<string, GatewayRouteBodyModel | undefined> | undefined;
  if (!spec || typeof spec !== 'object' || isInvalidInput(spec)) return [];
  const kinds = Object.keys(ROUTE_PROTOCOLS).filter((k) => spec[k] !== undefined && spec[k] !== null);
  if (kinds.length !== 1) return [];
  const kind = kinds[0];
  const body = spec[kind];
  if (!body || typeof body !== 'object' || isInvalidInput(body)) return [];
  const match = body.match && typeof body.match === 'object' && !isInvalidInput(body.match) ? body.match : undefined;
  const target = body.action?.target && typeof body.action.target === 'object' ? body.action.target : undefined;

  const findings = new Findings(route.path);
  const diagnostic = findings.add.bind(findings);

  // (a) The match port against the gateway's listeners, and the route's protocol against theirs.
  const gateway = graph.get('virtualGateway', route.resolve(route.model.virtualGatewayName));
  const gatewayListeners = gateway ? listenersOf(gateway) : undefined;
  if (gatewayListeners && gatewayListeners.length > 0 && match !== undefined) {
    const matchPort = match.port;
    const allKnown = gatewayListeners.every((l) => known(l.port));
    let candidates = gatewayListeners;
    if (matchPort === undefined || matchPort === null) {
      if (gatewayListeners.length > 1) {
        diagnostic('AMK_GATEWAY_ROUTE_MATCH_PORT_REQUIRED', `spec.${kind}.match.port`, undefined,
          `the virtual gateway has ${gatewayListeners.length} listeners (ports ${portList(gatewayListeners)}), `
          + 'so a gateway route must say which listener it serves',
          'set match.port to one of the gateway\'s listener ports');
      }
    } else if (known(matchPort) && allKnown) {
      candidates = gatewayListeners.filter((l) => l.port === matchPort);
      if (candidates.length === 0) {
        diagnostic('AMK_GATEWAY_ROUTE_MATCH_PORT_UNKNOWN', `spec.${kind}.match.port`, matchPort,
          `the virtual gateway has no listener on port ${matchPort} (its ports: ${portList(gatewayListeners)})`,
          'set match.port to one of the gateway\'s listener ports, or add a listener on that port');
      }
    }
    const protocol = ROUTE_PROTOCOLS[kind];
    const protocolsKnown = candidates.every((l) => typeof l.protocol === 'string' && !Token.isUnresolved(l.protocol));
    if (candidates.length > 0 && protocolsKnown && !candidates.some((l) => l.protocol === protocol)) {
      const theirs = [...new Set(candidates.map((l) => l.protocol))].join(', ');
      diagnostic('AMK_GATEWAY_ROUTE_PROTOCOL', `spec.${kind}`, protocol,
        `${withArticle(protocol)} gateway route needs ${withArticle(protocol)} listener on its gateway, but `
        + `${candidates.length === 1 && known(matchPort) ? `the listener on port ${matchPort} is` : 'the gateway\'s listeners are'} ${theirs}`,
        `use GatewayRouteSpec.${String(candidates[0].protocol)}(...), or add ${withArticle(protocol)} listener and match its port`);
    }
  }

  // (b) The target port against the listeners of the target service's provider.
  const reference = route.model.references.find((r) => r.kind === 'virtualService');
  const service = reference && graph.lookup<VirtualServiceSpecModel>(route, reference);
  const provider = service ? graph.providerOf(service) : undefined;
  const providerListeners = provider ? listenersOf(provider) : undefined;
  if (providerListeners && providerListeners.length > 0 && target !== undefined) {
    const targetPort = target.port;
    const what = provider!.kind === 'virtualRouter' ? 'virtual router' : 'virtual node';
    if (targetPort === undefined || targetPort === null) {
      if (providerListeners.length > 1) {
        diagnostic('AMK_GATEWAY_ROUTE_TARGET_PORT_REQUIRED', `spec.${kind}.action.target.port`, undefined,
          `the target service's provider (${what} ${provider!.path}) has ${providerListeners.length} listeners `
          + `(ports ${portList(providerListeners)}), so the gateway route must say which one to send to`,
          'set targetPort to one of the provider\'s listener ports');
      }
    } else if (known(targetPort) && providerListeners.every((l) => known(l.port))
      && !providerListeners.some((l) => l.port === targetPort)) {
      diagnostic('AMK_GATEWAY_ROUTE_TARGET_PORT_UNKNOWN', `spec.${kind}.action.target.port`, targetPort,
        `the target service's provider (${what} ${provider!.path}) has no listener on port ${targetPort} `
        + `(its ports: ${portList(providerListeners)})`,
        'set targetPort to one of the provider\'s listener ports');
    }
  }

  // (c) The target service belongs to the gateway's mesh.
  if (reference) findings.diagnostics.push(...sameMeshRule(route, graph.registry, reference, GATEWAY_ROUTE_TARGET));
  return findings.diagnostics;
}
