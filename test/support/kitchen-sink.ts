import { Duration, Stack } from 'aws-cdk-lib';
import * as acmpca from 'aws-cdk-lib/aws-acmpca';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as servicediscovery from 'aws-cdk-lib/aws-servicediscovery';
import { Construct } from 'constructs';
import { addRouting } from './kitchen-sink-routing';
import {
  AccessLog, Backend, IMesh, ConnectionPool, DnsResponseType, EgressFilter, HealthCheck, IpPreference, LoggingFormat, Mesh,
  ServiceDiscovery, SubjectAlternativeNames, TlsCertificate, TlsMode, TlsValidationTrust, VirtualNode, VirtualNodeListener,
  RouteSpec, VirtualRouter, VirtualRouterListener, VirtualService, VirtualServiceProvider,
} from '../../lib';

const OWNER_ACCOUNT = '111111111111';
const APP_ACCOUNT = '222222222222';

/**
 * One stack that sets every CloudFormation property of Mesh, VirtualNode and VirtualService
 * through the L2 API: the coverage test reads the paths it synthesizes.
 */
export function buildKitchenSink(scope: Construct): { stack: Stack; meshes: IMesh[] } {
  const stack = new Stack(scope, 'KitchenSink', { env: { account: APP_ACCOUNT, region: 'eu-west-1' } });
  const mesh = new Mesh(stack, 'Mesh', {
    meshName: 'kitchen',
    egressFilter: EgressFilter.ALLOW_ALL,
    ipPreference: IpPreference.IPV4_PREFERRED,
    tags: { team: 'platform' },
  });

  const ca = acmpca.CertificateAuthority.fromCertificateAuthorityArn(stack, 'Ca',
    `arn:aws:acm-pca:eu-west-1:${APP_ACCOUNT}:certificate-authority/11111111-2222-3333-4444-555555555555`);
  const certificate = acm.Certificate.fromCertificateArn(stack, 'Cert',
    `arn:aws:acm:eu-west-1:${APP_ACCOUNT}:certificate/66666666-7777-8888-9999-000000000000`);
  const namespace = new servicediscovery.HttpNamespace(stack, 'Namespace', { name: 'kitchen.local' });
  const cloudMapService = namespace.createService('Orders', { name: 'orders' });

  const healthCheck = HealthCheck.http({
    path: '/health', port: 8080, healthyThreshold: 3, unhealthyThreshold: 4, interval: Duration.seconds(10), timeout: Duration.seconds(3),
  });
  const outlierDetection = {
    maxServerErrors: 5, interval: Duration.seconds(10), baseEjectionDuration: Duration.seconds(30), maxEjectionPercent: 50,
  };

  const api = mesh.addVirtualNode('Api', {
    virtualNodeName: 'api',
    serviceDiscovery: ServiceDiscovery.dns('api.kitchen.local', DnsResponseType.ENDPOINTS, IpPreference.IPV4_ONLY),
    listeners: [
      VirtualNodeListener.http({
        port: 8080,
        healthCheck,
        outlierDetection,
        timeout: { perRequest: Duration.seconds(20), idle: Duration.seconds(60) },
        connectionPool: ConnectionPool.http({ maxConnections: 100, maxPendingRequests: 50 }),
        tls: { mode: TlsMode.STRICT, certificate: TlsCertificate.acm(certificate) },
      }),
      VirtualNodeListener.http2({
        port: 8081,
        healthCheck: HealthCheck.http2(),
        timeout: { perRequest: Duration.seconds(5), idle: Duration.seconds(30) },
        connectionPool: ConnectionPool.http2({ maxRequests: 200 }),
        tls: {
          mode: TlsMode.PERMISSIVE,
          certificate: TlsCertificate.file('/certs/api.pem', '/certs/api.key'),
          mutualTlsValidation: {
            trust: TlsValidationTrust.file('/certs/ca.pem'),
            subjectAlternativeNames: SubjectAlternativeNames.matchingExactly('web.kitchen.local'),
          },
        },
      }),
      VirtualNodeListener.grpc({
        port: 8082,
        healthCheck: HealthCheck.grpc(),
        timeout: { perRequest: Duration.millis(1500), idle: Duration.seconds(30) },
        connectionPool: ConnectionPool.grpc({ maxRequests: 300 }),
        tls: {
          mode: TlsMode.STRICT,
          certificate: TlsCertificate.sds('spiffe://kitchen/api'),
          mutualTlsValidation: { trust: TlsValidationTrust.sds('spiffe://kitchen') },
        },
      }),
      VirtualNodeListener.tcp({
        port: 8083,
        healthCheck: HealthCheck.tcp(),
        timeout: { idle: Duration.seconds(120) },
        connectionPool: ConnectionPool.tcp({ maxConnections: 40 }),
      }),
    ],
    accessLog: AccessLog.fromFilePath('/dev/stdout', LoggingFormat.fromJson({ status: '%RESPONSE_CODE%' })),
    tags: { tier: 'api' },
  });
  const apiService = mesh.addVirtualService('api.kitchen.local', {
    provider: VirtualServiceProvider.virtualNode(api),
    tags: { tier: 'api' },
  });

  const orders = mesh.addVirtualNode('Orders', {
    serviceDiscovery: ServiceDiscovery.cloudMap(cloudMapService, { version: 'v2' }, IpPreference.IPV6_PREFERRED),
    listeners: [VirtualNodeListener.http({ port: 8080 })],
    accessLog: AccessLog.fromFilePath('/var/log/envoy.log', LoggingFormat.fromText('%START_TIME% %RESPONSE_CODE%\n')),
  });
  const ordersRouter = mesh.addVirtualRouter('OrdersRouter', { listeners: [VirtualRouterListener.http(8080)] });
  const ordersService = mesh.addVirtualService('orders.kitchen.local', { provider: VirtualServiceProvider.virtualRouter(ordersRouter) });
  void orders;

  // The web node's client side: backend defaults (file client certificate, ACM trust) and
  // per-backend policies (SDS certificate with file trust, and SDS trust).
  mesh.addVirtualNode('Web', {
    serviceDiscovery: ServiceDiscovery.dns('web.kitchen.local'),
    listeners: [VirtualNodeListener.http({ port: 80 })],
    backendDefaults: {
      tlsClientPolicy: {
        enforce: true,
        ports: [8080, 8081],
        mutualTlsCertificate: TlsCertificate.file('/certs/web.pem', '/certs/web.key'),
        validation: {
          trust: TlsValidationTrust.acm([ca]),
          subjectAlternativeNames: SubjectAlternativeNames.matchingExactly('api.kitchen.local'),
        },
      },
    },
    backends: [
      Backend.virtualService(apiService, {
        tlsClientPolicy: {
          enforce: false,
          ports: [8081],
          mutualTlsCertificate: TlsCertificate.sds('spiffe://kitchen/web'),
          validation: {
            trust: TlsValidationTrust.file('/certs/ca.pem'),
            subjectAlternativeNames: SubjectAlternativeNames.matchingExactly('*.kitchen.local'),
          },
        },
      }),
      Backend.virtualService(ordersService, {
        tlsClientPolicy: {
          mutualTlsCertificate: TlsCertificate.file('/certs/web.pem', '/certs/web.key'),
          validation: { trust: TlsValidationTrust.sds('spiffe://kitchen') },
        },
      }),
    ],
  });

  addRouting(mesh, api);

  // The other certificate and trust sources, in backend defaults and in a backend.
  mesh.addVirtualNode('Worker', {
    backendDefaults: {
      tlsClientPolicy: {
        mutualTlsCertificate: TlsCertificate.sds('spiffe://kitchen/worker'),
        validation: { trust: TlsValidationTrust.file('/certs/ca.pem') },
      },
    },
    backends: [Backend.virtualService(apiService, { tlsClientPolicy: { validation: { trust: TlsValidationTrust.acm([ca]) } } })],
  });
  mesh.addVirtualNode('Batch', {
    backendDefaults: { tlsClientPolicy: { validation: { trust: TlsValidationTrust.sds('spiffe://kitchen') } } },
    backends: [Backend.virtualService(ordersService)],
  });

  // A mesh shared from another account: resources in this account carry MeshOwner.
  const shared = Mesh.fromMeshArn(stack, 'SharedMesh', `arn:aws:appmesh:eu-west-1:${OWNER_ACCOUNT}:mesh/shared`);
  const tenant = new VirtualNode(stack, 'Tenant', {
    mesh: shared,
    serviceDiscovery: ServiceDiscovery.dns('tenant.shared.local'),
    listeners: [VirtualNodeListener.http()],
  });
  const tenantRouter = new VirtualRouter(stack, 'TenantRouter', { mesh: shared, listeners: [VirtualRouterListener.http(8080)] });
  tenantRouter.addRoute('TenantRoute', { routeSpec: RouteSpec.http() }).to(tenant);
  new VirtualService(stack, 'TenantService', {
    mesh: shared,
    virtualServiceName: 'tenant.shared.local',
    provider: VirtualServiceProvider.virtualRouter(tenantRouter),
  });
  return { stack, meshes: [mesh, shared] };
}
