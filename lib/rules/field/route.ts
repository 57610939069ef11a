import { isInvalidInput } from '../../model/invalid-input';
import { DEFAULT_REQUEST_TIMEOUT_MS, RouteBodyModel, WeightedTargetModel, durationModelMillis } from '../../model/spec';
import { DiagnosticSeverity } from '../diagnostic';
import { Untrusted, intRange, isUnresolved, lengthRange, list, oneOf, optional, report, required, requiredStruct, struct, RuleContext } from '../field-rules';
import { withArticle } from '../format';
import { duration, port, resourceName, tags } from './common';
import { headers, httpMatchFields, priority } from './match';

const HTTP_EVENTS = ['server-error', 'gateway-error', 'client-error', 'stream-error'];
const GRPC_EVENTS = ['cancelled', 'deadline-exceeded', 'internal', 'resource-exhausted', 'unavailable'];

const weightedTarget = struct('weighted target', {
  virtualNode: resourceName('target virtual node name'),
  weight: required('weight', intRange('AMK_WEIGHT_RANGE', 'weight', 0, 100)),
  port: optional('target port', port('target port')),
});

function literalWeights(targets: Untrusted<WeightedTargetModel>[]): number[] | undefined {
  const weights = targets.map((t) => t?.weight);
  return weights.every((w): w is number => typeof w === 'number' && Number.isFinite(w) && !isUnresolved(w)) ? weights as number[] : undefined;
}

const weightedTargets = list('weighted targets', weightedTarget, (targets, ctx) => {
  if (targets.length < 1 || targets.length > 10) {
    report(ctx, {
      code: 'AMK_TARGET_COUNT',
      message: `a route takes 1 to 10 weighted targets, not ${targets.length}`,
      fix: targets.length === 0 ? 'give the route a target: route.to(virtualNode)' : 'send traffic to at most 10 nodes',
    }, targets.length);
  }
  const weights = literalWeights(targets);
  if (!weights || targets.length === 0) return;
  const sum = weights.reduce((a, b) => a + b, 0);
  if (sum > 100) {
    report(ctx, {
      code: 'AMK_WEIGHT_SUM',
      message: `the target weights add up to ${sum}; App Mesh allows at most 100`,
      fix: 'lower the weights so they add up to 100',
    }, weights);
  } else if (sum !== 100 && (sum === 0 || new Set(weights).size > 1)) {
    // Equal weights (one target of weight 1, as aws-cdk-lib/aws-appmesh defaults it) split evenly, as meant; all 0 sends nothing anywhere.
    report(ctx, {
      code: 'AMK_WEIGHT_SUM_NOT_100',
      message: sum === 0 ? 'every target weight is 0, so the route sends its traffic nowhere'
        : `the target weights add up to ${sum}, not 100: App Mesh treats them as relative shares, which is rarely what was meant`,
      fix: 'make the weights add up to 100 (they read as percentages then)',
      severity: DiagnosticSeverity.WARNING,
    }, weights);
  }
});

const events = (what: string, values: string[], max: number) => list(`${what}s`,
  required(what, oneOf('AMK_ENUM', what, values)), (items, ctx) => {
    if (items.length > max) {
      report(ctx, { code: 'AMK_RETRY_EVENTS', message: `at most ${max} ${what}s`, fix: `remove duplicate ${what}s` }, items.length);
    }
  });

const retryPolicy = (protocol: string) => struct('retry policy', {
  maxRetries: optional('maxRetries', intRange('AMK_RETRY_MAX', 'maxRetries', 0, Number.MAX_SAFE_INTEGER)),
  perRetryTimeout: duration('per-retry timeout'),
  httpRetryEvents: events('HTTP retry event', HTTP_EVENTS, 25),
  tcpRetryEvents: events('TCP retry event', ['connection-error'], 1),
  grpcRetryEvents: events('gRPC retry event', GRPC_EVENTS, 5),
}, (policy, ctx) => {
  const given = ['httpRetryEvents', 'tcpRetryEvents', 'grpcRetryEvents'].filter((k) => Array.isArray(policy[k]) && policy[k].length > 0);
  if (given.length === 0) {
    report(ctx, {
      code: 'AMK_RETRY_NO_EVENTS',
      message: 'a retry policy needs at least one event to retry on',
      fix: 'add httpRetryEvents, tcpRetryEvents or grpcRetryEvents, or use RetryPolicy.recommended()',
    }, policy);
  }
  for (const field of ['maxRetries', 'perRetryTimeout']) {
    if (policy[field] === undefined || policy[field] === null) {
      report(ctx, {
        code: 'AMK_RETRY_INCOMPLETE',
        message: `a retry policy with retry events needs ${field}`,
        fix: `set ${field}`,
      }, undefined, [field]);
    }
  }
  if (protocol !== 'grpc' && Array.isArray(policy.grpcRetryEvents) && policy.grpcRetryEvents.length > 0) {
    report(ctx, {
      code: 'AMK_RETRY_EVENTS_PROTOCOL',
      message: `gRPC retry events apply to grpc routes only, not to ${withArticle(protocol)} route`,
      fix: 'remove grpcRetryEvents or make the route a gRPC route',
    }, policy.grpcRetryEvents, ['grpcRetryEvents']);
  }
});


