import {
  ClientPolicyModel, DEFAULT_IDLE_TIMEOUT_MS, GatewayRouteBodyModel, GatewayRouteSpecModel, HealthCheckModel, ListenerTlsModel,
  LoggingModel, Protocol,
  RouteBodyModel, RouteSpecModel, VirtualGatewayListenerModel, VirtualGatewaySpecModel, VirtualNodeListenerModel,
  VirtualNodeSpecModel, VirtualRouterSpecModel, VirtualServiceSpecModel,
} from '../../../model/spec';
import { holdsTokens } from '../../../private/holds-tokens';
import { MeshKitError } from '../../../rules/mesh-kit-error';
import { sdsCluster } from '../bootstrap';
import { envoyDuration, millisDuration } from '../durations';
import { TracingSettings } from '../envoy-tracing';
import { StandaloneEnvoyOptions } from '../standalone-options';
import { tracerClusters, tracerProvider } from '../tracers';
import {
  ANY, ORIGINAL_DST, ROUTER_FILTER, TLS_INSPECTOR, accessLogs, http2Upstream, singleEndpoint, socketAddress,
} from './common';
import { MeshView, ProxySpecModel, Resolved } from './mesh-view';
import { DEFAULT_REQUEST_TIMEOUT, clusterAction, retryPolicy, routeMatch, routeTimeouts } from './routes';
import { StandaloneTlsError, downstreamTls, policyFor, upstreamTls, upstreamTlsWithoutPolicy, usesSds } from './tls';

/** The bootstrap extension that lets listeners and clusters use Envoy internal addresses. */
const INTERNAL_LISTENER_EXTENSION = {
  name: 'envoy.bootstrap.internal_listener',
  typedConfig: { '@type': `${ANY}envoy.extensions.bootstrap.internal_listener.v3.InternalListener` },
};

/**
 * App Mesh's default prefix rewrite: the matched prefix becomes '/'. A prefix without a trailing
 * slash takes the slash after it too, as the User Guide's example says (prefix /chapter, request
 * /chapter/1 → /1); Envoy's prefix_rewrite alone would give //1.
 */
function defaultPrefixRewrite(prefix: string): object {
  if (prefix.endsWith('/')) return { prefixRewrite: '/' };
  return { regexRewrite: { pattern: { regex: `^${escapeRegex(prefix)}/?` }, substitution: '/' } };
}

/** A literal as an RE2 pattern. */
function escapeRegex(text: string): string {
  return text.replace(/[\\^$.*+?()[\]{}|]/g, '\\$&');
}

/** A gateway route's hostname as one more condition of its match: the :authority, case-insensitive. */
function withHostname(match: object, hostname: { exact?: string; suffix?: string } | undefined): object {
  if (hostname?.exact === undefined && hostname?.suffix === undefined) return match;
  const stringMatch = hostname.exact !== undefined ? { exact: hostname.exact, ignoreCase: true } : { suffix: hostname.suffix, ignoreCase: true };
  const headers = (match as { headers?: object[] }).headers ?? [];
  return { ...match, headers: [...headers, { name: ':authority', stringMatch }] };
}

/** App Mesh's idle timeout for a tcp connection when none is set; Envoy's own default is an hour. */
const TCP_IDLE_TIMEOUT = millisDuration(DEFAULT_IDLE_TIMEOUT_MS);

/** The TLS server names of AWS service endpoints, in every partition's domain. */
const AWS_ENDPOINTS = ['*.amazonaws.com', '*.amazonaws.com.cn'];

/** What the compiler needs to know beyond the mesh. */
export interface CompileSettings {
  readonly adminPort: number;
  readonly ingressPort: number;
  readonly egressPort: number;
  readonly sdsSocketPath: string;
  readonly tracing?: TracingSettings;
}

const HTTP_LIKE = new Set(['http', 'http2', 'grpc']);
const DNS_FAMILY: Record<string, string> = {
  IPv4_ONLY: 'V4_ONLY', IPv6_ONLY: 'V6_ONLY', IPv4_PREFERRED: 'V4_PREFERRED', IPv6_PREFERRED: 'AUTO',
};

/** A virtual node or virtual gateway: the resources a configuration is compiled for, and that call backends. */
type Proxy = Resolved<ProxySpecModel>;

/** The limits of one protocol's connection pool, whichever protocol it is (each sets some of them). */
type PoolLimits = { maxConnections?: number; maxPendingRequests?: number; maxRequests?: number };

/** Whether a node or gateway is a gateway (the kind its model records). */
function isGateway(proxy: Proxy): proxy is Resolved<VirtualGatewaySpecModel> {
  return proxy.model.kind === 'virtualGateway';
}

