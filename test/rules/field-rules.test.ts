/**
 * Values only plain JavaScript (or a jsii caller ignoring types) can pass: every one must come
 * back from `mesh.validate()` as a diagnostic, never as a TypeError from inside rendering.
 */
import { Duration } from 'aws-cdk-lib';
import { describe, expect, it } from 'vitest';
import {
  AccessLog,
  DiagnosticSeverity,
  EgressFilter,
  HealthCheck,
  IpPreference,
  LoggingFormat,
  Mesh,
  VirtualGatewayListener,
  VirtualNodeListener,
} from '../../lib';
import { expectDiagnostic, expectError, MeshFixture, meshFixture, nodeWith, nodeWithProps } from '../support/fixtures';

/** validate() must not throw; the diagnostic of `code` must be there. */
function expectWrongType(fixture: MeshFixture, at: { node: { path: string } }, field: string) {
  expect(() => fixture.mesh.validate()).not.toThrow();
  return expectError(fixture, { code: 'AMK_WRONG_TYPE', at, field });
}

describe('AMK_WRONG_TYPE', () => {
  it('listener port given as a string', () => {
    const fixture = nodeWith({ port: '8080' as any });
    const d = expectWrongType(fixture, fixture.node, 'spec.listeners[0].portMapping.port');
    expect(d.value).toBe('"8080"');
  });

  it.each(['http', 'http2', 'grpc', 'tcp'] as const)('a node listener port given where the options belong: VirtualNodeListener.%s(9090)', (protocol) => {
    // Regression: the number was taken as an empty options object, and the listener synthesized port 8080.
    const fixture = nodeWith(VirtualNodeListener[protocol](9090 as any));
    const d = expectWrongType(fixture, fixture.node, 'spec.listeners[0].portMapping.port');
    expect(d.value).toBe('9090');
    expect(d.message).toBe(`listener port must be a number inside the options object: VirtualNodeListener.${protocol}({ port: 9090 })`);
  });

  it.each(['http', 'http2', 'grpc'] as const)('a gateway listener port given where the options belong: VirtualGatewayListener.%s(9090)', (protocol) => {
    const fixture = meshFixture();
    const gateway = fixture.mesh.addVirtualGateway('Gateway', { listeners: [VirtualGatewayListener[protocol](9090 as any)] });
    const d = expectWrongType(fixture, gateway, 'spec.listeners[0].portMapping.port');
    expect(d.fix).toBe(`pass a number inside the options object: VirtualGatewayListener.${protocol}({ port: 9090 })`);
  });

  it('health check interval given as a number of milliseconds instead of a Duration', () => {
    const fixture = nodeWith({ healthCheck: HealthCheck.http({ interval: 5000 as any }) });
    const d = expectWrongType(fixture, fixture.node, 'spec.listeners[0].healthCheck.intervalMillis');
    expect(d.value).toBe('5000');
  });

  it('health check timeout given as a string', () => {
    const fixture = nodeWith({ healthCheck: HealthCheck.http({ timeout: '2s' as any }) });
    expectWrongType(fixture, fixture.node, 'spec.listeners[0].healthCheck.timeoutMillis');
  });

  it('health check threshold given as a string', () => {
    const fixture = nodeWith({ healthCheck: HealthCheck.http({ healthyThreshold: '3' as any }) });
    expectWrongType(fixture, fixture.node, 'spec.listeners[0].healthCheck.healthyThreshold');
  });

  it('a listener that is a plain object', () => {
    const fixture = nodeWithProps({ listeners: [{} as any] });
    const d = expectWrongType(fixture, fixture.node, 'spec.listeners[0]');
    expect(d.value).toBe('{}');
  });

  it('a provider that is a string', () => {
    const fixture = meshFixture();
    const service = fixture.mesh.addVirtualService('Service', { virtualServiceName: 'catalog.shop.local', provider: 'x' as any });
    const d = expectWrongType(fixture, service, 'spec.provider');
    expect(d.value).toBe('"x"');
  });

  it('a health check that is a plain object', () => {
    const fixture = nodeWith({ healthCheck: {} as any });
    expectWrongType(fixture, fixture.node, 'spec.listeners[0].healthCheck');
  });

  it('a backend that is a plain object', () => {
    const fixture = nodeWithProps({ backends: [{} as any] });
    expectWrongType(fixture, fixture.node, 'spec.backends[0]');
  });

  it('service discovery that is a plain object', () => {
    const fixture = nodeWithProps({ serviceDiscovery: {} as any });
    expectWrongType(fixture, fixture.node, 'spec.serviceDiscovery');
  });

  it('an access log given as a path string', () => {
    const fixture = nodeWithProps({ accessLog: '/dev/stdout' as any });
    expectWrongType(fixture, fixture.node, 'spec.logging');
  });

  it('listener TLS given as a string', () => {
    const fixture = nodeWith({ tls: 'STRICT' as any });
    expectWrongType(fixture, fixture.node, 'spec.listeners[0].tls');
  });

  it('an outlier detection interval given as a number', () => {
    const fixture = nodeWith({
      outlierDetection: { maxServerErrors: 1, maxEjectionPercent: 10, interval: 10 as any, baseEjectionDuration: Duration.seconds(10) },
    });
    expectWrongType(fixture, fixture.node, 'spec.listeners[0].outlierDetection.interval');
  });

  it('client policy ports that are not a list', () => {
    const fixture = nodeWithProps({ backendDefaults: { tlsClientPolicy: { ports: 443 as any, validation: {} as any } } });
    expectDiagnostic(fixture.mesh, { code: 'AMK_WRONG_TYPE', at: fixture.node, field: 'spec.backendDefaults.clientPolicy.tls.ports' });
  });

  it('a tag value that is a number', () => {
    const fixture = nodeWithProps({ tags: { team: 5 as any } });
    expectWrongType(fixture, fixture.node, 'tags[0].value');
  });

  it('a mesh name that is a number', () => {
    const fixture = meshFixture({ meshName: 5 as any });
    expectWrongType(fixture, fixture.mesh, 'meshName');
  });

  it('a connection pool that is a string: only AMK_WRONG_TYPE, at the connection pool', () => {
    const fixture = nodeWith({ connectionPool: 'max 10' as any });
    expectWrongType(fixture, fixture.node, 'spec.listeners[0].connectionPool');
    // The value is not a pool at all, so no pool-protocol rule applies to it (nor to fields it does not have).
    expect(fixture.mesh.validate().map((d) => `${d.code} ${d.field}`)).toEqual(['AMK_WRONG_TYPE spec.listeners[0].connectionPool']);
  });

  it('a connection pool as a plain object (aws-appmesh\'s shape) is read for the listener\'s protocol: an empty one lacks its limit', () => {
    const fixture = nodeWith({ connectionPool: {} });
    expect(fixture.mesh.validate().map((d) => `${d.code} ${d.field}`))
      .toEqual(['AMK_REQUIRED spec.listeners[0].connectionPool.http.maxConnections']);
  });

  it('a listener timeout that is a string: only AMK_WRONG_TYPE, at the timeout', () => {
    const fixture = nodeWith({ timeout: '15s' as any });
    expectWrongType(fixture, fixture.node, 'spec.listeners[0].timeout');
    expect(fixture.mesh.validate().map((d) => `${d.code} ${d.field}`)).toEqual(['AMK_WRONG_TYPE spec.listeners[0].timeout']);
  });

  it('listeners that are not a list are reported, not silently dropped', () => {
    const fixture = nodeWithProps({ listeners: VirtualNodeListener.http() as any });
    expect(fixture.mesh.validate()).toContainEqual(expect.objectContaining({
      code: 'AMK_WRONG_TYPE', constructPath: fixture.node.node.path, field: 'spec.listeners',
    }));
  });

  it('tags that are not an object are reported, not silently dropped', () => {
    const fixture = nodeWithProps({ tags: 'team=shop' as any });
    expect(fixture.mesh.validate()).toContainEqual(expect.objectContaining({
      code: 'AMK_WRONG_TYPE', constructPath: fixture.node.node.path, field: 'tags',
    }));
  });

  it('a null listener is reported, not silently dropped', () => {
    const fixture = nodeWithProps({ listeners: [null as any] });
    const errors = fixture.mesh.validate().filter((d) => d.field === 'spec.listeners[0]');
    expect(errors.map((d) => d.code)).toEqual([expect.stringMatching(/^AMK_(WRONG_TYPE|REQUIRED)$/)]);
    expect(errors[0].severity).toBe(DiagnosticSeverity.ERROR);
  });

  it('LoggingFormat.fromJson(null) is reported (it would render Format: { Json: null })', () => {
    const fixture = nodeWithProps({ accessLog: AccessLog.fromFilePath('/dev/stdout', LoggingFormat.fromJson(null as any)) });
    expect(fixture.mesh.validate()).toContainEqual(expect.objectContaining({
      code: 'AMK_WRONG_TYPE', constructPath: fixture.node.node.path, field: 'spec.logging.accessLog.file.format.json',
    }));
  });

  it.each(['http', 'http2', 'grpc', 'tcp'] as const)('HealthCheck.%s(null) does not throw a TypeError', (protocol) => {
    let check: HealthCheck | undefined;
    expect(() => { check = HealthCheck[protocol](null as any); }).not.toThrow();
    const fixture = nodeWith(VirtualNodeListener[protocol]({ healthCheck: check }));
    expect(() => fixture.mesh.validate()).not.toThrow();
  });
});

