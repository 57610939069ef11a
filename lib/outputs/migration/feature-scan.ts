import { MigrationFeature as F } from './migration-feature';
import { GraphMember, MeshGraph } from '../../model/mesh-graph';
import {
  ClientPolicyModel, ConnectionPoolModel, DurationModel, GatewayRouteSpecModel, GrpcRouteMatchModel, HeaderMatchModel, HealthCheckModel,
  HttpRouteMatchModel, ListenerTimeoutModel, ListenerTlsModel, LoggingModel, MeshSpecModel, OutlierDetectionModel, Protocol,
  RouteBodyModel, RouteSpecModel, ServiceDiscoveryModel, TlsCertificateModel, TlsTrustModel, VirtualGatewaySpecModel,
  VirtualNodeSpecModel, VirtualRouterSpecModel, VirtualServiceSpecModel, durationModelMillis,
} from '../../model/spec';

/** One feature one resource uses: where, and how (in words). */
export interface FeatureUse {
  readonly member: GraphMember;
  readonly feature: F;
  readonly field: string;
  readonly usage: string;
}

/** A listener of a node, router or gateway, as far as the report reads it. */
interface AnyListener {
  portMapping: { port: number; protocol: Protocol };
  healthCheck?: HealthCheckModel;
  tls?: ListenerTlsModel;
  outlierDetection?: OutlierDetectionModel;
  timeout?: Partial<Record<Protocol, ListenerTimeoutModel>>;
  connectionPool?: ConnectionPoolModel;
}

type Match = HttpRouteMatchModel & GrpcRouteMatchModel & { hostname?: { exact?: string; suffix?: string } };

const ROUTE_BODIES = ['httpRoute', 'http2Route', 'grpcRoute', 'tcpRoute'] as const;

/** Every feature every resource of the mesh uses, resource by resource in registration order. */
export function scanFeatures(graph: MeshGraph): FeatureUse[] {
  const uses: FeatureUse[] = [];
  for (const member of graph.members()) {
    const add = (feature: F, field: string, usage: string) => uses.push({ member, feature, field, usage });
    switch (member.kind) {
      case 'mesh': scanMesh(member as GraphMember<MeshSpecModel>, add); break;
      case 'virtualNode': scanNode(member as GraphMember<VirtualNodeSpecModel>, add); break;
      case 'virtualService': scanService(graph, member as GraphMember<VirtualServiceSpecModel>, add); break;
      case 'virtualRouter': scanRouter(member as GraphMember<VirtualRouterSpecModel>, add); break;
      case 'route': scanRoute(member as GraphMember<RouteSpecModel>, add); break;
      case 'virtualGateway': scanGateway(member as GraphMember<VirtualGatewaySpecModel>, add); break;
      case 'gatewayRoute': scanGatewayRoute(member as GraphMember<GatewayRouteSpecModel>, add); break;
    }
    const { meshOwner, account } = member.resolved;
    if (typeof meshOwner === 'string' && meshOwner !== account) {
      add(F.CROSS_ACCOUNT, 'meshOwner', `in mesh ${String(member.resolved.meshName)} of account ${meshOwner}`);
    }
  }
  return uses;
}

type Add = (feature: F, field: string, usage: string) => void;

function scanMesh(mesh: GraphMember<MeshSpecModel>, add: Add): void {
  const spec = mesh.resolved.spec ?? {};
  add(F.MESH_BOUNDARY, 'meshName', `mesh ${mesh.name ?? mesh.path}`);
  add(F.EGRESS_FILTER, 'spec.egressFilter.type', spec.egressFilter?.type ?? 'DROP_ALL (App Mesh\'s default)');
  if (spec.serviceDiscovery?.ipPreference) add(F.IP_PREFERENCE, 'spec.serviceDiscovery.ipPreference', spec.serviceDiscovery.ipPreference);
}