/** The client policy a backend uses, and the field it comes from (for errors). */
interface ClientTls {
  readonly policy: ClientPolicyModel | undefined;
  readonly field: string;
}

/** A route of a router, with its body for the listener's protocol. */
interface RouterRoute {
  route: Resolved<RouteSpecModel>;
  body: RouteBodyModel;
}

/** A route's target after resolution: the egress cluster and its weight. */
interface ClusterTarget {
  cluster: string;
  weight: number;
}

/**
 * Compiles one virtual node or gateway of the mesh model into a complete static Envoy v3
 * configuration: the listeners App Mesh would send over LDS, the clusters it would send over
 * CDS, with the routes inline, so plain Envoy runs the mesh with no control plane.
 */
export class StandaloneCompiler {
  private readonly clusters = new Map<string, object>();
  /** Internal listeners (a router's route table behind a gateway route), by name. */
  private readonly internalListeners = new Map<string, object>();
  private needsSds = false;

  constructor(private readonly view: MeshView, private readonly settings: CompileSettings) {}

  /** A virtual node: ingress on the ingress port, egress on the egress port. */
  public compileNode(node: Resolved<VirtualNodeSpecModel>): Record<string, unknown> {
    const spec = node.model.spec;
    const listeners: object[] = [];
    const ownListeners = spec.listeners ?? [];
    if (ownListeners.length > 0) listeners.push(this.ingressListener(node, ownListeners));
    listeners.push(this.egressListener(node));
    return this.bootstrap(node, listeners);
  }

  /** A virtual gateway: one listener per gateway listener port, routing by gateway routes. */
  public compileGateway(gateway: Resolved<VirtualGatewaySpecModel>): Record<string, unknown> {
    const listeners = (gateway.model.spec.listeners ?? []).map((l) => this.gatewayListener(gateway, l));
    return this.bootstrap(gateway, listeners);
  }

  // ----- the whole config -----

  private bootstrap(resource: Proxy, listeners: object[]): Record<string, unknown> {
    const clusters = [...this.clusters.values()];
    if (this.needsSds) clusters.push(sdsCluster(this.settings.sdsSocketPath));
    clusters.push(...tracerClusters(this.settings.tracing));
    const { meshName, name, kind } = resource.model;
    return {
      node: { id: `mesh/${meshName}/${kind}/${name}`, cluster: `mesh/${meshName}/${kind}/${name}` },
      admin: { address: socketAddress('127.0.0.1', this.settings.adminPort) },
      staticResources: { listeners: [...listeners, ...this.internalListeners.values()], clusters },
      ...(this.internalListeners.size > 0 ? { bootstrapExtensions: [INTERNAL_LISTENER_EXTENSION] } : {}),
    };
  }

  // ----- ingress (virtual node) -----

  private ingressListener(node: Resolved<VirtualNodeSpecModel>, listeners: VirtualNodeListenerModel[]): object {
    const filterChains = listeners.flatMap((l) => {
      const { port, protocol } = l.portMapping;
      const cluster = this.localAppCluster(node, l);
      const filters = [HTTP_LIKE.has(protocol)
        ? this.httpConnectionManager('ingress', node.model.spec.logging, {
          name: `rds_ingress_${protocol}_${port}`,
          virtualHosts: [{
            name: `ingress_${protocol}_${port}`,
            domains: ['*'],
            routes: [{ match: { prefix: '/' }, route: { cluster, ...this.listenerTimeouts(l) } }],
          }],
        }, protocol, this.idleTimeout(l))
        : this.tcpProxy('ingress', cluster, node.model.spec.logging, this.idleTimeout(l) ?? TCP_IDLE_TIMEOUT)];
      return this.tlsChains(node, `spec.listeners[${listeners.indexOf(l)}].tls`, l.tls, { destinationPort: port }, filters);
    });
    return {
      name: `lds_ingress_0.0.0.0_${this.settings.ingressPort}`,
      address: socketAddress('0.0.0.0', this.settings.ingressPort),
      trafficDirection: 'INBOUND',
      listenerFilters: [ORIGINAL_DST, TLS_INSPECTOR],
      filterChains,
    };
  }

