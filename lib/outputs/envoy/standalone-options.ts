import { EnvoyTracing } from './envoy-tracing';

/**
 * Options of a standalone Envoy configuration (plain Envoy, no App Mesh control plane).
 */
export interface StandaloneEnvoyOptions {
  /**
   * Admin interface port (bound to 127.0.0.1).
   * @default 9901
   */
  readonly adminPort?: number;
  /**
   * Port inbound traffic is redirected to (the ECS proxy configuration's ProxyIngressPort).
   * @default 15000
   */
  readonly ingressPort?: number;
  /**
   * Port outbound traffic is redirected to (the ECS proxy configuration's ProxyEgressPort).
   * @default 15001
   */
  readonly egressPort?: number;
  /**
   * Unix socket of the SDS provider serving SDS certificates and trusts.
   * @default /run/spire/sockets/agent.sock
   */
  readonly sdsSocketPath?: string;
  /**
   * The tracer every HTTP connection manager reports to.
   * @default - no tracing
   */
  readonly tracing?: EnvoyTracing;
}