function scanNode(node: GraphMember<VirtualNodeSpecModel>, add: Add): void {
  const spec = node.resolved.spec ?? {};
  add(F.VIRTUAL_NODE, 'spec.serviceDiscovery', discoveryText(spec.serviceDiscovery));
  const cloudMap = spec.serviceDiscovery?.awsCloudMap;
  if (cloudMap) {
    add(F.CLOUD_MAP, 'spec.serviceDiscovery.awsCloudMap', `${cloudMap.serviceName} in ${cloudMap.namespaceName}`);
    if (cloudMap.attributes?.length) {
      add(F.CLOUD_MAP_ATTRIBUTES, 'spec.serviceDiscovery.awsCloudMap.attributes', cloudMap.attributes.map((a) => `${a.key}=${a.value}`).join(', '));
    }
  }
  const ipPreference = spec.serviceDiscovery?.dns?.ipPreference ?? cloudMap?.ipPreference;
  if (ipPreference) add(F.IP_PREFERENCE, `spec.serviceDiscovery.${cloudMap ? 'awsCloudMap' : 'dns'}.ipPreference`, ipPreference);
  scanListeners(spec.listeners ?? [], add);
  const backends = spec.backends ?? [];
  if (backends.length > 0) add(F.BACKENDS, 'spec.backends', backends.map((b) => b.virtualService.virtualServiceName).join(', '));
  scanClientPolicy(spec.backendDefaults?.clientPolicy, 'spec.backendDefaults.clientPolicy', add);
  backends.forEach((b, i) => scanClientPolicy(b.virtualService.clientPolicy, `spec.backends[${i}].virtualService.clientPolicy`, add));
  scanLogging(spec.logging, add);
}

function scanService(graph: MeshGraph, service: GraphMember<VirtualServiceSpecModel>, add: Add): void {
  const provider = service.resolved.spec?.provider;
  const by = provider?.virtualNode ? `provided by node ${provider.virtualNode.virtualNodeName}`
    : provider?.virtualRouter ? `provided by router ${provider.virtualRouter.virtualRouterName}` : 'no provider';
  const nodes = graph.nodesBehind(service);
  if (nodes.length > 1) {
    add(F.SERVICE_NAME_SEVERAL_NODES, 'virtualServiceName',
      `${service.name ?? service.path}, ${by}, reaches ${nodes.map((n) => n.name ?? n.path).join(', ')}`);
  } else {
    add(F.SERVICE_NAME, 'virtualServiceName', `${service.name ?? service.path}, ${by}`);
  }
}

function scanRouter(router: GraphMember<VirtualRouterSpecModel>, add: Add): void {
  const listeners = router.resolved.spec?.listeners ?? [];
  add(F.VIRTUAL_ROUTER, 'spec.listeners', listeners.map((l) => `${l.portMapping.protocol}:${l.portMapping.port}`).join(', '));
  scanListeners(listeners, add);
}

function scanGateway(gateway: GraphMember<VirtualGatewaySpecModel>, add: Add): void {
  const spec = gateway.resolved.spec ?? { listeners: [] };
  add(F.VIRTUAL_GATEWAY, 'spec.listeners', (spec.listeners ?? []).map((l) => `${l.portMapping.protocol}:${l.portMapping.port}`).join(', '));
  scanListeners(spec.listeners ?? [], add);
  scanClientPolicy(spec.backendDefaults?.clientPolicy, 'spec.backendDefaults.clientPolicy', add);
  scanLogging(spec.logging, add);
}

function scanListeners(listeners: AnyListener[], add: Add): void {
  if (listeners.length > 1) add(F.MULTIPLE_LISTENERS, 'spec.listeners', `${listeners.length} listeners`);
  listeners.forEach((listener, i) => {
    const at = `spec.listeners[${i}]`;
    const { port, protocol } = listener.portMapping;
    add(protocol === 'tcp' ? F.LISTENER_TCP : F.LISTENER_HTTP, `${at}.portMapping`, `${protocol}:${port}`);
    const hc = listener.healthCheck;
    if (hc) {
      const what = `${hc.protocol}${hc.path ? ` ${hc.path}` : ''} every ${millisText(hc.intervalMillis)}`;
      add(hc.protocol === 'http' || hc.protocol === 'http2' ? F.HEALTH_CHECK_HTTP : F.HEALTH_CHECK_TCP_GRPC, `${at}.healthCheck`, what);
    }
    if (listener.tls && listener.tls.mode !== 'DISABLED') scanListenerTls(listener.tls, `${at}.tls`, add);
    const od = listener.outlierDetection;
    if (od) {
      add(F.OUTLIER_DETECTION, `${at}.outlierDetection`,
        `${od.maxServerErrors} server errors per ${durationText(od.interval)}, eject ${durationText(od.baseEjectionDuration)}, at most ${od.maxEjectionPercent} %`);
    }
    const timeout = listener.timeout?.[protocol];
    if (timeout) scanTimeout(timeout, `${at}.timeout.${protocol}`, add);
    const pool = listener.connectionPool;
    if (pool) {
      const [kind, limits] = Object.entries(pool)[0] ?? ['', {}];
      add(F.CONNECTION_POOL, `${at}.connectionPool`, `${kind}: ${Object.entries(limits ?? {}).map(([k, v]) => `${k} ${String(v)}`).join(', ')}`);
    }
  });
}