  /** STRICT: one TLS chain; PERMISSIVE: a TLS chain and a plaintext chain, split on transport protocol. */
  private tlsChains(resource: Proxy, field: string, tls: ListenerTlsModel | undefined, match: object, filters: object[]): object[] {
    if (!tls || tls.mode === 'DISABLED') return [{ filterChainMatch: match, filters }];
    const socket = this.tls(resource, field, () => downstreamTls(tls));
    if (tls.mode === 'STRICT') return [{ filterChainMatch: match, filters, transportSocket: socket }];
    return [
      { filterChainMatch: { ...match, transportProtocol: 'tls' }, filters, transportSocket: socket },
      { filterChainMatch: match, filters },
    ];
  }

  /** The local application behind a node listener; the listener's connection pool and health check apply here. */
  private localAppCluster(node: Resolved<VirtualNodeSpecModel>, l: VirtualNodeListenerModel): string {
    const { port, protocol } = l.portMapping;
    const name = `cds_ingress_${node.model.meshName}_${node.model.name}_${protocol}_${port}`;
    const pool: PoolLimits | undefined = l.connectionPool?.[protocol];
    const hc = l.healthCheck;
    const local = this.localAddress(node);
    this.clusters.set(name, {
      name,
      type: 'STATIC',
      connectTimeout: '1s',
      loadAssignment: {
        clusterName: name,
        endpoints: [{
          lbEndpoints: [{
            endpoint: {
              address: socketAddress(local, port),
              ...(hc && hc.port !== undefined && hc.port !== port ? { healthCheckConfig: { portValue: hc.port } } : {}),
            },
          }],
        }],
      },
      ...(pool ? {
        circuitBreakers: {
          thresholds: [{
            ...(pool.maxConnections !== undefined ? { maxConnections: pool.maxConnections } : {}),
            ...(pool.maxPendingRequests !== undefined ? { maxPendingRequests: pool.maxPendingRequests } : {}),
            ...(pool.maxRequests !== undefined ? { maxRequests: pool.maxRequests } : {}),
          }],
        },
      } : {}),
      ...(hc ? { healthChecks: [this.healthCheck(hc)] } : {}),
      ...(protocol === 'http2' || protocol === 'grpc' ? http2Upstream() : {}),
    });
    return name;
  }

  private healthCheck(hc: HealthCheckModel): object {
    const kind = hc.protocol === 'grpc' ? { grpcHealthCheck: {} }
      : hc.protocol === 'tcp' ? { tcpHealthCheck: {} }
        : { httpHealthCheck: { path: hc.path ?? '/', ...(hc.protocol === 'http2' ? { codecClientType: 'HTTP2' } : {}) } };
    return {
      timeout: envoyDuration({ unit: 'ms', value: hc.timeoutMillis }),
      interval: envoyDuration({ unit: 'ms', value: hc.intervalMillis }),
      healthyThreshold: hc.healthyThreshold,
      unhealthyThreshold: hc.unhealthyThreshold,
      ...kind,
    };
  }

  /** The app is reached on IPv6 loopback only when the node or mesh prefers or requires IPv6. */
  private localAddress(node: Resolved<VirtualNodeSpecModel>): string {
    const preference = node.model.spec.serviceDiscovery?.dns?.ipPreference ?? node.model.spec.serviceDiscovery?.awsCloudMap?.ipPreference
      ?? this.view.meshModel()?.spec.serviceDiscovery?.ipPreference;
    return preference === 'IPv6_ONLY' || preference === 'IPv6_PREFERRED' ? '::1' : '127.0.0.1';
  }

  private listenerTimeouts(l: VirtualNodeListenerModel): object {
    const t = l.timeout?.[l.portMapping.protocol];
    return { timeout: envoyDuration(t?.perRequest) ?? DEFAULT_REQUEST_TIMEOUT };
  }

  private idleTimeout(l: VirtualNodeListenerModel): string | undefined {
    return envoyDuration(l.timeout?.[l.portMapping.protocol]?.idle);
  }

  // ----- egress (virtual node) -----

