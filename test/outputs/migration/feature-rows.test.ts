import { Duration, Stack } from 'aws-cdk-lib';
import * as acmpca from 'aws-cdk-lib/aws-acmpca';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as servicediscovery from 'aws-cdk-lib/aws-servicediscovery';
import { describe, expect, it } from 'vitest';
import {
  AccessLog, Backend, ConnectionPool, EgressFilter, GatewayRouteHostnameMatch, HeaderMatch, HealthCheck, HttpGatewayRoutePathMatch,
  HttpRouteMethod, HttpRoutePathMatch, HttpRouteProtocol, IMesh, IpPreference, Mesh, MigrationFeature, MigrationReport, MigrationStatus,
  MigrationTarget, QueryParameterMatch, RetryPolicy, RouteSpec, ServiceDiscovery, TlsCertificate, TlsMode, TlsValidationTrust,
  VirtualGatewayListener, VirtualNode, VirtualNodeListener, VirtualRouterListener, VirtualServiceProvider,
} from '../../../lib';
import { addNode, gatewayFixture, httpRouteFixture, meshFixture, nodeWith, routeFixture } from '../../support/fixtures';
import { testApp } from '../../support/synth';

/**
 * Every feature row of the migration report, on a mesh built to use that feature, for the three
 * targets. The expected statuses are written out here (not read from the mapping), from the
 * mapping table of the migration notes (migration-targets.md §6.2, §1.3, §2.3).
 */

const { MAPS: M, APPROXIMATED: A, LOST: L } = MigrationStatus;

/** A node `n` in the fixture mesh with the given listener options. */
function node(options: Parameters<typeof VirtualNodeListener.http>[0] = {}) {
  return nodeWith(options).mesh;
}

/** A route fixture with one http route of the given options, to v1 unless targets are given. */
function route(options: Parameters<typeof RouteSpec.http>[0] = {}, grpc = false) {
  const f = routeFixture(grpc ? { routerListeners: [VirtualRouterListener.grpc(8080)], nodeListeners: () => [VirtualNodeListener.grpc()] } : {});
  const spec = grpc ? RouteSpec.grpc({ weightedTargets: [{ virtualNode: f.v1 }], ...options as Parameters<typeof RouteSpec.grpc>[0] })
    : RouteSpec.http({ weightedTargets: [{ virtualNode: f.v1 }], ...options });
  f.router.addRoute('Main', { routeName: 'main', routeSpec: spec });
  return f.mesh;
}

/** A node whose backend defaults trust the given source. */
function clientTls(trust: (stack: Stack) => TlsValidationTrust) {
  const f = meshFixture();
  f.mesh.addVirtualNode('Web', {
    virtualNodeName: 'web',
    serviceDiscovery: ServiceDiscovery.dns('web.shop.local'),
    listeners: [VirtualNodeListener.http()],
    backendDefaults: { tlsClientPolicy: { validation: { trust: trust(f.stack) } } },
  });
  return f.mesh;
}

/** A node whose only listener has TLS with the given certificate. */
function listenerTls(certificate: (stack: Stack) => TlsCertificate) {
  const f = meshFixture();
  f.mesh.addVirtualNode('Node', {
    virtualNodeName: 'catalog-v1',
    serviceDiscovery: ServiceDiscovery.dns('catalog.shop.local'),
    listeners: [VirtualNodeListener.http({ tls: { mode: TlsMode.STRICT, certificate: certificate(f.stack) } })],
  });
  return f.mesh;
}

function cloudMap(attributes?: Record<string, string>) {
  const f = meshFixture();
  const http = new servicediscovery.HttpNamespace(f.stack, 'Http', { name: 'shop.http' });
  f.mesh.addVirtualNode('Node', {
    virtualNodeName: 'orders',
    serviceDiscovery: ServiceDiscovery.cloudMap(http.createService('Orders', { name: 'orders' }), attributes),
    listeners: [VirtualNodeListener.http()],
  });
  return f.mesh;
}

const PCA = 'arn:aws:acm-pca:us-east-1:111122223333:certificate-authority/11111111-2222-3333-4444-555555555555';
const CERT = 'arn:aws:acm:us-east-1:111122223333:certificate/66666666-7777-8888-9999-000000000000';

