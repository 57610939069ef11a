import { RoutedRequest, hostOf } from './routed-request';
import { GatewayRouteBodyModel, GrpcRouteMatchModel, HeaderMatchModel, HttpRouteMatchModel } from '../../model/spec';

/**
 * App Mesh's match rules for routes and gateway routes, as conditions that either hold or fail
 * with a sentence saying why. Every function returns the failed conditions (empty: the match holds);
 * every condition must hold for a route or gateway route to match (metadata: "All must match for
 * the request to be processed", User Guide, Routes, seed 004:4872; headers "should match the
 * incoming request", 004:4868 and 004:4120).
 *
 * Seed citations are `file:line` of the App Mesh documents the project works from (shared/seeds): 000 is the
 * CreateRoute API reference, 001 the User Guide's Routes page, 003 the 2018 API changelog,
 * 004 the whole User Guide.
 */

/** A value that can be compared now (a resolved model can hold CloudFormation intrinsics for deploy-time values). */
function literal(value: unknown): string | undefined {
  return typeof value === 'string' || typeof value === 'number' ? String(value) : undefined;
}

const q = (value: string) => `'${value}'`;

/**
 * A regular expression App Mesh (Envoy ≥ 1.17: RE2, seed 004:5642) matches against the whole
 * value. JavaScript's engine reads the RE2 syntax routes use; RE2's `(?P<name>…)` groups and a
 * leading `(?i)` are translated. An expression JavaScript cannot read never matches.
 */
