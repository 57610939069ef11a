import { Duration } from 'aws-cdk-lib';
import * as servicediscovery from 'aws-cdk-lib/aws-servicediscovery';
import { describe, expect, it } from 'vitest';
import {
  ConnectionPool,
  DiagnosticSeverity,
  DnsResponseType,
  OutlierDetection,
  ServiceDiscovery,
  VirtualNodeListener,
} from '../../../lib';
import { codesOf, expectDiagnostic, expectError, expectWarningAnnotation, meshFixture, nodeWith } from '../../support/fixtures';
import { synthTemplate } from '../../support/synth';

const outlier: OutlierDetection = {
  maxServerErrors: 5,
  interval: Duration.seconds(10),
  baseEjectionDuration: Duration.seconds(30),
  maxEjectionPercent: 50,
};
const endpoints = { serviceDiscovery: ServiceDiscovery.dns('catalog.shop.local', DnsResponseType.ENDPOINTS) };

/** A duration-like object from plain JavaScript that CDK's Duration would never let exist. */
const negativeDuration = { toMilliseconds: () => -1, toSeconds: () => -0.001, unitLabel: () => 'millis' } as any as Duration;

describe('outlier detection', () => {
  it.each(['maxServerErrors', 'interval', 'baseEjectionDuration', 'maxEjectionPercent'])(
    'AMK_OUTLIER_DETECTION_INCOMPLETE: rejects one without %s (plain JavaScript)', (missing) => {
      const partial = { ...outlier, [missing]: undefined };
      const fixture = nodeWith({ outlierDetection: partial as any }, endpoints);
      expectError(fixture, {
        code: 'AMK_OUTLIER_DETECTION_INCOMPLETE', at: fixture.node, field: `spec.listeners[0].outlierDetection.${missing}`,
      });
    });

  it('AMK_OUTLIER_DETECTION_SERVER_ERRORS: rejects 0, accepts 1', () => {
    const bad = nodeWith({ outlierDetection: { ...outlier, maxServerErrors: 0 } }, endpoints);
    expectError(bad, {
      code: 'AMK_OUTLIER_DETECTION_SERVER_ERRORS', at: bad.node, field: 'spec.listeners[0].outlierDetection.maxServerErrors',
    });
    const good = nodeWith({ outlierDetection: { ...outlier, maxServerErrors: 1 } }, endpoints);
    expect(good.mesh.validate()).toEqual([]);
  });

  it.each([101, -1, 50.5])('AMK_OUTLIER_DETECTION_PERCENT: rejects %d', (maxEjectionPercent) => {
    const fixture = nodeWith({ outlierDetection: { ...outlier, maxEjectionPercent } }, endpoints);
    const d = expectError(fixture, {
      code: 'AMK_OUTLIER_DETECTION_PERCENT', at: fixture.node, field: 'spec.listeners[0].outlierDetection.maxEjectionPercent',
    });
    expect(d.value).toBe(String(maxEjectionPercent));
  });

  it('accepts ejection percents 0 and 100', () => {
    const fixture = nodeWith([
      VirtualNodeListener.http({ port: 8080, outlierDetection: { ...outlier, maxEjectionPercent: 0 } }),
      VirtualNodeListener.http({ port: 8081, outlierDetection: { ...outlier, maxEjectionPercent: 100 } }),
    ], endpoints);
    expect(fixture.mesh.validate()).toEqual([]);
    synthTemplate(fixture.stack, 'rules-outlier-percent-boundaries');
  });

  it('AMK_OUTLIER_DETECTION_DNS: warns with DNS discovery of the default response type (LOADBALANCER)', () => {
    const fixture = nodeWith({ outlierDetection: outlier });
    const expected = {
      code: 'AMK_OUTLIER_DETECTION_DNS', severity: DiagnosticSeverity.WARNING, at: fixture.node, field: 'spec.listeners[0].outlierDetection',
    };
    const d = expectDiagnostic(fixture.mesh, expected);
    expect(d.value).toBe('"LOADBALANCER"');
    synthTemplate(fixture.stack, 'rules-outlier-dns-warning');
    expectWarningAnnotation(fixture.stack, expected);
  });

  it('AMK_OUTLIER_DETECTION_DNS: warns with an explicit LOAD_BALANCER, on each listener that has outlier detection', () => {
    const fixture = nodeWith([
      VirtualNodeListener.http({ port: 8080 }),
      VirtualNodeListener.http({ port: 8081, outlierDetection: outlier }),
    ], { serviceDiscovery: ServiceDiscovery.dns('catalog.shop.local', DnsResponseType.LOAD_BALANCER) });
    expectDiagnostic(fixture.mesh, {
      code: 'AMK_OUTLIER_DETECTION_DNS', severity: DiagnosticSeverity.WARNING, at: fixture.node, field: 'spec.listeners[1].outlierDetection',
    });
  });

  it('no AMK_OUTLIER_DETECTION_DNS with DNS ENDPOINTS', () => {
    const fixture = nodeWith({ outlierDetection: outlier }, endpoints);
    expect(fixture.mesh.validate()).toEqual([]);
  });

  it('no AMK_OUTLIER_DETECTION_DNS with Cloud Map discovery', () => {
    const fixture = meshFixture();
    const namespace = new servicediscovery.HttpNamespace(fixture.stack, 'Namespace', { name: 'shop' });
    const service = namespace.createService('Catalog', { name: 'catalog' });
    fixture.mesh.addVirtualNode('Node', {
      serviceDiscovery: ServiceDiscovery.cloudMap(service),
      listeners: [VirtualNodeListener.http({ outlierDetection: outlier })],
    });
    expect(codesOf(fixture.mesh)).not.toContain('AMK_OUTLIER_DETECTION_DNS');
    expect(fixture.mesh.validate()).toEqual([]);
    synthTemplate(fixture.stack, 'rules-outlier-cloud-map');
  });
});

