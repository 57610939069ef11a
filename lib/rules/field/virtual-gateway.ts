import { isInvalidInput } from '../../model/invalid-input';
import { VirtualGatewayListenerModel } from '../../model/spec';
import { DiagnosticSeverity } from '../diagnostic';
import { Check, Untrusted, list, oneOf, report, required, requiredStruct, struct, RuleContext } from '../field-rules';
import { port, resourceName, tags } from './common';
import { connectionPool, healthCheck, listenerConsistency, uniqueListenerPorts } from './listener';
import { logging } from './logging';
import { clientPolicy, listenerTls } from './tls';

/** The protocols of a gateway listener (App Mesh's VirtualGatewayPortProtocol): no tcp. */
export const GATEWAY_PROTOCOLS = ['http', 'http2', 'grpc'] as const;

const gatewayProtocol: Check = (v) => (v === 'tcp' ? {
  code: 'AMK_GATEWAY_LISTENER_PROTOCOL',
  message: 'a virtual gateway has no tcp listeners: App Mesh gateways speak http, http2 or grpc only',
  fix: 'use VirtualGatewayListener.http(...), .http2(...) or .grpc(...); put tcp services behind a load balancer instead',
} : undefined);

/** Fields a virtual node listener has and a gateway listener has not (they arrive from plain JS only). */
const NODE_ONLY_FIELDS = ['outlierDetection', 'timeout'];

/** Rules of one gateway listener beyond the shared listener rules. */
function gatewayListenerRules(listener: Untrusted<VirtualGatewayListenerModel> & Record<string, unknown>, ctx: RuleContext): void {
  const hc = listener.healthCheck;
  if (hc && !isInvalidInput(hc) && hc.protocol === 'tcp') {
    report(ctx, {
      code: 'AMK_HEALTH_CHECK_PROTOCOL',
      message: 'a virtual gateway health check is http, http2 or grpc; App Mesh has no tcp health check for gateways',
      fix: 'use HealthCheck.http(...), .http2(...) or .grpc(...)',
    }, hc.protocol, ['healthCheck', 'protocol']);
  }
  for (const field of NODE_ONLY_FIELDS) {
    if (listener[field] !== undefined && listener[field] !== null) {
      report(ctx, {
        code: 'AMK_WRONG_TYPE',
        message: `a virtual gateway listener has no ${field} (that is a virtual node listener's option)`,
        fix: 'use VirtualGatewayListener.http(...), .http2(...) or .grpc(...)',
      }, listener[field], [field]);
    }
  }
  const listenerPort = listener.portMapping?.port;
  if (typeof listenerPort === 'number' && Number.isInteger(listenerPort) && listenerPort >= 1 && listenerPort < 1024) {
    report(ctx, {
      code: 'AMK_GATEWAY_PRIVILEGED_PORT',
      message: `port ${listenerPort} is a privileged port: the gateway's Envoy user needs CAP_NET_BIND_SERVICE to bind it, `
        + 'and Fargate tasks cannot have it (Envoy then fails with "cannot bind: Permission denied")',
      fix: 'listen on a port above 1024 and let the load balancer in front of the gateway listen on the low port',
      severity: DiagnosticSeverity.WARNING,
    }, listenerPort, ['portMapping', 'port']);
  }
}

const gatewayListener = struct('listener', {
  portMapping: requiredStruct('port mapping', {
    port: required('listener port', port('listener port')),
    protocol: required('listener protocol', gatewayProtocol, oneOf('AMK_ENUM', 'listener protocol', GATEWAY_PROTOCOLS)),
  }),
  healthCheck,
  tls: listenerTls,
  connectionPool,
}, listenerConsistency, gatewayListenerRules);

const spec = requiredStruct('spec', {
  listeners: list('listeners', gatewayListener, uniqueListenerPorts('virtual gateway')),
  backendDefaults: struct('backend defaults', { clientPolicy }),
  logging,
});

/** Field rules of a VirtualGateway (in the create-request shape). */
export const virtualGatewayRules = requiredStruct('virtual gateway', {
  virtualGatewayName: resourceName('virtual gateway name'),
  meshName: resourceName('mesh name'),
  spec,
  tags,
});
