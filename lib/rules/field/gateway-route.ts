import { port, resourceName, tags } from './common';
import { headers, httpMatchFields, pathPrefix, priority } from './match';
import { isInvalidInput } from '../../model/invalid-input';
import { GatewayRouteBodyModel } from '../../model/spec';
import { Check, Untrusted, isString, lengthRange, oneOf, optional, report, required, requiredStruct, struct, RuleContext } from '../field-rules';

const REWRITE_VALUES = ['ENABLED', 'DISABLED'];
const ROUTE_KINDS = ['httpRoute', 'http2Route', 'grpcRoute'];

/** Prefixes App Mesh keeps for itself. */
const RESERVED_PREFIX = /^\/aws-app-?mesh/;
/** gRPC service names App Mesh keeps for itself (`aws.appmesh*`, `/aws.app-mesh*`). */
const RESERVED_SERVICE = /^\/?aws\.app-?mesh/;

const notReservedPrefix: Check = (v) => (typeof v === 'string' && RESERVED_PREFIX.test(v) ? {
  code: 'AMK_GATEWAY_ROUTE_RESERVED_PREFIX',
  message: `a gateway route cannot match the prefix ${v}: App Mesh reserves /aws-appmesh* and /aws-app-mesh*`,
  fix: 'match another prefix',
} : undefined);

const notReservedService: Check = (v) => (RESERVED_SERVICE.test(v) ? {
  code: 'AMK_GATEWAY_ROUTE_RESERVED_SERVICE',
  message: `a gateway route cannot match the gRPC service ${v}: App Mesh reserves aws.appmesh* and /aws.app-mesh*`,
  fix: 'match another service name',
} : undefined);

const rewritePrefixValue: Check = (v) => {
  const wrongType = isString('prefix rewrite')(v);
  if (wrongType) return wrongType;
  if (v.length >= 1 && v.length <= 255 && v.startsWith('/') && v.endsWith('/')) return undefined;
  const trimmed = v.replace(/^\/+|\/+$/g, '');
  return {
    code: 'AMK_GATEWAY_REWRITE_PREFIX',
    message: 'a prefix rewrite must be 1 to 255 characters, start with / and end with /',
    fix: `write the rewrite as ${trimmed ? `/${trimmed}/` : '/'} (or pass '' to turn App Mesh's default rewrite off)`,
  };
};

const hostnameMatch = struct('hostname match', {
  exact: optional('exact hostname', lengthRange('AMK_MATCH_HOSTNAME', 'exact hostname', 1, 253)),
  suffix: optional('hostname suffix', lengthRange('AMK_MATCH_HOSTNAME', 'hostname suffix', 1, 253)),
}, (hostname, ctx) => {
  const given = ['exact', 'suffix'].filter((k) => hostname[k] !== undefined && hostname[k] !== null);
  if (given.length !== 1) {
    report(ctx, {
      code: 'AMK_MATCH_HOSTNAME',
      message: `a hostname match is exact or suffix, exactly one of them, not ${given.length}`,
      fix: 'use GatewayRouteHostnameMatch.exactly(...) or .endsWith(...)',
    }, hostname);
  }
});

const target = requiredStruct('target', {
  virtualService: requiredStruct('target virtual service', {
    virtualServiceName: required('target virtual service name', lengthRange('AMK_NAME_LENGTH', 'target virtual service name', 1, 255)),
  }),
  port: optional('target port', port('target port')),
});

const hostnameRewrite = struct('hostname rewrite', {
  defaultTargetHostname: required('default target hostname rewrite',
    oneOf('AMK_ENUM', 'default target hostname rewrite', REWRITE_VALUES)),
});

const httpRewrite = struct('rewrite', {
  prefix: struct('prefix rewrite', {
    defaultPrefix: optional('default prefix rewrite', oneOf('AMK_ENUM', 'default prefix rewrite', REWRITE_VALUES)),
    value: optional('prefix rewrite', rewritePrefixValue),
  }, (prefix, ctx) => {
    if (prefix.defaultPrefix !== undefined && prefix.value !== undefined) {
      report(ctx, {
        code: 'AMK_GATEWAY_REWRITE_PREFIX',
        message: 'a prefix rewrite is either the default (defaultPrefix) or a value, not both',
        fix: 'use HttpGatewayRoutePathMatch.startsWith(prefix, rewriteTo)',
      }, prefix);
    }
  }),
  path: struct('path rewrite', {
    exact: required('path rewrite', pathPrefix('path rewrite'), lengthRange('AMK_MATCH_VALUE', 'path rewrite', 1, 255)),
  }),
  hostname: hostnameRewrite,
});