  private egressListener(node: Resolved<VirtualNodeSpecModel>): object {
    const allowAll = this.view.meshModel()?.spec.egressFilter?.type === 'ALLOW_ALL';
    const httpPorts = new Map<number, { protocol: Protocol; virtualHosts: object[] }>();
    const tcpPorts = new Map<number, { service: string; filters: object[] }>();
    (node.model.spec.backends ?? []).forEach((backend, i) => {
      const serviceName: string = backend.virtualService.virtualServiceName;
      const service = this.view.get('virtualService', serviceName);
      if (!service) {
        throw new MeshKitError({ code: 'AMK_ENVOY_UNKNOWN_RESOURCE', constructPath: node.path, field: `spec.backends[${i}].virtualService.virtualServiceName`, value: JSON.stringify(serviceName), message: 'the backend is not defined in this app, so its provider and routes are unknown to a static configuration', fix: 'define the virtual service (and its provider) in this app, or remove the backend' });
      }
      const clientTls: ClientTls = backend.virtualService.clientPolicy
        ? { policy: backend.virtualService.clientPolicy, field: `spec.backends[${i}].virtualService.clientPolicy.tls` }
        : { policy: node.model.spec.backendDefaults?.clientPolicy, field: 'spec.backendDefaults.clientPolicy.tls' };
      for (const entry of this.serviceEntries(node, service, clientTls)) {
        if (entry.protocol === 'tcp') {
          const other = tcpPorts.get(entry.port);
          if (other) {
            throw new MeshKitError({ code: 'AMK_ENVOY_UNRESOLVABLE', constructPath: node.path, field: `spec.backends[${i}]`, value: JSON.stringify(serviceName), message: `tcp backends cannot share a port, and ${other.service} already uses ${entry.port}`, fix: 'give one of the routers a different listener port (App Mesh requires unique ports per tcp destination)' });
          }
          tcpPorts.set(entry.port, { service: serviceName, filters: [this.tcpProxyTo('egress', entry.tcpTargets!, node.model.spec.logging, entry.tcpIdle ?? TCP_IDLE_TIMEOUT)] });
        } else {
          const group = httpPorts.get(entry.port) ?? { protocol: entry.protocol, virtualHosts: [] };
          group.virtualHosts.push(entry.virtualHost!);
          httpPorts.set(entry.port, group);
        }
      }
    });
    const ports = [...new Set([...httpPorts.keys(), ...tcpPorts.keys()])].sort((a, b) => a - b);
    const filterChains: object[] = ports.map((port) => {
      const http = httpPorts.get(port);
      if (http && tcpPorts.has(port)) {
        throw new MeshKitError({ code: 'AMK_ENVOY_UNRESOLVABLE', constructPath: node.path, field: 'spec.backends', value: String(port), message: `port ${port} carries both tcp and ${http.protocol} backends, which one Envoy listener port cannot tell apart`, fix: 'move one of the services to another port' });
      }
      const filters = http
        ? [this.httpConnectionManager('egress', node.model.spec.logging,
          { name: `rds_egress_http_${port}`, virtualHosts: http.virtualHosts }, http.protocol)]
        : tcpPorts.get(port)!.filters;
      return { filterChainMatch: { destinationPort: port }, filters };
    });
    // App Mesh lets every node reach AWS services, even under DROP_ALL (its cds_egress_<mesh>_amazonaws
    // cluster): TLS to an AWS endpoint passes to where the app sent it. The SNI is more specific
    // than a backend's own chain on 443, so both coexist.
    filterChains.push({
      filterChainMatch: { destinationPort: 443, serverNames: AWS_ENDPOINTS },
      filters: [this.tcpProxy('egress', this.awsCluster(node), node.model.spec.logging)],
    });
    // Every node gets the egress listener: its task sends every outbound connection to it.
    return {
      name: `lds_egress_0.0.0.0_${this.settings.egressPort}`,
      address: socketAddress('0.0.0.0', this.settings.egressPort),
      trafficDirection: 'OUTBOUND',
      // tls_inspector reads the SNI; a protocol where the server speaks first goes on after the timeout.
      listenerFilters: [ORIGINAL_DST, TLS_INSPECTOR],
      continueOnListenerFiltersTimeout: true,
      filterChains,
      // ALLOW_ALL: anything that is not a backend passes through to where the app sent it; DROP_ALL: nothing does.
      ...(allowAll ? { defaultFilterChain: { filters: [this.tcpProxy('egress', this.passthroughCluster(node), node.model.spec.logging)] } } : {}),
    };
  }