/** feature → [a mesh using it, plain Envoy, Service Connect, VPC Lattice]. */
const CASES: Record<MigrationFeature, [() => IMesh, MigrationStatus, MigrationStatus, MigrationStatus]> = {
  MESH_BOUNDARY: [() => meshFixture().mesh, A, M, M],
  EGRESS_FILTER: [() => meshFixture({ egressFilter: EgressFilter.ALLOW_ALL }).mesh, M, L, L],
  IP_PREFERENCE: [() => meshFixture({ ipPreference: IpPreference.IPV6_ONLY }).mesh, M, L, A],
  SERVICE_NAME: [() => gatewayFixture().mesh, M, M, A],
  SERVICE_NAME_SEVERAL_NODES: [() => {
    const f = routeFixture();
    f.router.addRoute('Main', { routeSpec: RouteSpec.http({ weightedTargets: [{ virtualNode: f.v1, weight: 50 }, { virtualNode: f.v2, weight: 50 }] }) });
    f.mesh.addVirtualService('Catalog', { virtualServiceName: 'catalog.shop.local', provider: VirtualServiceProvider.virtualRouter(f.router) });
    return f.mesh;
  }, M, L, A],
  VIRTUAL_NODE: [() => node(), M, M, M],
  VIRTUAL_ROUTER: [() => routeFixture().mesh, M, L, M],
  LISTENER_HTTP: [() => node({ port: 8080 }), M, M, M],
  LISTENER_TCP: [() => nodeWith(VirtualNodeListener.tcp({ port: 5432 })).mesh, M, M, A],
  MULTIPLE_LISTENERS: [() => nodeWith([VirtualNodeListener.http({ port: 8080 }), VirtualNodeListener.grpc({ port: 8081 })]).mesh, M, M, A],
  HEALTH_CHECK_HTTP: [() => node({ healthCheck: HealthCheck.http({ path: '/ping' }) }), M, L, M],
  HEALTH_CHECK_TCP_GRPC: [() => nodeWith(VirtualNodeListener.tcp({ healthCheck: HealthCheck.tcp() })).mesh, M, L, A],
  BACKENDS: [() => {
    const f = gatewayFixture();
    addNode(f.mesh, 'Web', 'web').addBackend(Backend.virtualService(f.service));
    return f.mesh;
  }, M, L, A],
  PATH_PREFIX_EXACT: [() => route({ match: { path: HttpRoutePathMatch.exactly('/cart') } }), M, L, M],
  PATH_REGEX: [() => route({ match: { path: HttpRoutePathMatch.regex('/items/[0-9]+') } }), M, L, L],
  HEADER_EXACT_PREFIX: [() => route({ match: { headers: [HeaderMatch.valueStartsWith('x-tier', 'gold')] } }), M, L, M],
  HEADER_OTHER: [() => route({ match: { headers: [HeaderMatch.valueMatchesRegex('x-tier', 'g.*')] } }), M, L, L],
  QUERY_PARAMETERS: [() => route({ match: { queryParameters: [QueryParameterMatch.valueIs('beta', 'true')] } }), M, L, L],
  METHOD: [() => route({ match: { method: HttpRouteMethod.PATCH } }), M, L, A],
  SCHEME: [() => route({ match: { scheme: HttpRouteProtocol.HTTPS } }), M, L, L],
  GRPC_MATCH: [() => route({ match: { serviceName: 'shop.Cart', methodName: 'Add' } } as never, true), M, L, A],
  HOSTNAME_MATCH: [() => httpRouteFixture({ match: { hostname: GatewayRouteHostnameMatch.exactly('www.example.com') } }).mesh, M, L, L],
  PRIORITY: [() => route({ priority: 10 }), M, L, A],
  WEIGHTED_TARGETS: [() => {
    const f = routeFixture();
    f.router.addRoute('Main', { routeSpec: RouteSpec.http({ weightedTargets: [{ virtualNode: f.v1, weight: 90 }, { virtualNode: f.v2, weight: 10 }] }) });
    return f.mesh;
  }, M, A, M],
  RETRIES: [() => route({ retryPolicy: RetryPolicy.recommended() }), M, A, L],
  PER_REQUEST_TIMEOUT: [() => node({ timeout: { perRequest: Duration.seconds(5) } }), M, A, L],
  IDLE_TIMEOUT: [() => node({ timeout: { idle: Duration.seconds(60) } }), M, A, A],
  LISTENER_TLS_FILE: [() => listenerTls(() => TlsCertificate.file('/c.pem', '/k.pem')), M, A, A],
  LISTENER_TLS_SDS: [() => listenerTls(() => TlsCertificate.sds('spiffe://shop/catalog')), M, A, A],
  LISTENER_TLS_ACM: [() => listenerTls((s) => TlsCertificate.acm(acm.Certificate.fromCertificateArn(s, 'Cert', CERT))), L, A, A],
  CLIENT_TLS_FILE: [() => clientTls(() => TlsValidationTrust.file('/ca.pem')), M, A, A],
  CLIENT_TLS_SDS: [() => clientTls(() => TlsValidationTrust.sds('spiffe://shop')), M, A, A],
  CLIENT_TLS_ACM: [() => clientTls((s) => TlsValidationTrust.acm([acmpca.CertificateAuthority.fromCertificateAuthorityArn(s, 'Ca', PCA)])), L, A, A],
  MUTUAL_TLS: [() => node({
    tls: { mode: TlsMode.STRICT, certificate: TlsCertificate.file('/c.pem', '/k.pem'), mutualTlsValidation: { trust: TlsValidationTrust.file('/ca.pem') } },
  }), M, L, L],
  OUTLIER_DETECTION: [() => node({
    outlierDetection: { maxServerErrors: 5, interval: Duration.seconds(10), baseEjectionDuration: Duration.seconds(30), maxEjectionPercent: 50 },
  }), M, A, L],
  CONNECTION_POOL: [() => node({ connectionPool: ConnectionPool.http({ maxConnections: 10 }) }), M, L, L],
  ACCESS_LOG: [() => nodeWith({}, { accessLog: AccessLog.fromFilePath('/dev/stdout') }).mesh, M, A, A],
  VIRTUAL_GATEWAY: [() => gatewayFixture({ listeners: [VirtualGatewayListener.http({ port: 8080 })] }).mesh, M, L, A],
  REWRITE: [() => httpRouteFixture({ match: { path: HttpGatewayRoutePathMatch.startsWith('/shop/', '/') } }).mesh, M, L, L],
  CLOUD_MAP: [() => cloudMap(), A, A, L],
  CLOUD_MAP_ATTRIBUTES: [() => cloudMap({ version: 'v2' }), L, L, L],
  CROSS_ACCOUNT: [() => {
    const stack = new Stack(testApp(), 'Stack', { env: { account: '222222222222', region: 'us-east-1' } });
    const shared = Mesh.fromMeshArn(stack, 'Shared', 'arn:aws:appmesh:us-east-1:111111111111:mesh/shared');
    new VirtualNode(stack, 'Tenant', { mesh: shared, serviceDiscovery: ServiceDiscovery.dns('t.shared.local'), listeners: [VirtualNodeListener.http()] });
    return shared;
  }, A, M, M],
};

