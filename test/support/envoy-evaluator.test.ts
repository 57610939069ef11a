import { describe, expect, it } from 'vitest';
import {
  ENVOY_DEFAULTS, EnvoyDecision, EnvoyEvaluatorError, EnvoyRequest, envoyEvaluatorRegexEngine, evaluateEnvoy,
} from './envoy-evaluator';
import { meshFixture } from './fixtures';
import {
  Backend, EnvoyConfig, GatewayRouteSpec, HttpGatewayRoutePathMatch, Mesh, RouteSpec, ServiceDiscovery, VirtualGatewayListener,
  VirtualNode, VirtualNodeBaseProps, VirtualNodeListener, VirtualRouterListener, VirtualServiceProvider,
} from '../../lib';

/* eslint-disable @typescript-eslint/no-explicit-any */

// ---------------------------------------------------------------------------
// Hand-written configurations
// ---------------------------------------------------------------------------

const T = 'type.googleapis.com/';
const ORIGINAL_DST = { name: 'envoy.filters.listener.original_dst', typedConfig: { '@type': `${T}envoy.extensions.filters.listener.original_dst.v3.OriginalDst` } };
const TLS_INSPECTOR = { name: 'envoy.filters.listener.tls_inspector', typedConfig: { '@type': `${T}envoy.extensions.filters.listener.tls_inspector.v3.TlsInspector` } };
const ROUTER = { name: 'envoy.filters.http.router', typedConfig: { '@type': `${T}envoy.extensions.filters.http.router.v3.Router` } };
const TLS_SOCKET = {
  name: 'envoy.transport_sockets.tls',
  typedConfig: { '@type': `${T}envoy.extensions.transport_sockets.tls.v3.DownstreamTlsContext` },
};

/** An http_connection_manager network filter with an inline route table (normalizing like ours unless `extra` says otherwise). */
function hcm(virtualHosts: object[], extra: object = {}): object {
  return {
    name: 'envoy.filters.network.http_connection_manager',
    typedConfig: {
      '@type': `${T}envoy.extensions.filters.network.http_connection_manager.v3.HttpConnectionManager`,
      'statPrefix': 'test',
      'routeConfig': { name: 'routes', virtualHosts },
      'httpFilters': [ROUTER],
      'normalizePath': true,
      'mergeSlashes': true,
      'stripAnyHostPort': true,
      ...extra,
    },
  };
}

/** A tcp_proxy network filter to one cluster (a string) or weighted clusters. */
function tcp(target: string | { name: string; weight: number }[], extra: object = {}): object {
  return {
    name: 'envoy.filters.network.tcp_proxy',
    typedConfig: {
      '@type': `${T}envoy.extensions.filters.network.tcp_proxy.v3.TcpProxy`,
      'statPrefix': 'test',
      ...(typeof target === 'string' ? { cluster: target } : { weightedClusters: { clusters: target } }),
      ...extra,
    },
  };
}

/** A virtual host; routes default to one catch-all route to cluster `name`. */
function vhost(name: string, domains: string[], routes: object[] = [{ match: { prefix: '/' }, route: { cluster: name } }]): object {
  return { name, domains, routes };
}

function listener(name: string, port: number, filterChains: object[], extra: object = {}): object {
  return { name, address: { socketAddress: { address: '0.0.0.0', portValue: port } }, filterChains, ...extra };
}

/** Every cluster name the listeners mention (as `cluster` or a weighted cluster's `name`). */
function clustersOf(value: unknown, into = new Set<string>()): Set<string> {
  if (Array.isArray(value)) {
    value.forEach((v) => clustersOf(v, into));
  } else if (value && typeof value === 'object') {
    for (const [key, v] of Object.entries(value)) {
      if (key === 'cluster' && typeof v === 'string') into.add(v);
      if (key === 'weightedClusters') (v as any).clusters.forEach((c: any) => into.add(c.name));
      clustersOf(v, into);
    }
  }
  return into;
}

/** A static configuration of the listeners, defining every cluster they name. */
function bootstrap(...listeners: object[]): object {
  return { staticResources: { listeners, clusters: [...clustersOf(listeners)].map((name) => ({ name, type: 'STATIC', connectTimeout: '1s' })) } };
}

/** A gateway-like config: listener `gw` bound to 8080, one http chain with these virtual hosts. */
function httpConfig(virtualHosts: object[], hcmExtra: object = {}): object {
  return bootstrap(listener('gw', 8080, [{ filters: [hcm(virtualHosts, hcmExtra)] }]));
}

/** A config whose one virtual host `*` holds these routes. */
function routesConfig(routes: object[], hcmExtra: object = {}): object {
  return httpConfig([vhost('all', ['*'], routes)], hcmExtra);
}

function req(path: string, more: Partial<EnvoyRequest> = {}): EnvoyRequest {
  return { port: 8080, path, authority: 'a.com', ...more };
}

/** Index of the route that takes the request (-1 for none). */
function routeFor(config: object, request: EnvoyRequest): number {
  const d = evaluateEnvoy(config, request);
  return d.kind === 'http' ? d.routeIndex! : -1;
}

/** Route i goes to cluster `r<i>`. */
function numbered(...matches: object[]): object[] {
  return matches.map((match, i) => ({ match, route: { cluster: `r${i}` } }));
}

function thrown(fn: () => unknown): EnvoyEvaluatorError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(EnvoyEvaluatorError);
    return error as EnvoyEvaluatorError;
  }
  throw new Error('expected an EnvoyEvaluatorError');
}

// ---------------------------------------------------------------------------
// Listeners and filter chains
// ---------------------------------------------------------------------------