describe('AMK_ENUM', () => {
  it('rejects egress filter SOME', () => {
    const fixture = meshFixture({ meshName: 'shop', egressFilter: 'SOME' as any });
    const d = expectError(fixture, { code: 'AMK_ENUM', at: fixture.mesh, field: 'spec.egressFilter.type' });
    expect(d.value).toBe('"SOME"');
  });

  it('rejects an unknown mesh IP preference', () => {
    const fixture = meshFixture({ meshName: 'shop', ipPreference: 'IPv5' as any });
    expectError(fixture, { code: 'AMK_ENUM', at: fixture.mesh, field: 'spec.serviceDiscovery.ipPreference' });
  });

  it('accepts the enum values', () => {
    const fixture = meshFixture({ meshName: 'shop', egressFilter: EgressFilter.ALLOW_ALL, ipPreference: IpPreference.IPV6_PREFERRED });
    expect(fixture.mesh.validate()).toEqual([]);
  });
});

describe('validate() never throws on a mesh full of wrong kinds', () => {
  it('reports each one', () => {
    const fixture = meshFixture();
    const node = fixture.mesh.addVirtualNode('Node', {
      serviceDiscovery: {} as any,
      listeners: [{} as any, VirtualNodeListener.http({ port: '80' as any, healthCheck: {} as any, timeout: { idle: 5 as any } })],
      backends: ['orders' as any],
      accessLog: 42 as any,
    });
    fixture.mesh.addVirtualService('Service', { virtualServiceName: 'catalog.shop.local', provider: 'x' as any });
    let diagnostics: ReturnType<Mesh['validate']> = [];
    expect(() => { diagnostics = fixture.mesh.validate(); }).not.toThrow();
    const nodeFields = diagnostics.filter((d) => d.constructPath === node.node.path && d.code === 'AMK_WRONG_TYPE').map((d) => d.field);
    expect(nodeFields).toEqual(expect.arrayContaining([
      'spec.serviceDiscovery',
      'spec.listeners[0]',
      'spec.listeners[1].portMapping.port',
      'spec.listeners[1].healthCheck',
      'spec.listeners[1].timeout.http.idle',
      'spec.backends[0]',
      'spec.logging',
    ]));
    expect(diagnostics.map((d) => d.field)).toContain('spec.provider');
  });
});
