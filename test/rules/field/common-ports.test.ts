import { CfnParameter } from 'aws-cdk-lib';
import { describe, expect, it } from 'vitest';
import { Backend, ConnectionPool, HealthCheck, ServiceDiscovery, TlsValidationTrust, VirtualNodeListener } from '../../../lib';
import { expectError, meshFixture, nodeWith, nodeWithProps } from '../../support/fixtures';
import { synthTemplate } from '../../support/synth';

const fileTrust = TlsValidationTrust.file('/certs/ca.pem');

describe('AMK_PORT_RANGE', () => {
  it.each([0, 65536, -1])('rejects listener port %d', (port) => {
    const fixture = nodeWith({ port });
    const d = expectError(fixture, { code: 'AMK_PORT_RANGE', at: fixture.node, field: 'spec.listeners[0].portMapping.port' });
    expect(d.value).toBe(String(port));
  });

  it('rejects a fractional listener port', () => {
    const fixture = nodeWith({ port: 80.5 });
    expectError(fixture, { code: 'AMK_PORT_RANGE', at: fixture.node, field: 'spec.listeners[0].portMapping.port' });
  });

  it('accepts listener ports 1 and 65535', () => {
    const fixture = nodeWith([VirtualNodeListener.http({ port: 1 }), VirtualNodeListener.tcp({ port: 65535 })]);
    expect(fixture.mesh.validate()).toEqual([]);
    const template = synthTemplate(fixture.stack, 'rules-ports-boundaries');
    template.hasResourceProperties('AWS::AppMesh::VirtualNode', {
      Spec: { Listeners: [{ PortMapping: { Port: 1, Protocol: 'http' } }, { PortMapping: { Port: 65535, Protocol: 'tcp' } }] },
    });
  });

  it.each([0, 65536])('rejects health check port %d', (port) => {
    const fixture = nodeWith({ port: 8080, healthCheck: HealthCheck.http({ port }) });
    expectError(fixture, { code: 'AMK_PORT_RANGE', at: fixture.node, field: 'spec.listeners[0].healthCheck.port' });
  });

  it('accepts health check ports 1 and 65535 (each its listener\'s port, as App Mesh requires)', () => {
    const fixture = nodeWith([
      VirtualNodeListener.http({ port: 1, healthCheck: HealthCheck.http({ port: 1 }) }),
      VirtualNodeListener.http({ port: 65535, healthCheck: HealthCheck.http({ port: 65535 }) }),
    ]);
    expect(fixture.mesh.validate()).toEqual([]);
  });

  it.each([0, 65536])('rejects client policy TLS port %d (backend defaults)', (port) => {
    const fixture = nodeWithProps({ backendDefaults: { tlsClientPolicy: { ports: [port], validation: { trust: fileTrust } } } });
    expectError(fixture, { code: 'AMK_PORT_RANGE', at: fixture.node, field: 'spec.backendDefaults.clientPolicy.tls.ports[0]' });
  });

  it('rejects a client policy TLS port on a backend', () => {
    const fixture = meshFixture();
    const service = fixture.mesh.addVirtualService('Service', { virtualServiceName: 'orders.shop.local' });
    const node = fixture.mesh.addVirtualNode('Node', {
      backends: [Backend.virtualService(service, { tlsClientPolicy: { ports: [70000], validation: { trust: fileTrust } } })],
    });
    expectError(fixture, { code: 'AMK_PORT_RANGE', at: node, field: 'spec.backends[0].virtualService.clientPolicy.tls.ports[0]' });
  });

  it('accepts client policy TLS ports 1 and 65535', () => {
    const fixture = nodeWithProps({ backendDefaults: { tlsClientPolicy: { ports: [1, 65535], validation: { trust: fileTrust } } } });
    expect(fixture.mesh.validate()).toEqual([]);
    synthTemplate(fixture.stack, 'rules-client-policy-ports');
  });
});

describe('AMK_DUPLICATE_PORT', () => {
  it('rejects two listeners on one port, at the second one', () => {
    const fixture = nodeWith([VirtualNodeListener.http({ port: 8080 }), VirtualNodeListener.grpc({ port: 8080 })]);
    const d = expectError(fixture, { code: 'AMK_DUPLICATE_PORT', at: fixture.node, field: 'spec.listeners[1].portMapping.port' });
    expect(d.value).toBe('8080');
  });

  it('counts listeners added with addListener', () => {
    const fixture = nodeWith([VirtualNodeListener.http()]);
    fixture.node.addListener(VirtualNodeListener.tcp({ port: 9090 }));
    fixture.node.addListener(VirtualNodeListener.http2());
    expectError(fixture, { code: 'AMK_DUPLICATE_PORT', at: fixture.node, field: 'spec.listeners[2].portMapping.port' });
  });

  it('accepts listeners on different ports', () => {
    const fixture = nodeWith([VirtualNodeListener.http({ port: 8080 }), VirtualNodeListener.http({ port: 8081 })]);
    expect(fixture.mesh.validate()).toEqual([]);
  });
});

describe('token safety', () => {
  it('skips a CfnParameter listener port, health check threshold and connection pool value, and synthesizes', () => {
    const fixture = meshFixture();
    const port = new CfnParameter(fixture.stack, 'Port', { type: 'Number' }).valueAsNumber;
    const threshold = new CfnParameter(fixture.stack, 'Threshold', { type: 'Number' }).valueAsNumber;
    const pool = new CfnParameter(fixture.stack, 'Pool', { type: 'Number' }).valueAsNumber;
    fixture.mesh.addVirtualNode('Node', {
      serviceDiscovery: ServiceDiscovery.dns('catalog.shop.local'),
      listeners: [VirtualNodeListener.http({
        port,
        healthCheck: HealthCheck.http({ healthyThreshold: threshold, unhealthyThreshold: threshold }),
        connectionPool: ConnectionPool.http({ maxConnections: pool, maxPendingRequests: pool }),
      })],
    });
    expect(fixture.mesh.validate()).toEqual([]);
    const template = synthTemplate(fixture.stack, 'rules-token-safety');
    template.hasResourceProperties('AWS::AppMesh::VirtualNode', {
      Spec: {
        Listeners: [{
          PortMapping: { Port: { Ref: 'Port' } },
          HealthCheck: { HealthyThreshold: { Ref: 'Threshold' }, Port: { Ref: 'Port' } },
          ConnectionPool: { HTTP: { MaxConnections: { Ref: 'Pool' } } },
        }],
      },
    });
  });
});