  /**
   * What a virtual service answers on each of its ports: a virtual host of routes (http, http2,
   * grpc) or a weighted TCP proxy. A router provides its routes; a node is routed to directly.
   */
  private serviceEntries(caller: Proxy, service: Resolved<VirtualServiceSpecModel>, clientTls: ClientTls) {
    const name = service.model.name;
    const provider = service.model.spec.provider ?? {};
    const entries: { port: number; protocol: Protocol; virtualHost?: object; tcpTargets?: ClusterTarget[]; tcpIdle?: string }[] = [];
    if (provider.virtualNode) {
      const target = this.view.get('virtualNode', provider.virtualNode.virtualNodeName);
      for (const l of target?.model.spec.listeners ?? []) {
        const { port, protocol } = l.portMapping;
        const cluster = this.egressCluster(caller, target!, l, name, clientTls);
        entries.push(protocol === 'tcp'
          ? { port, protocol, tcpTargets: [{ cluster, weight: 100 }] }
          : { port, protocol, virtualHost: this.virtualHost(name, port, [{ match: { prefix: '/', ...(protocol === 'grpc' ? { grpc: {} } : {}) }, route: { cluster, timeout: DEFAULT_REQUEST_TIMEOUT } }]) });
      }
    } else if (provider.virtualRouter) {
      const router = this.view.get('virtualRouter', provider.virtualRouter.virtualRouterName);
      for (const l of router?.model.spec.listeners ?? []) {
        const { port, protocol } = l.portMapping;
        const routes = this.routesOf(router!, port, protocol);
        if (protocol === 'tcp') {
          const body = routes[0]?.body;
          if (body) {
            const tcpTargets = this.targets(caller, routes[0].route, body, name, clientTls);
            entries.push({ port, protocol, tcpTargets, tcpIdle: envoyDuration(body.timeout?.idle) });
          }
        } else {
          entries.push({
            port,
            protocol,
            virtualHost: this.virtualHost(name, port, this.routerRoutes(caller, routes, protocol, name, clientTls)),
          });
        }
      }
    }
    return entries;
  }

  /** A router's routes for one listener as Envoy routes: matches, weighted clusters, timeouts and retries. */
  private routerRoutes(caller: Proxy, routes: RouterRoute[], protocol: Protocol, service: string, clientTls: ClientTls): object[] {
    return routes.map(({ route, body }) => ({
      match: routeMatch(protocol, body.match),
      route: {
        ...clusterAction(this.targets(caller, route, body, service, clientTls)),
        ...routeTimeouts(body),
        ...(body.retryPolicy ? { retryPolicy: retryPolicy(body.retryPolicy) } : {}),
      },
    }));
  }

  private virtualHost(service: string, port: number, routes: object[]): object {
    return { name: `${service}:${port}`, domains: [service, `${service}:${port}`], routes };
  }

  /** The routes of a router for one listener: protocol and port match, ordered by priority (unset last). */
  public routesOf(router: Resolved<VirtualRouterSpecModel>, port: number, protocol: Protocol): RouterRoute[] {
    const multiListener = (router.model.spec.listeners ?? []).length > 1;
    return this.view.routesOf(router)
      .map((route) => ({ route, body: route.model.spec[`${protocol}Route`] }))
      .filter((r): r is RouterRoute => r.body !== undefined
        && (r.body.match?.port === undefined ? !multiListener : r.body.match.port === port));
  }

  /** A route's weighted targets as egress clusters. */
  private targets(caller: Proxy, route: Resolved<RouteSpecModel>, body: RouteBodyModel, service: string, clientTls: ClientTls): ClusterTarget[] {
    return body.action.weightedTargets.map((t, i) => {
      const node = this.view.get('virtualNode', t.virtualNode);
      const listeners = node?.model.spec.listeners ?? [];
      const listener = t.port === undefined ? listeners[0] : listeners.find((l) => l.portMapping.port === t.port);
      if (!node || !listener) {
        throw new MeshKitError({ code: 'AMK_ENVOY_UNRESOLVABLE', constructPath: route.path, field: `spec.${Object.keys(route.model.spec).find((k) => k.endsWith('Route'))}.action.weightedTargets[${i}]`, value: JSON.stringify(t.virtualNode), message: 'the target node or its listener is not defined in this app', fix: 'route to a virtual node with a listener that this app defines' });
      }
      return { cluster: this.egressCluster(caller, node, listener, service, clientTls), weight: t.weight };
    });
  }