describe('listener choice', () => {
  const sidecar = bootstrap(
    listener('ingress', 15000, [{ filterChainMatch: { destinationPort: 9090 }, filters: [tcp('local')] }], { listenerFilters: [ORIGINAL_DST, TLS_INSPECTOR] }),
    listener('egress', 15001, [{ filterChainMatch: { destinationPort: 5432 }, filters: [tcp('db')] }], { listenerFilters: [ORIGINAL_DST] }),
    listener('gateway', 8443, [{ filters: [tcp('gw')] }]),
  );

  it('takes the listener bound to the port, or the original_dst listener with a chain for it', () => {
    expect(evaluateEnvoy(sidecar, req('/', { port: 8443 }))).toMatchObject({ listener: 'gateway', filterChain: 0, kind: 'tcp' });
    expect(evaluateEnvoy(sidecar, req('/', { port: 9090 }))).toMatchObject({ listener: 'ingress', clusters: [{ name: 'local', weight: 100 }] });
    expect(evaluateEnvoy(sidecar, req('/', { port: 5432 }))).toMatchObject({ listener: 'egress', clusters: [{ name: 'db', weight: 100 }] });
  });

  it('reports no listener for a port nothing takes', () => {
    expect(evaluateEnvoy(sidecar, req('/', { port: 1234 }))).toEqual({
      listener: '', filterChain: -1, kind: 'none', reason: 'no listener takes a connection to port 1234',
    });
  });

  it('uses the listener named by the caller, with the original destination port', () => {
    const d = evaluateEnvoy(sidecar, req('/', { port: 9090 }), 'egress');
    expect(d).toMatchObject({ listener: 'egress', filterChain: -1, kind: 'none' });
    expect(d.reason).toContain('no filter chain of egress matches the connection (port 9090, raw_buffer)');
  });

  it('refuses an unknown listener name, and a bound listener named for another port', () => {
    expect(thrown(() => evaluateEnvoy(sidecar, req('/'), 'nope')).message).toContain('no listener is named "nope"');
    expect(thrown(() => evaluateEnvoy(sidecar, req('/', { port: 9090 }), 'gateway')).message)
      .toContain('binds port 8443 and has no original_dst listener filter');
  });

  it('refuses to choose between several candidate listeners', () => {
    const config = bootstrap(
      listener('in', 15000, [{ filterChainMatch: { destinationPort: 8080 }, filters: [tcp('a')] }], { listenerFilters: [ORIGINAL_DST] }),
      listener('out', 15001, [{ filterChainMatch: { destinationPort: 8080 }, filters: [tcp('b')] }], { listenerFilters: [ORIGINAL_DST] }),
    );
    expect(thrown(() => evaluateEnvoy(config, req('/'))).message).toContain('several listeners could take a connection to port 8080');
    expect(evaluateEnvoy(config, req('/'), 'out').clusters).toEqual([{ name: 'b', weight: 100 }]);
  });

  it('sends a port without chain to the one original_dst listener with a default chain', () => {
    const config = bootstrap(
      listener('in', 15000, [{ filterChainMatch: { destinationPort: 8080 }, filters: [tcp('a')] }], { listenerFilters: [ORIGINAL_DST] }),
      listener('out', 15001, [{ filterChainMatch: { destinationPort: 9000 }, filters: [tcp('b')] }], {
        listenerFilters: [ORIGINAL_DST], defaultFilterChain: { filters: [tcp('passthrough')] },
      }),
    );
    expect(evaluateEnvoy(config, req('/', { port: 443 }))).toMatchObject({
      listener: 'out', filterChain: -1, kind: 'tcp', clusters: [{ name: 'passthrough', weight: 100 }],
    });
  });
});

