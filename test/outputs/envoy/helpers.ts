import { expect } from 'vitest';
import { EnvoyConfig } from '../../../lib';
import { validateBootstrap } from '../../support/envoy-proto';

/* eslint-disable @typescript-eslint/no-explicit-any */

/**
 * Asserts that a configuration passes the strict Envoy v3 check and returns it as an object.
 * An App Mesh bootstrap (it has `dynamicResources`) may carry the deprecated bootstrap-level
 * `tracing` App Mesh's own image writes, and only when tracing is set; a standalone
 * configuration gets no exemption at all.
 */
export function expectValid(config: EnvoyConfig | Record<string, any>): any {
  const object = config instanceof EnvoyConfig ? config.toObject() : config;
  const appMeshWithTracing = object.dynamicResources !== undefined && object.tracing !== undefined;
  const problems = validateBootstrap(object, appMeshWithTracing ? { allowDeprecated: ['$.tracing'] } : {});
  expect(problems, 'validateBootstrap problems').toEqual([]);
  return object;
}

/** A standalone configuration of the resource, checked by `expectValid`. */
export function standalone(resource: Parameters<typeof EnvoyConfig.standalone>[0],
  options?: Parameters<typeof EnvoyConfig.standalone>[1]): any {
  return expectValid(EnvoyConfig.standalone(resource, options));
}

/** An App Mesh bootstrap of the resource, checked by `expectValid`. */
export function appMesh(resource: Parameters<typeof EnvoyConfig.appMesh>[0],
  options?: Parameters<typeof EnvoyConfig.appMesh>[1]): any {
  return expectValid(EnvoyConfig.appMesh(resource, options));
}

// ----- finding parts of a static configuration -----

export function listenerNamed(config: any, name: string): any {
  const found = (config.staticResources?.listeners ?? []).find((l: any) => l.name === name);
  expect(found, `listener ${name}`).toBeDefined();
  return found;
}

export function listenerNames(config: any): string[] {
  return (config.staticResources?.listeners ?? []).map((l: any) => l.name);
}

export function clusterNamed(config: any, name: string): any {
  const found = (config.staticResources?.clusters ?? []).find((c: any) => c.name === name);
  expect(found, `cluster ${name}`).toBeDefined();
  return found;
}

export function clusterNames(config: any): string[] {
  return (config.staticResources?.clusters ?? []).map((c: any) => c.name);
}

/** The filter chain of a listener matching a destination port (and, when given, a transport protocol). */
export function chainFor(listener: any, port: number, transportProtocol?: string): any {
  const found = listener.filterChains.find((c: any) => c.filterChainMatch?.destinationPort === port
    && c.filterChainMatch?.transportProtocol === transportProtocol);
  expect(found, `filter chain for port ${port}${transportProtocol ? ` (${transportProtocol})` : ''}`).toBeDefined();
  return found;
}

/** The typed config of a chain's http_connection_manager. */
export function hcmOf(chain: any): any {
  const filter = chain.filters.find((f: any) => f.name === 'envoy.filters.network.http_connection_manager');
  expect(filter, 'http_connection_manager filter').toBeDefined();
  return filter.typedConfig;
}

/** The typed config of a chain's tcp_proxy. */
export function tcpProxyOf(chain: any): any {
  const filter = chain.filters.find((f: any) => f.name === 'envoy.filters.network.tcp_proxy');
  expect(filter, 'tcp_proxy filter').toBeDefined();
  return filter.typedConfig;
}

/** The ingress listener of a virtual node (default port 15000). */
export function ingressListener(config: any, port = 15000): any {
  return listenerNamed(config, `lds_ingress_0.0.0.0_${port}`);
}

/** The egress listener of a virtual node (default port 15001). */
export function egressListener(config: any, port = 15001): any {
  return listenerNamed(config, `lds_egress_0.0.0.0_${port}`);
}

/** The egress virtual host of a backend service on a port. */
export function egressHost(config: any, service: string, port: number): any {
  const hosts = hcmOf(chainFor(egressListener(config), port)).routeConfig.virtualHosts;
  const found = hosts.find((h: any) => h.domains.includes(service));
  expect(found, `egress virtual host for ${service}`).toBeDefined();
  return found;
}

/** The routes of a gateway listener's virtual host for a domain ('*' unless given). */
export function gatewayHost(config: any, port: number, domain = '*'): any {
  const listener = listenerNamed(config, `lds_ingress_0.0.0.0_${port}`);
  const hosts = hcmOf(listener.filterChains[0]).routeConfig.virtualHosts;
  const found = hosts.find((h: any) => h.domains.includes(domain));
  expect(found, `gateway virtual host for ${domain}`).toBeDefined();
  return found;
}

/** The TLS context of a transport socket. */
export function tlsContext(socket: any): any {
  expect(socket?.name).toBe('envoy.transport_sockets.tls');
  return socket.typedConfig;
}

export const TYPE = 'type.googleapis.com/';
export const HTTP2_OPTIONS = {
  'envoy.extensions.upstreams.http.v3.HttpProtocolOptions': {
    '@type': `${TYPE}envoy.extensions.upstreams.http.v3.HttpProtocolOptions`,
    'explicitHttpConfig': { http2ProtocolOptions: {} },
  },
};
