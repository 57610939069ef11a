import { checkEndpoints } from './service-connect-rules';
import { appendTo } from '../../model/append-to';
import { GraphMember, MeshGraph } from '../../model/mesh-graph';
import {
  ClientPolicyModel, ListenerTimeoutModel, Protocol, RouteBodyModel, RouteSpecModel, VirtualNodeListenerModel, VirtualNodeSpecModel,
  VirtualRouterSpecModel, VirtualServiceSpecModel, WeightedTargetModel, durationModelMillis,
} from '../../model/spec';
import { Diagnostic, DiagnosticSeverity } from '../../rules/diagnostic';

/**
 * One Service Connect service of a node: one per listener. Plain data; the public
 * `ServiceConnectEndpoint` has the same fields.
 */
export interface EndpointModel {
  readonly portName: string;
  readonly port: number;
  readonly protocol: Protocol;
  readonly appProtocol?: 'http' | 'http2' | 'grpc';
  readonly discoveryName: string;
  readonly dnsName?: string;
  readonly aliasPort?: number;
  readonly aliasOf?: string;
  readonly idleTimeoutSeconds?: number;
  readonly perRequestTimeoutSeconds?: number;
  /** The AWS Private CA that issues the port's TLS certificates (the callers' ACM trust in the mesh). */
  readonly pcaArn?: string;
  /** Field of the node the endpoint comes from, for diagnostics. */
  readonly field: string;
}

export interface ServiceConnectModel {
  readonly namespace?: string;
  readonly endpoints: EndpointModel[];
  /** The access log format the node's App Mesh access log becomes (undefined: the node logs nothing, or no log driver). */
  readonly accessLogFormat?: 'TEXT' | 'JSON';
  readonly diagnostics: Diagnostic[];
}

export interface ServiceConnectModelOptions {
  readonly namespace?: string;
  readonly discoveryName?: string;
  /** Whether the proxy gets a log driver (access logs need one). */
  readonly hasLogDriver: boolean;
  /** Overrides of the timeouts the mesh implies, in seconds, for every port. */
  readonly idleTimeoutSeconds?: number;
  readonly perRequestTimeoutSeconds?: number;
  /** false: no TLS even where the callers trust an ACM Private CA. */
  readonly tls?: boolean;
  /** Construct paths of the virtual services the node takes over although App Mesh splits them (a canary's stable version). */
  readonly takeOverServicePaths?: readonly string[];
}

/** A virtual service that can become a client alias of the node, and where its callers land. */
interface Alias {
  readonly service: GraphMember<VirtualServiceSpecModel>;
  readonly dnsName: string;
  /** The port callers call (the node's or the router's listener port). */
  readonly port: number;
  /** The node listener port the alias lands on (undefined: the node's only listener). */
  readonly targetPort?: number;
  /** The one route's timeout, where one route sends 100 % to the node. */
  readonly routeTimeout?: ListenerTimeoutModel;
}

const ROUTE_BODIES = ['httpRoute', 'http2Route', 'grpcRoute', 'tcpRoute'] as const;

/** Seconds, rounded up (Service Connect takes whole seconds); undefined when absent or a token. */
function seconds(d: unknown): number | undefined {
  const millis = durationModelMillis(d);
  return millis === undefined ? undefined : Math.ceil(millis / 1000);
}

/** The namespace the node's service discovery implies: the DNS hostname's domain, or the Cloud Map namespace. */
export function defaultNamespace(spec: VirtualNodeSpecModel): string | undefined {
  const sd = spec.serviceDiscovery;
  if (sd?.awsCloudMap && typeof sd.awsCloudMap.namespaceName === 'string') return sd.awsCloudMap.namespaceName;
  const hostname = sd?.dns?.hostname;
  if (typeof hostname !== 'string') return undefined;
  const dot = hostname.indexOf('.');
  return dot > 0 && dot < hostname.length - 1 ? hostname.slice(dot + 1) : undefined;
}

