import { duration, port } from './common';
import { listenerTls } from './tls';
import { isInvalidInput } from '../../model/invalid-input';
import { VirtualNodeListenerModel } from '../../model/spec';
import { DiagnosticSeverity } from '../diagnostic';
import { Untrusted, intRange, isUnresolved, lengthRange, oneOf, optional, report, required, requiredStruct, struct, RuleContext } from '../field-rules';
import { withArticle } from '../format';

const MAX = Number.MAX_SAFE_INTEGER;
export const PROTOCOLS = ['http', 'http2', 'grpc', 'tcp'] as const;

/** Listener ports must be unique within one resource (a rule over its listener list). */
export function uniqueListenerPorts(resource: string) {
  return (listeners: Untrusted<VirtualNodeListenerModel>[], ctx: RuleContext): void => {
    const seen = new Map<unknown, number>();
    listeners.forEach((listener, i) => {
      const listenerPort = listener?.portMapping?.port;
      if (typeof listenerPort !== 'number') return;
      if (seen.has(listenerPort)) {
        report(ctx, {
          code: 'AMK_DUPLICATE_PORT',
          message: `listener port ${listenerPort} is already used by listener ${seen.get(listenerPort)}; ports must be unique per ${resource}`,
          fix: 'give each listener its own port',
        }, listenerPort, [i, 'portMapping', 'port']);
      } else {
        seen.set(listenerPort, i);
      }
    });
  };
}

export const portMapping = (protocols: readonly string[]) => requiredStruct('port mapping', {
  port: required('listener port', port('listener port')),
  protocol: required('listener protocol', oneOf('AMK_ENUM', 'listener protocol', protocols)),
});

/** Health check: thresholds 2–10, interval 5–300 s, timeout 2–60 s, path only for http/http2. */
export const healthCheck = struct('health check', {
  protocol: required('health check protocol', oneOf('AMK_ENUM', 'health check protocol', PROTOCOLS)),
  port: optional('health check port', port('health check port')),
  path: optional('health check path', lengthRange('AMK_HEALTH_CHECK_PATH', 'health check path', 1, 255)),
  healthyThreshold: required('healthy threshold', intRange('AMK_HEALTH_CHECK_THRESHOLD', 'healthy threshold', 2, 10)),
  unhealthyThreshold: required('unhealthy threshold', intRange('AMK_HEALTH_CHECK_THRESHOLD', 'unhealthy threshold', 2, 10)),
  intervalMillis: required('health check interval', intRange('AMK_HEALTH_CHECK_INTERVAL', 'health check interval', 5000, 300000, ' ms')),
  timeoutMillis: required('health check timeout', intRange('AMK_HEALTH_CHECK_TIMEOUT', 'health check timeout', 2000, 60000, ' ms')),
}, (hc, ctx) => {
  if (hc.path !== undefined && hc.protocol !== 'http' && hc.protocol !== 'http2') {
    report(ctx, {
      code: 'AMK_HEALTH_CHECK_PATH_PROTOCOL',
      message: `a health check path is used only by http and http2 health checks, not ${hc.protocol}`,
      fix: 'remove the path, or use HealthCheck.http(...) / HealthCheck.http2(...)',
    }, hc.path, ['path']);
  }
});

const OUTLIER_FIELDS = ['maxServerErrors', 'interval', 'baseEjectionDuration', 'maxEjectionPercent'];

/** Outlier detection: all four fields; maxServerErrors ≥ 1; ejection percent 0–100. */
export const outlierDetection = struct('outlier detection', {
  maxServerErrors: optional('maxServerErrors', intRange('AMK_OUTLIER_DETECTION_SERVER_ERRORS', 'maxServerErrors', 1, MAX)),
  interval: duration('outlier detection interval'),
  baseEjectionDuration: duration('base ejection duration'),
  maxEjectionPercent: optional('maxEjectionPercent', intRange('AMK_OUTLIER_DETECTION_PERCENT', 'maxEjectionPercent', 0, 100, '%')),
}, (od, ctx) => {
  for (const field of OUTLIER_FIELDS) {
    if (od[field] === undefined || od[field] === null) {
      report(ctx, {
        code: 'AMK_OUTLIER_DETECTION_INCOMPLETE',
        message: `outlier detection needs all of ${OUTLIER_FIELDS.join(', ')}; ${field} is missing`,
        fix: `set ${field}`,
      }, undefined, [field]);
    }
  }
});

const requestTimeout = (protocol: string) => struct(`${protocol} timeout`, {
  perRequest: duration('per-request timeout'),
  idle: duration('idle timeout'),
});

