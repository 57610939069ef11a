/**
 * The request as the route tables read it: defaults filled in, the path normalized, the query
 * string parsed, header names lower-cased, the gRPC service and method derived. Internal.
 */
export interface RoutedRequest {
  readonly method: string;
  /** The path as routed: normalized, without its query string. */
  readonly path: string;
  /** The path as given, without its query string. */
  readonly givenPath: string;
  readonly query: Readonly<Record<string, string>>;
  /** The authority (host, maybe with a port); undefined when the request has none. */
  readonly authority: string | undefined;
  readonly scheme: string;
  /** Headers by lower-cased name. */
  readonly headers: Readonly<Record<string, string>>;
  readonly grpcService: string | undefined;
  readonly grpcMethod: string | undefined;
  /** gRPC metadata by lower-cased name (headers fill in names it lacks). */
  readonly metadata: Readonly<Record<string, string>>;
}

/** What the public request gives, with literal values (tokens resolved by the caller). */
export interface RequestInput {
  readonly method?: string;
  readonly path?: string;
  readonly authority?: string;
  readonly scheme?: string;
  readonly headers?: Record<string, string>;
  readonly queryParameters?: Record<string, string>;
  readonly grpcService?: string;
  readonly grpcMethod?: string;
  readonly metadata?: Record<string, string>;
}

/** Names lower-cased (HTTP header names are case-insensitive, RFC 9110 §5.1); later entries win. */
function byLowerName(map: Record<string, string> | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(map ?? {})) out[name.toLowerCase()] = String(value);
  return out;
}

function parseQuery(query: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of query.split('&')) {
    if (part === '') continue;
    const eq = part.indexOf('=');
    const name = decode(eq < 0 ? part : part.slice(0, eq));
    if (!(name in out)) out[name] = decode(eq < 0 ? '' : part.slice(eq + 1));
  }
  return out;
}

function decode(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    return text;
  }
}

/**
 * The path as App Mesh routes it: "If you enable Path/Prefix based matching, App Mesh enables
 * path normalization (normalize_path and merge_slashes)" (User Guide, Routes and Gateway routes,
 * seed 004:4861 and 004:4113). Repeated slashes merge into one, and `.` and `..` segments are
 * removed (RFC 3986 §5.2.4, what Envoy's normalize_path does).
 */
export function normalizePath(path: string): string {
  const merged = `/${path}`.replace(/\/{2,}/g, '/');
  const out: string[] = [];
  const segments = merged.split('/').slice(1);
  segments.forEach((segment, i) => {
    const last = i === segments.length - 1;
    if (segment === '.') {
      if (last) out.push('');
    } else if (segment === '..') {
      out.pop();
      if (last) out.push('');
    } else {
      out.push(segment);
    }
  });
  return `/${out.join('/')}`;
}

/** The request with every default filled in. */
export function routedRequest(input: RequestInput, defaultAuthority: string | undefined): RoutedRequest {
  const rawPath = input.path ?? '/';
  const q = rawPath.indexOf('?');
  const givenPath = q < 0 ? rawPath : rawPath.slice(0, q);
  const query = { ...(q < 0 ? {} : parseQuery(rawPath.slice(q + 1))), ...(input.queryParameters ?? {}) };
  const headers = byLowerName(input.headers);
  const metadata = { ...headers, ...byLowerName(input.metadata) };
  // A gRPC call is a POST to /<service>/<method> (gRPC over HTTP/2, "Path → ":path" "/" Service-Name "/" {method name}").
  const grpcPath = /^\/([^/]+)\/([^/]+)$/.exec(givenPath);
  const grpcService = input.grpcService ?? grpcPath?.[1];
  const grpcMethod = input.grpcMethod ?? (input.grpcService === undefined ? grpcPath?.[2] : undefined);
  return {
    method: input.method ?? 'GET',
    givenPath,
    path: normalizePath(givenPath === '' ? '/' : givenPath),
    query,
    authority: input.authority ?? headers.host ?? headers[':authority'] ?? defaultAuthority,
    scheme: input.scheme ?? 'http',
    headers,
    grpcService,
    grpcMethod,
    metadata,
  };
}

/** The host of an authority: without its port, lower-cased (DNS names are case-insensitive, RFC 4343). */
export function hostOf(authority: string): string {
  const bracketed = /^\[([^\]]*)\](?::\d*)?$/.exec(authority);
  if (bracketed) return bracketed[1].toLowerCase();
  const colon = authority.lastIndexOf(':');
  const host = colon >= 0 && authority.indexOf(':') === colon ? authority.slice(0, colon) : authority;
  return host.toLowerCase();
}