function scanListenerTls(tls: ListenerTlsModel, at: string, add: Add): void {
  const source = certificateSource(tls.certificate);
  const feature = source === 'acm' ? F.LISTENER_TLS_ACM : source === 'sds' ? F.LISTENER_TLS_SDS : F.LISTENER_TLS_FILE;
  add(feature, `${at}.certificate`, `${tls.mode}, ${source} certificate`);
  if (tls.validation) add(F.MUTUAL_TLS, `${at}.validation`, `client certificates validated against a ${trustSource(tls.validation.trust)} trust`);
}

function scanClientPolicy(policy: ClientPolicyModel | undefined, at: string, add: Add): void {
  const tls = policy?.tls;
  if (!tls) return;
  const source = trustSource(tls.validation.trust);
  const feature = source === 'acm' ? F.CLIENT_TLS_ACM : source === 'sds' ? F.CLIENT_TLS_SDS : F.CLIENT_TLS_FILE;
  const sans = tls.validation.subjectAlternativeNames?.match.exact ?? [];
  const parts = [`enforce ${tls.enforce ?? true}`, `${source} trust`];
  if (tls.ports?.length) parts.push(`ports ${tls.ports.join(', ')}`);
  if (sans.length) parts.push(`SANs ${sans.join(', ')}`);
  add(feature, `${at}.tls.validation`, parts.join(', '));
  if (tls.certificate) add(F.MUTUAL_TLS, `${at}.tls.certificate`, `presents a ${certificateSource(tls.certificate)} client certificate`);
}

function scanLogging(logging: LoggingModel | undefined, add: Add): void {
  const file = logging?.accessLog?.file;
  if (!file) return;
  const format = file.format?.json ? 'JSON format' : file.format?.text !== undefined ? 'text format' : 'default format';
  add(F.ACCESS_LOG, 'spec.logging.accessLog.file', `${file.path}, ${format}`);
}

function scanRoute(route: GraphMember<RouteSpecModel>, add: Add): void {
  const spec = route.resolved.spec ?? {};
  if (spec.priority !== undefined) add(F.PRIORITY, 'spec.priority', String(spec.priority));
  for (const key of ROUTE_BODIES) {
    const body = spec[key] as RouteBodyModel | undefined;
    if (!body) continue;
    const at = `spec.${key}`;
    scanMatch(body.match, `${at}.match`, add);
    const targets = body.action?.weightedTargets ?? [];
    if (targets.length > 1) {
      add(F.WEIGHTED_TARGETS, `${at}.action.weightedTargets`,
        `${targets.map((t) => t.weight).join('/')} canary: ${targets.map((t) => `${t.virtualNode} ${t.weight}`).join(', ')}`);
    }
    const retry = body.retryPolicy;
    if (retry) {
      const events = [...retry.httpRetryEvents ?? [], ...retry.grpcRetryEvents ?? [], ...retry.tcpRetryEvents ?? []];
      add(F.RETRIES, `${at}.retryPolicy`, `retries: at most ${retry.maxRetries}, ${durationText(retry.perRetryTimeout)} each, on ${events.join(', ')}`);
    }
    if (body.timeout) scanTimeout(body.timeout, `${at}.timeout`, add);
  }
}

function scanGatewayRoute(route: GraphMember<GatewayRouteSpecModel>, add: Add): void {
  const spec = route.resolved.spec ?? {};
  if (spec.priority !== undefined) add(F.PRIORITY, 'spec.priority', String(spec.priority));
  for (const key of ['httpRoute', 'http2Route', 'grpcRoute'] as const) {
    const body = spec[key];
    if (!body) continue;
    const at = `spec.${key}`;
    const match = body.match;
    scanMatch(match, `${at}.match`, add);
    const rewrite = body.action?.rewrite;
    if (rewrite?.prefix?.value !== undefined) {
      add(F.REWRITE, `${at}.action.rewrite.prefix`, `prefix ${match?.prefix ?? ''} → ${rewrite.prefix.value}`);
    } else if (match?.prefix !== undefined && rewrite?.prefix?.defaultPrefix !== 'DISABLED' && key !== 'grpcRoute') {
      add(F.REWRITE, `${at}.action.rewrite.prefix`, `prefix ${match.prefix} → / (App Mesh's default prefix rewrite)`);
    }
    if (rewrite?.path) add(F.REWRITE, `${at}.action.rewrite.path`, `path → ${rewrite.path.exact}`);
    if (rewrite?.hostname) add(F.REWRITE, `${at}.action.rewrite.hostname`, `host name rewrite ${rewrite.hostname.defaultTargetHostname}`);
  }
}

