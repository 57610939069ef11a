import {
  DEFAULT_REQUEST_TIMEOUT_MS, GrpcRouteMatchModel, HeaderMatchModel, HttpRouteMatchModel, RetryPolicyModel, RouteBodyModel,
} from '../../../model/spec';
import { envoyDuration, millisDuration } from '../durations';
import { ANY } from './common';

/** App Mesh's request timeout when a route or listener sets none. */
export const DEFAULT_REQUEST_TIMEOUT = millisDuration(DEFAULT_REQUEST_TIMEOUT_MS);

function headerMatcher(h: HeaderMatchModel) {
  const m = h.match ?? {};
  const matcher = m.exact !== undefined ? { stringMatch: { exact: m.exact } }
    : m.prefix !== undefined ? { stringMatch: { prefix: m.prefix } }
      : m.suffix !== undefined ? { stringMatch: { suffix: m.suffix } }
        : m.regex !== undefined ? { stringMatch: { safeRegex: { regex: m.regex } } }
          : m.range !== undefined ? { rangeMatch: { start: String(m.range.start), end: String(m.range.end) } }
            : { presentMatch: true };
  return { name: h.name, ...matcher, ...(h.invert ? { invertMatch: true } : {}) };
}

/** A route's or gateway route's match, whichever protocol it is for (the match is read by its protocol). */
export type RouteMatchModel = HttpRouteMatchModel & GrpcRouteMatchModel;

/** An App Mesh route (or gateway route) match as an Envoy RouteMatch. */
export function routeMatch(protocol: string, match: RouteMatchModel | undefined): object {
  const m: RouteMatchModel = match ?? {};
  if (protocol === 'grpc') {
    const path = m.serviceName && m.methodName ? { path: `/${m.serviceName}/${m.methodName}` }
      : m.serviceName ? { prefix: `/${m.serviceName}/` } : { prefix: '/' };
    const headers = (m.metadata ?? []).map(headerMatcher);
    return { ...path, grpc: {}, ...(headers.length ? { headers } : {}) };
  }
  const path = m.path?.exact !== undefined ? { path: m.path.exact }
    : m.path?.regex !== undefined ? { safeRegex: { regex: m.path.regex } } : { prefix: m.prefix ?? '/' };
  const headers = [
    ...(m.headers ?? []).map(headerMatcher),
    ...(m.method ? [{ name: ':method', stringMatch: { exact: m.method } }] : []),
    ...(m.scheme ? [{ name: ':scheme', stringMatch: { exact: m.scheme } }] : []),
  ];
  const queryParameters = (m.queryParameters ?? []).map((q) => (q.match?.exact !== undefined
    ? { name: q.name, stringMatch: { exact: q.match.exact } } : { name: q.name, presentMatch: true }));
  return { ...path, ...(headers.length ? { headers } : {}), ...(queryParameters.length ? { queryParameters } : {}) };
}

/**
 * App Mesh retry events as Envoy `retry_on` conditions (App Mesh's own mapping):
 * server-error → 5xx, gateway-error → gateway-error, client-error → 409 (retriable status),
 * stream-error → refused-stream, connection-error → connect-failure, gRPC events by name.
 */
export function retryPolicy(policy: RetryPolicyModel | undefined): object | undefined {
  if (!policy) return undefined;
  const on = new Set<string>();
  const statuses: number[] = [];
  for (const e of policy.httpRetryEvents ?? []) {
    if (e === 'server-error') {on.add('5xx');} else if (e === 'gateway-error') {on.add('gateway-error');} else if (e === 'stream-error') {on.add('refused-stream');} else if (e === 'client-error') {
      on.add('retriable-status-codes');
      statuses.push(409);
    }
  }
  if ((policy.tcpRetryEvents ?? []).includes('connection-error')) on.add('connect-failure');
  for (const e of policy.grpcRetryEvents ?? []) on.add(e);
  return {
    retryOn: [...on].join(','),
    numRetries: policy.maxRetries,
    perTryTimeout: envoyDuration(policy.perRetryTimeout),
    ...(statuses.length ? { retriableStatusCodes: statuses } : {}),
    // Like App Mesh: a retry goes to another host than the one that failed.
    retryHostPredicate: [{
      name: 'envoy.retry_host_predicates.previous_hosts',
      typedConfig: { '@type': `${ANY}envoy.extensions.retry.host.previous_hosts.v3.PreviousHostsPredicate` },
    }],
    hostSelectionRetryMaxAttempts: '3',
  };
}

/** An Envoy route or TCP proxy destination: one cluster, or weighted clusters. */
export type ClusterAction =
  | { cluster: string; weightedClusters?: undefined }
  | { cluster?: undefined; weightedClusters: { clusters: { name: string; weight: number }[] } };

/** Weighted targets as one cluster, or weighted clusters. */
export function clusterAction(targets: { cluster: string; weight: number }[]): ClusterAction {
  const live = targets.filter((t) => t.weight > 0);
  if (live.length === 1) return { cluster: live[0].cluster };
  return { weightedClusters: { clusters: live.map((t) => ({ name: t.cluster, weight: t.weight })) } };
}

/** Timeouts of an http route action: per request (App Mesh default 15 s) and idle. */
export function routeTimeouts(body: Pick<RouteBodyModel, 'timeout'> | undefined): object {
  const idle = envoyDuration(body?.timeout?.idle);
  return { timeout: envoyDuration(body?.timeout?.perRequest) ?? DEFAULT_REQUEST_TIMEOUT, ...(idle ? { idleTimeout: idle } : {}) };
}
