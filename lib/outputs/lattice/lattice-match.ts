import { HeaderMatchModel, Protocol, RouteBodyModel } from '../../model/spec';

/**
 * App Mesh route matches as VPC Lattice rule matches (`Match.HttpMatch`), where Lattice has
 * them: path exact or prefix, header exact or prefix, method. Every value is matched
 * case-sensitively, as App Mesh (Envoy) does; Lattice's `CaseSensitive` defaults to false, so
 * the rules set it. Anything else is named in `unsupported`: the route is then left out, never
 * emitted wider than it is.
 */

/** One header match of a rule. */
export interface LatticeHeaderMatch {
  readonly name: string;
  readonly exact?: string;
  readonly prefix?: string;
}

/** A rule's match, plain data. */
export interface LatticeMatch {
  readonly method?: string;
  readonly path: { readonly exact?: string; readonly prefix?: string };
  readonly headers: LatticeHeaderMatch[];
}

export interface TranslatedMatch {
  readonly match: LatticeMatch;
  /** What Lattice cannot match, in words (empty: the match translates exactly). */
  readonly unsupported: string[];
}

/** CFN `PathMatchType.Exact/Prefix`: 1–128 characters of this alphabet (cfn-lint 1.51 schema). */
const PATH = /^\/[a-zA-Z0-9@:%_+.~#?&/=-]*$/;
/** CFN `HttpMatch.Method`: PATCH is missing (the API takes any 16 characters, CloudFormation rejects it). */
const METHODS = ['CONNECT', 'DELETE', 'GET', 'HEAD', 'OPTIONS', 'POST', 'PUT', 'TRACE'];
/** CFN `HeaderMatch.Name` ≤ 40 and `HeaderMatchType.*` ≤ 128 characters. */
const HEADER_NAME_MAX = 40;
const HEADER_VALUE_MAX = 128;

function pathProblem(path: string, what: string): string | undefined {
  if (path.length > 128) return `${what} ${path} is longer than the 128 characters a Lattice path match takes`;
  if (!PATH.test(path)) return `${what} ${path} has characters a Lattice path match does not take (/[a-zA-Z0-9@:%_+.~#?&/=-])`;
  return undefined;
}

function header(kind: 'header' | 'metadata', h: HeaderMatchModel, unsupported: string[]): LatticeHeaderMatch | undefined {
  const m = h.match ?? {};
  const name = String(h.name);
  if (h.invert) {
    unsupported.push(`inverted ${kind} match ${name}`);
    return undefined;
  }
  const value = m.exact ?? m.prefix;
  if (value === undefined) {
    const kindOf = m.suffix !== undefined ? 'suffix' : m.regex !== undefined ? 'regex' : m.range !== undefined ? 'range' : 'presence';
    unsupported.push(`${kind} ${name} ${kindOf} match`);
    return undefined;
  }
  if (name.length > HEADER_NAME_MAX) {
    unsupported.push(`${kind} name ${name} is longer than the ${HEADER_NAME_MAX} characters a Lattice header match takes`);
    return undefined;
  }
  if (String(value).length > HEADER_VALUE_MAX) {
    unsupported.push(`${kind} ${name} value is longer than the ${HEADER_VALUE_MAX} characters a Lattice header match takes`);
    return undefined;
  }
  return m.exact !== undefined ? { name, exact: String(m.exact) } : { name, prefix: String(m.prefix) };
}

/**
 * The Lattice match of an http, http2 or grpc route body. A gRPC service and method become the
 * path gRPC requests carry (`/<service>/<method>`, or the prefix `/<service>/`), and gRPC
 * metadata exact/prefix matches become header matches (metadata travels as HTTP/2 headers).
 */
export function translateMatch(protocol: Protocol, match: RouteBodyModel['match']): TranslatedMatch {
  const m = match ?? {};
  const unsupported: string[] = [];
  let path: LatticeMatch['path'] = { prefix: '/' };
  let method: string | undefined;
  let headers: (LatticeHeaderMatch | undefined)[];
  if (protocol === 'grpc') {
    if (m.serviceName !== undefined) {
      const service = String(m.serviceName);
      path = m.methodName !== undefined ? { exact: `/${service}/${String(m.methodName)}` } : { prefix: `/${service}/` };
    }
    headers = (m.metadata ?? []).map((h) => header('metadata', h, unsupported));
  } else {
    if (m.path?.exact !== undefined) path = { exact: String(m.path.exact) };
    else if (m.prefix !== undefined) path = { prefix: String(m.prefix) };
    if (m.path?.regex !== undefined) unsupported.push(`path regex ${String(m.path.regex)}`);
    if (m.method !== undefined) {
      method = String(m.method);
      if (!METHODS.includes(method)) unsupported.push(`method ${method} (not in CloudFormation's Lattice method enum)`);
    }
    if (m.scheme !== undefined) unsupported.push(`scheme ${String(m.scheme)}`);
    if (m.queryParameters?.length) unsupported.push(`query parameters ${m.queryParameters.map((q) => String(q.name)).join(', ')}`);
    headers = (m.headers ?? []).map((h) => header('header', h, unsupported));
  }
  const problem = pathProblem(path.exact ?? path.prefix ?? '/', path.exact !== undefined ? 'exact path' : 'path prefix');
  if (problem) unsupported.push(problem);
  return {
    match: { method, path, headers: headers.filter((h): h is LatticeHeaderMatch => h !== undefined) },
    unsupported,
  };
}

/** Whether a match takes every request: the prefix `/`, no method, no header. */
export function matchesEverything(match: LatticeMatch): boolean {
  return match.path.prefix === '/' && match.method === undefined && match.headers.length === 0;
}
