/**
 * Test meshes written against aws-cdk-lib/aws-appmesh's API, one per feature of its README.
 * test/compat/drop-in.test.ts synthesizes this file as it is and a copy with only the import
 * below swapped for appmesh-kit, and compares the App Mesh resources. Keep it plain user code:
 * nothing here may mention appmesh-kit.
 */
import * as cdk from 'aws-cdk-lib';
import * as acmpca from 'aws-cdk-lib/aws-acmpca';
import * as appmesh from 'aws-cdk-lib/aws-appmesh';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as cloudmap from 'aws-cdk-lib/aws-servicediscovery';
import { Construct } from 'constructs';

const CA_ARN = 'arn:aws:acm-pca:us-east-1:123456789012:certificate-authority/12345678-1234-1234-1234-123456789012';
const CERT_ARN = 'arn:aws:acm:us-east-1:123456789012:certificate/12345678-1234-1234-1234-123456789012';

function cloudMapService(stack: cdk.Stack): cloudmap.Service {
  const namespace = new cloudmap.HttpNamespace(stack, 'namespace', { name: 'domain.local' });
  return namespace.createService('Svc');
}

type ListenerProtocol = 'http' | 'http2' | 'grpc' | 'tcp';

/**
 * A mesh with a node and a router of one protocol behind one service, for the route and gateway
 * features (App Mesh rejects a route whose protocol is not its router's and its target's).
 */
function base(stack: cdk.Stack, protocol: ListenerProtocol = 'http') {
  const mesh = new appmesh.Mesh(stack, 'mesh', { meshName: 'compat-mesh' });
  const node = mesh.addVirtualNode('node', {
    virtualNodeName: 'node',
    serviceDiscovery: appmesh.ServiceDiscovery.dns('node.local'),
    listeners: [appmesh.VirtualNodeListener[protocol]({ port: 8080 })],
  });
  const router = mesh.addVirtualRouter('router', { listeners: [appmesh.VirtualRouterListener[protocol](8080)] });
  const virtualService = new appmesh.VirtualService(stack, 'service', {
    virtualServiceName: 'service.local',
    virtualServiceProvider: appmesh.VirtualServiceProvider.virtualRouter(router),
  });
  return { mesh, node, router, virtualService };
}