/** Listener timeouts, keyed by protocol (TCP has no per-request timeout). */
export const listenerTimeout = struct('timeout', {
  http: requestTimeout('http'),
  http2: requestTimeout('http2'),
  grpc: requestTimeout('grpc'),
  tcp: struct('tcp timeout', { idle: duration('idle timeout') }, (tcp, ctx) => {
    if (tcp.perRequest !== undefined) {
      report(ctx, {
        code: 'AMK_TIMEOUT_TCP_PER_REQUEST',
        message: 'a tcp listener has no requests, so it takes an idle timeout only',
        fix: 'remove perRequest from the tcp listener timeout',
      }, tcp.perRequest, ['perRequest']);
    }
  }),
});

const poolValue = (what: string) => intRange('AMK_CONNECTION_POOL_VALUE', what, 1, MAX);

/** Connection pool, keyed by protocol. */
export const connectionPool = struct('connection pool', {
  http: struct('http connection pool', {
    maxConnections: required('maxConnections', poolValue('maxConnections')),
    maxPendingRequests: optional('maxPendingRequests', poolValue('maxPendingRequests')),
  }),
  http2: struct('http2 connection pool', { maxRequests: required('maxRequests', poolValue('maxRequests')) }),
  grpc: struct('grpc connection pool', { maxRequests: required('maxRequests', poolValue('maxRequests')) }),
  tcp: struct('tcp connection pool', { maxConnections: required('maxConnections', poolValue('maxConnections')) }),
});

const isPort = (v: unknown): v is number => typeof v === 'number' && !isUnresolved(v) && Number.isInteger(v) && v >= 1 && v <= 65535;

/** Rules between a listener's parts and its protocol. */
export function listenerConsistency(listener: Untrusted<VirtualNodeListenerModel>, ctx: RuleContext): void {
  const hc = listener.healthCheck;
  const checked = hc && !isInvalidInput(hc) ? hc : undefined;
  const listenerPort = listener.portMapping?.port;
  // Only two valid ports are compared: an out-of-range one has its own finding (AMK_PORT_RANGE).
  if (checked && isPort(checked.port) && isPort(listenerPort) && checked.port !== listenerPort) {
    report(ctx, {
      code: 'AMK_HEALTH_CHECK_PORT',
      message: `a health check probes its listener's port (${listenerPort}); App Mesh requires the two to match`,
      fix: `leave the health check port out (it defaults to ${listenerPort}), or give the check its own listener on ${checked.port}`,
    }, checked.port, ['healthCheck', 'port']);
  }
  const protocol = listener.portMapping?.protocol;
  if (typeof protocol !== 'string') return;
  if (checked && typeof checked.protocol === 'string' && checked.protocol !== protocol && checked.protocol !== 'tcp') {
    if (protocol === 'tcp') {
      // App Mesh accepts a request-level check on a tcp listener: it works when the application speaks it on that port.
      report(ctx, {
        code: 'AMK_HEALTH_CHECK_TCP_LISTENER',
        message: `${withArticle(checked.protocol)} health check on a tcp listener works only if the application answers ${checked.protocol} on that port`,
        fix: `keep it if the application speaks ${checked.protocol} there; otherwise use HealthCheck.tcp(...)`,
        severity: DiagnosticSeverity.WARNING,
      }, checked.protocol, ['healthCheck', 'protocol']);
    } else {
      report(ctx, {
        code: 'AMK_HEALTH_CHECK_PROTOCOL',
        message: `${withArticle(checked.protocol)} health check cannot check ${withArticle(protocol)} listener`,
        fix: `use HealthCheck.${protocol}(...) or HealthCheck.tcp(...)`,
      }, checked.protocol, ['healthCheck', 'protocol']);
    }
  }
  for (const [part, code] of [['connectionPool', 'AMK_CONNECTION_POOL_PROTOCOL'], ['timeout', 'AMK_TIMEOUT_PROTOCOL']] as const) {
    const value: unknown = listener[part];
    if (value && typeof value === 'object' && !isInvalidInput(value)) {
      for (const key of Object.keys(value)) {
        if ((value as Record<string, unknown>)[key] !== undefined && key !== protocol) {
          report(ctx, {
            code,
            message: `the ${key} ${part === 'timeout' ? 'timeout' : 'connection pool'} does not match the listener protocol ${protocol}`,
            fix: part === 'timeout'
              ? 'give the timeout on a listener of that protocol'
              : `use ConnectionPool.${protocol}(...) for ${withArticle(protocol)} listener`,
          }, key, [part, key]);
        }
      }
    }
  }
}

export const virtualNodeListener = struct('listener', {
  portMapping: portMapping(PROTOCOLS),
  healthCheck,
  tls: listenerTls,
  outlierDetection,
  timeout: listenerTimeout,
  connectionPool,
}, listenerConsistency);