/** The discovery name the node's service discovery implies: the DNS hostname's first label, or the Cloud Map service. */
function defaultDiscoveryName(node: GraphMember<VirtualNodeSpecModel>): string {
  const sd = node.resolved.spec?.serviceDiscovery;
  if (sd?.awsCloudMap && typeof sd.awsCloudMap.serviceName === 'string') return sd.awsCloudMap.serviceName;
  const hostname = sd?.dns?.hostname;
  if (typeof hostname === 'string' && hostname.length > 0) return hostname.split('.')[0];
  return node.name ?? node.path;
}

/**
 * The virtual services that can become a client alias on the node, as the migration report
 * decides (feature SERVICE_NAME): a service the node provides, or one whose router has one
 * route that sends 100 % of its traffic to the node.
 */
function aliasesOf(graph: MeshGraph, node: GraphMember<VirtualNodeSpecModel>, listeners: VirtualNodeListenerModel[]): Alias[] {
  return (aliasCandidates(graph).get(node) ?? []).flatMap((candidate): Alias[] => {
    const { service, dnsName } = candidate;
    if (candidate.route === undefined) {
      return listeners.map((listener) => ({ service, dnsName, port: listener.portMapping.port, targetPort: listener.portMapping.port }));
    }
    const { body, routerListeners, target } = candidate.route;
    const matchPort = body.match?.port;
    const port = routerListeners.length === 1 ? routerListeners[0].portMapping.port
      : typeof matchPort === 'number' ? matchPort : listeners[0]?.portMapping.port;
    if (port === undefined) return [];
    const targetPort = target.port ?? (listeners.length === 1 ? listeners[0].portMapping.port : port);
    return [{ service, dnsName, port, targetPort, routeTimeout: body.timeout }];
  });
}

/** A service that can become a client alias of one node: provided by it, or routed to it entirely by a router's one route. */
interface AliasCandidate {
  readonly service: GraphMember<VirtualServiceSpecModel>;
  readonly dnsName: string;
  readonly route?: { readonly body: RouteBodyModel; readonly routerListeners: VirtualRouterSpecModel['listeners']; readonly target: WeightedTargetModel };
}

/** Every node's alias candidates, found in one pass over the services of a graph (per node, it would grow with the square of the mesh). */
const ALIAS_CANDIDATES = new WeakMap<MeshGraph, Map<GraphMember, AliasCandidate[]>>();

function aliasCandidates(graph: MeshGraph): Map<GraphMember, AliasCandidate[]> {
  const cached = ALIAS_CANDIDATES.get(graph);
  if (cached) return cached;
  const byNode = new Map<GraphMember, AliasCandidate[]>();
  const add = (node: GraphMember | undefined, candidate: AliasCandidate) => {
    if (node) appendTo(byNode, node, candidate);
  };
  for (const service of graph.members<VirtualServiceSpecModel>('virtualService')) {
    const dnsName = service.name;
    const provider = graph.providerOf(service);
    if (!provider || dnsName === undefined) continue;
    if (provider.kind === 'virtualNode') {
      add(provider, { service, dnsName });
      continue;
    }
    const routes = graph.routesOf(provider as GraphMember<VirtualRouterSpecModel>);
    if (routes.length !== 1) continue;
    const route = routes[0] as GraphMember<RouteSpecModel>;
    const body = ROUTE_BODIES.map((key) => route.resolved.spec?.[key]).find((b): b is RouteBodyModel => b !== undefined);
    // 100 % to one node: every target with a weight names it (by name, as the resolved route holds it).
    const live = (body?.action.weightedTargets ?? []).filter((t) => t.weight > 0);
    if (!body || live.length === 0 || live.some((t) => t.virtualNode !== live[0].virtualNode)) continue;
    const routerListeners = (provider.resolved.spec as VirtualRouterSpecModel | undefined)?.listeners ?? [];
    add(graph.get('virtualNode', live[0].virtualNode), { service, dnsName, route: { body, routerListeners, target: live[0] } });
  }
  ALIAS_CANDIDATES.set(graph, byNode);
  return byNode;
}