describe('migration report: one row per feature, for plain Envoy, Service Connect and VPC Lattice', () => {
  for (const [feature, [build, envoy, serviceConnect, lattice]] of Object.entries(CASES)) {
    it(`${feature}: plain Envoy ${envoy}, Service Connect ${serviceConnect}, VPC Lattice ${lattice}`, () => {
      const report = MigrationReport.of(build());
      const rows = report.rows.filter((r) => r.feature === feature);
      expect(rows.length, `a ${feature} row among ${report.rows.map((r) => r.feature).join(', ')}`).toBeGreaterThan(0);
      for (const row of rows) {
        const { PLAIN_ENVOY, SERVICE_CONNECT, VPC_LATTICE } = MigrationTarget;
        expect(row.findings.map((f) => f.target)).toEqual([PLAIN_ENVOY, SERVICE_CONNECT, VPC_LATTICE]);
        expect(row.findings.map((f) => f.status)).toEqual([envoy, serviceConnect, lattice]);
        for (const finding of row.findings) {
          expect(finding.detail.length).toBeGreaterThan(10);
          expect(finding.source).toMatch(/^migration-targets\.md §\d/);
          if (finding.status === L) expect(finding.detail).toMatch(/Instead: /);
        }
      }
    });
  }

  it('covers every feature of MigrationFeature, at least 30 rows of the mapping table', () => {
    expect(Object.keys(CASES).sort()).toEqual(Object.values(MigrationFeature).sort());
    expect(Object.keys(CASES).length).toBeGreaterThanOrEqual(30);
  });
});