describe('filter chain match', () => {
  const withInspector = { listenerFilters: [ORIGINAL_DST, TLS_INSPECTOR] };

  it('prefers the chain naming the destination port over a chain without port', () => {
    const config = bootstrap(listener('l', 15000, [
      { filters: [tcp('any')] },
      { filterChainMatch: { destinationPort: 8080 }, filters: [tcp('p8080')] },
    ], withInspector));
    expect(evaluateEnvoy(config, req('/'), 'l')).toMatchObject({ filterChain: 1, clusters: [{ name: 'p8080', weight: 100 }] });
    expect(evaluateEnvoy(config, req('/', { port: 9000 }), 'l')).toMatchObject({ filterChain: 0, clusters: [{ name: 'any', weight: 100 }] });
  });

  it('splits a permissive port on the transport protocol tls_inspector detects', () => {
    const config = bootstrap(listener('l', 15000, [
      { filterChainMatch: { destinationPort: 8080, transportProtocol: 'tls' }, filters: [tcp('tls')], transportSocket: TLS_SOCKET },
      { filterChainMatch: { destinationPort: 8080 }, filters: [tcp('plain')] },
    ], withInspector));
    expect(evaluateEnvoy(config, req('/', { tls: {} }), 'l')).toMatchObject({ filterChain: 0, clusters: [{ name: 'tls', weight: 100 }] });
    expect(evaluateEnvoy(config, req('/'), 'l')).toMatchObject({ filterChain: 1, clusters: [{ name: 'plain', weight: 100 }] });
  });

  it('matches raw_buffer for a plaintext connection, and sees no TLS without tls_inspector', () => {
    const chains = [
      { filterChainMatch: { transportProtocol: 'tls' }, filters: [tcp('tls')], transportSocket: TLS_SOCKET },
      { filterChainMatch: { transportProtocol: 'raw_buffer' }, filters: [tcp('raw')] },
    ];
    const inspected = bootstrap(listener('l', 8080, chains, { listenerFilters: [TLS_INSPECTOR] }));
    const blind = bootstrap(listener('l', 8080, chains));
    expect(evaluateEnvoy(inspected, req('/')).clusters).toEqual([{ name: 'raw', weight: 100 }]);
    expect(evaluateEnvoy(inspected, req('/', { tls: {} })).clusters).toEqual([{ name: 'tls', weight: 100 }]);
    // Without the inspector a TLS connection is raw_buffer too: the TLS bytes pass through tcp_proxy.
    expect(evaluateEnvoy(blind, req('/', { tls: {} })).clusters).toEqual([{ name: 'raw', weight: 100 }]);
  });

  it('never backtracks: the port-specific chain wins the port step even when it then fails on transport', () => {
    const config = bootstrap(listener('l', 15000, [
      { filterChainMatch: { destinationPort: 8080, transportProtocol: 'tls' }, filters: [tcp('tls')], transportSocket: TLS_SOCKET },
      { filters: [tcp('any')] },
    ], { ...withInspector, defaultFilterChain: { filters: [tcp('default')] } }));
    expect(evaluateEnvoy(config, req('/'), 'l')).toMatchObject({ filterChain: -1, clusters: [{ name: 'default', weight: 100 }] });
    expect(evaluateEnvoy(config, req('/', { port: 9000 }), 'l')).toMatchObject({ filterChain: 1 });
  });

  it('matches the SNI exactly first, then the longest *.suffix, then chains without server names', () => {
    const config = bootstrap(listener('l', 443, [
      { filterChainMatch: { serverNames: ['www.example.com'] }, filters: [tcp('exact')], transportSocket: TLS_SOCKET },
      { filterChainMatch: { serverNames: ['*.example.com'] }, filters: [tcp('example')], transportSocket: TLS_SOCKET },
      { filterChainMatch: { serverNames: ['*.com'] }, filters: [tcp('com')], transportSocket: TLS_SOCKET },
      { filters: [tcp('none')], transportSocket: TLS_SOCKET },
    ], { listenerFilters: [TLS_INSPECTOR] }));
    const via = (sni?: string) => evaluateEnvoy(config, { port: 443, path: '/', authority: 'x', tls: sni === undefined ? {} : { sni } }).clusters![0].name;
    expect(via('www.example.com')).toBe('exact');
    expect(via('WWW.Example.com')).toBe('exact');
    expect(via('api.example.com')).toBe('example');
    expect(via('a.b.example.com')).toBe('example');
    expect(via('example.com')).toBe('com');
    expect(via('example.org')).toBe('none');
    expect(via()).toBe('none');
  });

  it('falls back to the default filter chain, else reports that no chain matched', () => {
    const chains = [{ filterChainMatch: { destinationPort: 8080 }, filters: [tcp('a')] }];
    const withDefault = bootstrap(listener('l', 15001, chains, { listenerFilters: [ORIGINAL_DST], defaultFilterChain: { filters: [tcp('pass')] } }));
    const without = bootstrap(listener('l', 15001, chains, { listenerFilters: [ORIGINAL_DST] }));
    expect(evaluateEnvoy(withDefault, req('/', { port: 443 }), 'l')).toMatchObject({ filterChain: -1, kind: 'tcp', clusters: [{ name: 'pass', weight: 100 }] });
    expect(evaluateEnvoy(without, req('/', { port: 443 }), 'l')).toMatchObject({ listener: 'l', filterChain: -1, kind: 'none' });
  });

  it('fails a plaintext connection on a TLS chain, and a TLS connection on a plaintext http chain', () => {
    const strict = bootstrap(listener('l', 8080, [{ filters: [hcm([vhost('v', ['*'])])], transportSocket: TLS_SOCKET }]));
    expect(evaluateEnvoy(strict, req('/'))).toMatchObject({ filterChain: 0, kind: 'none', reason: expect.stringContaining('TLS handshake fails') });
    expect(evaluateEnvoy(strict, req('/', { tls: {} }))).toMatchObject({ kind: 'http', clusters: [{ name: 'v', weight: 100 }] });
    const plain = bootstrap(listener('l', 8080, [{ filters: [hcm([vhost('v', ['*'])])] }], { listenerFilters: [TLS_INSPECTOR] }));
    expect(evaluateEnvoy(plain, req('/', { tls: {} }))).toMatchObject({ kind: 'none', reason: expect.stringContaining('cannot parse the TLS connection') });
  });

  it('refuses chains that match the same connections, and match criteria it does not model', () => {
    const twins = bootstrap(listener('l', 8080, [{ filters: [tcp('a')] }, { filters: [tcp('b')] }]));
    expect(thrown(() => evaluateEnvoy(twins, req('/'))).message).toContain('filter chains 0 and 1 match the same connections');
    const ranges = bootstrap(listener('l', 8080, [{ filterChainMatch: { prefixRanges: [{ addressPrefix: '10.0.0.0', prefixLen: 8 }] }, filters: [tcp('a')] }]));
    expect(thrown(() => evaluateEnvoy(ranges, req('/'))).message).toContain('"prefixRanges" is not modelled');
  });
});

// ---------------------------------------------------------------------------
// HTTP
// ---------------------------------------------------------------------------

