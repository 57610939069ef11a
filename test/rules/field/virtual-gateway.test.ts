/**
 * Negative tests for every field rule of virtual gateways: each asserts the code, severity,
 * construct path and field (API shape) through `mesh.validate()`, and that synthesis fails.
 */
import { Duration } from 'aws-cdk-lib';
import * as acmpca from 'aws-cdk-lib/aws-acmpca';
import { describe, expect, it } from 'vitest';
import {
  AccessLog,
  ConnectionPool,
  DiagnosticSeverity,
  HealthCheck,
  SubjectAlternativeNames,
  TlsCertificate,
  TlsMode,
  TlsValidationTrust,
  VirtualGatewayListener,
  VirtualGatewayListenerOptions,
  VirtualNodeListener,
  VirtualRouterListener,
} from '../../../lib';
import { expectDiagnostic, expectError, expectWarningAnnotation, gatewayFixture, meshFixture } from '../../support/fixtures';
import { synthTemplate } from '../../support/synth';

const certificate = TlsCertificate.file('/certs/cert.pem', '/certs/key.pem');

/** A gateway (in mesh `shop`) with the given listeners. */
function gatewayWith(...listeners: VirtualGatewayListener[]) {
  const fixture = meshFixture();
  const gateway = fixture.mesh.addVirtualGateway('Gateway', { virtualGatewayName: 'ingress', listeners });
  return { ...fixture, gateway };
}

const httpListener = (options: VirtualGatewayListenerOptions) => gatewayWith(VirtualGatewayListener.http(options));

