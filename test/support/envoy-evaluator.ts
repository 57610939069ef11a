/**
 * Routes one request through a standalone Envoy v3 configuration the way Envoy would, from
 * Envoy's documented semantics. There is no Envoy binary in the build environment, so this is
 * how tests ask "where would Envoy send this request?" of the configurations the library emits.
 *
 * Input: the proto3 JSON object `EnvoyConfig.toObject()` returns (camelCase field names), with
 * `staticResources.listeners` holding http_connection_manager (inline `routeConfig`, router
 * filter only) or tcp_proxy filter chains.
 *
 * What is modelled, with the Envoy documentation it follows (API docs are the comments of the
 * v3 protos, e.g. `config.listener.v3.FilterChainMatch`; "arch" pages are under
 * envoyproxy.io/docs/envoy/latest/):
 *
 * - Listener choice. A listener with the `original_dst` listener filter (our ingress and egress
 *   listeners, behind an iptables redirect) sees the connection's original destination port; a
 *   listener without it (our gateway listeners) sees its own bound port. Without a listener name,
 *   the listener is the one that binds `request.port`, or the one original_dst listener with a
 *   chain for that port, or else the one original_dst listener that takes any port (a default
 *   chain or a chain without port). Several candidates throw: name the listener then.
 * - Filter chain choice (`config.listener.v3.FilterChainMatch`): the candidates are pruned, in
 *   order, by destination port, server name (SNI: exact, then `*.suffix` from the longest), and
 *   transport protocol; at each step the chains that match most specifically survive, and
 *   chains naming a different value never do (no backtracking). Nothing left: the listener's
 *   `defaultFilterChain` (`config.listener.v3.Listener.default_filter_chain`), else the
 *   connection is closed. The transport protocol is `tls` only when the listener has the
 *   `tls_inspector` listener filter and the request is TLS; otherwise `raw_buffer`. The SNI is
 *   only known through `tls_inspector` as well.
 * - TLS: a chain with a TLS transport socket fails a plaintext connection's handshake; an http
 *   chain without one cannot parse a TLS connection; a tcp chain without one passes TLS through.
 * - HTTP, in this order, as http_connection_manager does before routing
 *   (`extensions.filters.network.http_connection_manager.v3.HttpConnectionManager`):
 *   `normalize_path` (RFC 3986 section 5.2.4 dot segments), then `merge_slashes`, then the port
 *   stripped from the authority (`strip_any_host_port`, or `strip_matching_host_port` when it
 *   equals the listener's port, that is the connection's destination port).
 * - Virtual host (`config.route.v3.VirtualHost.domains`): exact domain, then the longest suffix
 *   wildcard (`*.foo.com`, `*-bar.foo.com`; the wildcard never matches the empty string), then the
 *   longest prefix wildcard (`foo.*`), then `*`; case-insensitive. Duplicate domains are a
 *   config Envoy refuses to load: they throw.
 * - Routes (arch: configuration/http/http_conn_man/route_matching): the first route of the
 *   virtual host whose match holds (`config.route.v3.RouteMatch`): `prefix` (against the path
 *   without query, as Envoy's PathMatcher does), `path` (exact, query removed), `safe_regex`
 *   (RE2, the entire path without query must match), `case_sensitive`, `grpc` (content-type
 *   `application/grpc` or `application/grpc+…`), `headers`, `query_parameters`.
 * - Header matchers (`config.route.v3.HeaderMatcher`): `string_match` (exact, prefix, suffix,
 *   contains with `ignore_case`; `safe_regex` full match), `range_match` ([start, end), base-10
 *   int64), `present_match`, `invert_match`, `treat_missing_header_as_empty`, and no specifier
 *   meaning present. A missing header fails every matcher but `present_match: false`, inverted
 *   or not (the header is ignored and the rule does not match). `:method`, `:authority`,
 *   `:scheme`, `:path` read the pseudo-headers; Envoy keeps the HTTP/1 Host header as
 *   `:authority`, so a matcher named `host` finds no header.
 * - Query parameters (`config.route.v3.QueryParameterMatcher`): the query string split on `&`,
 *   `key` or `key=value`, not percent-decoded, the first value of a repeated key.
 * - Action (`config.route.v3.RouteAction`): `cluster` (reported with weight 100) or
 *   `weighted_clusters` (all clusters with their weights, no random pick); `prefix_rewrite`
 *   replaces the matched prefix (or exact path; for a regex match, the whole path) and keeps the
 *   rest, so `/chapter` → `/` turns `/chapter/1` into `//1`; `regex_rewrite`
 *   (`type.matcher.v3.RegexMatchAndSubstitute`): every match in the path (without query)
 *   replaced, `\1` style groups, RE2 GlobalReplace semantics; `host_rewrite_literal`.
 * - Timeouts: `timeout` (default 15s), `idle_timeout` (else the connection manager's
 *   `stream_idle_timeout`, default 5 minutes), the connection idle timeout
 *   (`config.core.v3.HttpProtocolOptions.idle_timeout`, default 1 hour), tcp_proxy `idle_timeout`
 *   (`extensions.filters.network.tcp_proxy.v3.TcpProxy`, default 1 hour). A value taken from
 *   Envoy's defaults is reported as such in `defaults`.
 *
 * Regular expressions run on real RE2 (Google's library compiled to WASM by `re2-wasm`, which
 * `@grpc/grpc-js-xds` brings along), as full matches `^(?:…)$`. If it cannot be loaded, JS RegExp
 * with the `u` flag stands in (`envoyEvaluatorRegexEngine()` says which): RE2-only syntax then
 * fails to compile and throws, and leftmost-first alternation semantics agree.
 *
 * Known limits (each throws rather than guessing, unless marked):
 * - Any field, filter or shape not listed above throws `EnvoyEvaluatorError` naming it: other
 *   network or HTTP filters, RDS, redirects and direct responses, runtime fractions, filter chain
 *   matches on addresses or ALPN, `use_original_dst`, deprecated header matcher fields.
 * - `normalize_path` only resolves dot segments: a path with percent-escapes, backslashes, spaces,
 *   non-ASCII or other characters Envoy's URL library would escape throws. A path with a
 *   fragment, or not starting with `/`, throws.
 * - Not modelled, silently: header values are trimmed and case is compared as ASCII; SNI and
 *   server names compare lower-cased; `normalize_path` is taken as false when unset (Envoy's
 *   runtime `http_connection_manager.normalize_path` can say otherwise); CONNECT is refused.
 * - Routes naming a cluster missing from `staticResources.clusters` throw (Envoy refuses such an
 *   inline route table at load, and a tcp_proxy to one closes the connection).
 */
import { createRequire } from 'node:module';
import * as path from 'node:path';

// ---------------------------------------------------------------------------
// API
// ---------------------------------------------------------------------------

/** One request on one connection. */
export interface EnvoyRequest {
  /** The connection's destination port: what the client dialed (its original destination behind an iptables redirect). */
  readonly port: number;
  /** `:method`. @default 'GET' */
  readonly method?: string;
  /** `:path`, starting with `/`; may carry a `?query`, which `query` adds to. */
  readonly path: string;
  /** `:authority` (the HTTP/1 Host header), possibly with `:port`. */
  readonly authority: string;
  /** Other request headers (names case-insensitive). `:scheme` may be set here; other pseudo-headers and `host` may not. */
  readonly headers?: Readonly<Record<string, string>>;
  /** Query parameters appended to the path's own, as raw `key=value` text (not percent-encoded by the evaluator). */
  readonly query?: Readonly<Record<string, string>>;
  /** A gRPC request: content-type `application/grpc` unless the headers give one. */
  readonly grpc?: boolean;
  /** A TLS connection, with the SNI the client sends. */
  readonly tls?: { readonly sni?: string };
}

