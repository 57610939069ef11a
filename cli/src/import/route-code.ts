import { arr, call, obj, quoted, str } from './code';
import { Fields } from './fields';
import { CodeContext, duration } from './spec-code';
import { CliError } from '../cli-error';

const num = (n: number | undefined) => (n === undefined ? undefined : String(n));

const HEADER_MATCHES: Record<string, [string, string]> = {
  Exact: ['valueIs', 'valueIsNot'],
  Prefix: ['valueStartsWith', 'valueDoesNotStartWith'],
  Suffix: ['valueEndsWith', 'valueDoesNotEndWith'],
  Regex: ['valueMatchesRegex', 'valueDoesNotMatchRegex'],
  Range: ['valuesIsInRange', 'valuesIsNotInRange'],
};

/** A header or gRPC metadata match. */
function headerMatch(f: Fields, ctx: CodeContext): string {
  const name = str(f.string('Name') ?? '');
  const match = f.object('Match');
  const kind = match?.oneOf(Object.keys(HEADER_MATCHES));
  if (!kind) {
    // "Present" has no inverse in the API of aws-appmesh or appmesh-kit: an Invert true is left, and reported.
    if (f.take('Invert') === true) throw new CliError(`${f.field('Invert')}: a header that must be absent cannot be expressed`);
    return call(`${ctx.use('HeaderMatch')}.isPresent`, name);
  }
  const invert = f.boolean('Invert') === true;
  const factory = HEADER_MATCHES[kind][invert ? 1 : 0];
  if (kind === 'Range') {
    const range = match!.object('Range')!;
    return call(`${ctx.use('HeaderMatch')}.${factory}`, name, num(range.number('Start')), num(range.number('End')));
  }
  return call(`${ctx.use('HeaderMatch')}.${factory}`, name, str(match!.string(kind) ?? ''));
}

function queryParameter(f: Fields, ctx: CodeContext): string {
  const name = str(f.string('Name') ?? '');
  const exact = f.object('Match')?.string('Exact');
  return exact === undefined ? call(`${ctx.use('QueryParameterMatch')}.isPresent`, name)
    : call(`${ctx.use('QueryParameterMatch')}.valueIs`, name, str(exact));
}

const list = arr;

const METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'CONNECT', 'OPTIONS', 'TRACE', 'PATCH'];

function method(f: Fields, ctx: CodeContext): string | undefined {
  const value = f.string('Method');
  if (value === undefined) return undefined;
  if (!METHODS.includes(value)) throw new CliError(`${f.field('Method')}: '${value}' is not an HTTP method App Mesh matches`);
  return `${ctx.use('HttpRouteMethod')}.${value}`;
}

function httpRouteMatch(f: Fields | undefined, ctx: CodeContext): string | undefined {
  if (!f) return undefined;
  const prefix = f.string('Prefix');
  const path = f.object('Path');
  const pathKind = path?.oneOf(['Exact', 'Regex']);
  const pathCode = prefix !== undefined ? call(`${ctx.use('HttpRoutePathMatch')}.startsWith`, str(prefix))
    : pathKind === 'Exact' ? call(`${ctx.use('HttpRoutePathMatch')}.exactly`, str(path!.string('Exact')!))
      : pathKind === 'Regex' ? call(`${ctx.use('HttpRoutePathMatch')}.regex`, str(path!.string('Regex')!)) : undefined;
  const scheme = f.string('Scheme');
  if (scheme !== undefined && scheme !== 'http' && scheme !== 'https') throw new CliError(`${f.field('Scheme')}: '${scheme}' is not http or https`);
  return obj([
    ['path', pathCode],
    ['headers', list(f.list('Headers').map((h) => headerMatch(h, ctx)))],
    ['method', method(f, ctx)],
    ['scheme', scheme && `${ctx.use('HttpRouteProtocol')}.${scheme.toUpperCase()}`],
    ['queryParameters', list(f.list('QueryParameters').map((q) => queryParameter(q, ctx)))],
    ['port', num(f.number('Port'))],
  ]);
}

function grpcRouteMatch(f: Fields | undefined, ctx: CodeContext): string {
  return obj([
    ['serviceName', quoted(f, 'ServiceName')],
    ['methodName', quoted(f, 'MethodName')],
    ['metadata', list((f?.list('Metadata') ?? []).map((h) => headerMatch(h, ctx)))],
    ['port', num(f?.number('Port'))],
  ]) ?? '{}';
}

