import { CfnParameter, Duration } from 'aws-cdk-lib';
import { describe, expect, it } from 'vitest';
import { DiagnosticSeverity, HealthCheck, ServiceDiscovery, VirtualGatewayListener, VirtualNodeListener } from '../../../lib';
import { expectDiagnostic, expectError, gatewayFixture, meshFixture, nodeWith } from '../../support/fixtures';
import { synthTemplate } from '../../support/synth';

const field = (name: string) => `spec.listeners[0].healthCheck.${name}`;

describe('AMK_HEALTH_CHECK_THRESHOLD', () => {
  it.each([1, 11, 0, 2.5])('rejects healthy threshold %d', (healthyThreshold) => {
    const fixture = nodeWith({ healthCheck: HealthCheck.http({ healthyThreshold }) });
    const d = expectError(fixture, { code: 'AMK_HEALTH_CHECK_THRESHOLD', at: fixture.node, field: field('healthyThreshold') });
    expect(d.value).toBe(String(healthyThreshold));
  });

  it.each([1, 11])('rejects unhealthy threshold %d', (unhealthyThreshold) => {
    const fixture = nodeWith({ healthCheck: HealthCheck.tcp({ unhealthyThreshold }) });
    expectError(fixture, { code: 'AMK_HEALTH_CHECK_THRESHOLD', at: fixture.node, field: field('unhealthyThreshold') });
  });

  it('accepts thresholds 2 and 10', () => {
    const fixture = nodeWith([
      VirtualNodeListener.http({ port: 8080, healthCheck: HealthCheck.http({ healthyThreshold: 2, unhealthyThreshold: 10 }) }),
      VirtualNodeListener.http({ port: 8081, healthCheck: HealthCheck.http({ healthyThreshold: 10, unhealthyThreshold: 2 }) }),
    ]);
    expect(fixture.mesh.validate()).toEqual([]);
  });
});

describe('AMK_HEALTH_CHECK_INTERVAL', () => {
  it.each([Duration.millis(4999), Duration.seconds(301), Duration.seconds(0)])('rejects interval %s', (interval) => {
    const fixture = nodeWith({ healthCheck: HealthCheck.http({ interval }) });
    const d = expectError(fixture, { code: 'AMK_HEALTH_CHECK_INTERVAL', at: fixture.node, field: field('intervalMillis') });
    expect(d.value).toBe(String(interval.toMilliseconds()));
  });

  it('accepts 5 s and 300 s (also given as 5 minutes)', () => {
    const fixture = nodeWith([
      VirtualNodeListener.http({ port: 8080, healthCheck: HealthCheck.http({ interval: Duration.seconds(5) }) }),
      VirtualNodeListener.http({ port: 8081, healthCheck: HealthCheck.http({ interval: Duration.seconds(300) }) }),
      VirtualNodeListener.http({ port: 8082, healthCheck: HealthCheck.http({ interval: Duration.minutes(5) }) }),
    ]);
    expect(fixture.mesh.validate()).toEqual([]);
  });
});

describe('AMK_HEALTH_CHECK_TIMEOUT', () => {
  it.each([Duration.millis(1999), Duration.seconds(61)])('rejects timeout %s', (timeout) => {
    const fixture = nodeWith({ healthCheck: HealthCheck.http({ timeout }) });
    expectError(fixture, { code: 'AMK_HEALTH_CHECK_TIMEOUT', at: fixture.node, field: field('timeoutMillis') });
  });

  it('accepts 2 s and 60 s', () => {
    const fixture = nodeWith([
      VirtualNodeListener.http({ port: 8080, healthCheck: HealthCheck.http({ timeout: Duration.seconds(2) }) }),
      VirtualNodeListener.http({ port: 8081, healthCheck: HealthCheck.http({ timeout: Duration.seconds(60) }) }),
    ]);
    expect(fixture.mesh.validate()).toEqual([]);
  });
});

describe('AMK_HEALTH_CHECK_PROTOCOL', () => {
  it('rejects a grpc health check on an http listener', () => {
    const fixture = nodeWith(VirtualNodeListener.http({ healthCheck: HealthCheck.grpc() }));
    const d = expectError(fixture, { code: 'AMK_HEALTH_CHECK_PROTOCOL', at: fixture.node, field: field('protocol') });
    expect(d.value).toBe('"grpc"');
  });

  it('rejects an http health check on a grpc listener', () => {
    const fixture = nodeWith(VirtualNodeListener.grpc({ healthCheck: HealthCheck.http() }));
    expectError(fixture, { code: 'AMK_HEALTH_CHECK_PROTOCOL', at: fixture.node, field: field('protocol') });
  });

  it('says "an http health check cannot check a grpc listener" (the article fits the word)', () => {
    const fixture = nodeWith(VirtualNodeListener.grpc({ healthCheck: HealthCheck.http() }));
    const d = expectError(fixture, { code: 'AMK_HEALTH_CHECK_PROTOCOL', at: fixture.node, field: field('protocol') });
    expect(d.message).toBe('an http health check cannot check a grpc listener');
    expect(d.fix).toBe('use HealthCheck.grpc(...) or HealthCheck.tcp(...)');
  });
});

describe('AMK_HEALTH_CHECK_TCP_LISTENER', () => {
  it.each(['http', 'http2', 'grpc'] as const)('warns (not rejects) %s health check on a tcp listener: App Mesh accepts it', (protocol) => {
    const fixture = nodeWith(VirtualNodeListener.tcp({ healthCheck: HealthCheck[protocol]() }));
    const d = expectDiagnostic(fixture.mesh, {
      code: 'AMK_HEALTH_CHECK_TCP_LISTENER', severity: DiagnosticSeverity.WARNING, at: fixture.node, field: field('protocol'),
    });
    expect(d.fix).toContain('HealthCheck.tcp(...)');
    expect(fixture.mesh.validate().filter((x) => x.severity === DiagnosticSeverity.ERROR)).toEqual([]);
    synthTemplate(fixture.stack, `rules-health-check-${protocol}-on-tcp`);
  });
});