/** Where Envoy sends the request, and why. */
export interface EnvoyDecision {
  /** The listener that took the connection ('' when none did). */
  listener: string;
  /** The index of the filter chain in `filterChains`; -1 for `defaultFilterChain`, or when no chain took the connection. */
  filterChain: number;
  /** What handled the connection: an http_connection_manager route, a tcp_proxy, or nothing. */
  kind: 'http' | 'tcp' | 'none';
  /** The virtual host chosen (http). */
  virtualHost?: string;
  /** The index of the route that matched in the virtual host's routes (http). */
  routeIndex?: number;
  /** The cluster (weight 100), or every weighted cluster with its weight. */
  clusters?: { name: string; weight: number }[];
  /** `:path` sent upstream: normalized, then rewritten (http; with no route, the normalized path). */
  path?: string;
  /** `:authority` sent upstream: port stripped, then rewritten (http; with no route, the stripped authority). */
  authority?: string;
  /** The route's timeout (http). */
  timeout?: string;
  /** The stream idle timeout (http: the route's, else the connection manager's) or the tcp_proxy idle timeout. */
  idleTimeout?: string;
  /** The connection manager's connection idle timeout (http). */
  connectionIdleTimeout?: string;
  /** The route's retry policy, as the config gives it (http). */
  retryPolicy?: object;
  /** Which of `timeout`, `idleTimeout`, `connectionIdleTimeout` hold Envoy's default because the config sets none. */
  defaults?: string[];
  /** Why nothing took the request (kind 'none'): no listener, no chain, TLS mismatch, no virtual host, no route. */
  reason?: string;
  /**
   * When the route sent the request to an internal listener (an internal-address cluster), the
   * decision of that first hop; the fields above are then the internal listener's.
   */
  via?: EnvoyDecision;
}

/** A configuration (or request) the evaluator does not understand, or that Envoy would refuse to load. */
export class EnvoyEvaluatorError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EnvoyEvaluatorError';
  }
}

/** Envoy's defaults for the timeouts the evaluator reports. */
export const ENVOY_DEFAULTS = {
  /** `RouteAction.timeout`. */
  routeTimeout: '15s',
  /** `HttpConnectionManager.stream_idle_timeout` (5 minutes). */
  streamIdleTimeout: '300s',
  /** `HttpProtocolOptions.idle_timeout` of the connection manager (1 hour). */
  connectionIdleTimeout: '3600s',
  /** `TcpProxy.idle_timeout` (1 hour). */
  tcpIdleTimeout: '3600s',
} as const;

/**
 * Routes `request` through the standalone configuration `config` (an `EnvoyConfig.toObject()`),
 * through the listener named `listenerName` if given. Throws `EnvoyEvaluatorError` on shapes it
 * does not understand, ambiguous listener choice, and configs Envoy would refuse to load.
 */
export function evaluateEnvoy(config: object, request: EnvoyRequest, listenerName?: string): EnvoyDecision {
  checkRequest(request);
  const root = asObject(config, '$');
  if (root.dynamicResources !== undefined) {
    fail('$.dynamicResources', 'listeners or routes from xDS are not modelled: give a static configuration');
  }
  const resources = asObject(root.staticResources ?? {}, '$.staticResources');
  const clusters = asArray(resources.clusters, '$.staticResources.clusters').map((c, i) => asObject(c, `$.staticResources.clusters[${i}]`));
  const clusterNames = new Set(clusters.map((c, i) => asString(c.name, `$.staticResources.clusters[${i}].name`)));
  const internalTargets = new Map(clusters.flatMap((c) => {
    const target = internalListenerOf(c);
    return target === undefined ? [] : [[String(c.name), target] as const];
  }));
  const listeners = asArray(resources.listeners, '$.staticResources.listeners').map((l, i) => readListener(l, `$.staticResources.listeners[${i}]`));
  if (internalTargets.size > 0 && !hasInternalListenerExtension(root)) {
    fail('$.bootstrapExtensions', 'internal-address clusters need the envoy.bootstrap.internal_listener bootstrap extension');
  }
  const outer = evaluateOn(clusterNames, request, chooseListener(listeners, request, listenerName));
  const hop = outer.kind === 'http' && outer.clusters?.length === 1 ? internalTargets.get(outer.clusters[0].name) : undefined;
  if (hop === undefined) return outer;
  // The internal listener gets the request as the first hop sends it: rewritten path and authority.
  const inner = listeners.find((l) => l.internal && l.name === hop);
  if (!inner) fail(`cluster ${outer.clusters![0].name}`, `its internal address names the listener ${JSON.stringify(hop)}, which is not an internal listener of the config`);
  const forwarded = { ...request, path: outer.path ?? request.path, authority: outer.authority ?? request.authority, tls: undefined };
  return { ...evaluateOn(clusterNames, forwarded, inner, true), via: outer };
}

/** The internal listener an internal-address cluster sends to, if it is one. */
function internalListenerOf(cluster: Json): string | undefined {
  const endpoints = (cluster.loadAssignment as Json | undefined)?.endpoints as Json[] | undefined;
  const address = ((endpoints?.[0]?.lbEndpoints as Json[] | undefined)?.[0]?.endpoint as Json | undefined)?.address as Json | undefined;
  const internal = address?.envoyInternalAddress as Json | undefined;
  return internal === undefined ? undefined : asString(internal.serverListenerName, `cluster ${String(cluster.name)}.envoyInternalAddress.serverListenerName`);
}

function hasInternalListenerExtension(root: Json): boolean {
  const extensions = (root.bootstrapExtensions ?? []) as Json[];
  return extensions.some((e) => e.name === 'envoy.bootstrap.internal_listener');
}

/** One listener's handling of the request (an internal listener takes it whatever its port). */
function evaluateOn(clusterNames: Set<string>, request: EnvoyRequest, listener: ListenerSpec | undefined, internalHop = false): EnvoyDecision {
  if (!listener) {
    return { listener: '', filterChain: -1, kind: 'none', reason: `no listener takes a connection to port ${request.port}` };
  }
  const destinationPort = listener.originalDst || internalHop ? request.port : listener.port;
  if (destinationPort !== request.port) {
    fail(listener.where, `the listener binds port ${listener.port} and has no original_dst listener filter, so it cannot take a connection to port ${request.port}`);
  }
  const chain = chooseChain(listener, request, destinationPort);
  const base = { listener: listener.name, filterChain: chain === undefined ? -1 : chain.index };
  if (!chain) {
    return { ...base, kind: 'none', reason: `no filter chain of ${listener.name} matches the connection (port ${destinationPort}, ${transportOf(listener, request)}${sniText(listener, request)}) and it has no defaultFilterChain` };
  }
  const chainName = chain.index < 0 ? 'the default filter chain' : `filter chain ${chain.index}`;
  if (chain.requiresTls && !request.tls) {
    return { ...base, kind: 'none', reason: `${chainName} of ${listener.name} terminates TLS and the connection is plaintext: the TLS handshake fails` };
  }
  if (!chain.requiresTls && request.tls && chain.filter.kind === 'http') {
    return { ...base, kind: 'none', reason: `${chainName} of ${listener.name} does not terminate TLS, so its HTTP codec cannot parse the TLS connection` };
  }
  const decision = chain.filter.kind === 'tcp'
    ? tcpDecision(chain.filter)
    : httpDecision(chain.filter, request, destinationPort);
  for (const c of decision.clusters ?? []) {
    if (!clusterNames.has(c.name)) {
      fail(`${chain.where}`, `the chosen route names the cluster ${JSON.stringify(c.name)}, which staticResources.clusters does not define`);
    }
  }
  return { ...base, ...decision };
}

/** The regular expression engine in use: real RE2 (WASM), or JS RegExp standing in for it. */
export function envoyEvaluatorRegexEngine(): 're2' | 'js' {
  return loadRe2() ? 're2' : 'js';
}

// ---------------------------------------------------------------------------
// Reading JSON strictly
// ---------------------------------------------------------------------------

type Json = Record<string, unknown>;

