import { Token } from 'aws-cdk-lib';
import { Diagnostic, DiagnosticSeverity } from '../diagnostic';
import { renderValue } from '../format';
import { sameMeshRule } from './same-mesh-rule';
import { isInvalidInput } from '../../model/invalid-input';
import { MeshMember } from '../../model/registry';
import { GatewayRouteSpecModel } from '../../model/spec';

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

/** A construct of this app with the given kind (a mesh member), or undefined for an import. */
function member(value: unknown, kind: string): MeshMember | undefined {
  const m = value as MeshMember | undefined;
  return m && typeof m === 'object' && m._kind === kind && typeof m._toModel === 'function' ? m : undefined;
}

/** The rendered listeners of a member's model, or undefined when they cannot be read. */
function listenersOf(resource: MeshMember): ListenerPort[] | undefined {
  const listeners = (resource._toModel().spec as any)?.listeners;
  if (listeners === undefined) return [];
  if (!Array.isArray(listeners)) return undefined;
  if (!listeners.every((l) => l && typeof l === 'object' && l.portMapping && typeof l.portMapping === 'object')) return undefined;
  return listeners.map((l) => ({ port: l.portMapping.port, protocol: l.portMapping.protocol }));
}

/** A number known at synth time (not a token, not a plain-JS string: the field rules report those). */
function known(value: unknown): value is number {
  return typeof value === 'number' && !Token.isUnresolved(value);
}

function portList(listeners: ListenerPort[]): string {
  return listeners.map((l) => String(Token.isUnresolved(l.port) ? '(token)' : l.port)).join(', ');
}

/** The provider (a virtual node or router this app defines) of a virtual service this app defines. */
function providerOf(service: MeshMember): MeshMember | undefined {
  const provider = (service as any)._providerResource?.();
  return provider && typeof provider._toModel === 'function' ? provider : undefined;
}

export interface GatewayRouteMeshRuleArgs {
  readonly constructPath: string;
  readonly spec: GatewayRouteSpecModel | unknown;
  readonly virtualGateway: { mesh: { meshName: string }; virtualGatewayName: string };
  readonly routeTarget: unknown;
}

export function gatewayRouteMeshRules(args: GatewayRouteMeshRuleArgs): Diagnostic[] {
  const spec = args.spec as any;
  if (!spec || typeof spec !== 'object' || isInvalidInput(spec)) return [];
  const kinds = Object.keys(ROUTE_PROTOCOLS).filter((k) => spec[k] !== undefined && spec[k] !== null);
  if (kinds.length !== 1) return [];
  const kind = kinds[0];
  const body = spec[kind];
  if (!body || typeof body !== 'object' || isInvalidInput(body)) return [];
  const match = body.match && typeof body.match === 'object' && !isInvalidInput(body.match) ? body.match : undefined;
  const target = body.action?.target && typeof body.action.target === 'object' ? body.action.target : undefined;

  const diagnostics: Diagnostic[] = [];
  const diagnostic = (code: string, field: string, value: unknown, message: string, fix: string) => diagnostics.push({
    severity: DiagnosticSeverity.ERROR, code, constructPath: args.constructPath, field, value: renderValue(value), message, fix,
  });

  // (a) The match port against the gateway's listeners, and the route's protocol against theirs.
  const gateway = member(args.virtualGateway, 'virtualGateway');
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
        `a ${protocol} gateway route needs a ${protocol} listener on its gateway, but `
        + `${candidates.length === 1 && known(matchPort) ? `the listener on port ${matchPort} is` : 'the gateway\'s listeners are'} ${theirs}`,
        `use GatewayRouteSpec.${String(candidates[0].protocol)}(...), or add a ${protocol} listener and match its port`);
    }
  }

  // (b) The target port against the listeners of the target service's provider.
  const service = member(args.routeTarget, 'virtualService');
  const provider = service ? providerOf(service) : undefined;
  const providerListeners = provider ? listenersOf(provider) : undefined;
  if (providerListeners && providerListeners.length > 0 && target !== undefined) {
    const targetPort = target.port;
    const what = provider!._kind === 'virtualRouter' ? 'virtual router' : 'virtual node';
    if (targetPort === undefined || targetPort === null) {
      if (providerListeners.length > 1) {
        diagnostic('AMK_GATEWAY_ROUTE_TARGET_PORT_REQUIRED', `spec.${kind}.action.target.port`, undefined,
          `the target service's provider (${what} ${provider!.node.path}) has ${providerListeners.length} listeners `
          + `(ports ${portList(providerListeners)}), so the gateway route must say which one to send to`,
          'set targetPort to one of the provider\'s listener ports');
      }
    } else if (known(targetPort) && providerListeners.every((l) => known(l.port))
      && !providerListeners.some((l) => l.port === targetPort)) {
      diagnostic('AMK_GATEWAY_ROUTE_TARGET_PORT_UNKNOWN', `spec.${kind}.action.target.port`, targetPort,
        `the target service's provider (${what} ${provider!.node.path}) has no listener on port ${targetPort} `
        + `(its ports: ${portList(providerListeners)})`,
        'set targetPort to one of the provider\'s listener ports');
    }
  }

  // (c) The target service belongs to the gateway's mesh.
  const routeTarget = args.routeTarget as { mesh?: { meshName: string }; virtualServiceName?: string } | undefined;
  if (routeTarget && typeof routeTarget === 'object') {
    diagnostics.push(...sameMeshRule({
      code: 'AMK_GATEWAY_ROUTE_TARGET_MESH',
      constructPath: args.constructPath,
      field: `spec.${kind}.action.target.virtualService.virtualServiceName`,
      what: 'the target virtual service',
      mesh: args.virtualGateway.mesh,
      referencedMesh: routeTarget.mesh,
      referencedName: routeTarget.virtualServiceName ?? '',
      fix: 'target a virtual service of the gateway\'s own mesh (a gateway routes only into its mesh)',
    }));
  }
  return diagnostics;
}