const RETRY_EVENTS: Record<string, [string, Record<string, string>]> = {
  HttpRetryEvents: ['HttpRetryEvent', {
    'server-error': 'SERVER_ERROR', 'gateway-error': 'GATEWAY_ERROR', 'client-error': 'CLIENT_ERROR', 'stream-error': 'STREAM_ERROR',
  }],
  TcpRetryEvents: ['TcpRetryEvent', { 'connection-error': 'CONNECTION_ERROR' }],
  GrpcRetryEvents: ['GrpcRetryEvent', {
    'cancelled': 'CANCELLED',
    'deadline-exceeded': 'DEADLINE_EXCEEDED',
    'internal': 'INTERNAL_ERROR',
    'resource-exhausted': 'RESOURCE_EXHAUSTED',
    'unavailable': 'UNAVAILABLE',
  }],
};

function retryEvents(f: Fields, key: string, ctx: CodeContext): string | undefined {
  const events = f.strings(key);
  if (events === undefined) return undefined;
  const [enumName, members] = RETRY_EVENTS[key];
  return `[${events.map((e) => {
    if (!members[e]) throw new CliError(`${f.field(key)}: '${e}' is not one of ${Object.keys(members).join(', ')}`);
    return `${ctx.use(enumName)}.${members[e]}`;
  }).join(', ')}]`;
}

function retryPolicy(f: Fields | undefined, ctx: CodeContext): string | undefined {
  if (!f) return undefined;
  return call(`${ctx.use('RetryPolicy')}.custom`, obj([
    ['maxRetries', num(f.number('MaxRetries'))],
    ['perRetryTimeout', duration(f.object('PerRetryTimeout'), ctx)],
    ['httpRetryEvents', retryEvents(f, 'HttpRetryEvents', ctx)],
    ['tcpRetryEvents', retryEvents(f, 'TcpRetryEvents', ctx)],
    ['grpcRetryEvents', retryEvents(f, 'GrpcRetryEvents', ctx)],
  ]));
}

const ROUTE_KEYS: Record<string, string> = { HttpRoute: 'http', Http2Route: 'http2', GrpcRoute: 'grpc', TcpRoute: 'tcp' };

/** A route's spec as `RouteSpec.<protocol>({ … })`. */
export function routeSpec(spec: Fields, ctx: CodeContext): string {
  const key = spec.oneOf(Object.keys(ROUTE_KEYS));
  if (!key) throw new CliError(`${spec.where}: a route needs one of ${Object.keys(ROUTE_KEYS).join(', ')}`);
  const protocol = ROUTE_KEYS[key];
  const priority = num(spec.number('Priority'));
  const body = spec.object(key)!;
  const targets = (body.object('Action')?.list('WeightedTargets') ?? []).map((t) => obj([
    ['virtualNode', ctx.ref('virtualNode', t.string('VirtualNode') ?? '', t.field('VirtualNode'))],
    ['weight', num(t.number('Weight'))],
    ['port', num(t.number('Port'))],
  ])!);
  const match = protocol === 'grpc' ? grpcRouteMatch(body.object('Match'), ctx)
    : protocol === 'tcp' ? obj([['port', num(body.object('Match')?.number('Port'))]]) : httpRouteMatch(body.object('Match'), ctx);
  const timeout = body.object('Timeout');
  return call(`${ctx.use('RouteSpec')}.${protocol}`, obj([
    ['priority', priority],
    ['match', match],
    ['weightedTargets', arr(targets) ?? '[]'],
    ['timeout', timeout && (obj([
      ['perRequest', protocol === 'tcp' ? undefined : duration(timeout.object('PerRequest'), ctx)],
      ['idle', duration(timeout.object('Idle'), ctx)],
    ]) ?? '{}')],
    ['retryPolicy', protocol === 'tcp' ? undefined : retryPolicy(body.object('RetryPolicy'), ctx)],
  ]));
}

const GATEWAY_ROUTE_KEYS: Record<string, string> = { HttpRoute: 'http', Http2Route: 'http2', GrpcRoute: 'grpc' };