/**
 * The split virtual services the user hands to this node (a canary's stable version): the node
 * answers for their name on the port callers call, and ECS deployments replace the split. A
 * service that never reaches the node is refused (AMK_SC_TAKE_OVER_NOT_BEHIND).
 */
function takenOver(graph: MeshGraph, node: GraphMember<VirtualNodeSpecModel>, listeners: VirtualNodeListenerModel[],
  options: ServiceConnectModelOptions, diagnostics: Diagnostic[]): Alias[] {
  const aliases: Alias[] = [];
  (options.takeOverServicePaths ?? []).forEach((servicePath, i) => {
    const service = graph.members<VirtualServiceSpecModel>('virtualService').find((m) => m.path === servicePath);
    const provider = service && graph.providerOf(service);
    if (!service || service.name === undefined || !provider || !graph.nodesBehind(service).includes(node)) {
      diagnostics.push({
        severity: DiagnosticSeverity.ERROR,
        code: 'AMK_SC_TAKE_OVER_NOT_BEHIND',
        constructPath: node.path,
        field: `takeOverServices[${i}]`,
        value: JSON.stringify(service?.name ?? servicePath),
        message: 'the node can only take over a virtual service of its mesh whose traffic reaches it today (as a provider or a route target)',
        fix: 'Pass a virtual service whose router sends some of its traffic to this node, or leave it out.',
      });
      return;
    }
    const routerListeners = provider.kind === 'virtualRouter' ? (provider.resolved.spec as VirtualRouterSpecModel | undefined)?.listeners ?? [] : [];
    const port = routerListeners[0]?.portMapping.port ?? listeners[0]?.portMapping.port;
    if (port === undefined) return;
    const targetPort = listeners.some((l) => l.portMapping.port === port) ? port : listeners[0]?.portMapping.port;
    aliases.push({ service, dnsName: service.name, port, targetPort });
  });
  return aliases;
}

/** The first ACM Private CA a client policy trusts. */
function acmTrust(policy: ClientPolicyModel | undefined): string | undefined {
  const arn = policy?.tls?.validation?.trust?.acm?.certificateAuthorityArns?.[0];
  return typeof arn === 'string' ? arn : undefined;
}

/**
 * The AWS Private CA the node's callers trust today (ACM trust in the client policy of a caller's
 * backend that ends up on the node, or in its backend defaults): Service
 * Connect issues the port's certificates from the same CA (migration-targets.md §1.3 "Listener TLS").
 */
function privateCaOf(graph: MeshGraph, node: GraphMember<VirtualNodeSpecModel>): string | undefined {
  for (const caller of graph.callersOf(node)) {
    const spec = caller.resolved.spec as VirtualNodeSpecModel | undefined;
    for (const backend of spec?.backends ?? []) {
      const service = graph.get<VirtualServiceSpecModel>('virtualService', backend.virtualService.virtualServiceName);
      if (service && graph.nodesBehind(service).includes(node)) {
        const arn = acmTrust(backend.virtualService.clientPolicy);
        if (arn) return arn;
      }
    }
    const arn = acmTrust(spec?.backendDefaults?.clientPolicy);
    if (arn) return arn;
  }
  // The mesh's mutual TLS trusts files or SDS only (an ACM trust cannot be mutual): nothing to take from it.
  return undefined;
}