describe('virtual gateway listeners', () => {
  it('a valid gateway has no diagnostics', () => {
    const fixture = gatewayWith(
      VirtualGatewayListener.http({ port: 8080, healthCheck: HealthCheck.http(), connectionPool: ConnectionPool.http({ maxConnections: 10 }) }),
      VirtualGatewayListener.grpc({ port: 8443, healthCheck: HealthCheck.grpc(), tls: { mode: TlsMode.STRICT, certificate } }),
    );
    expect(fixture.mesh.validate()).toEqual([]);
  });

  it('AMK_GATEWAY_LISTENER_PROTOCOL: a tcp listener (a node listener passed from plain JS)', () => {
    const fixture = gatewayWith(VirtualNodeListener.tcp({ port: 9000 }) as any);
    const d = expectError(fixture, { code: 'AMK_GATEWAY_LISTENER_PROTOCOL', at: fixture.gateway, field: 'spec.listeners[0].portMapping.protocol' });
    expect(d.value).toBe('"tcp"');
  });

  it('AMK_GATEWAY_LISTENER_PROTOCOL: a tcp router listener passed from plain JS', () => {
    const fixture = gatewayWith(VirtualRouterListener.tcp(9000) as any);
    expectError(fixture, { code: 'AMK_GATEWAY_LISTENER_PROTOCOL', at: fixture.gateway, field: 'spec.listeners[0].portMapping.protocol' });
  });

  it('AMK_ENUM: a listener protocol that is no protocol at all', () => {
    const fixture = gatewayWith({ _toModel: () => ({ portMapping: { port: 8080, protocol: 'udp' } }) } as any);
    expectError(fixture, { code: 'AMK_ENUM', at: fixture.gateway, field: 'spec.listeners[0].portMapping.protocol' });
  });

  it('AMK_DUPLICATE_PORT: two listeners on one port', () => {
    const fixture = gatewayWith(VirtualGatewayListener.http({ port: 8080 }), VirtualGatewayListener.grpc({ port: 8080 }));
    expectError(fixture, { code: 'AMK_DUPLICATE_PORT', at: fixture.gateway, field: 'spec.listeners[1].portMapping.port' });
  });

  it('AMK_PORT_RANGE: a port above 65535', () => {
    const fixture = httpListener({ port: 70000 });
    expectError(fixture, { code: 'AMK_PORT_RANGE', at: fixture.gateway, field: 'spec.listeners[0].portMapping.port' });
  });

  it('AMK_GATEWAY_PRIVILEGED_PORT: warns on a port below 1024; synth succeeds with a warning', () => {
    const fixture = httpListener({ port: 443 });
    const expected = {
      code: 'AMK_GATEWAY_PRIVILEGED_PORT', severity: DiagnosticSeverity.WARNING, at: fixture.gateway, field: 'spec.listeners[0].portMapping.port',
    };
    expectDiagnostic(fixture.mesh, expected);
    synthTemplate(fixture.stack, 'gw-rules-privileged-port');
    expectWarningAnnotation(fixture.stack, expected);
  });

  it('AMK_HEALTH_CHECK_THRESHOLD: a threshold out of 2–10', () => {
    const fixture = httpListener({ healthCheck: HealthCheck.http({ healthyThreshold: 11 }) });
    expectError(fixture, { code: 'AMK_HEALTH_CHECK_THRESHOLD', at: fixture.gateway, field: 'spec.listeners[0].healthCheck.healthyThreshold' });
  });

  it('AMK_HEALTH_CHECK_INTERVAL: an interval out of 5–300 s', () => {
    const fixture = httpListener({ healthCheck: HealthCheck.http({ interval: Duration.seconds(1) }) });
    expectError(fixture, { code: 'AMK_HEALTH_CHECK_INTERVAL', at: fixture.gateway, field: 'spec.listeners[0].healthCheck.intervalMillis' });
  });

  it('AMK_HEALTH_CHECK_PROTOCOL: an http health check on a grpc listener', () => {
    const fixture = gatewayWith(VirtualGatewayListener.grpc({ healthCheck: HealthCheck.http() }));
    expectError(fixture, { code: 'AMK_HEALTH_CHECK_PROTOCOL', at: fixture.gateway, field: 'spec.listeners[0].healthCheck.protocol' });
  });

  it('AMK_HEALTH_CHECK_PROTOCOL: a tcp health check (gateways have none)', () => {
    const fixture = httpListener({ healthCheck: HealthCheck.tcp() });
    const d = expectError(fixture, { code: 'AMK_HEALTH_CHECK_PROTOCOL', at: fixture.gateway, field: 'spec.listeners[0].healthCheck.protocol' });
    expect(d.message).toContain('no tcp health check');
  });

  it('AMK_CONNECTION_POOL_PROTOCOL: an http pool on a grpc listener', () => {
    const fixture = gatewayWith(VirtualGatewayListener.grpc({ connectionPool: ConnectionPool.http({ maxConnections: 10 }) }));
    expectError(fixture, { code: 'AMK_CONNECTION_POOL_PROTOCOL', at: fixture.gateway, field: 'spec.listeners[0].connectionPool.http' });
  });

  it('AMK_CONNECTION_POOL_PROTOCOL: a tcp pool (gateways have none)', () => {
    const fixture = httpListener({ connectionPool: ConnectionPool.tcp({ maxConnections: 10 }) });
    expectError(fixture, { code: 'AMK_CONNECTION_POOL_PROTOCOL', at: fixture.gateway, field: 'spec.listeners[0].connectionPool.tcp' });
  });

  it('AMK_CONNECTION_POOL_VALUE: a pool of zero', () => {
    const fixture = gatewayWith(VirtualGatewayListener.http2({ connectionPool: ConnectionPool.http2({ maxRequests: 0 }) }));
    expectError(fixture, { code: 'AMK_CONNECTION_POOL_VALUE', at: fixture.gateway, field: 'spec.listeners[0].connectionPool.http2.maxRequests' });
  });

  it('AMK_TLS_CERTIFICATE_REQUIRED: STRICT without a certificate', () => {
    const fixture = httpListener({ tls: { mode: TlsMode.STRICT } });
    expectError(fixture, { code: 'AMK_TLS_CERTIFICATE_REQUIRED', at: fixture.gateway, field: 'spec.listeners[0].tls.certificate' });
  });

  it('AMK_TLS_LISTENER_TRUST_KIND: an ACM trust for client certificates (plain JS)', () => {
    const fixture = meshFixture();
    const ca = acmpca.CertificateAuthority.fromCertificateAuthorityArn(fixture.stack, 'Ca',
      'arn:aws:acm-pca:us-east-1:111111111111:certificate-authority/00000000-0000-0000-0000-000000000000');
    const gateway = fixture.mesh.addVirtualGateway('Gateway', {
      listeners: [VirtualGatewayListener.http({
        tls: { mode: TlsMode.STRICT, certificate, mutualTlsValidation: { trust: TlsValidationTrust.acm([ca]) as any } },
      })],
    });
    expectError(fixture, { code: 'AMK_TLS_LISTENER_TRUST_KIND', at: gateway, field: 'spec.listeners[0].tls.validation.trust.acm' });
  });

  it('AMK_TLS_WILDCARD_SAN: a wildcard name in enforced backend defaults', () => {
    const fixture = gatewayFixture({
      backendDefaults: {
        tlsClientPolicy: {
          validation: { trust: TlsValidationTrust.file('/certs/ca.pem'), subjectAlternativeNames: SubjectAlternativeNames.matchingExactly('*.shop.local') },
        },
      },
    });
    expectError(fixture, {
      code: 'AMK_TLS_WILDCARD_SAN', at: fixture.gateway, field: 'spec.backendDefaults.clientPolicy.tls.validation.subjectAlternativeNames.match.exact',
    });
  });

  it('AMK_PORT_RANGE: a backend-defaults TLS port out of range', () => {
    const fixture = gatewayFixture({
      backendDefaults: { tlsClientPolicy: { ports: [0], validation: { trust: TlsValidationTrust.file('/certs/ca.pem') } } },
    });
    expectError(fixture, { code: 'AMK_PORT_RANGE', at: fixture.gateway, field: 'spec.backendDefaults.clientPolicy.tls.ports[0]' });
  });
});