describe('virtual host choice', () => {
  const config = httpConfig([
    vhost('star', ['*']),
    vhost('suffix-a', ['*.a.com']),
    vhost('suffix-b-a', ['*.b.a.com']),
    vhost('dash', ['*-bar.a.com']),
    vhost('prefix-a', ['a.*']),
    vhost('prefix-ab', ['a.b.*']),
    vhost('exact', ['www.b.a.com', 'svc.local:8080']),
  ], { stripAnyHostPort: false });
  const host = (authority: string) => evaluateEnvoy(config, req('/', { authority })).virtualHost;

  it('takes an exact domain before any wildcard', () => {
    expect(host('www.b.a.com')).toBe('exact');
  });

  it('takes the longest suffix wildcard, which never matches an empty part', () => {
    expect(host('x.b.a.com')).toBe('suffix-b-a');
    expect(host('x.a.com')).toBe('suffix-a');
    expect(host('foo-bar.a.com')).toBe('dash');
    expect(host('.a.com')).toBe('star');
  });

  it('takes a prefix wildcard only when no suffix wildcard matches, the longest first', () => {
    expect(host('a.b.org')).toBe('prefix-ab');
    expect(host('a.org')).toBe('prefix-a');
    // Both *.a.com and a.* match a.x.a.com: suffix wildcards come first.
    expect(host('a.x.a.com')).toBe('suffix-a');
  });

  it('falls back to *, and matches case-insensitively', () => {
    expect(host('other.org')).toBe('star');
    expect(host('WWW.B.A.COM')).toBe('exact');
  });

  it('matches name:port domains against an authority that keeps its port', () => {
    expect(host('svc.local:8080')).toBe('exact');
    expect(host('svc.local')).toBe('star');
  });

  it('strips any port with stripAnyHostPort, before matching and in the authority sent', () => {
    const stripping = httpConfig([vhost('svc', ['svc.local'])]);
    expect(evaluateEnvoy(stripping, req('/', { authority: 'svc.local:9999' }))).toMatchObject({ virtualHost: 'svc', authority: 'svc.local' });
    expect(evaluateEnvoy(stripping, req('/', { authority: '[::1]:80' }))).toMatchObject({ kind: 'none', authority: '[::1]' });
    expect(evaluateEnvoy(stripping, req('/', { authority: '[::1]' })).authority).toBe('[::1]');
  });

  it('strips only the listener port with stripMatchingHostPort', () => {
    const matching = httpConfig([vhost('svc', ['svc.local'])], { stripAnyHostPort: undefined, stripMatchingHostPort: true });
    expect(evaluateEnvoy(matching, req('/', { authority: 'svc.local:8080' })).virtualHost).toBe('svc');
    expect(evaluateEnvoy(matching, req('/', { authority: 'svc.local:9090' }))).toMatchObject({
      kind: 'none', reason: 'no virtual host has a domain matching the authority "svc.local:9090"',
    });
  });

  it('refuses a domain listed twice, as Envoy does', () => {
    expect(thrown(() => evaluateEnvoy(httpConfig([vhost('a', ['x.com']), vhost('b', ['X.com'])]), req('/'))).message)
      .toContain('appears twice in the route table');
  });
});

describe('route match: paths', () => {
  it('takes the first matching route, even when a later one is more specific', () => {
    const config = routesConfig(numbered({ prefix: '/api' }, { prefix: '/api/v2' }, { path: '/api/v2/items' }));
    expect(routeFor(config, req('/api/v2/items'))).toBe(0);
    expect(routeFor(config, req('/apix'))).toBe(0);
    expect(routeFor(config, req('/other'))).toBe(-1);
  });

  it('matches prefixes case-sensitively unless caseSensitive is false', () => {
    const config = routesConfig(numbered({ prefix: '/API' }, { prefix: '/api', caseSensitive: false }));
    expect(routeFor(config, req('/API/x'))).toBe(0);
    expect(routeFor(config, req('/Api/x'))).toBe(1);
  });

  it('matches an exact path with the query string removed', () => {
    const config = routesConfig(numbered({ path: '/items' }));
    expect(routeFor(config, req('/items?page=2'))).toBe(0);
    expect(routeFor(config, req('/items/'))).toBe(-1);
  });

  it('matches safeRegex against the whole path, not a part of it', () => {
    const config = routesConfig(numbered({ safeRegex: { regex: '/items/[0-9]+' } }));
    expect(routeFor(config, req('/items/42'))).toBe(0);
    expect(routeFor(config, req('/items/42?x=1'))).toBe(0);
    expect(routeFor(config, req('/items/42/more'))).toBe(-1);
    expect(routeFor(config, req('/v1/items/42'))).toBe(-1);
  });

  it('runs on RE2: full match over alternations, and RE2-only syntax', () => {
    const config = routesConfig(numbered({ safeRegex: { regex: '/a|/ab' } }, { safeRegex: { regex: '/(?P<id>[0-9]+)' } }));
    expect(routeFor(config, req('/ab'))).toBe(0);
    expect(routeFor(config, req('/12'))).toBe(1);
    expect(envoyEvaluatorRegexEngine()).toBe('re2');
    expect(thrown(() => evaluateEnvoy(routesConfig(numbered({ safeRegex: { regex: '(?=x)' } })), req('/'))).message).toContain('RE2 rejects');
  });

  it('sends only gRPC requests to a grpc route', () => {
    const config = routesConfig(numbered({ prefix: '/shop.Catalog/', grpc: {} }, { prefix: '/' }));
    expect(routeFor(config, req('/shop.Catalog/List', { grpc: true }))).toBe(0);
    expect(routeFor(config, req('/shop.Catalog/List', { headers: { 'content-type': 'application/grpc+proto' } }))).toBe(0);
    expect(routeFor(config, req('/shop.Catalog/List', { headers: { 'content-type': 'application/grpc-web' } }))).toBe(1);
    expect(routeFor(config, req('/shop.Catalog/List'))).toBe(1);
  });
});