  /** The cluster towards one listener of a target node: DNS or Cloud Map names, TLS, HTTP/2, outlier detection. */
  private egressCluster(
    caller: Proxy, target: Resolved<VirtualNodeSpecModel>, l: VirtualNodeListenerModel, service: string, clientTls: ClientTls,
  ): string {
    const { port, protocol } = l.portMapping;
    // A client policy applies when its ports include the server's port: the target node's listener
    // port (User Guide, TLS: "one of the ports in the client policy matches the port of the
    // server's policy"). Without one, TLS is still negotiated when the server requires it (STRICT),
    // only without the policy's validation.
    const tls = policyFor(clientTls.policy, port);
    const encryptOnly = !tls && l.tls?.mode === 'STRICT';
    // With TLS the SNI is the virtual service, so each service gets its own cluster to the node.
    const name = `cds_egress_${target.model.meshName}_${target.model.name}_${protocol}_${port}${tls || encryptOnly ? `_tls_${service}` : ''}`;
    if (this.clusters.has(name)) return name;
    const discovery = target.model.spec.serviceDiscovery ?? {};
    const host = discovery.dns?.hostname ?? (discovery.awsCloudMap ? `${discovery.awsCloudMap.serviceName}.${discovery.awsCloudMap.namespaceName}` : undefined);
    if (!host) {
      throw new MeshKitError({ code: 'AMK_ENVOY_UNRESOLVABLE', constructPath: target.path, field: 'spec.serviceDiscovery', message: 'the node has no service discovery, so callers cannot find it', fix: 'give the node ServiceDiscovery.dns(...) or .cloudMap(...)' });
    }
    const preference = discovery.dns?.ipPreference ?? discovery.awsCloudMap?.ipPreference
      ?? this.view.meshModel()?.spec.serviceDiscovery?.ipPreference;
    const od = l.outlierDetection;
    this.clusters.set(name, {
      name,
      // LOADBALANCER answers with one address (LOGICAL_DNS); ENDPOINTS and Cloud Map with every host.
      type: discovery.dns && discovery.dns.responseType !== 'ENDPOINTS' ? 'LOGICAL_DNS' : 'STRICT_DNS',
      connectTimeout: '1s',
      dnsLookupFamily: DNS_FAMILY[preference ?? ''] ?? 'AUTO',
      loadAssignment: singleEndpoint(name, socketAddress(host, port)),
      ...(od ? {
        outlierDetection: {
          consecutive5xx: od.maxServerErrors,
          interval: envoyDuration(od.interval),
          baseEjectionTime: envoyDuration(od.baseEjectionDuration),
          maxEjectionPercent: od.maxEjectionPercent,
        },
      } : {}),
      ...(protocol === 'http2' || protocol === 'grpc' ? http2Upstream() : {}),
      ...(tls ? { transportSocket: this.tls(caller, clientTls.field, () => upstreamTls(tls, service)) } : {}),
      ...(encryptOnly ? { transportSocket: upstreamTlsWithoutPolicy(service) } : {}),
    });
    return name;
  }

  /** AWS endpoints, reached where the app sent them (App Mesh's cds_egress_<mesh>_amazonaws). */
  private awsCluster(node: Resolved<VirtualNodeSpecModel>): string {
    const name = `cds_egress_${node.model.meshName}_amazonaws`;
    this.clusters.set(name, { name, type: 'ORIGINAL_DST', connectTimeout: '1s', lbPolicy: 'CLUSTER_PROVIDED' });
    return name;
  }

  private passthroughCluster(node: Resolved<VirtualNodeSpecModel>): string {
    const name = `cds_egress_${node.model.meshName}_passthrough`;
    this.clusters.set(name, { name, type: 'ORIGINAL_DST', connectTimeout: '1s', lbPolicy: 'CLUSTER_PROVIDED' });
    return name;
  }

  // ----- gateway -----

  private gatewayListener(gateway: Resolved<VirtualGatewaySpecModel>, l: VirtualGatewayListenerModel): object {
    const { port, protocol } = l.portMapping;
    const routes = this.view.gatewayRoutesOf(gateway)
      .map((route) => ({ route, body: route.model.spec[`${protocol}Route` as keyof GatewayRouteSpecModel] as GatewayRouteBodyModel | undefined }))
      .filter((r): r is { route: Resolved<GatewayRouteSpecModel>; body: GatewayRouteBodyModel } => r.body !== undefined
        && (r.body.match?.port === undefined || r.body.match.port === port));
    // App Mesh evaluates a gateway's routes as one list in its order, and a hostname is one more
    // condition of a route: so one virtual host for every host, with the hostname as an
    // :authority match (stripAnyHostPort has removed the port), never a virtual host per name.
    const filters = [this.httpConnectionManager('ingress', gateway.model.spec.logging, {
      name: `rds_ingress_${protocol}_${port}`,
      virtualHosts: [{
        name: `${gateway.model.name}_*`,
        domains: ['*'],
        routes: routes.map(({ route, body }) => this.gatewayRoute(gateway, route, body, protocol)),
      }],
    }, protocol)];
    const index = (gateway.model.spec.listeners ?? []).indexOf(l);
    return {
      name: `lds_ingress_0.0.0.0_${port}`,
      address: socketAddress('0.0.0.0', port),
      trafficDirection: 'INBOUND',
      ...(l.tls?.mode === 'PERMISSIVE' ? { listenerFilters: [TLS_INSPECTOR] } : {}),
      filterChains: this.tlsChains(gateway, `spec.listeners[${index}].tls`, l.tls, {}, filters),
    };
  }