describe('AMK_HEALTH_CHECK_PORT', () => {
  it('rejects a health check on another port than its listener (node)', () => {
    const fixture = nodeWith(VirtualNodeListener.http({ port: 8080, healthCheck: HealthCheck.http({ port: 9901 }) }));
    const d = expectError(fixture, { code: 'AMK_HEALTH_CHECK_PORT', at: fixture.node, field: field('port') });
    expect(d.value).toBe('9901');
    expect(d.fix).toContain('defaults to 8080');
  });

  it('rejects it on a virtual gateway listener too', () => {
    const fixture = gatewayFixture({ listeners: [VirtualGatewayListener.http({ port: 8080, healthCheck: HealthCheck.http({ port: 8081 }) })] });
    expectError(fixture, { code: 'AMK_HEALTH_CHECK_PORT', at: fixture.gateway, field: field('port') });
  });

  it('accepts the listener\'s own port given explicitly, at both ends of the range, and a token port', () => {
    const { stack, mesh } = meshFixture();
    const tokenPort = new CfnParameter(stack, 'HealthPort', { type: 'Number' }).valueAsNumber;
    mesh.addVirtualNode('Node', {
      serviceDiscovery: ServiceDiscovery.dns('catalog.shop.local'),
      listeners: [
        VirtualNodeListener.http({ port: 1, healthCheck: HealthCheck.http({ port: 1 }) }),
        VirtualNodeListener.tcp({ port: 65535, healthCheck: HealthCheck.tcp({ port: 65535 }) }),
        VirtualNodeListener.http2({ port: 8080, healthCheck: HealthCheck.http2({ port: tokenPort }) }),
      ],
    });
    expect(mesh.validate()).toEqual([]);
    synthTemplate(stack, 'rules-health-check-port-bounds');
  });

  it('accepts a tcp check on any listener and a same-protocol check', () => {
    const fixture = nodeWith([
      VirtualNodeListener.http({ port: 8080, healthCheck: HealthCheck.tcp() }),
      VirtualNodeListener.http2({ port: 8081, healthCheck: HealthCheck.tcp() }),
      VirtualNodeListener.grpc({ port: 8082, healthCheck: HealthCheck.tcp() }),
      VirtualNodeListener.tcp({ port: 8083, healthCheck: HealthCheck.tcp() }),
      VirtualNodeListener.http2({ port: 8084, healthCheck: HealthCheck.http2({ path: '/ping' }) }),
      VirtualNodeListener.grpc({ port: 8085, healthCheck: HealthCheck.grpc() }),
    ]);
    expect(fixture.mesh.validate()).toEqual([]);
    const template = synthTemplate(fixture.stack, 'rules-health-check-protocols');
    template.hasResourceProperties('AWS::AppMesh::VirtualNode', {
      Spec: {
        Listeners: [
          { HealthCheck: { Protocol: 'tcp', Port: 8080, HealthyThreshold: 2, UnhealthyThreshold: 2, IntervalMillis: 5000, TimeoutMillis: 2000 } },
          { HealthCheck: { Protocol: 'tcp' } },
          { HealthCheck: { Protocol: 'tcp' } },
          { HealthCheck: { Protocol: 'tcp' } },
          { HealthCheck: { Protocol: 'http2', Path: '/ping' } },
          { HealthCheck: { Protocol: 'grpc' } },
        ],
      },
    });
  });
});

describe('AMK_HEALTH_CHECK_PATH_PROTOCOL (plain JavaScript)', () => {
  it('rejects a path on a tcp check', () => {
    const fixture = nodeWith(VirtualNodeListener.tcp({ healthCheck: HealthCheck.tcp({ path: '/health' } as any) }));
    const d = expectError(fixture, { code: 'AMK_HEALTH_CHECK_PATH_PROTOCOL', at: fixture.node, field: field('path') });
    expect(d.value).toBe('"/health"');
  });

  it('rejects a path on a grpc check', () => {
    const fixture = nodeWith(VirtualNodeListener.grpc({ healthCheck: HealthCheck.grpc({ path: '/health' } as any) }));
    expectError(fixture, { code: 'AMK_HEALTH_CHECK_PATH_PROTOCOL', at: fixture.node, field: field('path') });
  });

  it('accepts a path on an http check', () => {
    const fixture = nodeWith(VirtualNodeListener.http({ healthCheck: HealthCheck.http({ path: '/health' }) }));
    expect(fixture.mesh.validate()).toEqual([]);
  });
});

describe('AMK_HEALTH_CHECK_PATH', () => {
  it('rejects an empty path on an http check', () => {
    const fixture = nodeWith({ healthCheck: HealthCheck.http({ path: '' }) });
    const d = expectError(fixture, { code: 'AMK_HEALTH_CHECK_PATH', at: fixture.node, field: field('path') });
    expect(d.value).toBe('""');
  });

  it('rejects a 256-character path on an http2 check, accepts 255', () => {
    const bad = nodeWith(VirtualNodeListener.http2({ healthCheck: HealthCheck.http2({ path: `/${'p'.repeat(255)}` }) }));
    expectError(bad, { code: 'AMK_HEALTH_CHECK_PATH', at: bad.node, field: field('path') });
    const good = nodeWith(VirtualNodeListener.http2({ healthCheck: HealthCheck.http2({ path: `/${'p'.repeat(254)}` }) }));
    expect(good.mesh.validate()).toEqual([]);
  });
});