describe('route match: headers', () => {
  const one = (matcher: object) => routesConfig(numbered({ prefix: '/', headers: [matcher] }));
  const matches = (matcher: object, headers: Record<string, string> = {}, more: Partial<EnvoyRequest> = {}) =>
    routeFor(one(matcher), req('/p', { headers, ...more })) === 0;

  it('compares exact, prefix, suffix and contains, case-insensitively with ignoreCase', () => {
    expect(matches({ name: 'x-v', stringMatch: { exact: 'v2' } }, { 'X-V': 'v2' })).toBe(true);
    expect(matches({ name: 'x-v', stringMatch: { exact: 'v2' } }, { 'x-v': 'V2' })).toBe(false);
    expect(matches({ name: 'x-v', stringMatch: { exact: 'v2', ignoreCase: true } }, { 'x-v': 'V2' })).toBe(true);
    expect(matches({ name: 'ua', stringMatch: { prefix: 'Mozilla' } }, { ua: 'Mozilla/5.0' })).toBe(true);
    expect(matches({ name: 'h', stringMatch: { suffix: '.example.com' } }, { h: 'a.example.com' })).toBe(true);
    expect(matches({ name: 'h', stringMatch: { contains: 'mid' } }, { h: 'amidst' })).toBe(true);
    expect(matches({ name: 'h', stringMatch: { contains: 'MID', ignoreCase: true } }, { h: 'amidst' })).toBe(true);
  });

  it('matches a header regex against the whole value', () => {
    expect(matches({ name: 'x-user', stringMatch: { safeRegex: { regex: 'u-[0-9]+' } } }, { 'x-user': 'u-12' })).toBe(true);
    expect(matches({ name: 'x-user', stringMatch: { safeRegex: { regex: 'u-[0-9]+' } } }, { 'x-user': 'u-12x' })).toBe(false);
  });

  it('takes a range with the start included and the end excluded, for base-10 integers only', () => {
    const range = { name: 'x-shard', rangeMatch: { start: '1', end: '100' } };
    expect(matches(range, { 'x-shard': '1' })).toBe(true);
    expect(matches(range, { 'x-shard': '99' })).toBe(true);
    expect(matches(range, { 'x-shard': '100' })).toBe(false);
    expect(matches(range, { 'x-shard': '0' })).toBe(false);
    expect(matches(range, { 'x-shard': '5.5' })).toBe(false);
    expect(matches(range, { 'x-shard': '5x' })).toBe(false);
    expect(matches({ name: 'n', rangeMatch: { start: '-10', end: '0' } }, { n: '-1' })).toBe(true);
  });

  it('tests presence and absence, and a matcher without specifier means present', () => {
    expect(matches({ name: 'x-debug', presentMatch: true }, { 'x-debug': '' })).toBe(true);
    expect(matches({ name: 'x-debug', presentMatch: true })).toBe(false);
    expect(matches({ name: 'x-debug', presentMatch: false })).toBe(true);
    expect(matches({ name: 'x-debug' }, { 'x-debug': '1' })).toBe(true);
    expect(matches({ name: 'x-debug' })).toBe(false);
  });

  it('inverts a value match, but a missing header never matches an inverted value matcher', () => {
    const notV2 = { name: 'x-v', stringMatch: { exact: 'v2' }, invertMatch: true };
    expect(matches(notV2, { 'x-v': 'v1' })).toBe(true);
    expect(matches(notV2, { 'x-v': 'v2' })).toBe(false);
    expect(matches(notV2)).toBe(false);
    expect(matches({ ...notV2, treatMissingHeaderAsEmpty: true })).toBe(true);
    const notInRange = { name: 'x-shard', rangeMatch: { start: '1', end: '100' }, invertMatch: true };
    expect(matches(notInRange, { 'x-shard': '100' })).toBe(true);
    expect(matches(notInRange)).toBe(false);
  });

  it('inverts presence: present+invert matches only a missing header, absent+invert only a present one', () => {
    expect(matches({ name: 'x-debug', presentMatch: true, invertMatch: true })).toBe(true);
    expect(matches({ name: 'x-debug', presentMatch: true, invertMatch: true }, { 'x-debug': '1' })).toBe(false);
    expect(matches({ name: 'x-debug', presentMatch: false, invertMatch: true }, { 'x-debug': '1' })).toBe(true);
    expect(matches({ name: 'x-debug', presentMatch: false, invertMatch: true })).toBe(false);
  });

  it('reads :method, :authority, :scheme and :path from the request', () => {
    expect(matches({ name: ':method', stringMatch: { exact: 'POST' } }, {}, { method: 'POST' })).toBe(true);
    expect(matches({ name: ':method', stringMatch: { exact: 'POST' } })).toBe(false);
    expect(matches({ name: ':authority', stringMatch: { exact: 'a.com' } }, {}, { authority: 'a.com:8080' })).toBe(true);
    expect(matches({ name: ':scheme', stringMatch: { exact: 'https' } })).toBe(false);
    expect(matches({ name: ':scheme', stringMatch: { exact: 'https' } }, { ':scheme': 'https' })).toBe(true);
    expect(matches({ name: ':path', stringMatch: { exact: '/p?q=1' } }, {}, { query: { q: '1' } })).toBe(true);
  });

  it('finds no host header: Envoy keeps Host as :authority', () => {
    expect(matches({ name: 'host', stringMatch: { suffix: '.com' } })).toBe(false);
    expect(thrown(() => evaluateEnvoy(routesConfig(numbered({ prefix: '/' })), req('/', { headers: { Host: 'a.com' } }))).message)
      .toContain('request.authority');
  });
});