const TYPE = 'type.googleapis.com/';
const HCM_TYPE = `${TYPE}envoy.extensions.filters.network.http_connection_manager.v3.HttpConnectionManager`;
const TCP_PROXY_TYPE = `${TYPE}envoy.extensions.filters.network.tcp_proxy.v3.TcpProxy`;
const ROUTER_TYPE = `${TYPE}envoy.extensions.filters.http.router.v3.Router`;
const ORIGINAL_DST_TYPE = `${TYPE}envoy.extensions.filters.listener.original_dst.v3.OriginalDst`;
const TLS_INSPECTOR_TYPE = `${TYPE}envoy.extensions.filters.listener.tls_inspector.v3.TlsInspector`;
const DOWNSTREAM_TLS_TYPE = `${TYPE}envoy.extensions.transport_sockets.tls.v3.DownstreamTlsContext`;
const RAW_BUFFER_TYPE = `${TYPE}envoy.extensions.transport_sockets.raw_buffer.v3.RawBuffer`;

function fail(where: string, message: string): never {
  throw new EnvoyEvaluatorError(`${where}: ${message}`);
}

function describeValue(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  return typeof v === 'string' ? `the string ${JSON.stringify(v)}` : `${typeof v} ${String(v)}`;
}

function asObject(v: unknown, where: string): Json {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) fail(where, `expected an object, found ${describeValue(v)}`);
  return v as Json;
}

function asArray(v: unknown, where: string): unknown[] {
  if (v === undefined) return [];
  if (!Array.isArray(v)) fail(where, `expected an array, found ${describeValue(v)}`);
  return v;
}

function asString(v: unknown, where: string): string {
  if (typeof v !== 'string') fail(where, `expected a string, found ${describeValue(v)}`);
  return v;
}

function asBool(v: unknown, where: string): boolean {
  if (v === undefined) return false;
  if (typeof v !== 'boolean') fail(where, `expected a boolean, found ${describeValue(v)}`);
  return v;
}

function asUint(v: unknown, where: string): number {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 0) fail(where, `expected an unsigned integer, found ${describeValue(v)}`);
  return v;
}

/** A google.protobuf.Duration in proto3 JSON (`"15s"`, `"0.250s"`). */
function asDuration(v: unknown, where: string): string | undefined {
  if (v === undefined) return undefined;
  const s = asString(v, where);
  if (!/^-?\d+(\.\d{1,9})?s$/.test(s)) fail(where, `expected a duration such as "15s", found ${JSON.stringify(s)}`);
  return s;
}

/** Refuses any field the evaluator does not model: it might change where Envoy sends the request. */
function onlyKeys(o: Json, allowed: readonly string[], where: string): void {
  for (const key of Object.keys(o)) {
    if (!allowed.includes(key)) {
      fail(where, `the field ${JSON.stringify(key)} is not modelled by the evaluator (it may change how Envoy routes, so the evaluator will not guess)`);
    }
  }
}

/** The `@type` of a typed config, which identifies a filter. */
function typeOf(typedConfig: unknown, where: string): string {
  return asString(asObject(typedConfig, where)['@type'], `${where}["@type"]`);
}

// ---------------------------------------------------------------------------
// The configuration, read into what routing needs
// ---------------------------------------------------------------------------

interface StringMatchSpec {
  kind: 'exact' | 'prefix' | 'suffix' | 'contains' | 'regex';
  value: string;
  ignoreCase: boolean;
  regex?: CompiledRegex;
}

interface HeaderMatchSpec {
  name: string;
  kind: 'string' | 'range' | 'present';
  string?: StringMatchSpec;
  range?: { start: bigint; end: bigint };
  present?: boolean;
  invert: boolean;
  missingAsEmpty: boolean;
}

interface QueryMatchSpec {
  name: string;
  string?: StringMatchSpec;
}

interface RouteSpec {
  where: string;
  path: { kind: 'prefix' | 'path' | 'regex'; value: string; regex?: CompiledRegex };
  caseSensitive: boolean;
  grpc: boolean;
  headers: HeaderMatchSpec[];
  query: QueryMatchSpec[];
  clusters: { name: string; weight: number }[];
  prefixRewrite?: string;
  regexRewrite?: { regex: CompiledRegex; substitution: string };
  hostRewriteLiteral?: string;
  timeout?: string;
  idleTimeout?: string;
  retryPolicy?: object;
}

interface VirtualHostSpec {
  name: string;
  routes: RouteSpec[];
}

interface HttpSpec {
  kind: 'http';
  normalizePath: boolean;
  mergeSlashes: boolean;
  stripPort: 'any' | 'matching' | 'none';
  streamIdleTimeout?: string;
  connectionIdleTimeout?: string;
  virtualHosts: VirtualHostSpec[];
  exact: Map<string, number>;
  suffixes: Map<string, number>;
  prefixes: Map<string, number>;
  star?: number;
}

interface TcpSpec {
  kind: 'tcp';
  clusters: { name: string; weight: number }[];
  idleTimeout?: string;
}

interface ChainSpec {
  where: string;
  index: number;
  destinationPort?: number;
  serverNames: string[];
  transportProtocol?: string;
  requiresTls: boolean;
  filter: HttpSpec | TcpSpec;
}

interface ListenerSpec {
  where: string;
  name: string;
  port: number;
  /** An internal listener: reached only through an internal-address cluster. */
  internal: boolean;
  originalDst: boolean;
  tlsInspector: boolean;
  chains: ChainSpec[];
  defaultChain?: ChainSpec;
}

function readListener(value: unknown, where: string): ListenerSpec {
  const l = asObject(value, where);
  // continueOnListenerFiltersTimeout only matters for a connection that sends nothing (server-first protocols).
  onlyKeys(l, ['name', 'address', 'trafficDirection', 'listenerFilters', 'filterChains', 'defaultFilterChain',
    'continueOnListenerFiltersTimeout', 'internalListener'], where);
  const name = asString(l.name, `${where}.name`);
  const at = `listener ${name}`;
  // An internal listener (envoy.bootstrap.internal_listener) has no address: only internal-address clusters reach it.
  const internal = l.internalListener !== undefined;
  if (internal) onlyKeys(asObject(l.internalListener, `${at}.internalListener`), [], `${at}.internalListener`);
  if (internal && l.address !== undefined) fail(`${at}.address`, 'an internal listener has no address');
  let port = 0;
  if (!internal) {
    const address = asObject(l.address, `${at}.address`);
    onlyKeys(address, ['socketAddress'], `${at}.address`);
    const socket = asObject(address.socketAddress, `${at}.address.socketAddress`);
    onlyKeys(socket, ['address', 'portValue'], `${at}.address.socketAddress`);
    port = asUint(socket.portValue, `${at}.address.socketAddress.portValue`);
  }
  let originalDst = false;
  let tlsInspector = false;
  asArray(l.listenerFilters, `${at}.listenerFilters`).forEach((f, i) => {
    const fw = `${at}.listenerFilters[${i}]`;
    const filter = asObject(f, fw);
    onlyKeys(filter, ['name', 'typedConfig'], fw);
    const typedConfig = asObject(filter.typedConfig, `${fw}.typedConfig`);
    onlyKeys(typedConfig, ['@type'], `${fw}.typedConfig`);
    const type = typeOf(typedConfig, `${fw}.typedConfig`);
    if (type === ORIGINAL_DST_TYPE) {
      originalDst = true;
    } else if (type === TLS_INSPECTOR_TYPE) {
      tlsInspector = true;
    } else {
      fail(fw, `the listener filter ${type} is not modelled (only original_dst and tls_inspector are)`);
    }
  });
  const chains = asArray(l.filterChains, `${at}.filterChains`).map((c, i) => readChain(c, `${at}.filterChains[${i}]`, i, false));
  const defaultChain = l.defaultFilterChain === undefined ? undefined : readChain(l.defaultFilterChain, `${at}.defaultFilterChain`, -1, true);
  return { where: at, name, port, internal, originalDst, tlsInspector, chains, defaultChain };
}