describe('connection pool', () => {
  it('AMK_CONNECTION_POOL_PROTOCOL: rejects an http2 pool on an http listener', () => {
    const fixture = nodeWith({ connectionPool: ConnectionPool.http2({ maxRequests: 10 }) });
    const d = expectError(fixture, { code: 'AMK_CONNECTION_POOL_PROTOCOL', at: fixture.node, field: 'spec.listeners[0].connectionPool.http2' });
    expect(d.value).toBe('"http2"');
  });

  it('AMK_CONNECTION_POOL_PROTOCOL: rejects an http pool on a tcp listener', () => {
    const fixture = nodeWith(VirtualNodeListener.tcp({ connectionPool: ConnectionPool.http({ maxConnections: 10 }) }));
    expectError(fixture, { code: 'AMK_CONNECTION_POOL_PROTOCOL', at: fixture.node, field: 'spec.listeners[0].connectionPool.http' });
  });

  it('accepts a pool of each listener\'s own protocol', () => {
    const fixture = nodeWith([
      VirtualNodeListener.http({ port: 8080, connectionPool: ConnectionPool.http({ maxConnections: 1, maxPendingRequests: 1 }) }),
      VirtualNodeListener.http2({ port: 8081, connectionPool: ConnectionPool.http2({ maxRequests: 1 }) }),
      VirtualNodeListener.grpc({ port: 8082, connectionPool: ConnectionPool.grpc({ maxRequests: 1 }) }),
      VirtualNodeListener.tcp({ port: 8083, connectionPool: ConnectionPool.tcp({ maxConnections: 1 }) }),
    ]);
    expect(fixture.mesh.validate()).toEqual([]);
    synthTemplate(fixture.stack, 'rules-connection-pools');
  });

  it('AMK_CONNECTION_POOL_VALUE: rejects maxConnections 0', () => {
    const fixture = nodeWith({ connectionPool: ConnectionPool.http({ maxConnections: 0 }) });
    const d = expectError(fixture, {
      code: 'AMK_CONNECTION_POOL_VALUE', at: fixture.node, field: 'spec.listeners[0].connectionPool.http.maxConnections',
    });
    expect(d.value).toBe('0');
  });

  it('AMK_CONNECTION_POOL_VALUE: rejects maxPendingRequests 0', () => {
    const fixture = nodeWith({ connectionPool: ConnectionPool.http({ maxConnections: 1, maxPendingRequests: 0 }) });
    expectError(fixture, {
      code: 'AMK_CONNECTION_POOL_VALUE', at: fixture.node, field: 'spec.listeners[0].connectionPool.http.maxPendingRequests',
    });
  });

  it('AMK_CONNECTION_POOL_VALUE: rejects grpc maxRequests 0', () => {
    const fixture = nodeWith(VirtualNodeListener.grpc({ connectionPool: ConnectionPool.grpc({ maxRequests: 0 }) }));
    expectError(fixture, { code: 'AMK_CONNECTION_POOL_VALUE', at: fixture.node, field: 'spec.listeners[0].connectionPool.grpc.maxRequests' });
  });
});

describe('listener timeouts', () => {
  it('AMK_TIMEOUT_TCP_PER_REQUEST: rejects a per-request timeout on a tcp listener', () => {
    const fixture = nodeWith(VirtualNodeListener.tcp({ timeout: { perRequest: Duration.seconds(5) } }));
    expectError(fixture, { code: 'AMK_TIMEOUT_TCP_PER_REQUEST', at: fixture.node, field: 'spec.listeners[0].timeout.tcp.perRequest' });
  });

  it('accepts an idle timeout on a tcp listener and both timeouts on an http listener', () => {
    const fixture = nodeWith([
      VirtualNodeListener.tcp({ port: 8080, timeout: { idle: Duration.seconds(30) } }),
      VirtualNodeListener.http({ port: 8081, timeout: { idle: Duration.seconds(0), perRequest: Duration.millis(1500) } }),
    ]);
    expect(fixture.mesh.validate()).toEqual([]);
    const template = synthTemplate(fixture.stack, 'rules-timeouts');
    template.hasResourceProperties('AWS::AppMesh::VirtualNode', {
      Spec: {
        Listeners: [
          { Timeout: { TCP: { Idle: { Unit: 'ms', Value: 30000 } } } },
          { Timeout: { HTTP: { Idle: { Unit: 'ms', Value: 0 }, PerRequest: { Unit: 'ms', Value: 1500 } } } },
        ],
      },
    });
  });
});

describe('AMK_DURATION_NEGATIVE', () => {
  it('CDK itself refuses to build a negative Duration', () => {
    expect(() => Duration.millis(-1)).toThrow(/negative/);
    expect(() => Duration.seconds(-5)).toThrow(/negative/);
  });

  it('rejects a negative duration-like value from plain JavaScript (listener idle timeout)', () => {
    const fixture = nodeWith({ timeout: { idle: negativeDuration } });
    const d = expectError(fixture, { code: 'AMK_DURATION_NEGATIVE', at: fixture.node, field: 'spec.listeners[0].timeout.http.idle.value' });
    expect(d.value).toBe('-1');
  });

  it('rejects a negative outlier detection interval from plain JavaScript', () => {
    const fixture = nodeWith({ outlierDetection: { ...outlier, interval: negativeDuration } }, endpoints);
    expectError(fixture, {
      code: 'AMK_DURATION_NEGATIVE', at: fixture.node, field: 'spec.listeners[0].outlierDetection.interval.value',
    });
  });
});