describe('route match: query parameters', () => {
  const config = routesConfig(numbered(
    { prefix: '/', queryParameters: [{ name: 'lang', stringMatch: { exact: 'en' } }] },
    { prefix: '/', queryParameters: [{ name: 'debug', presentMatch: true }] },
    { prefix: '/', queryParameters: [{ name: 'q', stringMatch: { prefix: 'a%20' } }] },
  ));

  it('matches a value exactly, or the presence of the key', () => {
    expect(routeFor(config, req('/x', { query: { lang: 'en' } }))).toBe(0);
    expect(routeFor(config, req('/x?lang=fr'))).toBe(-1);
    expect(routeFor(config, req('/x?debug'))).toBe(1);
    expect(routeFor(config, req('/x?lang=fr&debug=1'))).toBe(1);
  });

  it('reads the first value of a repeated key, not percent-decoded', () => {
    expect(routeFor(config, req('/x?lang=en&lang=fr'))).toBe(0);
    expect(routeFor(config, req('/x?lang=fr&lang=en'))).toBe(-1);
    expect(routeFor(config, req('/x?q=a%20b'))).toBe(2);
  });
});

describe('path normalization', () => {
  const config = routesConfig(numbered({ prefix: '/a/' }, { path: '/b' }));

  it('resolves dot segments, then merges slashes, before matching and upstream', () => {
    expect(evaluateEnvoy(config, req('/x/../a/./y'))).toMatchObject({ routeIndex: 0, path: '/a/y' });
    expect(evaluateEnvoy(config, req('//a///y//'))).toMatchObject({ routeIndex: 0, path: '/a/y/' });
    expect(evaluateEnvoy(config, req('/a/../../b?k=v'))).toMatchObject({ routeIndex: 1, path: '/b?k=v' });
  });

  it('leaves the path alone without normalizePath and mergeSlashes', () => {
    const raw = routesConfig(numbered({ prefix: '/a/' }, { prefix: '/' }), { normalizePath: false, mergeSlashes: false });
    expect(evaluateEnvoy(raw, req('/x/../a/y'))).toMatchObject({ routeIndex: 1, path: '/x/../a/y' });
  });

  it('refuses percent-escapes under normalizePath rather than guessing their canonical form', () => {
    expect(thrown(() => evaluateEnvoy(config, req('/a/%2e%2e/b'))).message).toContain('does not model');
  });
});

describe('route actions', () => {
  it('reports one cluster with weight 100, or every weighted cluster with its weight', () => {
    const config = routesConfig([
      { match: { prefix: '/one' }, route: { cluster: 'c' } },
      { match: { prefix: '/' }, route: { weightedClusters: { clusters: [{ name: 'v1', weight: 90 }, { name: 'v2', weight: 10 }] } } },
    ]);
    expect(evaluateEnvoy(config, req('/one')).clusters).toEqual([{ name: 'c', weight: 100 }]);
    expect(evaluateEnvoy(config, req('/two')).clusters).toEqual([{ name: 'v1', weight: 90 }, { name: 'v2', weight: 10 }]);
  });

  it('replaces the matched prefix literally: /chapter -> / turns /chapter/1 into //1', () => {
    const config = routesConfig([
      { match: { prefix: '/chapter' }, route: { cluster: 'c', prefixRewrite: '/' } },
    ]);
    expect(evaluateEnvoy(config, req('/chapter/1')).path).toBe('//1');
    expect(evaluateEnvoy(config, req('/chapter')).path).toBe('/');
    expect(evaluateEnvoy(config, req('/chapter/1?x=y')).path).toBe('//1?x=y');
  });

  it('strips a prefix cleanly when the prefix ends with a slash, and rewrites an exact path', () => {
    const config = routesConfig([
      { match: { prefix: '/chapter/' }, route: { cluster: 'c', prefixRewrite: '/' } },
      { match: { path: '/old' }, route: { cluster: 'c', prefixRewrite: '/new' } },
    ]);
    expect(evaluateEnvoy(config, req('/chapter/1')).path).toBe('/1');
    expect(evaluateEnvoy(config, req('/old?k=v')).path).toBe('/new?k=v');
  });

  it('rewrites with RE2 GlobalReplace semantics: every match, \\N groups, query kept', () => {
    const rewrite = (regex: string, substitution: string, path: string) => evaluateEnvoy(routesConfig([
      { match: { prefix: '/' }, route: { cluster: 'c', regexRewrite: { pattern: { regex }, substitution } } },
    ]), req(path)).path;
    expect(rewrite('^/service/([^/]+)(/.*)$', '\\2/instance/\\1', '/service/foo/v1/api')).toBe('/v1/api/instance/foo');
    expect(rewrite('one', 'two', '/xxx/one/yyy/one/zzz')).toBe('/xxx/two/yyy/two/zzz');
    expect(rewrite('^(.*?)one(.*)$', '\\1two\\2', '/xxx/one/yyy/one/zzz')).toBe('/xxx/two/yyy/one/zzz');
    expect(rewrite('(?i)/xxx/', '/yyy/', '/aaa/XxX/bbb')).toBe('/aaa/yyy/bbb');
    // The library's exact-path rewrite: one replacement of the whole path (JS replace with /g would give two).
    expect(rewrite('^.*$', '/fixed', '/any/thing?k=v')).toBe('/fixed?k=v');
    expect(rewrite('.*', '/x', '/abc')).toBe('/x');
  });

  it('refuses a substitution naming a group the pattern lacks', () => {
    const config = routesConfig([{ match: { prefix: '/' }, route: { cluster: 'c', regexRewrite: { pattern: { regex: '/(a)' }, substitution: '\\2' } } }]);
    expect(thrown(() => evaluateEnvoy(config, req('/'))).message).toContain('names a group the pattern does not have');
  });

  it('sets the authority with hostRewriteLiteral', () => {
    const config = routesConfig([{ match: { prefix: '/' }, route: { cluster: 'c', hostRewriteLiteral: 'catalog.shop.local' } }]);
    expect(evaluateEnvoy(config, req('/', { authority: 'gw.example.com:8080' })).authority).toBe('catalog.shop.local');
  });

  it('reports the timeouts given, or Envoy\'s defaults flagged as such', () => {
    const config = routesConfig([
      { match: { prefix: '/set' }, route: { cluster: 'c', timeout: '12s', idleTimeout: '90s', retryPolicy: { retryOn: '5xx', numRetries: 2 } } },
      { match: { prefix: '/' }, route: { cluster: 'c' } },
    ]);
    expect(evaluateEnvoy(config, req('/set'))).toMatchObject({ timeout: '12s', idleTimeout: '90s', retryPolicy: { retryOn: '5xx', numRetries: 2 } });
    expect(evaluateEnvoy(config, req('/set')).defaults).toEqual(['connectionIdleTimeout']);
    const d = evaluateEnvoy(config, req('/'));
    expect(d).toMatchObject({ timeout: ENVOY_DEFAULTS.routeTimeout, idleTimeout: '300s', connectionIdleTimeout: '3600s' });
    expect(d.timeout).toBe('15s');
    expect(d.defaults).toEqual(['timeout', 'idleTimeout', 'connectionIdleTimeout']);
    expect(d.retryPolicy).toBeUndefined();
  });

  it('takes the connection manager\'s stream and connection idle timeouts when the route has none', () => {
    const config = routesConfig([{ match: { prefix: '/' }, route: { cluster: 'c' } }], {
      streamIdleTimeout: '60s', commonHttpProtocolOptions: { idleTimeout: '30s' },
    });
    const d = evaluateEnvoy(config, req('/'));
    expect(d).toMatchObject({ idleTimeout: '60s', connectionIdleTimeout: '30s', defaults: ['timeout'] });
  });

  it('reports the vhost and the normalized request when no route matches', () => {
    const config = routesConfig(numbered({ prefix: '/a' }));
    expect(evaluateEnvoy(config, req('/b/./c', { authority: 'x.com:80' }))).toEqual<EnvoyDecision>({
      listener: 'gw', filterChain: 0, kind: 'none', virtualHost: 'all', path: '/b/c', authority: 'x.com', reason: 'no route of the virtual host all matches',
    });
  });
});