function readChain(value: unknown, where: string, index: number, isDefault: boolean): ChainSpec {
  const c = asObject(value, where);
  onlyKeys(c, ['name', 'filterChainMatch', 'filters', 'transportSocket'], where);
  // The default filter chain's match is ignored (Listener.default_filter_chain).
  const m = isDefault ? {} : asObject(c.filterChainMatch ?? {}, `${where}.filterChainMatch`);
  onlyKeys(m, ['destinationPort', 'serverNames', 'transportProtocol'], `${where}.filterChainMatch`);
  const serverNames = asArray(m.serverNames, `${where}.filterChainMatch.serverNames`).map((n, i) => {
    const s = asString(n, `${where}.filterChainMatch.serverNames[${i}]`).toLowerCase();
    if (s.includes('*') && !/^\*\.[^*]+$/.test(s)) {
      fail(`${where}.filterChainMatch.serverNames[${i}]`, `${JSON.stringify(s)} is not a valid server name (only "*.suffix" wildcards are)`);
    }
    return s;
  });
  const filters = asArray(c.filters, `${where}.filters`);
  if (filters.length !== 1) {
    fail(`${where}.filters`, `expected exactly one network filter (http_connection_manager or tcp_proxy), found ${filters.length}`);
  }
  return {
    where,
    index,
    destinationPort: m.destinationPort === undefined ? undefined : asUint(m.destinationPort, `${where}.filterChainMatch.destinationPort`),
    serverNames,
    transportProtocol: m.transportProtocol === undefined ? undefined : asString(m.transportProtocol, `${where}.filterChainMatch.transportProtocol`),
    requiresTls: readTransportSocket(c.transportSocket, `${where}.transportSocket`),
    filter: readNetworkFilter(filters[0], `${where}.filters[0]`),
  };
}

/** Whether the chain terminates TLS. */
function readTransportSocket(value: unknown, where: string): boolean {
  if (value === undefined) return false;
  const socket = asObject(value, where);
  onlyKeys(socket, ['name', 'typedConfig'], where);
  const type = typeOf(socket.typedConfig, `${where}.typedConfig`);
  if (type === DOWNSTREAM_TLS_TYPE) return true;
  if (type === RAW_BUFFER_TYPE) return false;
  return fail(where, `the transport socket ${type} is not modelled`);
}

function readNetworkFilter(value: unknown, where: string): HttpSpec | TcpSpec {
  const filter = asObject(value, where);
  onlyKeys(filter, ['name', 'typedConfig'], where);
  const config = asObject(filter.typedConfig, `${where}.typedConfig`);
  const type = typeOf(config, `${where}.typedConfig`);
  if (type === HCM_TYPE) return readHcm(config, `${where}.typedConfig`);
  if (type === TCP_PROXY_TYPE) return readTcpProxy(config, `${where}.typedConfig`);
  return fail(where, `the network filter ${type} is not modelled (only http_connection_manager and tcp_proxy are)`);
}

function readTcpProxy(config: Json, where: string): TcpSpec {
  onlyKeys(config, ['@type', 'statPrefix', 'cluster', 'weightedClusters', 'idleTimeout', 'accessLog'], where);
  return {
    kind: 'tcp',
    clusters: readClusterSpecifier(config, where),
    idleTimeout: asDuration(config.idleTimeout, `${where}.idleTimeout`),
  };
}

/** `cluster` or `weighted_clusters` (route action and tcp_proxy share the shape we read). */
function readClusterSpecifier(o: Json, where: string): { name: string; weight: number }[] {
  if ((o.cluster === undefined) === (o.weightedClusters === undefined)) {
    fail(where, 'expected exactly one of cluster and weightedClusters');
  }
  if (o.cluster !== undefined) {
    return [{ name: asString(o.cluster, `${where}.cluster`), weight: 100 }];
  }
  const wc = asObject(o.weightedClusters, `${where}.weightedClusters`);
  onlyKeys(wc, ['clusters'], `${where}.weightedClusters`);
  const clusters = asArray(wc.clusters, `${where}.weightedClusters.clusters`).map((c, i) => {
    const cw = `${where}.weightedClusters.clusters[${i}]`;
    const cluster = asObject(c, cw);
    onlyKeys(cluster, ['name', 'weight'], cw);
    return { name: asString(cluster.name, `${cw}.name`), weight: cluster.weight === undefined ? 0 : asUint(cluster.weight, `${cw}.weight`) };
  });
  if (clusters.length === 0) fail(`${where}.weightedClusters.clusters`, 'expected at least one cluster');
  if (clusters.every((c) => c.weight === 0)) fail(`${where}.weightedClusters.clusters`, 'the weights add up to 0, which Envoy refuses');
  return clusters;
}

function readHcm(config: Json, where: string): HttpSpec {
  onlyKeys(config, [
    '@type', 'statPrefix', 'codecType', 'routeConfig', 'httpFilters', 'normalizePath', 'mergeSlashes', 'stripAnyHostPort',
    'stripMatchingHostPort', 'pathWithEscapedSlashesAction', 'upgradeConfigs', 'commonHttpProtocolOptions', 'streamIdleTimeout',
    'tracing', 'accessLog', 'useRemoteAddress', 'generateRequestId',
  ], where);
  if (config.routeConfig === undefined) fail(where, 'only an inline routeConfig is modelled (no rds or scopedRoutes)');
  const filters = asArray(config.httpFilters, `${where}.httpFilters`);
  filters.forEach((f, i) => {
    const fw = `${where}.httpFilters[${i}]`;
    const filter = asObject(f, fw);
    onlyKeys(filter, ['name', 'typedConfig'], fw);
    const typedConfig = asObject(filter.typedConfig, `${fw}.typedConfig`);
    onlyKeys(typedConfig, ['@type'], `${fw}.typedConfig`);
    if (typeOf(typedConfig, `${fw}.typedConfig`) !== ROUTER_TYPE) {
      fail(fw, `the HTTP filter ${typeOf(typedConfig, `${fw}.typedConfig`)} is not modelled (only the router is)`);
    }
  });
  if (filters.length !== 1) fail(`${where}.httpFilters`, `expected exactly the router filter, found ${filters.length} filters`);
  if (config.pathWithEscapedSlashesAction !== undefined
    && !['KEEP_UNCHANGED', 'IMPLEMENTATION_SPECIFIC_DEFAULT'].includes(asString(config.pathWithEscapedSlashesAction, `${where}.pathWithEscapedSlashesAction`))) {
    fail(`${where}.pathWithEscapedSlashesAction`, 'only KEEP_UNCHANGED is modelled');
  }
  const stripAny = asBool(config.stripAnyHostPort, `${where}.stripAnyHostPort`);
  const stripMatching = asBool(config.stripMatchingHostPort, `${where}.stripMatchingHostPort`);
  if (stripAny && stripMatching) fail(where, 'only one of stripAnyHostPort and stripMatchingHostPort may be set');
  let connectionIdleTimeout: string | undefined;
  if (config.commonHttpProtocolOptions !== undefined) {
    const options = asObject(config.commonHttpProtocolOptions, `${where}.commonHttpProtocolOptions`);
    onlyKeys(options, ['idleTimeout'], `${where}.commonHttpProtocolOptions`);
    connectionIdleTimeout = asDuration(options.idleTimeout, `${where}.commonHttpProtocolOptions.idleTimeout`);
  }
  const spec: HttpSpec = {
    kind: 'http',
    normalizePath: asBool(config.normalizePath, `${where}.normalizePath`),
    mergeSlashes: asBool(config.mergeSlashes, `${where}.mergeSlashes`),
    stripPort: stripAny ? 'any' : stripMatching ? 'matching' : 'none',
    streamIdleTimeout: asDuration(config.streamIdleTimeout, `${where}.streamIdleTimeout`),
    connectionIdleTimeout,
    virtualHosts: [],
    exact: new Map(),
    suffixes: new Map(),
    prefixes: new Map(),
  };
  const rc = asObject(config.routeConfig, `${where}.routeConfig`);
  onlyKeys(rc, ['name', 'virtualHosts'], `${where}.routeConfig`);
  asArray(rc.virtualHosts, `${where}.routeConfig.virtualHosts`).forEach((v, i) => {
    const vw = `${where}.routeConfig.virtualHosts[${i}]`;
    const vh = asObject(v, vw);
    onlyKeys(vh, ['name', 'domains', 'routes'], vw);
    const name = asString(vh.name, `${vw}.name`);
    asArray(vh.domains, `${vw}.domains`).forEach((d, j) => addDomain(spec, asString(d, `${vw}.domains[${j}]`), i, `${vw}.domains[${j}]`));
    const routes = asArray(vh.routes, `${vw}.routes`).map((r, j) => readRoute(r, `${vw}.routes[${j}]`));
    spec.virtualHosts.push({ name, routes });
  });
  return spec;
}