export function fullMatch(regex: string, value: string): boolean | undefined {
  let source = regex.replace(/\(\?P</g, '(?<');
  let flags = '';
  if (source.startsWith('(?i)')) {
    source = source.slice(4);
    flags = 'i';
  }
  try {
    return new RegExp(`^(?:${source})$`, flags).test(value);
  } catch {
    return undefined;
  }
}

/** How a header or metadata match reads, e.g. `exact 'true'`, `range [1, 10)`, `present`. */
function describeMatch(h: HeaderMatchModel): string {
  const m = h.match ?? {};
  if (m.exact !== undefined) return `exact ${q(String(m.exact))}`;
  if (m.prefix !== undefined) return `prefix ${q(String(m.prefix))}`;
  if (m.suffix !== undefined) return `suffix ${q(String(m.suffix))}`;
  if (m.regex !== undefined) return `regex ${q(String(m.regex))}`;
  if (m.range !== undefined) return `range [${m.range.start}, ${m.range.end})`;
  return 'present';
}

/** Whether a present value satisfies the (not inverted) match method; undefined when it cannot be evaluated. */
function methodHolds(h: HeaderMatchModel, value: string): boolean | undefined {
  const m = h.match ?? {};
  if (m.exact !== undefined) return value === literal(m.exact);
  if (m.prefix !== undefined) return literal(m.prefix) !== undefined && value.startsWith(literal(m.prefix)!);
  if (m.suffix !== undefined) return literal(m.suffix) !== undefined && value.endsWith(literal(m.suffix)!);
  if (m.regex !== undefined) return literal(m.regex) === undefined ? undefined : fullMatch(literal(m.regex)!, value);
  if (m.range !== undefined) {
    // "MatchRange: start inclusive, end exclusive" (API reference; the console's "1-100 → 1-99"):
    // the value must be an integer.
    if (!/^[+-]?\d+$/.test(value.trim())) return false;
    const n = Number(value.trim());
    return n >= Number(m.range.start) && n < Number(m.range.end);
  }
  return true;
}

/**
 * One header (or gRPC metadata) match against the request's value (undefined: absent).
 *
 * - With a match method (exact, prefix, suffix, regex, range) the value must be present and satisfy it.
 * - `invert` "will match the opposite": the route "is matched for any request that has a header
 *   that starts with anything other than 123" (User Guide, Routes, seed 001:14-17 and 001:55-58):
 *   the header must still be present, with a value that fails the method.
 * - With no match method the match is on presence (Envoy's present_match, which App Mesh renders
 *   for a header without a value); inverted, the header must be absent.
 */
export function headerFailure(kind: 'header' | 'metadata', h: HeaderMatchModel, value: string | undefined): string | undefined {
  const name = String(h.name);
  const invert = h.invert === true;
  const expected = `${invert ? 'not ' : ''}${describeMatch(h)}`;
  const hasMethod = h.match !== undefined && h.match !== null && Object.values(h.match).some((v) => v !== undefined);
  if (!hasMethod) {
    if (!invert && value === undefined) return `${kind} ${name}: expected present, got absent`;
    if (invert && value !== undefined) return `${kind} ${name}: expected absent, got ${q(value)}`;
    return undefined;
  }
  if (value === undefined) {
    return `${kind} ${name}: expected ${expected}, got absent${invert ? ' (an inverted match still needs the ' + kind + ')' : ''}`;
  }
  const holds = methodHolds(h, value);
  if (holds === undefined) return `${kind} ${name}: ${describeMatch(h)} cannot be evaluated (not a valid regular expression, or only known after deployment)`;
  if (holds === invert) return `${kind} ${name}: expected ${expected}, got ${q(value)}`;
  return undefined;
}

/**
 * The path conditions of an http/http2 route or gateway route:
 * - `prefix`: the path starts with it; `/` matches every path (CreateRoute, seed 000:12;
 *   2018 API, seed 003:515; Routes page, seed 001:44-49);
 * - `path.exact`: "only returns the route if the path is an EXACT match" (seed 004:4865);
 * - `path.regex`: the whole path matches the RE2 expression (seed 004:4866, 004:5642).
 * A match with none of them matches every path (the library renders prefix `/` then).
 */
function pathFailures(m: HttpRouteMatchModel, path: string): string[] {
  if (m.path?.exact !== undefined) {
    const exact = literal(m.path.exact);
    return exact === path ? [] : [`path: expected exactly ${exact ?? '(deploy-time value)'}, got ${path}`];
  }
  if (m.path?.regex !== undefined) {
    const regex = literal(m.path.regex);
    const holds = regex === undefined ? undefined : fullMatch(regex, path);
    if (holds === undefined) return [`path regex ${regex ?? '(deploy-time value)'} cannot be evaluated`];
    return holds ? [] : [`path ${path} does not match regex ${regex}`];
  }
  if (m.prefix !== undefined) {
    const prefix = literal(m.prefix);
    return prefix !== undefined && path.startsWith(prefix) ? [] : [`prefix ${prefix ?? '(deploy-time value)'} does not match path ${path}`];
  }
  return [];
}

/**
 * Query parameter matches: `match.exact` needs that value, no match needs the parameter present
 * (the API's HttpQueryParameter: a name and an optional exact match; the User Guide says only
 * "match on the query parameters", seed 004:4867 and 004:4119).
 */
function queryFailures(m: HttpRouteMatchModel, query: Readonly<Record<string, string>>): string[] {
  return (m.queryParameters ?? []).flatMap((p) => {
    const name = String(p.name);
    const value = Object.prototype.hasOwnProperty.call(query, name) ? query[name] : undefined;
    const exact = p.match?.exact !== undefined ? literal(p.match.exact) : undefined;
    if (p.match?.exact === undefined) return value === undefined ? [`query parameter ${name}: expected present, got absent`] : [];
    if (value === exact) return [];
    return [`query parameter ${name}: expected exact ${q(exact ?? '(deploy-time value)')}, got ${value === undefined ? 'absent' : q(value)}`];
  });
}

/**
 * Every condition of an http or http2 route match (the port is chosen before, by listener):
 * path (prefix, exact, regex), method, scheme ("Applicable only for HTTP2 routes", seed 001:52,
 * App Mesh rejects it on http routes), headers (up to ten, seed 001:60) and query parameters.
 */
export function httpMatchFailures(match: HttpRouteMatchModel | undefined, request: RoutedRequest): string[] {
  const m: HttpRouteMatchModel = match ?? {};
  const failures = [...pathFailures(m, request.path)];
  if (m.method !== undefined && literal(m.method) !== request.method) failures.push(`method: expected ${m.method}, got ${request.method}`);
  if (m.scheme !== undefined && literal(m.scheme) !== request.scheme) failures.push(`scheme: expected ${m.scheme}, got ${request.scheme}`);
  for (const h of m.headers ?? []) {
    const failure = headerFailure('header', h, request.headers[String(h.name).toLowerCase()]);
    if (failure) failures.push(failure);
  }
  failures.push(...queryFailures(m, request.query));
  return failures;
}

/**
 * Every condition of a grpc route match: the service name ("If you don't specify a name,
 * requests to any service are matched"), the method name (which needs a service name), and
 * metadata, all of which must match (User Guide, Routes, seed 001:8-19, 004:4872).
 */
export function grpcMatchFailures(match: GrpcRouteMatchModel | undefined, request: RoutedRequest): string[] {
  const m: GrpcRouteMatchModel = match ?? {};
  const failures: string[] = [];
  if (m.serviceName !== undefined && literal(m.serviceName) !== request.grpcService) {
    failures.push(`gRPC service: expected ${m.serviceName}, got ${request.grpcService ?? 'none'}`);
  }
  if (m.methodName !== undefined && literal(m.methodName) !== request.grpcMethod) {
    failures.push(`gRPC method: expected ${m.methodName}, got ${request.grpcMethod ?? 'none'}`);
  }
  for (const h of m.metadata ?? []) {
    const failure = headerFailure('metadata', h, request.metadata[String(h.name).toLowerCase()]);
    if (failure) failures.push(failure);
  }
  return failures;
}

type HostnameMatch = NonNullable<NonNullable<GatewayRouteBodyModel['match']>['hostname']>;

/**
 * A gateway route's hostname match: "Exact/Suffix hostname – Specifies the hostname that should
 * be matched on the incoming request" (User Guide, Gateway routes, seed 004:4102 and, for gRPC,
 * 004:4122). The host is the authority without its port; host names compare case-insensitively
 * (DNS names are, RFC 4343; the seeds are silent).
 */
export function hostnameFailure(hostname: HostnameMatch | undefined, authority: string | undefined): string | undefined {
  if (!hostname) return undefined;
  const exact = hostname.exact !== undefined ? literal(hostname.exact) : undefined;
  const suffix = hostname.suffix !== undefined ? literal(hostname.suffix) : undefined;
  const expected = hostname.exact !== undefined ? `exact ${exact}` : `suffix ${suffix}`;
  if (authority === undefined) return `hostname: expected ${expected}, got no host name`;
  const host = hostOf(authority);
  if (hostname.exact !== undefined) return exact !== undefined && host === exact.toLowerCase() ? undefined : `hostname: expected ${expected}, got ${host}`;
  if (hostname.suffix !== undefined) return suffix !== undefined && host.endsWith(suffix.toLowerCase()) ? undefined : `hostname: expected ${expected}, got ${host}`;
  return undefined;
}

/**
 * Every condition of a gateway route match: the hostname, then what an http/http2 gateway route
 * matches (method, path, query parameters, headers; seed 004:4099-4120) or a grpc one matches
 * (service name and metadata; seed 004:4121-4129). A grpc gateway route has no method name.
 */
export function gatewayMatchFailures(protocol: string, match: GatewayRouteBodyModel['match'], request: RoutedRequest): string[] {
  const m = match ?? {};
  const host = hostnameFailure(m.hostname, request.authority);
  const rest = protocol === 'grpc'
    ? grpcMatchFailures({ serviceName: m.serviceName, metadata: m.metadata }, request)
    : httpMatchFailures(m, request);
  return [...(host ? [host] : []), ...rest];
}