describe('tcp_proxy', () => {
  it('proxies to one cluster or to weighted clusters, with the idle timeout given', () => {
    const config = bootstrap(listener('egress', 15001, [
      { filterChainMatch: { destinationPort: 5432 }, filters: [tcp([{ name: 'db-v1', weight: 80 }, { name: 'db-v2', weight: 20 }], { idleTimeout: '30s' })] },
      { filterChainMatch: { destinationPort: 6379 }, filters: [tcp('cache')] },
    ], { listenerFilters: [ORIGINAL_DST] }));
    expect(evaluateEnvoy(config, req('/', { port: 5432 }))).toEqual<EnvoyDecision>({
      listener: 'egress', filterChain: 0, kind: 'tcp', clusters: [{ name: 'db-v1', weight: 80 }, { name: 'db-v2', weight: 20 }], idleTimeout: '30s',
    });
    expect(evaluateEnvoy(config, req('/', { port: 6379 }))).toEqual<EnvoyDecision>({
      listener: 'egress', filterChain: 1, kind: 'tcp', clusters: [{ name: 'cache', weight: 100 }], idleTimeout: '3600s', defaults: ['idleTimeout'],
    });
  });
});

describe('shapes the evaluator does not model', () => {
  const refusal = (config: object) => thrown(() => evaluateEnvoy(config, req('/'))).message;

  it('refuses other network filters, HTTP filters, RDS, and listener filters', () => {
    const mongo = { name: 'mongo', typedConfig: { '@type': `${T}envoy.extensions.filters.network.mongo_proxy.v3.MongoProxy` } };
    expect(refusal(bootstrap(listener('l', 8080, [{ filters: [mongo] }])))).toContain('network filter');
    expect(refusal(bootstrap(listener('l', 8080, [{ filters: [mongo, tcp('a')] }])))).toContain('exactly one network filter');
    const lua = { name: 'lua', typedConfig: { '@type': `${T}envoy.extensions.filters.http.lua.v3.Lua` } };
    expect(refusal(routesConfig(numbered({ prefix: '/' }), { httpFilters: [lua, ROUTER] }))).toContain('HTTP filter');
    expect(refusal(bootstrap(listener('l', 8080, [{ filters: [hcm([], { routeConfig: undefined, rds: { routeConfigName: 'r' } })] }])))).toContain('"rds"');
    const proxyProtocol = { name: 'pp', typedConfig: { '@type': `${T}envoy.extensions.filters.listener.proxy_protocol.v3.ProxyProtocol` } };
    expect(refusal(bootstrap(listener('l', 8080, [{ filters: [tcp('a')] }], { listenerFilters: [proxyProtocol] })))).toContain('listener filter');
  });

  it('refuses unknown route, match and action fields, and deprecated header matchers', () => {
    expect(refusal(routesConfig([{ match: { prefix: '/' }, redirect: { pathRedirect: '/x' } }]))).toContain('"redirect"');
    expect(refusal(routesConfig([{ match: { prefix: '/', runtimeFraction: {} }, route: { cluster: 'c' } }]))).toContain('"runtimeFraction"');
    expect(refusal(routesConfig([{ match: { prefix: '/' }, route: { cluster: 'c', autoHostRewrite: true } }]))).toContain('"autoHostRewrite"');
    expect(refusal(routesConfig(numbered({ prefix: '/', headers: [{ name: 'x', exactMatch: 'y' }] })))).toContain('deprecated field exactMatch');
    expect(refusal(routesConfig([{ match: { prefix: '/' }, route: {} }]))).toContain('exactly one of cluster and weightedClusters');
  });

  it('refuses a route to a cluster the configuration does not define', () => {
    const config: any = routesConfig(numbered({ prefix: '/' }));
    config.staticResources.clusters = [];
    expect(refusal(config)).toContain('"r0", which staticResources.clusters does not define');
  });
});