/** Domains are indexed like Envoy's RouteMatcher; a repeated domain makes Envoy refuse the route table. */
function addDomain(spec: HttpSpec, domain: string, index: number, where: string): void {
  const d = domain.toLowerCase();
  if (d === '') fail(where, 'an empty domain is not valid');
  const duplicate = (): never => fail(where, `the domain ${JSON.stringify(domain)} appears twice in the route table, which Envoy refuses to load`);
  if (d === '*') {
    if (spec.star !== undefined) duplicate();
    spec.star = index;
  } else if (d.startsWith('*')) {
    if (spec.suffixes.has(d.slice(1))) duplicate();
    spec.suffixes.set(d.slice(1), index);
  } else if (d.endsWith('*')) {
    if (spec.prefixes.has(d.slice(0, -1))) duplicate();
    spec.prefixes.set(d.slice(0, -1), index);
  } else {
    if (spec.exact.has(d)) duplicate();
    spec.exact.set(d, index);
  }
}

function readRoute(value: unknown, where: string): RouteSpec {
  const r = asObject(value, where);
  onlyKeys(r, ['name', 'match', 'route'], where);
  if (r.route === undefined) fail(where, 'only routes with a route action are modelled (no redirect or directResponse)');
  const m = asObject(r.match, `${where}.match`);
  const mw = `${where}.match`;
  onlyKeys(m, ['prefix', 'path', 'safeRegex', 'caseSensitive', 'grpc', 'headers', 'queryParameters'], mw);
  const specifiers = ['prefix', 'path', 'safeRegex'].filter((k) => m[k] !== undefined);
  if (specifiers.length !== 1) fail(mw, `expected exactly one of prefix, path and safeRegex, found ${specifiers.length}`);
  const pathSpec: RouteSpec['path'] = m.prefix !== undefined ? { kind: 'prefix', value: asString(m.prefix, `${mw}.prefix`) }
    : m.path !== undefined ? { kind: 'path', value: asString(m.path, `${mw}.path`) }
      : readRegexMatcher(m.safeRegex, `${mw}.safeRegex`);
  if (m.grpc !== undefined) onlyKeys(asObject(m.grpc, `${mw}.grpc`), [], `${mw}.grpc`);
  const a = asObject(r.route, `${where}.route`);
  const aw = `${where}.route`;
  onlyKeys(a, ['cluster', 'weightedClusters', 'prefixRewrite', 'regexRewrite', 'hostRewriteLiteral', 'timeout', 'idleTimeout', 'retryPolicy'], aw);
  // An empty string is proto3's unset value.
  const prefixRewrite = a.prefixRewrite === undefined ? undefined : asString(a.prefixRewrite, `${aw}.prefixRewrite`) || undefined;
  let regexRewrite: RouteSpec['regexRewrite'];
  if (a.regexRewrite !== undefined) {
    const rr = asObject(a.regexRewrite, `${aw}.regexRewrite`);
    onlyKeys(rr, ['pattern', 'substitution'], `${aw}.regexRewrite`);
    const pattern = readRegexMatcher(rr.pattern, `${aw}.regexRewrite.pattern`);
    const substitution = asString(rr.substitution ?? '', `${aw}.regexRewrite.substitution`);
    checkSubstitution(substitution, pattern.regex!.groups, `${aw}.regexRewrite.substitution`);
    regexRewrite = { regex: pattern.regex!, substitution };
  }
  if (prefixRewrite !== undefined && regexRewrite) fail(aw, 'only one of prefixRewrite and regexRewrite may be set');
  const hostRewriteLiteral = a.hostRewriteLiteral === undefined ? undefined : asString(a.hostRewriteLiteral, `${aw}.hostRewriteLiteral`) || undefined;
  return {
    where,
    path: pathSpec,
    caseSensitive: m.caseSensitive === undefined ? true : asBool(m.caseSensitive, `${mw}.caseSensitive`),
    grpc: m.grpc !== undefined,
    headers: asArray(m.headers, `${mw}.headers`).map((h, i) => readHeaderMatcher(h, `${mw}.headers[${i}]`)),
    query: asArray(m.queryParameters, `${mw}.queryParameters`).map((q, i) => readQueryMatcher(q, `${mw}.queryParameters[${i}]`)),
    clusters: readClusterSpecifier({ cluster: a.cluster, weightedClusters: a.weightedClusters }, aw),
    prefixRewrite,
    regexRewrite,
    hostRewriteLiteral,
    timeout: asDuration(a.timeout, `${aw}.timeout`),
    idleTimeout: asDuration(a.idleTimeout, `${aw}.idleTimeout`),
    retryPolicy: a.retryPolicy === undefined ? undefined : structuredClone(asObject(a.retryPolicy, `${aw}.retryPolicy`)),
  };
}

function readRegexMatcher(value: unknown, where: string): { kind: 'regex'; value: string; regex: CompiledRegex } {
  const rm = asObject(value, where);
  onlyKeys(rm, ['regex', 'googleRe2'], where);
  const regex = asString(rm.regex, `${where}.regex`);
  return { kind: 'regex', value: regex, regex: compileRegex(regex, where) };
}

function readStringMatcher(value: unknown, where: string): StringMatchSpec {
  const sm = asObject(value, where);
  onlyKeys(sm, ['exact', 'prefix', 'suffix', 'contains', 'safeRegex', 'ignoreCase'], where);
  const kinds = ['exact', 'prefix', 'suffix', 'contains', 'safeRegex'].filter((k) => sm[k] !== undefined);
  if (kinds.length !== 1) fail(where, `expected exactly one of exact, prefix, suffix, contains and safeRegex, found ${kinds.length}`);
  const ignoreCase = asBool(sm.ignoreCase, `${where}.ignoreCase`);
  if (kinds[0] === 'safeRegex') {
    // ignore_case has no effect on safe_regex (type.matcher.v3.StringMatcher).
    const regex = readRegexMatcher(sm.safeRegex, `${where}.safeRegex`);
    return { ...regex, ignoreCase: false };
  }
  const kind = kinds[0] as StringMatchSpec['kind'];
  const v = asString(sm[kind], `${where}.${kind}`);
  if (v === '' && kind !== 'exact') fail(`${where}.${kind}`, `an empty ${kind} is not valid`);
  return { kind, value: v, ignoreCase };
}

function readHeaderMatcher(value: unknown, where: string): HeaderMatchSpec {
  const h = asObject(value, where);
  for (const deprecated of ['exactMatch', 'safeRegexMatch', 'prefixMatch', 'suffixMatch', 'containsMatch']) {
    if (h[deprecated] !== undefined) fail(where, `the deprecated field ${deprecated} is not modelled: use stringMatch`);
  }
  onlyKeys(h, ['name', 'stringMatch', 'rangeMatch', 'presentMatch', 'invertMatch', 'treatMissingHeaderAsEmpty'], where);
  const name = asString(h.name, `${where}.name`).toLowerCase();
  const kinds = ['stringMatch', 'rangeMatch', 'presentMatch'].filter((k) => h[k] !== undefined);
  if (kinds.length > 1) fail(where, 'expected at most one of stringMatch, rangeMatch and presentMatch');
  const invert = asBool(h.invertMatch, `${where}.invertMatch`);
  const missingAsEmpty = asBool(h.treatMissingHeaderAsEmpty, `${where}.treatMissingHeaderAsEmpty`);
  if (h.stringMatch !== undefined) {
    return { name, kind: 'string', string: readStringMatcher(h.stringMatch, `${where}.stringMatch`), invert, missingAsEmpty };
  }
  if (h.rangeMatch !== undefined) {
    const rm = asObject(h.rangeMatch, `${where}.rangeMatch`);
    onlyKeys(rm, ['start', 'end'], `${where}.rangeMatch`);
    const bound = (v: unknown, w: string): bigint => {
      // int64 in proto3 JSON: a decimal string (or a number).
      if (typeof v === 'number' && Number.isInteger(v)) return BigInt(v);
      if (v === undefined) return 0n;
      const s = asString(v, w);
      if (!/^-?\d+$/.test(s)) fail(w, `expected an int64, found ${JSON.stringify(s)}`);
      return BigInt(s);
    };
    return { name, kind: 'range', range: { start: bound(rm.start, `${where}.rangeMatch.start`), end: bound(rm.end, `${where}.rangeMatch.end`) }, invert, missingAsEmpty };
  }
  // No specifier at all means present_match (config.route.v3.HeaderMatcher).
  const present = h.presentMatch === undefined ? true : asBool(h.presentMatch, `${where}.presentMatch`);
  if (missingAsEmpty) fail(where, 'treatMissingHeaderAsEmpty with a presence match is not modelled');
  return { name, kind: 'present', present, invert, missingAsEmpty };
}

