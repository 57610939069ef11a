import { App, Duration, Stack } from 'aws-cdk-lib';
import * as appmesh from 'aws-cdk-lib/aws-appmesh';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as servicediscovery from 'aws-cdk-lib/aws-servicediscovery';

/**
 * A mesh built with aws-cdk-lib/aws-appmesh itself, using what that module can express: every
 * listener protocol with health checks, timeouts, outlier detection, connection pools and TLS
 * (file, SDS, ACM), backends with client policies, access logs, every route protocol and match,
 * retries, gateways with rewrites and host name matches. Its template names resources with
 * Fn::GetAtt, as the module writes it.
 */
export function buildAppMeshModuleStack(app: App): Stack {
  const stack = new Stack(app, 'AwsAppMesh');
  const mesh = new appmesh.Mesh(stack, 'Mesh', {
    meshName: 'module-mesh',
    egressFilter: appmesh.MeshFilterType.ALLOW_ALL,
    serviceDiscovery: { ipPreference: appmesh.IpPreference.IPV6_PREFERRED },
  });
  const certificate = acm.Certificate.fromCertificateArn(stack, 'Cert', 'arn:aws:acm:us-east-1:123456789012:certificate/abc');
  const fileTls = appmesh.TlsCertificate.file('/certs/chain.pem', '/certs/key.pem');

  const web = mesh.addVirtualNode('Web', {
    virtualNodeName: 'web',
    serviceDiscovery: appmesh.ServiceDiscovery.dns('web.local', appmesh.DnsResponseType.ENDPOINTS, appmesh.IpPreference.IPV4_ONLY),
    listeners: [
      appmesh.VirtualNodeListener.http({
        port: 8080,
        healthCheck: appmesh.HealthCheck.http({
          path: '/health', healthyThreshold: 3, unhealthyThreshold: 4, interval: Duration.seconds(10), timeout: Duration.seconds(3),
        }),
        timeout: { perRequest: Duration.seconds(15), idle: Duration.minutes(2) },
        outlierDetection: { maxServerErrors: 5, interval: Duration.seconds(10), baseEjectionDuration: Duration.seconds(30), maxEjectionPercent: 50 },
        connectionPool: { maxConnections: 100, maxPendingRequests: 10 },
        tls: {
          mode: appmesh.TlsMode.STRICT,
          certificate: fileTls,
          mutualTlsValidation: {
            trust: appmesh.TlsValidationTrust.file('/certs/ca.pem'),
            subjectAlternativeNames: appmesh.SubjectAlternativeNames.matchingExactly('client.local'),
          },
        },
      }),
      appmesh.VirtualNodeListener.grpc({
        port: 9090,
        healthCheck: appmesh.HealthCheck.grpc(),
        timeout: { perRequest: Duration.seconds(5) },
        connectionPool: { maxRequests: 64 },
        tls: { mode: appmesh.TlsMode.PERMISSIVE, certificate: appmesh.TlsCertificate.sds('spiffe://web') },
      }),
    ],
    backendDefaults: {
      tlsClientPolicy: { enforce: true, ports: [8080], validation: { trust: appmesh.TlsValidationTrust.sds('spiffe://ca') } },
    },
    accessLog: appmesh.AccessLog.fromFilePath('/dev/stdout', appmesh.LoggingFormat.fromJson({ status: '%RESPONSE_CODE%', path: '%REQ(:PATH)%' })),
  });
  const apiV1 = mesh.addVirtualNode('ApiV1', {
    virtualNodeName: 'api-v1',
    serviceDiscovery: appmesh.ServiceDiscovery.dns('api-v1.local'),
    listeners: [
      appmesh.VirtualNodeListener.http2({
        port: 8443,
        connectionPool: { maxRequests: 32 },
        tls: { mode: appmesh.TlsMode.STRICT, certificate: appmesh.TlsCertificate.acm(certificate) },
      }),
      appmesh.VirtualNodeListener.tcp({
        port: 5432,
        healthCheck: appmesh.HealthCheck.tcp({ interval: Duration.seconds(6) }),
        timeout: { idle: Duration.seconds(50) },
        connectionPool: { maxConnections: 20 },
      }),
    ],
    accessLog: appmesh.AccessLog.fromFilePath('/var/log/access.log', appmesh.LoggingFormat.fromText('%START_TIME% %RESPONSE_CODE%')),
  });
  const apiV2 = mesh.addVirtualNode('ApiV2', {
    virtualNodeName: 'api-v2',
    serviceDiscovery: appmesh.ServiceDiscovery.dns('api-v2.local'),
    listeners: [appmesh.VirtualNodeListener.http2({ port: 8443 }), appmesh.VirtualNodeListener.tcp({ port: 5432 })],
  });

  const router = mesh.addVirtualRouter('Router', {
    virtualRouterName: 'api-router',
    listeners: [appmesh.VirtualRouterListener.http2(8443)],
  });
  const dbRouter = mesh.addVirtualRouter('DbRouter', { virtualRouterName: 'db-router', listeners: [appmesh.VirtualRouterListener.tcp(5432)] });
  router.addRoute('Http2', {
    routeName: 'api-http2',
    routeSpec: appmesh.RouteSpec.http2({
      priority: 10,
      match: {
        path: appmesh.HttpRoutePathMatch.regex('/v[12]/.*'),
        headers: [appmesh.HeaderMatch.valueIs('x-canary', 'yes'), appmesh.HeaderMatch.valuesIsNotInRange('x-version', 2, 5)],
        method: appmesh.HttpRouteMethod.POST,
        protocol: appmesh.HttpRouteProtocol.HTTPS,
        queryParameters: [appmesh.QueryParameterMatch.valueIs('debug', 'true')],
        port: 8443,
      },
      weightedTargets: [{ virtualNode: apiV1, weight: 3, port: 8443 }, { virtualNode: apiV2, weight: 1, port: 8443 }],
      retryPolicy: {
        retryAttempts: 3,
        retryTimeout: Duration.seconds(2),
        httpRetryEvents: [appmesh.HttpRetryEvent.SERVER_ERROR, appmesh.HttpRetryEvent.STREAM_ERROR],
        tcpRetryEvents: [appmesh.TcpRetryEvent.CONNECTION_ERROR],
      },
      timeout: { perRequest: Duration.seconds(20), idle: Duration.seconds(40) },
    }),
  });
  router.addRoute('Exact', {
    routeName: 'api-exact',
    routeSpec: appmesh.RouteSpec.http2({
      match: { path: appmesh.HttpRoutePathMatch.exactly('/status'), headers: [appmesh.HeaderMatch.valueDoesNotStartWith('x-env', 'test')] },
      weightedTargets: [{ virtualNode: apiV2, port: 8443 }],
    }),
  });
  dbRouter.addRoute('Tcp', {
    routeName: 'db-tcp',
    routeSpec: appmesh.RouteSpec.tcp({ weightedTargets: [{ virtualNode: apiV1, weight: 50, port: 5432 }], timeout: { idle: Duration.seconds(30) } }),
  });
  new appmesh.VirtualService(stack, 'Db', { virtualServiceName: 'db.local', virtualServiceProvider: appmesh.VirtualServiceProvider.virtualRouter(dbRouter) });
  const api = new appmesh.VirtualService(stack, 'Api', {
    virtualServiceName: 'api.local',
    virtualServiceProvider: appmesh.VirtualServiceProvider.virtualRouter(router),
  });

  const grpcRouter = mesh.addVirtualRouter('GrpcRouter', {
    virtualRouterName: 'web-grpc-router',
    listeners: [appmesh.VirtualRouterListener.grpc(9090)],
  });
  grpcRouter.addRoute('Grpc', {
    routeName: 'web-grpc',
    routeSpec: appmesh.RouteSpec.grpc({
      match: { serviceName: 'shop.Catalog', methodName: 'Get', metadata: [appmesh.HeaderMatch.valueMatchesRegex('x-user', '^[a-z]+$')] },
      weightedTargets: [{ virtualNode: web, port: 9090 }],
      retryPolicy: {
        retryAttempts: 2,
        retryTimeout: Duration.millis(500),
        grpcRetryEvents: [appmesh.GrpcRetryEvent.UNAVAILABLE, appmesh.GrpcRetryEvent.DEADLINE_EXCEEDED],
        httpRetryEvents: [appmesh.HttpRetryEvent.GATEWAY_ERROR],
      },
    }),
  });
  new appmesh.VirtualService(stack, 'WebService', {
    virtualServiceName: 'web.local',
    virtualServiceProvider: appmesh.VirtualServiceProvider.virtualNode(web),
  });
  new appmesh.VirtualService(stack, 'Parked', { virtualServiceName: 'parked.local', virtualServiceProvider: appmesh.VirtualServiceProvider.none(mesh) });
  const webGrpc = new appmesh.VirtualService(stack, 'WebGrpc', {
    virtualServiceName: 'web-grpc.local',
    virtualServiceProvider: appmesh.VirtualServiceProvider.virtualRouter(grpcRouter),
  });
  web.addBackend(appmesh.Backend.virtualService(api, {
    tlsClientPolicy: {
      validation: {
        trust: appmesh.TlsValidationTrust.file('/certs/ca.pem'),
        subjectAlternativeNames: appmesh.SubjectAlternativeNames.matchingExactly('api.local'),
      },
      mutualTlsCertificate: fileTls,
    },
  }));

  const gateway = mesh.addVirtualGateway('Gateway', {
    virtualGatewayName: 'ingress',
    listeners: [
      appmesh.VirtualGatewayListener.http({
        port: 443,
        healthCheck: appmesh.HealthCheck.http({ path: '/ping' }),
        connectionPool: { maxConnections: 500, maxPendingRequests: 50 },
        tls: { mode: appmesh.TlsMode.STRICT, certificate: appmesh.TlsCertificate.acm(certificate) },
      }),
    ],
    backendDefaults: { tlsClientPolicy: { validation: { trust: appmesh.TlsValidationTrust.file('/certs/ca.pem') } } },
    accessLog: appmesh.AccessLog.fromFilePath('/dev/stdout'),
  });
  const site = mesh.addVirtualNode('Site', {
    virtualNodeName: 'site',
    serviceDiscovery: appmesh.ServiceDiscovery.dns('site.local'),
    listeners: [appmesh.VirtualNodeListener.http({ port: 8000 })],
  });
  const siteService = new appmesh.VirtualService(stack, 'SiteService', {
    virtualServiceName: 'site.local',
    virtualServiceProvider: appmesh.VirtualServiceProvider.virtualNode(site),
  });
  gateway.addGatewayRoute('Prefix', {
    gatewayRouteName: 'to-site',
    routeSpec: appmesh.GatewayRouteSpec.http({
      routeTarget: siteService,
      priority: 5,
      match: {
        path: appmesh.HttpGatewayRoutePathMatch.startsWith('/web/', '/'),
        hostname: appmesh.GatewayRouteHostnameMatch.endsWith('.example.com'),
        headers: [appmesh.HeaderMatch.valueIsNot('x-blocked', 'true')],
        method: appmesh.HttpRouteMethod.GET,
        queryParameters: [appmesh.QueryParameterMatch.valueIs('lang', 'en')],
        rewriteRequestHostname: false,
        port: 443,
      },
    }),
  });
  // aws-appmesh refuses every gateway route of a gateway with several listeners (port match or not): one gateway a protocol.
  const http2Gateway = mesh.addVirtualGateway('Http2Gateway', {
    virtualGatewayName: 'ingress-h2',
    listeners: [appmesh.VirtualGatewayListener.http2({ port: 8443 })],
  });
  const grpcGateway = mesh.addVirtualGateway('GrpcGateway', {
    virtualGatewayName: 'ingress-grpc',
    listeners: [appmesh.VirtualGatewayListener.grpc({ port: 9090 })],
  });
  http2Gateway.addGatewayRoute('Exact', {
    gatewayRouteName: 'status',
    routeSpec: appmesh.GatewayRouteSpec.http2({
      routeTarget: api,
      match: { path: appmesh.HttpGatewayRoutePathMatch.exactly('/status', '/health'), port: 8443 },
    }),
  });
  grpcGateway.addGatewayRoute('Grpc', {
    gatewayRouteName: 'grpc-in',
    routeSpec: appmesh.GatewayRouteSpec.grpc({
      routeTarget: webGrpc,
      match: {
        serviceName: 'shop.Catalog',
        hostname: appmesh.GatewayRouteHostnameMatch.exactly('grpc.example.com'),
        rewriteRequestHostname: true,
        port: 9090,
      },
    }),
  });
  return stack;
}

/**
 * A node discovered through a Cloud Map service that the same template creates: its service name
 * is a Fn::GetAtt of a Cloud Map resource, only known at deployment.
 */
export function buildCloudMapStack(app: App): Stack {
  const stack = new Stack(app, 'CloudMap');
  const namespace = new servicediscovery.HttpNamespace(stack, 'Namespace', { name: 'shop' });
  const service = namespace.createService('Catalog', { name: 'catalog' });
  const mesh = new appmesh.Mesh(stack, 'Mesh', { meshName: 'cloud-map-mesh' });
  mesh.addVirtualNode('Catalog', { virtualNodeName: 'catalog', serviceDiscovery: appmesh.ServiceDiscovery.cloudMap(service) });
  return stack;
}