/** Each entry builds one feature into an empty stack. */
export const MESHES: Record<string, (stack: cdk.Stack) => void> = {
  'mesh: name, egress filter, IP preference'(stack) {
    new appmesh.Mesh(stack, 'AppMesh', { meshName: 'myAwsMesh' });
    new appmesh.Mesh(stack, 'AllowAll', { meshName: 'allowAll', egressFilter: appmesh.MeshFilterType.ALLOW_ALL });
    new appmesh.Mesh(stack, 'Preference', {
      meshName: 'preference',
      serviceDiscovery: { ipPreference: appmesh.IpPreference.IPV4_ONLY },
    });
    new appmesh.Mesh(stack, 'Unnamed');
  },

  'virtual routers: every listener, mesh.addVirtualRouter and new VirtualRouter'(stack) {
    const mesh = new appmesh.Mesh(stack, 'mesh', { meshName: 'routers' });
    mesh.addVirtualRouter('router', { listeners: [appmesh.VirtualRouterListener.http(8080)] });
    new appmesh.VirtualRouter(stack, 'router2', {
      mesh,
      virtualRouterName: 'router2',
      listeners: [
        appmesh.VirtualRouterListener.http2(8081),
        appmesh.VirtualRouterListener.grpc(8082),
        appmesh.VirtualRouterListener.tcp(8083),
      ],
    });
    mesh.addVirtualRouter('default-listener');
  },

  'cross-stack: the mesh in one stack, a router, a node and a service in another'(infraStack) {
    const appStack = new cdk.Stack(infraStack.node.scope as Construct, 'app');
    const mesh = new appmesh.Mesh(infraStack, 'AppMesh', { meshName: 'myAwsMesh', egressFilter: appmesh.MeshFilterType.ALLOW_ALL });
    const router = new appmesh.VirtualRouter(appStack, 'router', { mesh, listeners: [appmesh.VirtualRouterListener.http(8081)] });
    const node = new appmesh.VirtualNode(appStack, 'node', {
      mesh,
      virtualNodeName: 'node',
      serviceDiscovery: appmesh.ServiceDiscovery.dns('node.local'),
      listeners: [appmesh.VirtualNodeListener.http({ port: 8081 })],
    });
    router.addRoute('route', { routeSpec: appmesh.RouteSpec.http({ weightedTargets: [{ virtualNode: node }] }) });
    new appmesh.VirtualService(appStack, 'service', {
      virtualServiceName: 'service.local',
      virtualServiceProvider: appmesh.VirtualServiceProvider.virtualRouter(router),
    });
  },

  'virtual services: router, node and no provider'(stack) {
    const { mesh, node, router } = base(stack);
    new appmesh.VirtualService(stack, 'by-router', {
      virtualServiceName: 'my-service.default.svc.cluster.local',
      virtualServiceProvider: appmesh.VirtualServiceProvider.virtualRouter(router),
    });
    new appmesh.VirtualService(stack, 'by-node', {
      virtualServiceName: 'node-service.default.svc.cluster.local',
      virtualServiceProvider: appmesh.VirtualServiceProvider.virtualNode(node),
    });
    new appmesh.VirtualService(stack, 'none', {
      virtualServiceName: 'none.local',
      virtualServiceProvider: appmesh.VirtualServiceProvider.none(mesh),
    });
    new appmesh.VirtualService(stack, 'unnamed', { virtualServiceProvider: appmesh.VirtualServiceProvider.virtualNode(node) });
  },

  'virtual nodes: Cloud Map, health check, timeout, access logs, backends, tags'(stack) {
    const service = cloudMapService(stack);
    const { mesh, router } = base(stack);
    const node = new appmesh.VirtualNode(stack, 'node-cloudmap', {
      mesh,
      virtualNodeName: 'cloudmap-node',
      serviceDiscovery: appmesh.ServiceDiscovery.cloudMap(service),
      listeners: [appmesh.VirtualNodeListener.http({
        port: 8080,
        healthCheck: appmesh.HealthCheck.http({
          healthyThreshold: 3,
          interval: cdk.Duration.seconds(5),
          path: '/ping',
          timeout: cdk.Duration.seconds(2),
          unhealthyThreshold: 2,
        }),
        timeout: { idle: cdk.Duration.seconds(5) },
      })],
      backendDefaults: {
        tlsClientPolicy: {
          validation: { trust: appmesh.TlsValidationTrust.file('/keys/local_cert_chain.pem') },
        },
      },
      accessLog: appmesh.AccessLog.fromFilePath('/dev/stdout',
        appmesh.LoggingFormat.fromJson({ testKey2: 'testValue2', testKey1: 'testValue1' })),
    });
    cdk.Tags.of(node).add('Environment', 'Dev');
    mesh.addVirtualNode('text-log', {
      virtualNodeName: 'text-log',
      serviceDiscovery: appmesh.ServiceDiscovery.dns('text.local'),
      accessLog: appmesh.AccessLog.fromFilePath('/dev/stdout', appmesh.LoggingFormat.fromText('%START_TIME% %PROTOCOL%')),
    });
    const virtualService = new appmesh.VirtualService(stack, 'service-1', {
      virtualServiceProvider: appmesh.VirtualServiceProvider.virtualRouter(router),
      virtualServiceName: 'service1.domain.local',
    });
    node.addBackend(appmesh.Backend.virtualService(virtualService));
    node.addBackend(appmesh.Backend.virtualService(
      appmesh.VirtualService.fromVirtualServiceAttributes(stack, 'imported-service', { mesh, virtualServiceName: 'imported.local' }),
      { tlsClientPolicy: { enforce: false, validation: { trust: appmesh.TlsValidationTrust.file('/ca.pem') } } },
    ));
    mesh.addVirtualNode('unnamed', { serviceDiscovery: appmesh.ServiceDiscovery.dns('unnamed.local') });
  },

  'virtual nodes: every listener kind with health checks, timeouts and pools'(stack) {
    const mesh = new appmesh.Mesh(stack, 'mesh', { meshName: 'listeners' });
    const node = mesh.addVirtualNode('node', {
      virtualNodeName: 'every-listener',
      serviceDiscovery: appmesh.ServiceDiscovery.dns('node.local', appmesh.DnsResponseType.ENDPOINTS),
      listeners: [
        appmesh.VirtualNodeListener.http({
          port: 80,
          healthCheck: appmesh.HealthCheck.http({ path: '/health' }),
          timeout: { idle: cdk.Duration.seconds(10), perRequest: cdk.Duration.millis(1500) },
          connectionPool: { maxConnections: 100, maxPendingRequests: 10 },
        }),
        appmesh.VirtualNodeListener.http2({
          port: 81,
          healthCheck: appmesh.HealthCheck.http2({ interval: cdk.Duration.seconds(10), timeout: cdk.Duration.seconds(3) }),
          timeout: { perRequest: cdk.Duration.minutes(1) },
          connectionPool: { maxRequests: 20 },
        }),
        appmesh.VirtualNodeListener.grpc({
          port: 82,
          healthCheck: appmesh.HealthCheck.grpc({ healthyThreshold: 5, unhealthyThreshold: 4 }),
          timeout: { idle: cdk.Duration.seconds(30), perRequest: cdk.Duration.seconds(20) },
          connectionPool: { maxRequests: 30 },
        }),
      ],
    });
    // The option types by aws-appmesh's names, as user code may spell them out.
    const tcpTimeout: appmesh.TcpTimeout = { idle: cdk.Duration.seconds(40) };
    const tcpPool: appmesh.TcpConnectionPool = { maxConnections: 40 };
    const tcpHealth: appmesh.TcpHealthCheckOptions = { healthyThreshold: 3 };
    const tcpOptions: appmesh.TcpVirtualNodeListenerOptions = {
      port: 83, healthCheck: appmesh.HealthCheck.tcp(tcpHealth), timeout: tcpTimeout, connectionPool: tcpPool,
    };
    node.addListener(appmesh.VirtualNodeListener.tcp(tcpOptions));
    const http2Options: appmesh.Http2VirtualNodeListenerOptions = { port: 84 };
    const grpcTimeout: appmesh.GrpcTimeout = { perRequest: cdk.Duration.seconds(3) };
    const grpcHealth: appmesh.GrpcHealthCheckOptions = { unhealthyThreshold: 3 };
    const grpcPool: appmesh.GrpcConnectionPool = { maxRequests: 7 };
    const grpcOptions: appmesh.GrpcVirtualNodeListenerOptions = {
      port: 85, timeout: grpcTimeout, healthCheck: appmesh.HealthCheck.grpc(grpcHealth), connectionPool: grpcPool,
    };
    const httpTimeout: appmesh.HttpTimeout = { idle: cdk.Duration.millis(100) };
    const httpPool: appmesh.HttpConnectionPool = { maxConnections: 1, maxPendingRequests: 1 };
    const http2Pool: appmesh.Http2ConnectionPool = { maxRequests: 2 };
    const httpOptions: appmesh.HttpVirtualNodeListenerOptions = { port: 86, timeout: httpTimeout, connectionPool: httpPool };
    mesh.addVirtualNode('typed', {
      virtualNodeName: 'typed',
      serviceDiscovery: appmesh.ServiceDiscovery.dns('typed.local'),
      listeners: [
        appmesh.VirtualNodeListener.http2({ ...http2Options, connectionPool: http2Pool }),
        appmesh.VirtualNodeListener.grpc(grpcOptions),
        appmesh.VirtualNodeListener.http(httpOptions),
      ],
    });
  },

  'virtual nodes: listener TLS, mutual TLS, client policies'(stack) {
    const mesh = new appmesh.Mesh(stack, 'mesh', { meshName: 'tls' });
    const cert = acm.Certificate.fromCertificateArn(stack, 'cert', CERT_ARN);
    mesh.addVirtualNode('acm', {
      virtualNodeName: 'acm',
      serviceDiscovery: appmesh.ServiceDiscovery.dns('acm.local'),
      listeners: [appmesh.VirtualNodeListener.grpc({
        port: 80,
        tls: { mode: appmesh.TlsMode.STRICT, certificate: appmesh.TlsCertificate.acm(cert) },
      })],
    });
    mesh.addVirtualNode('node1', {
      virtualNodeName: 'node1',
      serviceDiscovery: appmesh.ServiceDiscovery.dns('node1.local'),
      listeners: [appmesh.VirtualNodeListener.grpc({
        port: 80,
        tls: {
          mode: appmesh.TlsMode.PERMISSIVE,
          certificate: appmesh.TlsCertificate.file('path/to/certChain', 'path/to/privateKey'),
          mutualTlsValidation: {
            trust: appmesh.TlsValidationTrust.file('path-to-certificate'),
            subjectAlternativeNames: appmesh.SubjectAlternativeNames.matchingExactly('client.local'),
          },
        },
      })],
    });
    mesh.addVirtualNode('node2', {
      virtualNodeName: 'node2',
      serviceDiscovery: appmesh.ServiceDiscovery.dns('node2.local'),
      backendDefaults: {
        tlsClientPolicy: {
          ports: [8081, 8080],
          validation: {
            subjectAlternativeNames: appmesh.SubjectAlternativeNames.matchingExactly('mesh-endpoint.apps.local', 'b.local'),
            trust: appmesh.TlsValidationTrust.acm([acmpca.CertificateAuthority.fromCertificateAuthorityArn(stack, 'ca', CA_ARN)]),
          },
          mutualTlsCertificate: appmesh.TlsCertificate.sds('secret_certificate'),
        },
      },
      listeners: [appmesh.VirtualNodeListener.http({
        tls: {
          mode: appmesh.TlsMode.STRICT,
          certificate: appmesh.TlsCertificate.sds('server'),
          mutualTlsValidation: { trust: appmesh.TlsValidationTrust.sds('trust') },
        },
      })],
    });
    mesh.addVirtualNode('node3', {
      virtualNodeName: 'node3',
      serviceDiscovery: appmesh.ServiceDiscovery.dns('node3.local'),
      backendDefaults: {
        tlsClientPolicy: {
          enforce: true,
          validation: { trust: appmesh.TlsValidationTrust.sds('trust') },
          mutualTlsCertificate: appmesh.TlsCertificate.file('chain.pem', 'key.pem'),
        },
      },
    });
  },

  'virtual nodes: outlier detection and IP preferences'(stack) {
    const service = cloudMapService(stack);
    const mesh = new appmesh.Mesh(stack, 'mesh', { meshName: 'mesh-with-preference' });
    mesh.addVirtualNode('virtual-node', {
      virtualNodeName: 'outlier',
      serviceDiscovery: appmesh.ServiceDiscovery.cloudMap(service),
      listeners: [appmesh.VirtualNodeListener.http({
        outlierDetection: {
          baseEjectionDuration: cdk.Duration.seconds(10),
          interval: cdk.Duration.seconds(30),
          maxEjectionPercent: 50,
          maxServerErrors: 5,
        },
      })],
    });
    new appmesh.VirtualNode(stack, 'dns-node', {
      mesh,
      virtualNodeName: 'dns-node',
      serviceDiscovery: appmesh.ServiceDiscovery.dns('test', appmesh.DnsResponseType.LOAD_BALANCER, appmesh.IpPreference.IPV4_ONLY),
    });
    new appmesh.VirtualNode(stack, 'cloudmap-node', {
      mesh,
      virtualNodeName: 'cloudmap-node',
      serviceDiscovery: appmesh.ServiceDiscovery.cloudMap(service, { zone: 'b', color: 'blue' }, appmesh.IpPreference.IPV6_PREFERRED),
    });
  },

  'routes: HTTP path prefix, targets and weights'(stack) {
    const { node, router, mesh } = base(stack);
    const node2 = mesh.addVirtualNode('node2', {
      virtualNodeName: 'node2',
      serviceDiscovery: appmesh.ServiceDiscovery.dns('node2.local'),
      listeners: [appmesh.VirtualNodeListener.http({ port: 8080 })],
    });
    router.addRoute('route-http', {
      routeSpec: appmesh.RouteSpec.http({
        weightedTargets: [{ virtualNode: node }],
        match: { path: appmesh.HttpRoutePathMatch.startsWith('/path-to-app') },
      }),
    });
    router.addRoute('route-weighted', {
      routeSpec: appmesh.RouteSpec.http({
        priority: 10,
        weightedTargets: [{ virtualNode: node, weight: 50 }, { virtualNode: node2, weight: 50, port: 8080 }],
        match: { path: appmesh.HttpRoutePathMatch.startsWith('/weighted') },
      }),
    });
    router.addRoute('route-no-match', { routeSpec: appmesh.RouteSpec.http({ weightedTargets: [{ virtualNode: node2, weight: 3 }] }) });
    new appmesh.Route(stack, 'named-route', {
      mesh,
      virtualRouter: router,
      routeName: 'named',
      routeSpec: appmesh.RouteSpec.http({ weightedTargets: [{ virtualNode: node }], match: { path: appmesh.HttpRoutePathMatch.regex('/r.*') } }),
    });
  },

  'routes: HTTP/2 matches (path, method, scheme, headers, query parameters, port)'(stack) {
    const { node, router } = base(stack, 'http2');
    router.addRoute('route-http2', {
      routeSpec: appmesh.RouteSpec.http2({
        weightedTargets: [{ virtualNode: node }],
        match: {
          path: appmesh.HttpRoutePathMatch.exactly('/exact'),
          method: appmesh.HttpRouteMethod.POST,
          protocol: appmesh.HttpRouteProtocol.HTTPS,
          headers: [
            appmesh.HeaderMatch.valueIs('Content-Type', 'application/json'),
            appmesh.HeaderMatch.valueIsNot('Content-Type', 'application/xml'),
            appmesh.HeaderMatch.valueStartsWith('x-a', 'pre'),
            appmesh.HeaderMatch.valueDoesNotStartWith('x-b', 'pre'),
            appmesh.HeaderMatch.valueEndsWith('x-c', 'suf'),
            appmesh.HeaderMatch.valueDoesNotEndWith('x-d', 'suf'),
            appmesh.HeaderMatch.valueMatchesRegex('x-e', 'a.*'),
            appmesh.HeaderMatch.valueDoesNotMatchRegex('x-f', 'b.*'),
            appmesh.HeaderMatch.valuesIsInRange('x-g', 1, 5),
            appmesh.HeaderMatch.valuesIsNotInRange('x-h', 6, 9),
          ],
          queryParameters: [appmesh.QueryParameterMatch.valueIs('query-field', 'value')],
          port: 8080,
        },
      }),
    });
  },

  'routes: retries and timeouts (HTTP/2 and gRPC)'(stack) {
    const { node, router, mesh } = base(stack, 'http2');
    const grpcNode = mesh.addVirtualNode('grpc-node', {
      virtualNodeName: 'grpc-node',
      serviceDiscovery: appmesh.ServiceDiscovery.dns('grpc.local'),
      listeners: [appmesh.VirtualNodeListener.grpc()],
    });
    const grpcRouter = mesh.addVirtualRouter('grpc-router', { listeners: [appmesh.VirtualRouterListener.grpc()] });
    router.addRoute('route-http2-retry', {
      routeSpec: appmesh.RouteSpec.http2({
        weightedTargets: [{ virtualNode: node }],
        retryPolicy: {
          tcpRetryEvents: [appmesh.TcpRetryEvent.CONNECTION_ERROR],
          httpRetryEvents: [appmesh.HttpRetryEvent.GATEWAY_ERROR, appmesh.HttpRetryEvent.SERVER_ERROR],
          retryAttempts: 5,
          retryTimeout: cdk.Duration.seconds(1),
        },
        timeout: { perRequest: cdk.Duration.seconds(10) },
      }),
    });
    grpcRouter.addRoute('route-grpc-retry', {
      routeSpec: appmesh.RouteSpec.grpc({
        weightedTargets: [{ virtualNode: grpcNode }],
        match: { serviceName: 'servicename' },
        retryPolicy: {
          tcpRetryEvents: [appmesh.TcpRetryEvent.CONNECTION_ERROR],
          httpRetryEvents: [appmesh.HttpRetryEvent.GATEWAY_ERROR],
          grpcRetryEvents: [appmesh.GrpcRetryEvent.CANCELLED, appmesh.GrpcRetryEvent.RESOURCE_EXHAUSTED, appmesh.GrpcRetryEvent.UNAVAILABLE],
          retryAttempts: 5,
          retryTimeout: cdk.Duration.millis(250),
        },
        timeout: { idle: cdk.Duration.seconds(2), perRequest: cdk.Duration.seconds(1) },
      }),
    });
  },

  'routes: gRPC matches and TCP'(stack) {
    const { node, router, mesh } = base(stack, 'grpc');
    const tcpNode = mesh.addVirtualNode('tcp-node', {
      virtualNodeName: 'tcp-node',
      serviceDiscovery: appmesh.ServiceDiscovery.dns('tcp.local'),
      listeners: [appmesh.VirtualNodeListener.tcp({ port: 5432 })],
    });
    const tcpRouter = mesh.addVirtualRouter('tcp-router', { listeners: [appmesh.VirtualRouterListener.tcp(5432)] });
    router.addRoute('route-grpc-metadata', {
      routeSpec: appmesh.RouteSpec.grpc({
        weightedTargets: [{ virtualNode: node }],
        match: {
          methodName: 'methodname',
          serviceName: 'servicename',
          metadata: [
            appmesh.HeaderMatch.valueStartsWith('Content-Type', 'application/'),
            appmesh.HeaderMatch.valueDoesNotStartWith('Content-Type', 'text/'),
          ],
        },
      }),
    });
    router.addRoute('route-grpc-port', {
      routeSpec: appmesh.RouteSpec.grpc({ weightedTargets: [{ virtualNode: node }], match: { port: 8080 } }),
    });
    tcpRouter.addRoute('route-tcp', {
      routeSpec: appmesh.RouteSpec.tcp({
        weightedTargets: [{ virtualNode: tcpNode, weight: 2 }],
        timeout: { idle: cdk.Duration.seconds(3) },
        priority: 5,
      }),
    });
  },

  'virtual gateways: listeners, health checks, TLS, pools, backend defaults, access log'(stack) {
    const mesh = new appmesh.Mesh(stack, 'mesh', { meshName: 'gateways' });
    new appmesh.VirtualGateway(stack, 'gateway', {
      mesh,
      listeners: [appmesh.VirtualGatewayListener.http({
        port: 443,
        healthCheck: appmesh.HealthCheck.http({ interval: cdk.Duration.seconds(10) }),
        connectionPool: { maxConnections: 10, maxPendingRequests: 5 },
      })],
      backendDefaults: {
        tlsClientPolicy: {
          ports: [8081, 8080],
          validation: { trust: appmesh.TlsValidationTrust.acm([acmpca.CertificateAuthority.fromCertificateAuthorityArn(stack, 'ca', CA_ARN)]) },
        },
      },
      accessLog: appmesh.AccessLog.fromFilePath('/dev/stdout'),
      virtualGatewayName: 'virtualGateway',
    });
    mesh.addVirtualGateway('grpc', {
      virtualGatewayName: 'grpc',
      listeners: [appmesh.VirtualGatewayListener.grpc({
        port: 8080,
        healthCheck: appmesh.HealthCheck.grpc(),
        tls: { mode: appmesh.TlsMode.STRICT, certificate: appmesh.TlsCertificate.file('path/to/certChain', 'path/to/privateKey') },
        connectionPool: { maxRequests: 10 },
      })],
    });
    mesh.addVirtualGateway('http2', {
      virtualGatewayName: 'gateway2',
      listeners: [appmesh.VirtualGatewayListener.http2({
        port: 8080,
        tls: {
          mode: appmesh.TlsMode.STRICT,
          certificate: appmesh.TlsCertificate.sds('secrete_certificate'),
          mutualTlsValidation: { trust: appmesh.TlsValidationTrust.file('ca.pem') },
        },
        connectionPool: { maxRequests: 20 },
      })],
    });
    mesh.addVirtualGateway('default-listener');
  },

  'gateway routes: matches and rewrites'(stack) {
    const { mesh, virtualService } = base(stack);
    const gateway = mesh.addVirtualGateway('gateway', {
      virtualGatewayName: 'gateway',
      listeners: [appmesh.VirtualGatewayListener.http({ port: 8080 })],
    });
    const http2Gateway = mesh.addVirtualGateway('http2-gateway', {
      virtualGatewayName: 'http2-gateway',
      listeners: [appmesh.VirtualGatewayListener.http2({ port: 8080 })],
    });
    gateway.addGatewayRoute('gateway-route-regex', {
      routeSpec: appmesh.GatewayRouteSpec.http({ routeTarget: virtualService, match: { path: appmesh.HttpGatewayRoutePathMatch.regex('regex') } }),
    });
    gateway.addGatewayRoute('gateway-route-keep-path', {
      routeSpec: appmesh.GatewayRouteSpec.http({
        routeTarget: virtualService,
        match: { path: appmesh.HttpGatewayRoutePathMatch.startsWith('/path-to-app/', '') },
      }),
    });
    gateway.addGatewayRoute('gateway-route-http-1', {
      routeSpec: appmesh.GatewayRouteSpec.http({
        routeTarget: virtualService,
        priority: 3,
        match: { path: appmesh.HttpGatewayRoutePathMatch.startsWith('/path-to-app/', '/rewrittenUri/') },
      }),
    });
    http2Gateway.addGatewayRoute('gateway-route-http-2', {
      routeSpec: appmesh.GatewayRouteSpec.http2({
        routeTarget: virtualService,
        match: {
          path: appmesh.HttpGatewayRoutePathMatch.exactly('/test', '/rewrittenPath'),
          headers: [appmesh.HeaderMatch.valueIs('x-env', 'blue')],
          hostname: appmesh.GatewayRouteHostnameMatch.exactly('example.com'),
          method: appmesh.HttpRouteMethod.GET,
          queryParameters: [appmesh.QueryParameterMatch.valueIs('q', 'v')],
          rewriteRequestHostname: true,
          port: 8080,
        },
      }),
    });
    gateway.addGatewayRoute('gateway-route-default', {
      routeSpec: appmesh.GatewayRouteSpec.http({ routeTarget: virtualService }),
    });
  },

  'gateway routes: gRPC hostnames and metadata'(stack) {
    const { mesh, virtualService } = base(stack);
    const gateway = mesh.addVirtualGateway('gateway', {
      virtualGatewayName: 'grpc-gateway',
      listeners: [appmesh.VirtualGatewayListener.grpc({ port: 8080 })],
    });
    gateway.addGatewayRoute('gateway-route-grpc', {
      routeSpec: appmesh.GatewayRouteSpec.grpc({
        routeTarget: virtualService,
        match: { hostname: appmesh.GatewayRouteHostnameMatch.endsWith('.example.com') },
      }),
    });
    gateway.addGatewayRoute('gateway-route-grpc-2', {
      routeSpec: appmesh.GatewayRouteSpec.grpc({
        routeTarget: virtualService,
        match: {
          serviceName: 'svc.Greeter',
          hostname: appmesh.GatewayRouteHostnameMatch.exactly('example.com'),
          metadata: [appmesh.HeaderMatch.valueIs('x-team', 'a')],
          rewriteRequestHostname: false,
        },
      }),
    });
    new appmesh.GatewayRoute(stack, 'named-gateway-route', {
      virtualGateway: gateway,
      gatewayRouteName: 'named',
      routeSpec: appmesh.GatewayRouteSpec.grpc({ routeTarget: virtualService, match: { serviceName: 'svc.Other' } }),
    });
  },

  'imports, shared meshes and grants'(stack) {
    const node = appmesh.VirtualNode.fromVirtualNodeArn(stack, 'importedVirtualNode',
      'arn:aws:appmesh:us-east-1:123456789012:mesh/testMesh/virtualNode/testNode');
    const byName = appmesh.Mesh.fromMeshName(stack, 'Mesh', 'testMesh');
    const node2 = appmesh.VirtualNode.fromVirtualNodeAttributes(stack, 'imported-virtual-node', {
      mesh: byName,
      virtualNodeName: 'my-virtual-node',
    });
    const shared = appmesh.Mesh.fromMeshArn(stack, 'imported-mesh', 'arn:aws:appmesh:us-east-1:123456789012:mesh/testMesh');
    const router = appmesh.VirtualRouter.fromVirtualRouterAttributes(stack, 'imported-router', { mesh: shared, virtualRouterName: 'r' });
    const importedGateway = appmesh.VirtualGateway.fromVirtualGatewayArn(stack, 'imported-gateway',
      'arn:aws:appmesh:us-east-1:123456789012:mesh/testMesh/virtualGateway/gw');
    const importedService = appmesh.VirtualService.fromVirtualServiceArn(stack, 'imported-service',
      'arn:aws:appmesh:us-east-1:123456789012:mesh/testMesh/virtualService/svc.local');
    new appmesh.VirtualNode(stack, 'test-node', {
      mesh: shared,
      virtualNodeName: 'test-node',
      backends: [appmesh.Backend.virtualService(importedService)],
    });
    new appmesh.Route(stack, 'route-on-import', {
      mesh: shared,
      virtualRouter: router,
      routeName: 'on-import',
      routeSpec: appmesh.RouteSpec.http({ weightedTargets: [{ virtualNode: node }, { virtualNode: node2 }] }),
    });
    const importedRouter = appmesh.VirtualRouter.fromVirtualRouterArn(stack, 'router-by-arn',
      'arn:aws:appmesh:us-east-1:123456789012:mesh/testMesh/virtualRouter/r2');
    const gatewayByName = appmesh.VirtualGateway.fromVirtualGatewayAttributes(stack, 'gateway-by-name', { mesh: shared, virtualGatewayName: 'gw2' });
    const serviceByName = appmesh.VirtualService.fromVirtualServiceAttributes(stack, 'service-by-name', { mesh: shared, virtualServiceName: 's2' });
    const routes: appmesh.IRoute[] = [
      appmesh.Route.fromRouteArn(stack, 'route-by-arn', 'arn:aws:appmesh:us-east-1:123456789012:mesh/testMesh/virtualRouter/r2/route/x'),
      appmesh.Route.fromRouteAttributes(stack, 'route-by-name', { routeName: 'y', virtualRouter: importedRouter }),
    ];
    const gatewayRoutes: appmesh.IGatewayRoute[] = [
      appmesh.GatewayRoute.fromGatewayRouteArn(stack, 'gateway-route-by-arn',
        'arn:aws:appmesh:us-east-1:123456789012:mesh/testMesh/virtualGateway/gw/gatewayRoute/z'),
      appmesh.GatewayRoute.fromGatewayRouteAttributes(stack, 'gateway-route-by-name', { gatewayRouteName: 'w', virtualGateway: gatewayByName }),
    ];
    new cdk.CfnOutput(stack, 'imported-names', {
      value: [...routes.map((r) => r.routeName), ...gatewayRoutes.map((r) => r.gatewayRouteName), serviceByName.virtualServiceArn].join(','),
    });
    new appmesh.GatewayRoute(stack, 'gateway-route-on-import', {
      virtualGateway: importedGateway,
      gatewayRouteName: 'on-import',
      routeSpec: appmesh.GatewayRouteSpec.http({ routeTarget: importedService }),
    });

    const mesh = new appmesh.Mesh(stack, 'grants-mesh', { meshName: 'grants' });
    const gateway = new appmesh.VirtualGateway(stack, 'testGateway', { mesh, virtualGatewayName: 'testGateway' });
    const ownNode = mesh.addVirtualNode('own-node', { virtualNodeName: 'own-node' });
    const envoyUser = new iam.User(stack, 'envoyUser');
    gateway.grants.streamAggregatedResources(envoyUser);
    ownNode.grants.streamAggregatedResources(envoyUser);
    node.grantStreamAggregatedResources(envoyUser);
    const role = new iam.Role(stack, 'role', { assumedBy: new iam.ServicePrincipal('ecs-tasks.amazonaws.com') });
    appmesh.VirtualNodeGrants.fromVirtualNode(ownNode).streamAggregatedResources(role);
    appmesh.VirtualGatewayGrants.fromVirtualGateway(gateway).streamAggregatedResources(role);
  },
};