function readQueryMatcher(value: unknown, where: string): QueryMatchSpec {
  const q = asObject(value, where);
  onlyKeys(q, ['name', 'stringMatch', 'presentMatch'], where);
  const name = asString(q.name, `${where}.name`);
  if ((q.stringMatch === undefined) === (q.presentMatch === undefined)) fail(where, 'expected exactly one of stringMatch and presentMatch');
  if (q.stringMatch !== undefined) return { name, string: readStringMatcher(q.stringMatch, `${where}.stringMatch`) };
  if (q.presentMatch !== true) fail(`${where}.presentMatch`, 'only presentMatch: true is modelled');
  return { name };
}

// ---------------------------------------------------------------------------
// Listener and filter chain
// ---------------------------------------------------------------------------

function checkRequest(request: EnvoyRequest): void {
  if (!Number.isInteger(request.port) || request.port < 1 || request.port > 65535) fail('request.port', `expected a port, found ${request.port}`);
  if (!request.path.startsWith('/')) fail('request.path', `expected a path starting with "/", found ${JSON.stringify(request.path)}`);
  if (request.path.includes('#')) fail('request.path', 'a fragment is not sent on the wire');
  if ((request.method ?? 'GET').toUpperCase() === 'CONNECT') fail('request.method', 'CONNECT is not modelled');
  for (const name of Object.keys(request.headers ?? {})) {
    const lower = name.toLowerCase();
    if (lower === 'host' || (lower.startsWith(':') && lower !== ':scheme')) {
      fail(`request.headers[${JSON.stringify(name)}]`, 'give the method, path and authority through request.method, request.path and request.authority');
    }
  }
}

function chooseListener(listeners: ListenerSpec[], request: EnvoyRequest, name: string | undefined): ListenerSpec | undefined {
  if (name !== undefined) {
    const found = listeners.find((l) => l.name === name);
    if (!found) fail('listenerName', `no listener is named ${JSON.stringify(name)} (there are ${listeners.map((l) => JSON.stringify(l.name)).join(', ') || 'none'})`);
    return found;
  }
  const pick = (candidates: ListenerSpec[], why: string): ListenerSpec | undefined => {
    if (candidates.length > 1) {
      fail('listenerName', `several listeners could take a connection to port ${request.port} (${why}): ${candidates.map((l) => l.name).join(', ')}; name the one the traffic reaches`);
    }
    return candidates[0];
  };
  listeners = listeners.filter((l) => !l.internal);
  const explicit = listeners.filter((l) => (l.originalDst
    ? l.chains.some((c) => c.destinationPort === request.port)
    : l.port === request.port));
  if (explicit.length > 0) return pick(explicit, 'a listener bound to it, or an original_dst listener with a filter chain for it');
  // Behind an iptables redirect, an original_dst listener also takes ports it has no chain for.
  return pick(listeners.filter((l) => l.originalDst && (l.defaultChain || l.chains.some((c) => c.destinationPort === undefined))),
    'original_dst listeners that take any port');
}

function transportOf(listener: ListenerSpec, request: EnvoyRequest): string {
  // tls_inspector sets "tls"; otherwise the transport protocol stays "raw_buffer" (FilterChainMatch.transport_protocol).
  return request.tls && listener.tlsInspector ? 'tls' : 'raw_buffer';
}

function sniText(listener: ListenerSpec, request: EnvoyRequest): string {
  return request.tls?.sni && listener.tlsInspector ? `, SNI ${request.tls.sni}` : '';
}

/** FilterChainMatch: prune by destination port, then server name, then transport protocol; the most specific survive each step. */
function chooseChain(listener: ListenerSpec, request: EnvoyRequest, destinationPort: number): ChainSpec | undefined {
  let candidates = listener.chains;
  const byPort = candidates.filter((c) => c.destinationPort === destinationPort);
  candidates = byPort.length > 0 ? byPort : candidates.filter((c) => c.destinationPort === undefined);

  const sni = listener.tlsInspector && request.tls?.sni ? request.tls.sni.toLowerCase() : undefined;
  const withoutNames = candidates.filter((c) => c.serverNames.length === 0);
  if (sni) {
    const labels = sni.split('.');
    const names = [sni, ...labels.slice(1).map((_, i) => `*.${labels.slice(i + 1).join('.')}`)];
    const named = names.map((n) => candidates.filter((c) => c.serverNames.includes(n))).find((found) => found.length > 0);
    candidates = named ?? withoutNames;
  } else {
    candidates = withoutNames;
  }

  const transport = transportOf(listener, request);
  const byTransport = candidates.filter((c) => c.transportProtocol === transport);
  candidates = byTransport.length > 0 ? byTransport : candidates.filter((c) => c.transportProtocol === undefined);

  if (candidates.length > 1) {
    fail(listener.where, `filter chains ${candidates.map((c) => c.index).join(' and ')} match the same connections, which Envoy refuses to load`);
  }
  return candidates[0] ?? listener.defaultChain;
}

// ---------------------------------------------------------------------------
// TCP
// ---------------------------------------------------------------------------

function tcpDecision(spec: TcpSpec): Omit<EnvoyDecision, 'listener' | 'filterChain'> {
  return {
    kind: 'tcp',
    clusters: spec.clusters.map((c) => ({ ...c })),
    idleTimeout: spec.idleTimeout ?? ENVOY_DEFAULTS.tcpIdleTimeout,
    ...(spec.idleTimeout === undefined ? { defaults: ['idleTimeout'] } : {}),
  };
}

// ---------------------------------------------------------------------------
// HTTP
// ---------------------------------------------------------------------------

interface HttpContext {
  method: string;
  scheme: string;
  authority: string;
  fullPath: string;
  pathOnly: string;
  headers: Map<string, string>;
  query: Map<string, string>;
}

function httpDecision(spec: HttpSpec, request: EnvoyRequest, destinationPort: number): Omit<EnvoyDecision, 'listener' | 'filterChain'> {
  const ctx = httpContext(spec, request, destinationPort);
  const vhIndex = chooseVirtualHost(spec, ctx.authority);
  if (vhIndex === undefined) {
    return { kind: 'none', path: ctx.fullPath, authority: ctx.authority, reason: `no virtual host has a domain matching the authority ${JSON.stringify(ctx.authority)}` };
  }
  const vh = spec.virtualHosts[vhIndex];
  const routeIndex = vh.routes.findIndex((r) => routeMatches(r, ctx));
  if (routeIndex < 0) {
    return { kind: 'none', virtualHost: vh.name, path: ctx.fullPath, authority: ctx.authority, reason: `no route of the virtual host ${vh.name} matches` };
  }
  const route = vh.routes[routeIndex];
  const defaults: string[] = [];
  const idleTimeout = route.idleTimeout ?? spec.streamIdleTimeout;
  if (route.timeout === undefined) defaults.push('timeout');
  if (idleTimeout === undefined) defaults.push('idleTimeout');
  if (spec.connectionIdleTimeout === undefined) defaults.push('connectionIdleTimeout');
  return {
    kind: 'http',
    virtualHost: vh.name,
    routeIndex,
    clusters: route.clusters.map((c) => ({ ...c })),
    path: rewritePath(route, ctx),
    authority: route.hostRewriteLiteral ?? ctx.authority,
    timeout: route.timeout ?? ENVOY_DEFAULTS.routeTimeout,
    idleTimeout: idleTimeout ?? ENVOY_DEFAULTS.streamIdleTimeout,
    connectionIdleTimeout: spec.connectionIdleTimeout ?? ENVOY_DEFAULTS.connectionIdleTimeout,
    ...(route.retryPolicy ? { retryPolicy: structuredClone(route.retryPolicy) } : {}),
    ...(defaults.length ? { defaults } : {}),
  };
}