  /** A gateway route: its match, its rewrites, and the target service's provider as clusters. */
  private gatewayRoute(
    gateway: Resolved<VirtualGatewaySpecModel>, route: Resolved<GatewayRouteSpecModel>, body: GatewayRouteBodyModel, protocol: Protocol,
  ): object {
    const serviceName: string = body.action.target.virtualService.virtualServiceName;
    const service = this.view.get('virtualService', serviceName);
    const field = `spec.${protocol}Route.action.target`;
    if (!service) {
      throw new MeshKitError({ code: 'AMK_ENVOY_UNKNOWN_RESOURCE', constructPath: route.path, field: `${field}.virtualService.virtualServiceName`, value: JSON.stringify(serviceName), message: 'the target virtual service is not defined in this app', fix: 'define the virtual service and its provider in this app' });
    }
    const clientTls: ClientTls = { policy: gateway.model.spec.backendDefaults?.clientPolicy, field: 'spec.backendDefaults.clientPolicy.tls' };
    const provider = service.model.spec.provider ?? {};
    const targetPort: number | undefined = body.action.target.port;
    let action: object;
    if (provider.virtualNode) {
      const node = this.view.get('virtualNode', provider.virtualNode.virtualNodeName)!;
      const listeners = node?.model.spec.listeners ?? [];
      const l = targetPort === undefined ? listeners[0] : listeners.find((x) => x.portMapping.port === targetPort);
      if (!l) throw new MeshKitError({ code: 'AMK_ENVOY_UNRESOLVABLE', constructPath: route.path, field: field, value: JSON.stringify(serviceName), message: 'the target\'s provider has no listener to send to', fix: 'give the provider node a listener' });
      action = { cluster: this.egressCluster(gateway, node, l, serviceName, clientTls), timeout: DEFAULT_REQUEST_TIMEOUT };
    } else if (provider.virtualRouter) {
      // App Mesh applies the gateway route (match, rewrites) and then the router's routes to the
      // rewritten request; the router's table runs in an internal listener, and its routes own
      // the timeouts and retries (the hop itself has none).
      const router = this.view.get('virtualRouter', provider.virtualRouter.virtualRouterName)!;
      const listeners = router.model.spec.listeners ?? [];
      const l = targetPort === undefined ? listeners[0] : listeners.find((x) => x.portMapping.port === targetPort);
      if (!l) {
        throw new MeshKitError({ code: 'AMK_ENVOY_UNRESOLVABLE', constructPath: route.path, field: field, value: JSON.stringify(serviceName), message: 'the target\'s router has no listener on that port', fix: 'set the target port to one of the router\'s listener ports' });
      }
      action = { cluster: this.routerHop(gateway, router, l.portMapping.port, l.portMapping.protocol, serviceName, clientTls), timeout: '0s' };
    } else {
      throw new MeshKitError({ code: 'AMK_ENVOY_UNRESOLVABLE', constructPath: route.path, field: field, value: JSON.stringify(serviceName), message: 'the target virtual service has no provider, so nothing answers it', fix: 'give the virtual service a node or router provider' });
    }
    const rewrite = body.action.rewrite ?? {};
    const prefixMatch = body.match?.prefix !== undefined;
    const rewrites = {
      // App Mesh rewrites a matched prefix to '/' unless the default is disabled, or to the given value.
      ...(prefixMatch && rewrite.prefix?.value !== undefined ? { prefixRewrite: rewrite.prefix.value }
        : prefixMatch && rewrite.prefix?.defaultPrefix !== 'DISABLED' ? defaultPrefixRewrite(body.match!.prefix!) : {}),
      ...(rewrite.path?.exact !== undefined ? { regexRewrite: { pattern: { regex: '^.*$' }, substitution: rewrite.path.exact } } : {}),
      // ... and the Host header to the target virtual service's name, unless disabled.
      ...(rewrite.hostname?.defaultTargetHostname === 'DISABLED' ? {} : { hostRewriteLiteral: serviceName }),
    };
    return { match: withHostname(routeMatch(protocol, body.match), body.match?.hostname), route: { ...action, ...rewrites } };
  }