/** The Service Connect configuration of a node, and what stands in its way. */
export function buildServiceConnectModel(
  graph: MeshGraph, node: GraphMember<VirtualNodeSpecModel>, options: ServiceConnectModelOptions,
): ServiceConnectModel {
  const spec = node.resolved.spec ?? {};
  const listeners = spec.listeners ?? [];
  const diagnostics: Diagnostic[] = [];
  const namespace = options.namespace ?? defaultNamespace(spec);
  if (namespace === undefined) {
    diagnostics.push({
      severity: DiagnosticSeverity.ERROR,
      code: 'AMK_SC_NAMESPACE',
      constructPath: node.path,
      field: 'spec.serviceDiscovery',
      message: 'Service Connect needs a Cloud Map namespace, and the node\'s service discovery names none (a DNS hostname without a domain, or no service discovery)',
      fix: 'Pass the namespace: ServiceConnectConfig.forVirtualNode(node, { namespace: \'my-namespace\' }).',
    });
  }

  const aliases = [...aliasesOf(graph, node, listeners), ...takenOver(graph, node, listeners, options, diagnostics)];
  const pcaArn = options.tls === false ? undefined : privateCaOf(graph, node);
  const base = options.discoveryName ?? defaultDiscoveryName(node);
  const endpoints = listeners.map((listener, i): EndpointModel => {
    const { port, protocol } = listener.portMapping;
    const field = `spec.listeners[${i}]`;
    const mine = aliases.filter((a) => (a.targetPort ?? port) === port);
    if (mine.length > 1) {
      diagnostics.push({
        severity: DiagnosticSeverity.WARNING,
        code: 'AMK_SC_CLIENT_ALIAS_ONE',
        constructPath: node.path,
        field,
        value: JSON.stringify(mine.map((a) => `${a.dnsName}:${a.port}`)),
        message: `a Service Connect service takes at most one client alias, and ${mine.length} virtual services end up on port ${port}: only ${mine[0].dnsName}:${mine[0].port} is kept`,
        fix: 'Have the callers of the other names call the kept one, or give each name its own listener (and so its own port).',
      });
    }
    const alias = mine[0];
    // The one route's timeouts win over the listener's, field by field.
    const listenerTimeout = listener.timeout?.[protocol];
    const timeout = {
      idle: alias?.routeTimeout?.idle ?? listenerTimeout?.idle,
      perRequest: alias?.routeTimeout?.perRequest ?? listenerTimeout?.perRequest,
    };
    return {
      portName: `${protocol}-${port}`,
      port,
      protocol,
      appProtocol: protocol === 'tcp' ? undefined : protocol,
      discoveryName: listeners.length > 1 ? `${base}-${port}` : base,
      dnsName: alias?.dnsName,
      aliasPort: alias?.port,
      aliasOf: alias ? alias.service.name : undefined,
      idleTimeoutSeconds: options.idleTimeoutSeconds ?? seconds(timeout?.idle),
      perRequestTimeoutSeconds: options.perRequestTimeoutSeconds ?? seconds(timeout?.perRequest),
      pcaArn,
      field,
    };
  });
  diagnostics.push(...checkEndpoints(node.path, endpoints));
  // ECS refuses a per-request timeout on a TCP port (AMK_SC_PER_REQUEST_TCP): leave it out.
  const kept = endpoints.map((e) => (e.protocol === 'tcp' && e.perRequestTimeoutSeconds !== undefined
    ? { ...e, perRequestTimeoutSeconds: undefined } : e));

  let accessLogFormat: 'TEXT' | 'JSON' | undefined;
  const file = spec.logging?.accessLog?.file;
  if (file) {
    if (options.hasLogDriver) {
      accessLogFormat = file.format?.json ? 'JSON' : 'TEXT';
    } else {
      diagnostics.push({
        severity: DiagnosticSeverity.WARNING,
        code: 'AMK_SC_ACCESS_LOG_DRIVER',
        constructPath: node.path,
        field: 'spec.logging.accessLog',
        value: JSON.stringify(file.path),
        message: 'the node writes access logs, and Service Connect access logs need a log driver for the proxy: the access log is left out',
        fix: 'Pass accessLogGroup: ServiceConnectConfig.forVirtualNode(node, { accessLogGroup }).',
      });
    }
  }
  return { namespace, endpoints: kept, accessLogFormat, diagnostics };
}