/** The request as the router sees it: path normalized and slashes merged, port stripped from the authority. */
function httpContext(spec: HttpSpec, request: EnvoyRequest, destinationPort: number): HttpContext {
  const queryStart = request.path.indexOf('?');
  let pathPart = queryStart < 0 ? request.path : request.path.slice(0, queryStart);
  const queryParts = [
    ...(queryStart < 0 || queryStart === request.path.length - 1 ? [] : [request.path.slice(queryStart + 1)]),
    ...Object.entries(request.query ?? {}).map(([k, v]) => `${k}=${v}`),
  ];
  if (spec.normalizePath) pathPart = normalizeRfc3986(pathPart);
  if (spec.mergeSlashes) pathPart = mergeSlashes(pathPart);
  const query = queryParts.length > 0 ? queryParts.join('&') : queryStart >= 0 ? '' : undefined;
  const fullPath = query === undefined ? pathPart : `${pathPart}?${query}`;

  const authority = spec.stripPort === 'any' ? stripPort(request.authority)
    : spec.stripPort === 'matching' ? stripPort(request.authority, destinationPort) : request.authority;

  const headers = new Map<string, string>();
  for (const [name, value] of Object.entries(request.headers ?? {})) {
    // HTTP codecs drop surrounding whitespace from header values.
    headers.set(name.toLowerCase(), value.trim());
  }
  if (request.grpc) {
    const contentType = headers.get('content-type');
    if (contentType === undefined) {
      headers.set('content-type', 'application/grpc');
    } else if (!isGrpcContentType(contentType)) {
      fail('request', `grpc is set but the content-type is ${JSON.stringify(contentType)}`);
    }
  }
  const scheme = headers.get(':scheme') ?? (request.tls ? 'https' : 'http');
  headers.delete(':scheme');
  return {
    method: request.method ?? 'GET',
    scheme,
    authority,
    fullPath,
    pathOnly: pathPart,
    headers,
    query: parseQuery(query),
  };
}