  /**
   * The hop from a gateway route into a router's route table: an Envoy internal listener
   * (envoy.bootstrap.internal_listener) holding the router's routes for that listener, and an
   * internal-address cluster to it. Chosen over a loopback listener: it needs no port, nothing
   * outside this Envoy can reach it, and the request never leaves the process.
   */
  private routerHop(
    gateway: Proxy, router: Resolved<VirtualRouterSpecModel>, port: number, protocol: Protocol, service: string, clientTls: ClientTls,
  ): string {
    const listenerName = `router_${service}_${port}`;
    const clusterName = `cds_internal_${service}_${port}`;
    if (!this.internalListeners.has(listenerName)) {
      const routes = this.routerRoutes(gateway, this.routesOf(router, port, protocol), protocol, service, clientTls);
      this.internalListeners.set(listenerName, {
        name: listenerName,
        internalListener: {},
        filterChains: [{
          filters: [this.httpConnectionManager('router', gateway.model.spec.logging, {
            name: `rds_router_${service}_${port}`,
            virtualHosts: [{ name: `${service}:${port}`, domains: ['*'], routes }],
          }, protocol)],
        }],
      });
      this.clusters.set(clusterName, {
        name: clusterName,
        type: 'STATIC',
        connectTimeout: '1s',
        loadAssignment: {
          clusterName,
          endpoints: [{ lbEndpoints: [{ endpoint: { address: { envoyInternalAddress: { serverListenerName: listenerName } } } }] }],
        },
        ...(protocol === 'http2' || protocol === 'grpc' ? http2Upstream() : {}),
      });
    }
    return clusterName;
  }

  // ----- shared pieces -----

  private httpConnectionManager(
    direction: string, logging: LoggingModel | undefined, routeConfig: object, protocol: Protocol, idle?: string,
  ): object {
    return {
      name: 'envoy.filters.network.http_connection_manager',
      typedConfig: {
        '@type': `${ANY}envoy.extensions.filters.network.http_connection_manager.v3.HttpConnectionManager`,
        'statPrefix': direction,
        'codecType': 'AUTO',
        routeConfig,
        'httpFilters': [ROUTER_FILTER],
        'normalizePath': true,
        'mergeSlashes': true,
        'stripAnyHostPort': true,
        ...(protocol === 'http' ? { upgradeConfigs: [{ upgradeType: 'websocket' }] } : {}),
        ...(idle ? { commonHttpProtocolOptions: { idleTimeout: idle } } : {}),
        ...(this.settings.tracing ? { tracing: { provider: tracerProvider(this.settings.tracing, { segmentName: 'envoy', serviceName: 'envoy' }) } } : {}),
        ...this.accessLogField(logging),
      },
    };
  }

  private tcpProxy(direction: string, cluster: string, logging: LoggingModel | undefined, idle?: string): object {
    return this.tcpProxyTo(direction, [{ cluster, weight: 100 }], logging, idle);
  }

  private tcpProxyTo(direction: string, targets: ClusterTarget[], logging: LoggingModel | undefined, idle?: string): object {
    const action = clusterAction(targets);
    return {
      name: 'envoy.filters.network.tcp_proxy',
      typedConfig: {
        '@type': `${ANY}envoy.extensions.filters.network.tcp_proxy.v3.TcpProxy`,
        'statPrefix': direction,
        ...(action.cluster ? { cluster: action.cluster } : { weightedClusters: action.weightedClusters }),
        ...(idle ? { idleTimeout: idle } : {}),
        ...this.accessLogField(logging),
      },
    };
  }

  private accessLogField(logging: LoggingModel | undefined): object {
    const logs = accessLogs(logging);
    return logs.length ? { accessLog: logs } : {};
  }

  /** Builds a TLS transport socket; a source only App Mesh can provide is reported with its field. */
  private tls(resource: Proxy, field: string, build: () => object): object {
    try {
      const socket = build();
      if (usesSds(socket)) this.needsSds = true;
      return socket;
    } catch (error) {
      if (error instanceof StandaloneTlsError) {
        throw new MeshKitError({ code: 'AMK_ENVOY_APP_MESH_ONLY', constructPath: resource.path, field: field, message: error.message, fix: 'switch the certificate or trust to file or SDS' });
      }
      throw error;
    }
  }


}

/** The standalone configuration of one node or gateway of the view. */
export function compileStandalone(view: MeshView, proxy: Proxy, options: StandaloneEnvoyOptions): Record<string, unknown> {
  const compiler = new StandaloneCompiler(view, {
    adminPort: options.adminPort ?? 9901,
    ingressPort: options.ingressPort ?? 15000,
    egressPort: options.egressPort ?? 15001,
    sdsSocketPath: options.sdsSocketPath ?? '/run/spire/sockets/agent.sock',
    tracing: options.tracing?._settings,
  });
  const config = isGateway(proxy) ? compiler.compileGateway(proxy) : compiler.compileNode(proxy);
  return holdsTokens(config) ? proxy.member.resolve(config) as Record<string, unknown> : config;
}
