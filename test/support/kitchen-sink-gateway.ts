import { Stack } from 'aws-cdk-lib';
import * as acmpca from 'aws-cdk-lib/aws-acmpca';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import { ENV } from './fixtures';
import { testApp } from './synth';
import {
  AccessLog,
  ConnectionPool,
  GatewayRouteHostnameMatch,
  GatewayRouteSpec,
  HeaderMatch,
  HealthCheck,
  HttpGatewayRouteMatch,
  HttpGatewayRoutePathMatch,
  HttpRouteMethod,
  IMesh,
  LoggingFormat,
  Mesh,
  QueryParameterMatch,
  ServiceDiscovery,
  SubjectAlternativeNames,
  TlsCertificate,
  TlsMode,
  TlsValidationTrust,
  VirtualGatewayListener,
  VirtualNodeListener,
  VirtualServiceProvider,
} from '../../lib';

const sans = SubjectAlternativeNames.matchingExactly('catalog.shop.local');
const fileCert = TlsCertificate.file('/certs/cert.pem', '/certs/key.pem');

/** Gateways and gateway routes that together set every CloudFormation property, in a mesh shared from another account. */
export function buildGatewaySink(): { stack: Stack; mesh: IMesh } {
  const stack = new Stack(testApp(), 'GatewaySink', { env: ENV });
  const mesh = Mesh.fromMeshArn(stack, 'Shared', 'arn:aws:appmesh:us-east-1:444455556666:mesh/shared');
  const ca = acmpca.CertificateAuthority.fromCertificateAuthorityArn(stack, 'Ca',
    'arn:aws:acm-pca:us-east-1:111122223333:certificate-authority/00000000-0000-0000-0000-000000000000');
  const acmCert = acm.Certificate.fromCertificateArn(stack, 'Cert',
    'arn:aws:acm:us-east-1:111122223333:certificate/00000000-0000-0000-0000-000000000000');

  const gateway = mesh.addVirtualGateway('Gateway', {
    virtualGatewayName: 'edge',
    listeners: [
      VirtualGatewayListener.http({
        port: 8080,
        healthCheck: HealthCheck.http({ path: '/ping', port: 8080, healthyThreshold: 3, unhealthyThreshold: 4 }),
        connectionPool: ConnectionPool.http({ maxConnections: 100, maxPendingRequests: 50 }),
        tls: { mode: TlsMode.STRICT, certificate: TlsCertificate.acm(acmCert) },
      }),
      VirtualGatewayListener.http2({
        port: 8081,
        connectionPool: ConnectionPool.http2({ maxRequests: 100 }),
        tls: { mode: TlsMode.STRICT, certificate: fileCert, mutualTlsValidation: { trust: TlsValidationTrust.file('/certs/ca.pem'), subjectAlternativeNames: sans } },
      }),
      VirtualGatewayListener.grpc({
        port: 8443,
        connectionPool: ConnectionPool.grpc({ maxRequests: 100 }),
        tls: { mode: TlsMode.PERMISSIVE, certificate: TlsCertificate.sds('edge'), mutualTlsValidation: { trust: TlsValidationTrust.sds('edge-ca') } },
      }),
    ],
    backendDefaults: {
      tlsClientPolicy: {
        enforce: true,
        ports: [8080],
        validation: { trust: TlsValidationTrust.acm([ca]), subjectAlternativeNames: sans },
        mutualTlsCertificate: fileCert,
      },
    },
    accessLog: AccessLog.fromFilePath('/dev/stdout', LoggingFormat.fromJson({ status: '%RESPONSE_CODE%' })),
    tags: { team: 'edge' },
  });
  mesh.addVirtualGateway('FileTrust', {
    backendDefaults: { tlsClientPolicy: { validation: { trust: TlsValidationTrust.file('/certs/ca.pem') }, mutualTlsCertificate: TlsCertificate.sds('client') } },
    accessLog: AccessLog.fromFilePath('/dev/stdout', LoggingFormat.fromText('%START_TIME% %RESPONSE_CODE%')),
  });
  mesh.addVirtualGateway('SdsTrust', {
    backendDefaults: { tlsClientPolicy: { validation: { trust: TlsValidationTrust.sds('ca') } } },
  });

  const node = mesh.addVirtualNode('Node', {
    virtualNodeName: 'catalog',
    serviceDiscovery: ServiceDiscovery.dns('catalog.shop.local'),
    listeners: [VirtualNodeListener.http({ port: 8080 }), VirtualNodeListener.http2({ port: 8081 }), VirtualNodeListener.grpc({ port: 50051 })],
  });
  const service = mesh.addVirtualService('Service', { virtualServiceName: 'catalog.shop.local', provider: VirtualServiceProvider.virtualNode(node) });

  const headers = [
    HeaderMatch.valueIs('x-a', 'a'),
    HeaderMatch.valueStartsWith('x-b', 'b'),
    HeaderMatch.valueEndsWith('x-c', 'c'),
    HeaderMatch.valueDoesNotMatchRegex('x-d', 'd+'),
    HeaderMatch.valuesIsNotInRange('x-e', 1, 9),
  ];
  const httpMatch = (port: number): HttpGatewayRouteMatch => ({
    path: HttpGatewayRoutePathMatch.startsWith('/catalog/', '/'),
    headers,
    hostname: GatewayRouteHostnameMatch.exactly('shop.example.com'),
    method: HttpRouteMethod.POST,
    queryParameters: [QueryParameterMatch.valueIs('lang', 'en')],
    rewriteRequestHostname: false,
    port,
  });
  for (const [kind, port, targetPort] of [['http', 8080, 8080], ['http2', 8081, 8081]] as const) {
    const spec = kind === 'http' ? GatewayRouteSpec.http : GatewayRouteSpec.http2;
    gateway.addGatewayRoute(`${kind}-prefix`, { tags: { route: kind }, routeSpec: spec({ routeTarget: service, targetPort, priority: 1, match: httpMatch(port) }) });
    gateway.addGatewayRoute(`${kind}-default`, {
      routeSpec: spec({
        routeTarget: service,
        targetPort,
        priority: 2,
        match: { port, path: HttpGatewayRoutePathMatch.startsWith('/legacy/', ''), hostname: GatewayRouteHostnameMatch.endsWith('.example.com') },
      }),
    });
    gateway.addGatewayRoute(`${kind}-exact`, {
      routeSpec: spec({ routeTarget: service, targetPort, match: { port, path: HttpGatewayRoutePathMatch.exactly('/old', '/new') } }),
    });
    gateway.addGatewayRoute(`${kind}-regex`, {
      routeSpec: spec({ routeTarget: service, targetPort, match: { port, path: HttpGatewayRoutePathMatch.regex('/v[0-9]+/.*') } }),
    });
  }
  gateway.addGatewayRoute('grpc-exact', {
    routeSpec: GatewayRouteSpec.grpc({
      routeTarget: service,
      targetPort: 50051,
      priority: 3,
      match: { serviceName: 'shop.Catalog', hostname: GatewayRouteHostnameMatch.exactly('grpc.example.com'), metadata: headers, rewriteRequestHostname: true, port: 8443 },
    }),
  });
  gateway.addGatewayRoute('grpc-suffix', {
    routeSpec: GatewayRouteSpec.grpc({ routeTarget: service, targetPort: 50051, match: { hostname: GatewayRouteHostnameMatch.endsWith('.example.com'), port: 8443 } }),
  });
  return { stack, mesh };
}
