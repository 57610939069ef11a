/**
 * The field rules of virtual nodes (service discovery), then the same-mesh rules of their backends and of
 * virtual service providers (AMK_BACKEND_MESH, AMK_PROVIDER_MESH, built on lib/rules/mesh/same-mesh-rule.ts).
 */
import { Stack } from 'aws-cdk-lib';
import { describe, expect, it } from 'vitest';
import { Backend, Mesh, ServiceDiscovery, VirtualNode, VirtualNodeListener, VirtualService, VirtualServiceProvider } from '../../../lib';
import { expectError, meshFixture, nodeWith, nodeWithProps } from '../../support/fixtures';
import { testApp, synthTemplate } from '../../support/synth';

describe('AMK_SERVICE_DISCOVERY_REQUIRED', () => {
  it('rejects a node with a listener and no service discovery', () => {
    const fixture = meshFixture();
    const node = fixture.mesh.addVirtualNode('Node', { listeners: [VirtualNodeListener.http()] });
    expectError(fixture, { code: 'AMK_SERVICE_DISCOVERY_REQUIRED', at: node, field: 'spec.serviceDiscovery' });
  });

  it('also when the listener comes from addListener', () => {
    const fixture = meshFixture();
    const node = fixture.mesh.addVirtualNode('Node');
    expect(fixture.mesh.validate()).toEqual([]);
    node.addListener(VirtualNodeListener.grpc());
    expectError(fixture, { code: 'AMK_SERVICE_DISCOVERY_REQUIRED', at: node, field: 'spec.serviceDiscovery' });
  });

  it('accepts a node without listeners and without discovery, and a node with both', () => {
    const fixture = meshFixture();
    fixture.mesh.addVirtualNode('Client');
    fixture.mesh.addVirtualNode('Server', {
      serviceDiscovery: ServiceDiscovery.dns('catalog.shop.local'),
      listeners: [VirtualNodeListener.http()],
    });
    expect(fixture.mesh.validate()).toEqual([]);
    synthTemplate(fixture.stack, 'rules-service-discovery');
  });
});

describe('DNS and Cloud Map discovery', () => {
  it('AMK_DNS_HOSTNAME: rejects an empty hostname', () => {
    const fixture = nodeWith({}, { serviceDiscovery: ServiceDiscovery.dns('') });
    expectError(fixture, { code: 'AMK_DNS_HOSTNAME', at: fixture.node, field: 'spec.serviceDiscovery.dns.hostname' });
  });

  it('AMK_DNS_HOSTNAME: rejects a 256-character hostname, accepts 255', () => {
    const bad = nodeWith({}, { serviceDiscovery: ServiceDiscovery.dns('h'.repeat(256)) });
    expectError(bad, { code: 'AMK_DNS_HOSTNAME', at: bad.node, field: 'spec.serviceDiscovery.dns.hostname' });
    const good = nodeWith({}, { serviceDiscovery: ServiceDiscovery.dns('h'.repeat(255)) });
    expect(good.mesh.validate()).toEqual([]);
  });

  it('AMK_CLOUD_MAP_ATTRIBUTE: rejects an attribute key with a space', () => {
    const fixture = nodeWith({}, { serviceDiscovery: ServiceDiscovery.cloudMapByName('shop', 'catalog', { 'app version': 'v1' }) });
    const d = expectError(fixture, {
      code: 'AMK_CLOUD_MAP_ATTRIBUTE', at: fixture.node, field: 'spec.serviceDiscovery.awsCloudMap.attributes[0].key',
    });
    expect(d.value).toBe('"app version"');
  });

  it('AMK_CLOUD_MAP_ATTRIBUTE: rejects a non-ASCII key', () => {
    const fixture = nodeWith({}, { serviceDiscovery: ServiceDiscovery.cloudMapByName('shop', 'catalog', { env: 'prod', région: 'eu' }) });
    // attributes are sorted by key: env, région
    expectError(fixture, { code: 'AMK_CLOUD_MAP_ATTRIBUTE', at: fixture.node, field: 'spec.serviceDiscovery.awsCloudMap.attributes[1].key' });
  });

  it('AMK_CLOUD_MAP_ATTRIBUTE: rejects a non-ASCII value and an empty value', () => {
    const nonAscii = nodeWith({}, { serviceDiscovery: ServiceDiscovery.cloudMapByName('shop', 'catalog', { zone: 'zürich' }) });
    expectError(nonAscii, { code: 'AMK_CLOUD_MAP_ATTRIBUTE', at: nonAscii.node, field: 'spec.serviceDiscovery.awsCloudMap.attributes[0].value' });
    const empty = nodeWith({}, { serviceDiscovery: ServiceDiscovery.cloudMapByName('shop', 'catalog', { zone: '' }) });
    expectError(empty, { code: 'AMK_CLOUD_MAP_ATTRIBUTE', at: empty.node, field: 'spec.serviceDiscovery.awsCloudMap.attributes[0].value' });
  });

  it('accepts printable ASCII keys and a value with an inner space', () => {
    const fixture = nodeWith({}, {
      serviceDiscovery: ServiceDiscovery.cloudMapByName('shop', 'catalog', { 'ECS_TASK_DEFINITION_FAMILY': 'catalog', 'stage!': 'blue green' }),
    });
    expect(fixture.mesh.validate()).toEqual([]);
    synthTemplate(fixture.stack, 'rules-cloud-map-attributes');
  });

  it('AMK_ENUM: rejects an unknown DNS response type (plain JavaScript)', () => {
    const fixture = nodeWith({}, { serviceDiscovery: ServiceDiscovery.dns('catalog.shop.local', 'ROUND_ROBIN' as any) });
    expectError(fixture, { code: 'AMK_ENUM', at: fixture.node, field: 'spec.serviceDiscovery.dns.responseType' });
  });
});