/** RFC 3986 section 5.2.4, remove_dot_segments; the rest of Envoy's URL canonicalization is refused rather than guessed. */
function normalizeRfc3986(p: string): string {
  if (!/^[A-Za-z0-9\-._~!$&'()*+,;=:@/]*$/.test(p)) {
    fail('request.path', `${JSON.stringify(p)} has characters (percent-escapes, spaces, backslashes, non-ASCII…) whose canonicalization by normalize_path the evaluator does not model`);
  }
  let input = p;
  let output = '';
  const dropLastSegment = (): void => {
    output = output.slice(0, Math.max(0, output.lastIndexOf('/')));
  };
  while (input.length > 0) {
    if (input.startsWith('../')) {
      input = input.slice(3);
    } else if (input.startsWith('./')) {
      input = input.slice(2);
    } else if (input.startsWith('/./')) {
      input = input.slice(2);
    } else if (input === '/.') {
      input = '/';
    } else if (input.startsWith('/../')) {
      input = input.slice(3);
      dropLastSegment();
    } else if (input === '/..') {
      input = '/';
      dropLastSegment();
    } else if (input === '.' || input === '..') {
      input = '';
    } else {
      const next = input.indexOf('/', input.startsWith('/') ? 1 : 0);
      const segment = next < 0 ? input : input.slice(0, next);
      output += segment;
      input = input.slice(segment.length);
    }
  }
  return output;
}

/** merge_slashes, as Envoy's PathTransformer::mergeSlashes: keep a leading and a trailing slash, drop empty segments. */
function mergeSlashes(p: string): string {
  if (!p.includes('//')) return p;
  const segments = p.split('/').filter((s) => s.length > 0);
  return `${p.startsWith('/') ? '/' : ''}${segments.join('/')}${p.endsWith('/') ? '/' : ''}`;
}

/** Drops `:port` from a host (not inside an IPv6 literal); with `only`, just when the port equals it. */
function stripPort(host: string, only?: number): string {
  const colon = host.lastIndexOf(':');
  if (colon < 0) return host;
  const v6End = host.lastIndexOf(']');
  if (v6End > colon) return host;
  const port = host.slice(colon + 1);
  if (!/^\d+$/.test(port)) return host;
  if (only !== undefined && Number(port) !== only) return host;
  return host.slice(0, colon);
}

/** The query string as the router reads it: `&`-separated `key` or `key=value`, not decoded, the first value of a key kept. */
function parseQuery(query: string | undefined): Map<string, string> {
  const params = new Map<string, string>();
  for (const part of (query ?? '').split('&')) {
    if (part === '') continue;
    const eq = part.indexOf('=');
    const key = eq < 0 ? part : part.slice(0, eq);
    if (!params.has(key)) params.set(key, eq < 0 ? '' : part.slice(eq + 1));
  }
  return params;
}

function isGrpcContentType(contentType: string): boolean {
  // Exactly application/grpc or application/grpc+…; application/grpc-web is not gRPC.
  return contentType === 'application/grpc' || contentType.startsWith('application/grpc+');
}

/** VirtualHost.domains search order: exact, longest suffix wildcard, longest prefix wildcard, then `*`. */
function chooseVirtualHost(spec: HttpSpec, authority: string): number | undefined {
  const host = authority.toLowerCase();
  const exact = spec.exact.get(host);
  if (exact !== undefined) return exact;
  // The wildcard never matches the empty string, so a wildcard must be shorter than the host.
  const longestFirst = (keys: Iterable<string>) => [...keys].filter((k) => k.length < host.length).sort((a, b) => b.length - a.length);
  const suffix = longestFirst(spec.suffixes.keys()).find((k) => host.endsWith(k));
  if (suffix !== undefined) return spec.suffixes.get(suffix);
  const prefix = longestFirst(spec.prefixes.keys()).find((k) => host.startsWith(k));
  if (prefix !== undefined) return spec.prefixes.get(prefix);
  return spec.star;
}

function routeMatches(route: RouteSpec, ctx: HttpContext): boolean {
  const { path: p, caseSensitive } = route;
  const pathMatches = p.kind === 'regex' ? p.regex!.fullMatch(ctx.pathOnly)
    : p.kind === 'prefix' ? (caseSensitive ? ctx.pathOnly.startsWith(p.value) : asciiLower(ctx.pathOnly).startsWith(asciiLower(p.value)))
      : (caseSensitive ? ctx.pathOnly === p.value : asciiLower(ctx.pathOnly) === asciiLower(p.value));
  if (!pathMatches) return false;
  if (route.grpc && !isGrpcContentType(ctx.headers.get('content-type') ?? '')) return false;
  if (!route.headers.every((h) => headerMatches(h, ctx))) return false;
  return route.query.every((q) => {
    const value = ctx.query.get(q.name);
    if (value === undefined) return false;
    return q.string ? stringMatches(q.string, value) : true;
  });
}

function headerValue(ctx: HttpContext, name: string): string | undefined {
  switch (name) {
    case ':method': return ctx.method;
    case ':authority': return ctx.authority;
    case ':path': return ctx.fullPath;
    case ':scheme': return ctx.scheme;
    default: return ctx.headers.get(name);
  }
}

/** HeaderMatcher, as Envoy's HeaderUtility::matchHeaders evaluates it. */
function headerMatches(h: HeaderMatchSpec, ctx: HttpContext): boolean {
  let value = headerValue(ctx, h.name);
  if (value === undefined) {
    if (!h.missingAsEmpty) {
      // A missing header only satisfies "absent" (present_match: false), inverted or not.
      return h.kind === 'present' && (h.invert ? h.present === true : h.present === false);
    }
    value = '';
  }
  let match: boolean;
  if (h.kind === 'string') {
    match = stringMatches(h.string!, value);
  } else if (h.kind === 'range') {
    match = /^[+-]?\d+$/.test(value) && inInt64(BigInt(value)) && BigInt(value) >= h.range!.start && BigInt(value) < h.range!.end;
  } else {
    match = h.present === true;
  }
  return match !== h.invert;
}

function inInt64(v: bigint): boolean {
  return v >= -(2n ** 63n) && v < 2n ** 63n;
}

function asciiLower(s: string): string {
  return s.replace(/[A-Z]/g, (c) => c.toLowerCase());
}

function stringMatches(m: StringMatchSpec, value: string): boolean {
  if (m.kind === 'regex') return m.regex!.fullMatch(value);
  const v = m.ignoreCase ? asciiLower(value) : value;
  const t = m.ignoreCase ? asciiLower(m.value) : m.value;
  switch (m.kind) {
    case 'exact': return v === t;
    case 'prefix': return v.startsWith(t);
    case 'suffix': return v.endsWith(t);
    default: return v.includes(t);
  }
}

/** prefix_rewrite replaces what the path matcher matched; regex_rewrite rewrites the path without query (RouteAction). */
function rewritePath(route: RouteSpec, ctx: HttpContext): string {
  if (route.prefixRewrite !== undefined) {
    // The matched part: the prefix, the exact path, or (safe_regex) the whole path without query.
    const matched = route.path.kind === 'regex' ? ctx.pathOnly.length : route.path.value.length;
    return route.prefixRewrite + ctx.fullPath.slice(matched);
  }
  if (route.regexRewrite) {
    const rewritten = route.regexRewrite.regex.replaceAll(ctx.pathOnly, route.regexRewrite.substitution);
    // Envoy leaves the path alone when the rewrite yields nothing.
    return rewritten === '' ? ctx.fullPath : rewritten + ctx.fullPath.slice(ctx.pathOnly.length);
  }
  return ctx.fullPath;
}

// ---------------------------------------------------------------------------
// Regular expressions: RE2 (WASM), or JS RegExp standing in
// ---------------------------------------------------------------------------

interface RegexMatch {
  index: number;
  match: string;
  groups: (string | undefined)[];
}

interface CompiledRegex {
  /** The number of capture groups. */
  readonly groups: number;
  /** RE2::FullMatch: the whole input must match. */
  fullMatch(input: string): boolean;
  /** RE2::GlobalReplace with a `\N` rewrite string. */
  replaceAll(input: string, substitution: string): string;
}

interface WrappedRe2 {
  ok(): boolean;
  error(): string;
  match(input: string, start: number, getCapturingGroups: boolean): RegexMatch;
}
type WrappedRe2Ctor = new (pattern: string, ignoreCase: boolean, multiline: boolean, dotAll: boolean) => WrappedRe2;

const localRequire = createRequire(__filename);
let re2Ctor: WrappedRe2Ctor | null | undefined;

/** Google's RE2 compiled to WASM (re2-wasm, a dependency of @grpc/grpc-js-xds), through its raw binding. */
function loadRe2(): WrappedRe2Ctor | null {
  if (re2Ctor === undefined) {
    try {
      const xdsDir = path.dirname(localRequire.resolve('@grpc/grpc-js-xds/package.json'));
      const re2Main = localRequire.resolve('re2-wasm', { paths: [xdsDir] });
      re2Ctor = (localRequire(path.join(path.dirname(re2Main), '..', 'wasm', 're2.js')) as { WrappedRE2: WrappedRe2Ctor }).WrappedRE2;
    } catch {
      re2Ctor = null;
    }
  }
  return re2Ctor;
}

const regexCache = new Map<string, CompiledRegex>();

function compileRegex(pattern: string, where: string): CompiledRegex {
  let compiled = regexCache.get(pattern);
  if (!compiled) {
    const Ctor = loadRe2();
    compiled = Ctor ? compileWithRe2(Ctor, pattern, where) : compileWithJs(pattern, where);
    regexCache.set(pattern, compiled);
  }
  return compiled;
}

function compileWithRe2(Ctor: WrappedRe2Ctor, pattern: string, where: string): CompiledRegex {
  // Envoy's RE2 accepts (?<name>…); the RE2 in re2-wasm only (?P<name>…).
  const p = pattern.replace(/(^|[^\\])\(\?<([A-Za-z_])/g, '$1(?P<$2');
  const make = (source: string): WrappedRe2 => {
    const re = new Ctor(source, false, false, false);
    if (!re.ok()) fail(where, `RE2 rejects ${JSON.stringify(pattern)}: ${re.error()}`);
    return re;
  };
  const search = make(p);
  // Without the multiline flag, RE2's $ only matches at the end of the text.
  const full = make(`^(?:${p})$`);
  // An empty alternative matches '' and reports every group of the pattern as unset: their count.
  const groups = make(`(?:${p})|`).match('', 0, true).groups.length;
  return {
    groups,
    fullMatch: (input) => full.match(input, 0, false).index === 0,
    replaceAll: (input, substitution) => globalReplace((s, start) => {
      const m = search.match(s, start, true);
      return m.index < 0 ? null : m;
    }, input, substitution),
  };
}

function compileWithJs(pattern: string, where: string): CompiledRegex {
  const p = pattern.replace(/\(\?P</g, '(?<');
  const make = (source: string, flags: string): RegExp => {
    try {
      return new RegExp(source, flags);
    } catch (error) {
      return fail(where, `the regex ${JSON.stringify(pattern)} does not compile as JS RegExp standing in for RE2: ${(error as Error).message}`);
    }
  };
  const search = make(p, 'gu');
  const full = make(`^(?:${p})$`, 'u');
  const groups = make(`(?:${p})|`, 'u').exec('')!.length - 1;
  return {
    groups,
    fullMatch: (input) => full.test(input),
    replaceAll: (input, substitution) => globalReplace((s, start) => {
      search.lastIndex = start;
      const m = search.exec(s);
      return m ? { index: m.index, match: m[0], groups: m.slice(1) } : null;
    }, input, substitution),
  };
}

/** RE2's rewrite strings: `\0`–`\9` name groups, `\\` is a backslash, nothing else may follow a backslash. */
function checkSubstitution(substitution: string, groups: number, where: string): void {
  for (let i = 0; i < substitution.length; i++) {
    if (substitution[i] !== '\\') continue;
    const next = substitution[i + 1];
    if (next === '\\') {
      i++;
    } else if (next !== undefined && /[0-9]/.test(next)) {
      if (Number(next) > groups) fail(where, `\\${next} names a group the pattern does not have (it has ${groups})`);
      i++;
    } else {
      fail(where, `invalid rewrite string ${JSON.stringify(substitution)}: a backslash must be followed by a digit or a backslash`);
    }
  }
}

function rewriteWith(substitution: string, m: RegexMatch): string {
  let out = '';
  for (let i = 0; i < substitution.length; i++) {
    const c = substitution[i];
    if (c !== '\\') {
      out += c;
    } else {
      const next = substitution[++i];
      out += next === '\\' ? '\\' : next === '0' ? m.match : m.groups[Number(next) - 1] ?? '';
    }
  }
  return out;
}

/**
 * RE2::GlobalReplace: every non-overlapping match from left to right is rewritten; an empty
 * match right where the previous match ended is skipped (one character is copied instead).
 */
function globalReplace(find: (input: string, start: number) => RegexMatch | null, input: string, substitution: string): string {
  let out = '';
  let p = 0;
  let lastEnd = -1;
  let count = 0;
  while (p <= input.length) {
    const m = find(input, p);
    if (!m) break;
    if (p < m.index) out += input.slice(p, m.index);
    if (m.index === lastEnd && m.match.length === 0) {
      const width = (input.codePointAt(p) ?? 0) > 0xffff ? 2 : 1;
      out += input.slice(p, p + width);
      p += width;
      continue;
    }
    out += rewriteWith(substitution, m);
    p = m.index + m.match.length;
    lastEnd = p;
    count++;
  }
  if (count === 0) return input;
  if (p < input.length) out += input.slice(p);
  return out;
}
