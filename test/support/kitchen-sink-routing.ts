import { Duration } from 'aws-cdk-lib';
import {
  GrpcRetryEvent, HeaderMatch, HttpRetryEvent, HttpRouteMethod, HttpRoutePathMatch, HttpRouteProtocol, Mesh,
  QueryParameterMatch, RetryPolicy, RouteSpec, TcpRetryEvent, VirtualNode, VirtualRouterListener,
} from '../../lib';

/** Every kind of header match, for http and http2 headers and gRPC metadata. */
function allHeaderMatches(prefix: string): HeaderMatch[] {
  return [
    HeaderMatch.valueIs(`${prefix}-exact`, 'a'),
    HeaderMatch.valueDoesNotStartWith(`${prefix}-prefix`, 'b'),
    HeaderMatch.valueEndsWith(`${prefix}-suffix`, 'c'),
    HeaderMatch.valueMatchesRegex(`${prefix}-regex`, '^d+$'),
    HeaderMatch.valuesIsInRange(`${prefix}-range`, 1, 100),
  ];
}

const retries = RetryPolicy.custom({
  maxRetries: 3,
  perRetryTimeout: Duration.seconds(2),
  httpRetryEvents: [HttpRetryEvent.GATEWAY_ERROR, HttpRetryEvent.STREAM_ERROR],
  tcpRetryEvents: [TcpRetryEvent.CONNECTION_ERROR],
  grpcRetryEvents: [GrpcRetryEvent.UNAVAILABLE, GrpcRetryEvent.CANCELLED],
});
const httpRetries = RetryPolicy.custom({
  maxRetries: 3,
  perRetryTimeout: Duration.seconds(2),
  httpRetryEvents: [HttpRetryEvent.SERVER_ERROR],
  tcpRetryEvents: [TcpRetryEvent.CONNECTION_ERROR],
});

/**
 * A router with a listener per protocol and routes that set every CloudFormation property of
 * AWS::AppMesh::VirtualRouter and AWS::AppMesh::Route. `api` has one listener per protocol on
 * 8080 (http), 8081 (http2), 8082 (grpc) and 8083 (tcp).
 */
export function addRouting(mesh: Mesh, api: VirtualNode): void {
  const router = mesh.addVirtualRouter('ApiRouter', {
    virtualRouterName: 'api-router',
    listeners: [
      VirtualRouterListener.http(8080), VirtualRouterListener.http2(8081),
      VirtualRouterListener.grpc(8082), VirtualRouterListener.tcp(8083),
    ],
    tags: { tier: 'api' },
  });

  for (const [protocol, port] of [['http', 8080], ['http2', 8081]] as const) {
    const spec = protocol === 'http' ? RouteSpec.http : RouteSpec.http2;
    router.addRoute(`${protocol}-prefix`, {
      routeName: `${protocol}-prefix`,
      routeSpec: spec({
        priority: protocol === 'http' ? 10 : 20,
        match: {
          path: HttpRoutePathMatch.startsWith('/api/'),
          headers: allHeaderMatches('x'),
          method: HttpRouteMethod.POST,
          scheme: HttpRouteProtocol.HTTPS,
          queryParameters: [QueryParameterMatch.valueIs('version', '2')],
          port,
        },
      }),
      tags: { kind: 'prefix' },
    }).to(api, port).withRetries(httpRetries).withTimeout({ perRequest: Duration.seconds(10), idle: Duration.seconds(60) });
    router.addRoute(`${protocol}-exact`, {
      routeSpec: spec({ priority: protocol === 'http' ? 11 : 21, match: { path: HttpRoutePathMatch.exactly('/health'), port } }),
    }).to(api, port);
    router.addRoute(`${protocol}-regex`, {
      routeSpec: spec({ priority: protocol === 'http' ? 12 : 22, match: { path: HttpRoutePathMatch.regex('^/v[0-9]+/.*$'), port } }),
    }).to(api, port);
  }

  router.addRoute('grpc', {
    routeSpec: RouteSpec.grpc({
      priority: 30,
      match: { serviceName: 'kitchen.Api', methodName: 'Get', metadata: allHeaderMatches('m'), port: 8082 },
      retryPolicy: retries,
      timeout: { perRequest: Duration.seconds(10), idle: Duration.seconds(60) },
    }),
  }).to(api, 8082);

  router.addRoute('tcp', {
    routeSpec: RouteSpec.tcp({ priority: 40, match: { port: 8083 }, timeout: { idle: Duration.seconds(300) } }),
  }).to(api, 8083);
}