describe('AMK_BACKEND_MESH', () => {
  it('rejects a backend virtual service of another mesh', () => {
    const fixture = meshFixture();
    const other = new Mesh(fixture.stack, 'Other', { meshName: 'other' });
    const foreign = other.addVirtualService('Orders', { virtualServiceName: 'orders.other.local' });
    const local = fixture.mesh.addVirtualService('Payments', { virtualServiceName: 'payments.shop.local' });
    const node = fixture.mesh.addVirtualNode('Node', { backends: [Backend.virtualService(local)] });
    node.addBackend(Backend.virtualService(foreign));
    const d = expectError(fixture, { code: 'AMK_BACKEND_MESH', at: node, field: 'spec.backends[1].virtualService.virtualServiceName' });
    expect(d.value).toBe('"orders.other.local"');
    expect(d.message).toContain('other');
    expect(d.message).toContain('shop');
  });

  it('rejects a backend of another mesh defined in another stack', () => {
    const app = testApp();
    const meshStack = new Stack(app, 'MeshStack');
    const otherStack = new Stack(app, 'OtherStack');
    const mesh = new Mesh(meshStack, 'Mesh', { meshName: 'shop' });
    const other = new Mesh(otherStack, 'Other', { meshName: 'other' });
    const foreign = new VirtualService(otherStack, 'Orders', { mesh: other, virtualServiceName: 'orders.other.local' });
    const node = new VirtualNode(meshStack, 'Node', { mesh, backends: [Backend.virtualService(foreign)] });
    expectError({ app, stack: meshStack, mesh }, {
      code: 'AMK_BACKEND_MESH', at: node, field: 'spec.backends[0].virtualService.virtualServiceName',
    });
  });

  it('rejects a backend in a mesh imported by another name', () => {
    const fixture = meshFixture();
    const imported = Mesh.fromMeshName(fixture.stack, 'Imported', 'payments');
    const foreign = imported.addVirtualService('Pay', { virtualServiceName: 'pay.payments.local' });
    const node = fixture.mesh.addVirtualNode('Node', { backends: [Backend.virtualService(foreign)] });
    expectError(fixture, { code: 'AMK_BACKEND_MESH', at: node, field: 'spec.backends[0].virtualService.virtualServiceName' });
  });

  it('accepts a backend in a mesh imported under this mesh\'s own name', () => {
    const fixture = meshFixture();
    const sameMesh = Mesh.fromMeshName(fixture.stack, 'Imported', 'shop');
    const service = sameMesh.addVirtualService('Pay', { virtualServiceName: 'pay.shop.local' });
    fixture.mesh.addVirtualNode('Node', { backends: [Backend.virtualService(service)] });
    expect(fixture.mesh.validate()).toEqual([]);
  });

  it('accepts a backend of the same mesh, also one imported by name into the same mesh', () => {
    const fixture = meshFixture();
    const service = fixture.mesh.addVirtualService('Orders', { virtualServiceName: 'orders.shop.local' });
    const imported = VirtualService.fromVirtualServiceAttributes(fixture.stack, 'Imported', {
      mesh: fixture.mesh, virtualServiceName: 'legacy.shop.local',
    });
    fixture.mesh.addVirtualNode('Node', { backends: [Backend.virtualService(service), Backend.virtualService(imported)] });
    expect(fixture.mesh.validate()).toEqual([]);
    synthTemplate(fixture.stack, 'rules-backend-same-mesh');
  });
});

describe('AMK_PROVIDER_MESH', () => {
  it('rejects a provider node of another mesh', () => {
    const fixture = meshFixture();
    const other = new Mesh(fixture.stack, 'Other', { meshName: 'other' });
    const foreignNode = other.addVirtualNode('Node', { virtualNodeName: 'orders-v1' });
    const service = fixture.mesh.addVirtualService('Orders', {
      virtualServiceName: 'orders.shop.local',
      provider: VirtualServiceProvider.virtualNode(foreignNode),
    });
    expectError(fixture, { code: 'AMK_PROVIDER_MESH', at: service, field: 'spec.provider.virtualNode.virtualNodeName' });
  });

  it('accepts a provider node of the same mesh', () => {
    const fixture = nodeWithProps({});
    fixture.mesh.addVirtualService('Catalog', {
      virtualServiceName: 'catalog.shop.local',
      provider: VirtualServiceProvider.virtualNode(fixture.node),
    });
    expect(fixture.mesh.validate()).toEqual([]);
    synthTemplate(fixture.stack, 'rules-provider-same-mesh');
  });
});

describe('AMK_CLOUD_MAP_NAME', () => {
  it('rejects an empty Cloud Map namespace name', () => {
    const fixture = nodeWith({}, { serviceDiscovery: ServiceDiscovery.cloudMapByName('', 'catalog') });
    const d = expectError(fixture, { code: 'AMK_CLOUD_MAP_NAME', at: fixture.node, field: 'spec.serviceDiscovery.awsCloudMap.namespaceName' });
    expect(d.value).toBe('""');
  });

  it('rejects a Cloud Map service name of 1025 characters, accepts 1024', () => {
    const bad = nodeWith({}, { serviceDiscovery: ServiceDiscovery.cloudMapByName('shop', 's'.repeat(1025)) });
    expectError(bad, { code: 'AMK_CLOUD_MAP_NAME', at: bad.node, field: 'spec.serviceDiscovery.awsCloudMap.serviceName' });
    const good = nodeWith({}, { serviceDiscovery: ServiceDiscovery.cloudMapByName('n'.repeat(1024), 's'.repeat(1024)) });
    expect(good.mesh.validate()).toEqual([]);
  });
});