describe('virtual gateway logging, names and tags', () => {
  it('AMK_ACCESS_LOG_PATH: an empty access log path', () => {
    const fixture = gatewayFixture({ accessLog: AccessLog.fromFilePath('') });
    expectError(fixture, { code: 'AMK_ACCESS_LOG_PATH', at: fixture.gateway, field: 'spec.logging.accessLog.file.path' });
  });

  it('AMK_NAME_LENGTH: a gateway name over 255 characters', () => {
    const fixture = gatewayFixture({ virtualGatewayName: 'g'.repeat(256) });
    expectError(fixture, { code: 'AMK_NAME_LENGTH', at: fixture.gateway, field: 'virtualGatewayName' });
  });

  it('AMK_TAG_COUNT: more than 50 tags', () => {
    const tags = Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`k${i}`, 'v']));
    const fixture = gatewayFixture({ tags });
    expectError(fixture, { code: 'AMK_TAG_COUNT', at: fixture.gateway, field: 'tags' });
  });

  it('AMK_TAG_KEY_LENGTH: an empty tag key', () => {
    const fixture = gatewayFixture({ tags: { '': 'v' } });
    expectError(fixture, { code: 'AMK_TAG_KEY_LENGTH', at: fixture.gateway, field: 'tags[0].key' });
  });
});

describe('virtual gateway: plain-JS wrong kinds give diagnostics, not TypeErrors', () => {
  function expectWrongType(fixture: ReturnType<typeof gatewayWith>, field: string) {
    expect(() => fixture.mesh.validate()).not.toThrow();
    return expectError(fixture, { code: 'AMK_WRONG_TYPE', at: fixture.gateway, field });
  }

  it('a listener that is a plain object', () => {
    const d = expectWrongType(gatewayWith({} as any), 'spec.listeners[0]');
    expect(d.value).toBe('{}');
  });

  it('a listener that is null', () => {
    expectWrongType(gatewayWith(null as any), 'spec.listeners[0]');
  });

  it('listeners that are not a list', () => {
    const fixture = meshFixture();
    const gateway = fixture.mesh.addVirtualGateway('Gateway', { listeners: VirtualGatewayListener.http() as any });
    expectWrongType({ ...fixture, gateway }, 'spec.listeners');
  });

  it('a port given as a string', () => {
    expectWrongType(httpListener({ port: '8080' as any }), 'spec.listeners[0].portMapping.port');
  });

  it('a health check that is a plain object', () => {
    expectWrongType(httpListener({ healthCheck: {} as any }), 'spec.listeners[0].healthCheck');
  });

  it('a connection pool that is a number', () => {
    expectWrongType(httpListener({ connectionPool: 10 as any }), 'spec.listeners[0].connectionPool');
  });

  it('TLS that is a string', () => {
    expectWrongType(httpListener({ tls: 'STRICT' as any }), 'spec.listeners[0].tls');
  });

  it('a node listener with a timeout (gateway listeners have none)', () => {
    const d = expectWrongType(gatewayWith(VirtualNodeListener.http({ timeout: { idle: Duration.seconds(10) } }) as any), 'spec.listeners[0].timeout');
    expect(d.message).toContain('virtual node listener');
  });

  it('an access log given as a path string', () => {
    const fixture = meshFixture();
    const gateway = fixture.mesh.addVirtualGateway('Gateway', { accessLog: '/dev/stdout' as any });
    expectWrongType({ ...fixture, gateway }, 'spec.logging');
  });

  it('a backend-defaults trust that is a string', () => {
    const fixture = meshFixture();
    const gateway = fixture.mesh.addVirtualGateway('Gateway', {
      backendDefaults: { tlsClientPolicy: { validation: { trust: '/certs/ca.pem' as any } } },
    });
    expectWrongType({ ...fixture, gateway }, 'spec.backendDefaults.clientPolicy.tls.validation.trust');
  });
});