/** Warns when the retries cannot all run inside the request timeout. */
function retriesFitTimeout(body: Untrusted<RouteBodyModel>, ctx: RuleContext): void {
  const policy = body.retryPolicy;
  if (!policy || isInvalidInput(policy) || typeof policy.maxRetries !== 'number') return;
  const perRetry = durationModelMillis(policy.perRetryTimeout);
  if (perRetry === undefined) return;
  const perRequest = durationModelMillis(body.timeout?.perRequest) ?? DEFAULT_REQUEST_TIMEOUT_MS;
  if (perRequest !== 0 && perRequest < perRetry * policy.maxRetries) {
    report(ctx, {
      code: 'AMK_RETRY_EXCEEDS_TIMEOUT',
      message: `the request timeout (${perRequest} ms) is shorter than per-retry timeout × max retries (${perRetry * policy.maxRetries} ms), so the last retries never run`,
      fix: 'raise timeout.perRequest to at least perRetryTimeout × maxRetries, or lower either of them',
      severity: DiagnosticSeverity.WARNING,
    }, perRequest, ['timeout', 'perRequest']);
  }
}

const timeout = (protocol: string) => struct('timeout', {
  perRequest: duration('per-request timeout'),
  idle: duration('idle timeout'),
}, (t, ctx) => {
  if (protocol === 'tcp' && t.perRequest !== undefined) {
    report(ctx, {
      code: 'AMK_TIMEOUT_TCP_PER_REQUEST',
      message: 'a tcp route has no requests, so it takes an idle timeout only',
      fix: 'remove perRequest from the tcp route timeout',
    }, t.perRequest, ['perRequest']);
  }
});

const httpMatch = (protocol: string) => requiredStruct('match', {
  ...httpMatchFields,
  scheme: optional('scheme', oneOf('AMK_ENUM', 'scheme', ['http', 'https'])),
}, (m, ctx) => {
  if (protocol !== 'http2' && m.scheme !== undefined) {
    report(ctx, {
      code: 'AMK_SCHEME_HTTP2_ONLY',
      message: `App Mesh documents the scheme match for http2 routes only; on ${withArticle(protocol)} route it may never match`,
      fix: 'remove scheme, or make the route RouteSpec.http2(...)',
      severity: DiagnosticSeverity.WARNING,
    }, m.scheme, ['scheme']);
  }
});

const grpcMatch = requiredStruct('match', {
  serviceName: optional('service name', lengthRange('AMK_MATCH_VALUE', 'service name', 1, 255)),
  methodName: optional('method name', lengthRange('AMK_MATCH_NAME', 'method name', 1, 50)),
  metadata: headers('metadata'),
  port: optional('match port', port('match port')),
}, (m, ctx) => {
  if (m.methodName !== undefined && m.serviceName === undefined) {
    report(ctx, {
      code: 'AMK_GRPC_METHOD_WITHOUT_SERVICE',
      message: 'a gRPC method name needs a service name',
      fix: 'set serviceName as well, for example catalog.v1.Catalog',
    }, m.methodName, ['methodName']);
  }
  if ([m.serviceName, m.methodName, m.metadata, m.port].every((v) => v === undefined)) {
    report(ctx, {
      code: 'AMK_GRPC_MATCH_EMPTY',
      message: 'a gRPC route match needs at least one of serviceName, methodName, metadata or port',
      fix: 'match a service name (any method of it), metadata or a port',
    }, m);
  }
});

const body = (protocol: string) => struct(`${protocol} route`, {
  match: protocol === 'grpc' ? grpcMatch : protocol === 'tcp' ? struct('match', { port: optional('match port', port('match port')) }) : httpMatch(protocol),
  action: requiredStruct('action', { weightedTargets }),
  retryPolicy: retryPolicy(protocol),
  timeout: timeout(protocol),
}, (b, ctx) => {
  if (protocol === 'tcp' && b.retryPolicy !== undefined) {
    report(ctx, {
      code: 'AMK_RETRY_TCP_ROUTE',
      message: 'App Mesh tcp routes have no retry policy',
      fix: 'remove the retry policy, or route the traffic over http, http2 or grpc',
    }, b.retryPolicy, ['retryPolicy']);
    return;
  }
  retriesFitTimeout(b, ctx);
});

/** Field rules of a Route (in the create-request shape). */
export const routeRules = requiredStruct('route', {
  routeName: resourceName('route name'),
  meshName: resourceName('mesh name'),
  spec: requiredStruct('spec', {
    priority,
    httpRoute: body('http'),
    http2Route: body('http2'),
    grpcRoute: body('grpc'),
    tcpRoute: body('tcp'),
  }),
  tags,
});