// ---------------------------------------------------------------------------
// Configurations the library emits
// ---------------------------------------------------------------------------

describe('configurations from the library', () => {
  function addNode(mesh: Mesh, name: string, props: VirtualNodeBaseProps = {}): VirtualNode {
    return mesh.addVirtualNode(name, {
      virtualNodeName: name, serviceDiscovery: ServiceDiscovery.dns(`${name}.shop.local`), listeners: [VirtualNodeListener.http()], ...props,
    });
  }

  /** A frontend calling catalog.shop.local, whose router splits 90/10 between catalog-v1 and catalog-v2, both http 8080. */
  function canaryWorld(frontendProps: VirtualNodeBaseProps = {}): any {
    const { mesh } = meshFixture();
    const v1 = addNode(mesh, 'catalog-v1');
    const v2 = addNode(mesh, 'catalog-v2');
    const router = mesh.addVirtualRouter('Router', { virtualRouterName: 'catalog-router', listeners: [VirtualRouterListener.http(8080)] });
    const service = mesh.addVirtualService('Catalog', { virtualServiceName: 'catalog.shop.local', provider: VirtualServiceProvider.virtualRouter(router) });
    router.addRoute('Route', { routeSpec: RouteSpec.http() }).to(v1).canary(v2, 10);
    const frontend = addNode(mesh, 'frontend', { backends: [Backend.virtualService(service)], ...frontendProps });
    return EnvoyConfig.standalone(frontend).toObject();
  }

  it('sends a request to the backend to the route\'s weighted clusters, through the egress listener', () => {
    const config = canaryWorld();
    const d = evaluateEnvoy(config, { port: 8080, path: '/items', authority: 'catalog.shop.local:8080' }, 'lds_egress_0.0.0.0_15001');
    expect(d).toMatchObject({
      listener: 'lds_egress_0.0.0.0_15001',
      kind: 'http',
      virtualHost: 'catalog.shop.local:8080',
      routeIndex: 0,
      clusters: [{ name: 'cds_egress_shop_catalog-v1_http_8080', weight: 90 }, { name: 'cds_egress_shop_catalog-v2_http_8080', weight: 10 }],
      path: '/items',
      authority: 'catalog.shop.local',
      timeout: '15s',
    });
    expect(d.defaults).not.toContain('timeout');
  });

  it('needs the listener named when the node\'s own listener has the same port, and not otherwise', () => {
    expect(thrown(() => evaluateEnvoy(canaryWorld(), { port: 8080, path: '/', authority: 'catalog.shop.local' })).message)
      .toContain('lds_ingress_0.0.0.0_15000, lds_egress_0.0.0.0_15001');
    const egressOnly = canaryWorld({ listeners: [] });
    expect(evaluateEnvoy(egressOnly, { port: 8080, path: '/', authority: 'catalog.shop.local' }).clusters!.map((c) => c.weight)).toEqual([90, 10]);
    // Ingress: the node's own listener port reaches the local app.
    expect(evaluateEnvoy(canaryWorld(), { port: 8080, path: '/', authority: 'frontend' }, 'lds_ingress_0.0.0.0_15000').clusters)
      .toEqual([{ name: 'cds_ingress_shop_frontend_http_8080', weight: 100 }]);
  });

  it('finds no virtual host for a service the node does not call', () => {
    const d = evaluateEnvoy(canaryWorld({ listeners: [] }), { port: 8080, path: '/', authority: 'elsewhere.shop.local' });
    expect(d).toMatchObject({ kind: 'none', reason: expect.stringContaining('no virtual host') });
  });

  it('routes a gateway request by its gateway route, with the library\'s prefix and host rewrites', () => {
    const { mesh } = meshFixture();
    const node = addNode(mesh, 'catalog-v1');
    const service = mesh.addVirtualService('Service', { virtualServiceName: 'catalog.shop.local', provider: VirtualServiceProvider.virtualNode(node) });
    const gateway = mesh.addVirtualGateway('Gateway', { virtualGatewayName: 'ingress', listeners: [VirtualGatewayListener.http()] });
    gateway.addGatewayRoute('Route', {
      routeSpec: GatewayRouteSpec.http({ routeTarget: service, match: { path: HttpGatewayRoutePathMatch.startsWith('/catalog/') } }),
    });
    const config = EnvoyConfig.standalone(gateway).toObject();
    const d = evaluateEnvoy(config, { port: 8080, path: '/catalog/items?page=2', authority: 'shop.example.com' });
    expect(d).toMatchObject({
      listener: 'lds_ingress_0.0.0.0_8080',
      kind: 'http',
      clusters: [{ name: 'cds_egress_shop_catalog-v1_http_8080', weight: 100 }],
      path: '/items?page=2',
      authority: 'catalog.shop.local',
    });
    expect(evaluateEnvoy(config, { port: 8080, path: '/other', authority: 'shop.example.com' }).kind).toBe('none');
  });
});