function present<T>(value: T): value is NonNullable<T> {
  return value !== undefined && value !== null && !isInvalidInput(value);
}

/** A prefix rewrite needs a prefix match; a path rewrite needs an exact or regex path match. */
function rewriteFitsMatch(body: Untrusted<GatewayRouteBodyModel>, ctx: RuleContext): void {
  const rewrite = body.action?.rewrite;
  const match = body.match;
  if (!present(rewrite) || !present(body.action) || isInvalidInput(match)) return;
  if (present(rewrite.prefix) && !present(match?.prefix)) {
    report(ctx, {
      code: 'AMK_GATEWAY_REWRITE_MATCH',
      message: 'a prefix rewrite applies only to a route that matches a path prefix',
      fix: 'use HttpGatewayRoutePathMatch.startsWith(prefix, rewriteTo)',
    }, rewrite.prefix, ['action', 'rewrite', 'prefix']);
  }
  if (present(rewrite.path) && !present(match?.path)) {
    report(ctx, {
      code: 'AMK_GATEWAY_REWRITE_MATCH',
      message: 'a path rewrite applies only to a route that matches an exact path or a path regex',
      fix: 'use HttpGatewayRoutePathMatch.exactly(path, rewriteTo) or .regex(regex, rewriteTo)',
    }, rewrite.path, ['action', 'rewrite', 'path']);
  }
}

const httpBody = (kind: string) => struct(`${kind} gateway route`, {
  match: requiredStruct('match', {
    ...httpMatchFields,
    prefix: optional('path prefix', lengthRange('AMK_MATCH_VALUE', 'path prefix', 1, 255), pathPrefix('path prefix'), notReservedPrefix),
    hostname: hostnameMatch,
  }),
  action: requiredStruct('action', { target, rewrite: httpRewrite }),
}, rewriteFitsMatch);

const GRPC_MATCH_FIELDS = ['serviceName', 'hostname', 'metadata', 'port'];

const grpcBody = struct('grpc gateway route', {
  match: requiredStruct('match', {
    serviceName: optional('gRPC service name', isString('gRPC service name'), notReservedService),
    hostname: hostnameMatch,
    metadata: headers('metadata'),
    port: optional('match port', port('match port')),
  }, (match, ctx) => {
    if (!GRPC_MATCH_FIELDS.some((field) => match[field] !== undefined && match[field] !== null)) {
      report(ctx, {
        code: 'AMK_GRPC_MATCH_EMPTY',
        message: 'a gRPC gateway route must match on at least one of serviceName, hostname, metadata and port',
        fix: 'set match.serviceName (for example shop.Catalog), match.hostname, match.metadata or match.port',
      }, undefined);
    }
  }),
  action: requiredStruct('action', { target, rewrite: struct('rewrite', { hostname: hostnameRewrite }) }),
});

const spec = requiredStruct('routeSpec', {
  priority,
  httpRoute: httpBody('http'),
  http2Route: httpBody('http2'),
  grpcRoute: grpcBody,
}, (routeSpec, ctx) => {
  const given = Object.keys(routeSpec).filter((k) => k !== 'priority' && routeSpec[k] !== undefined && routeSpec[k] !== null);
  const unknown = given.filter((k) => !ROUTE_KINDS.includes(k));
  for (const key of unknown) {
    report(ctx, {
      code: 'AMK_GATEWAY_ROUTE_TYPE',
      message: `a gateway route is an httpRoute, http2Route or grpcRoute, not ${key}${key === 'tcpRoute' ? ' (App Mesh gateways have no tcp routes)' : ''}`,
      fix: 'use GatewayRouteSpec.http(...), .http2(...) or .grpc(...)',
    }, routeSpec[key], [key]);
  }
  const kinds = given.filter((k) => ROUTE_KINDS.includes(k));
  if (unknown.length === 0 && kinds.length !== 1) {
    report(ctx, {
      code: 'AMK_GATEWAY_ROUTE_TYPE',
      message: `a gateway route has exactly one of httpRoute, http2Route and grpcRoute, not ${kinds.length}`,
      fix: 'use GatewayRouteSpec.http(...), .http2(...) or .grpc(...)',
    }, kinds.length === 0 ? undefined : kinds);
  }
});

/** Field rules of a GatewayRoute (in the create-request shape, with its gateway's name). */
export const gatewayRouteRules = requiredStruct('gateway route', {
  gatewayRouteName: resourceName('gateway route name'),
  meshName: resourceName('mesh name'),
  virtualGatewayName: resourceName('virtual gateway name'),
  spec,
  tags,
});