function hostnameMatch(f: Fields | undefined, ctx: CodeContext): string | undefined {
  if (!f) return undefined;
  const kind = f.oneOf(['Exact', 'Suffix']);
  if (kind === 'Exact') return call(`${ctx.use('GatewayRouteHostnameMatch')}.exactly`, str(f.string('Exact')!));
  if (kind === 'Suffix') return call(`${ctx.use('GatewayRouteHostnameMatch')}.endsWith`, str(f.string('Suffix')!));
  return undefined;
}

/** The hostname rewrite as the `rewriteRequestHostname` flag. */
function hostnameRewrite(rewrite: Fields | undefined): string | undefined {
  const value = rewrite?.object('Hostname')?.string('DefaultTargetHostname');
  return value === undefined ? undefined : String(value === 'ENABLED');
}

/** The path match of an HTTP gateway route with its rewrite. */
function gatewayPath(match: Fields | undefined, rewrite: Fields | undefined, ctx: CodeContext): string | undefined {
  const prefix = match?.string('Prefix');
  const type = ctx.use('HttpGatewayRoutePathMatch');
  if (prefix !== undefined) {
    const p = rewrite?.object('Prefix');
    const value = p?.string('Value');
    const defaultPrefix = p?.string('DefaultPrefix');
    if (value !== undefined) return call(`${type}.startsWith`, str(prefix), str(value));
    if (defaultPrefix === 'DISABLED') return call(`${type}.startsWith`, str(prefix), str(''));
    if (defaultPrefix === 'ENABLED') return call(`${type}.startsWithDefaultRewrite`, str(prefix));
    return call(`${type}.startsWith`, str(prefix));
  }
  const path = match?.object('Path');
  const kind = path?.oneOf(['Exact', 'Regex']);
  if (!kind) return undefined;
  const rewriteTo = rewrite?.object('Path')?.string('Exact');
  return call(`${type}.${kind === 'Exact' ? 'exactly' : 'regex'}`, str(path!.string(kind)!), rewriteTo === undefined ? undefined : str(rewriteTo));
}

/** A gateway route's spec as `GatewayRouteSpec.<protocol>({ … })`. */
export function gatewayRouteSpec(spec: Fields, ctx: CodeContext): string {
  const key = spec.oneOf(Object.keys(GATEWAY_ROUTE_KEYS));
  if (!key) throw new CliError(`${spec.where}: a gateway route needs one of ${Object.keys(GATEWAY_ROUTE_KEYS).join(', ')}`);
  const protocol = GATEWAY_ROUTE_KEYS[key];
  const priority = num(spec.number('Priority'));
  const body = spec.object(key)!;
  const action = body.object('Action');
  const target = action?.object('Target');
  const service = target?.object('VirtualService')?.string('VirtualServiceName') ?? '';
  const rewrite = action?.object('Rewrite');
  const m = body.object('Match');
  const match = protocol === 'grpc'
    ? obj([
      ['serviceName', quoted(m, 'ServiceName')],
      ['hostname', hostnameMatch(m?.object('Hostname'), ctx)],
      ['metadata', list((m?.list('Metadata') ?? []).map((h) => headerMatch(h, ctx)))],
      ['rewriteRequestHostname', hostnameRewrite(rewrite)],
      ['port', num(m?.number('Port'))],
    ]) ?? '{}'
    : obj([
      ['path', gatewayPath(m, rewrite, ctx)],
      ['headers', list((m?.list('Headers') ?? []).map((h) => headerMatch(h, ctx)))],
      ['hostname', hostnameMatch(m?.object('Hostname'), ctx)],
      ['method', m && method(m, ctx)],
      ['queryParameters', list((m?.list('QueryParameters') ?? []).map((q) => queryParameter(q, ctx)))],
      ['rewriteRequestHostname', hostnameRewrite(rewrite)],
      ['port', num(m?.number('Port'))],
    ]);
  return call(`${ctx.use('GatewayRouteSpec')}.${protocol}`, obj([
    ['routeTarget', ctx.ref('virtualService', service, (target ?? spec).field('VirtualService.VirtualServiceName'))],
    ['targetPort', num(target?.number('Port'))],
    ['priority', priority],
    ['match', match],
  ]));
}