function scanMatch(match: Match | undefined, at: string, add: Add): void {
  if (!match) return;
  if (match.prefix !== undefined) add(F.PATH_PREFIX_EXACT, `${at}.prefix`, `prefix ${match.prefix}`);
  if (match.path?.exact !== undefined) add(F.PATH_PREFIX_EXACT, `${at}.path.exact`, `exact path ${match.path.exact}`);
  if (match.path?.regex !== undefined) add(F.PATH_REGEX, `${at}.path.regex`, `path regex ${match.path.regex}`);
  (match.headers ?? []).forEach((h, i) => scanHeader(h, `${at}.headers[${i}]`, 'header', add));
  if (match.queryParameters?.length) {
    add(F.QUERY_PARAMETERS, `${at}.queryParameters`, match.queryParameters.map((q) => q.match ? `${q.name}=${q.match.exact}` : q.name).join(', '));
  }
  if (match.method !== undefined) add(F.METHOD, `${at}.method`, `method ${match.method}`);
  if (match.scheme !== undefined) add(F.SCHEME, `${at}.scheme`, `scheme ${match.scheme}`);
  if (match.serviceName !== undefined || match.methodName !== undefined) {
    add(F.GRPC_MATCH, `${at}.${match.methodName !== undefined ? 'methodName' : 'serviceName'}`,
      `gRPC ${match.serviceName ?? '*'}${match.methodName !== undefined ? `/${match.methodName}` : ''}`);
  }
  (match.metadata ?? []).forEach((m, i) => {
    add(F.GRPC_MATCH, `${at}.metadata[${i}]`, `gRPC metadata ${m.name}`);
    scanHeader(m, `${at}.metadata[${i}]`, 'metadata', add);
  });
  const host = match.hostname;
  if (host) add(F.HOSTNAME_MATCH, `${at}.hostname`, host.exact !== undefined ? `host ${host.exact}` : `host suffix ${host.suffix ?? ''}`);
}

function scanHeader(header: HeaderMatchModel, at: string, what: string, add: Add): void {
  const [kind, value] = Object.entries(header.match ?? {})[0] ?? ['present', undefined];
  const text = `${what} ${header.name} ${header.invert ? 'not ' : ''}${kind}${value !== undefined ? ` ${JSON.stringify(value)}` : ''}`;
  const simple = !header.invert && (kind === 'exact' || kind === 'prefix');
  add(simple ? F.HEADER_EXACT_PREFIX : F.HEADER_OTHER, at, text);
}

function scanTimeout(timeout: ListenerTimeoutModel, at: string, add: Add): void {
  if (timeout.perRequest) add(F.PER_REQUEST_TIMEOUT, `${at}.perRequest`, `per request ${durationText(timeout.perRequest)}`);
  if (timeout.idle) add(F.IDLE_TIMEOUT, `${at}.idle`, `idle ${durationText(timeout.idle)}`);
}

function discoveryText(sd: ServiceDiscoveryModel | undefined): string {
  if (sd?.dns) return `DNS ${sd.dns.hostname}`;
  if (sd?.awsCloudMap) return `Cloud Map ${sd.awsCloudMap.serviceName}.${sd.awsCloudMap.namespaceName}`;
  return 'no service discovery (backend-only node)';
}

function certificateSource(certificate: TlsCertificateModel | undefined): string {
  return certificate?.acm ? 'acm' : certificate?.sds ? 'sds' : 'file';
}

function trustSource(trust: TlsTrustModel): string {
  return trust.acm ? 'acm' : trust.sds ? 'sds' : 'file';
}

function durationText(d: DurationModel | undefined): string {
  const millis = durationModelMillis(d);
  return millis === undefined ? '?' : millisText(millis);
}

/** A duration as a reviewer reads it: whole seconds in s, the rest in ms (the model keeps the unit the user's code rendered). */
function millisText(millis: number): string {
  return millis % 1000 === 0 ? `${millis / 1000} s` : `${millis} ms`;
}
