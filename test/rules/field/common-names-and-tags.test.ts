import { describe, expect, it } from 'vitest';
import { DiagnosticSeverity, Mesh, VirtualServiceProvider } from '../../../lib';
import { codesOf, expectDiagnostic, expectError, expectWarningAnnotation, meshFixture, nodeWithProps } from '../../support/fixtures';
import { synthTemplate } from '../../support/synth';

const tags = (count: number) => Object.fromEntries(Array.from({ length: count }, (_, i) => [`key${String(i).padStart(2, '0')}`, 'v']));

describe('AMK_NAME_SLASH', () => {
  it('rejects a / in a virtual node name and in a mesh name; a dotted service name is fine', () => {
    const node = nodeWithProps({ virtualNodeName: 'cart/v1' });
    const d = expectError(node, { code: 'AMK_NAME_SLASH', at: node.node, field: 'virtualNodeName' });
    expect(d.message).toBe('virtual node name cannot contain / (App Mesh ARNs separate the mesh, the resource and its parts with /)');
    const mesh = meshFixture({ meshName: 'shop/eu' });
    expectError(mesh, { code: 'AMK_NAME_SLASH', at: mesh.mesh, field: 'meshName' });
    const fine = meshFixture();
    fine.mesh.addVirtualService('Service', { virtualServiceName: 'cart.shop.local' });
    expect(fine.mesh.validate()).toEqual([]);
  });
});

describe('AMK_NAME_LENGTH', () => {
  it('rejects a 256-character mesh name', () => {
    const fixture = meshFixture({ meshName: 'm'.repeat(256) });
    expectError(fixture, { code: 'AMK_NAME_LENGTH', at: fixture.mesh, field: 'meshName' });
  });

  it('rejects a 256-character virtual node name', () => {
    const fixture = nodeWithProps({ virtualNodeName: 'n'.repeat(256) });
    expectError(fixture, { code: 'AMK_NAME_LENGTH', at: fixture.node, field: 'virtualNodeName' });
  });

  it('rejects a 256-character virtual service name', () => {
    const fixture = meshFixture();
    const service = fixture.mesh.addVirtualService('Service', { virtualServiceName: `${'s'.repeat(252)}.com` });
    expectError(fixture, { code: 'AMK_NAME_LENGTH', at: service, field: 'virtualServiceName' });
  });

  it('accepts 255-character mesh, node and service names', () => {
    const fixture = meshFixture({ meshName: 'm'.repeat(255) });
    fixture.mesh.addVirtualNode('Node', { virtualNodeName: 'n'.repeat(255) });
    fixture.mesh.addVirtualService('Service', { virtualServiceName: `${'s'.repeat(251)}.com` });
    expect(fixture.mesh.validate()).toEqual([]);
    synthTemplate(fixture.stack, 'rules-names-255');
  });
});

describe('tags', () => {
  it('AMK_TAG_COUNT: rejects 51 tags', () => {
    const fixture = meshFixture({ meshName: 'shop', tags: tags(51) });
    const d = expectError(fixture, { code: 'AMK_TAG_COUNT', at: fixture.mesh, field: 'tags' });
    expect(d.value).toBe('51');
  });

  it('AMK_TAG_COUNT: applies to virtual nodes and services too', () => {
    const fixture = nodeWithProps({ tags: tags(51) });
    const service = fixture.mesh.addVirtualService('Service', { virtualServiceName: 'catalog.shop.local', tags: tags(51) });
    const diagnostics = fixture.mesh.validate().filter((d) => d.code === 'AMK_TAG_COUNT');
    expect(diagnostics.map((d) => [d.constructPath, d.field])).toEqual([
      [fixture.node.node.path, 'tags'],
      [service.node.path, 'tags'],
    ]);
  });

  it('accepts 50 tags, a 128-character key and a 256-character value', () => {
    const fixture = meshFixture({ meshName: 'shop', tags: tags(50) });
    fixture.mesh.addVirtualNode('Node', { virtualNodeName: 'n', tags: { ['k'.repeat(128)]: 'v'.repeat(256) } });
    expect(fixture.mesh.validate()).toEqual([]);
    synthTemplate(fixture.stack, 'rules-tags-boundaries');
  });

  it('AMK_TAG_KEY_LENGTH: rejects a 129-character key', () => {
    const fixture = meshFixture({ meshName: 'shop', tags: { a: 'x', ['k'.repeat(129)]: 'v' } });
    // tags are sorted by key: 'a' < 'kkk…'
    expectError(fixture, { code: 'AMK_TAG_KEY_LENGTH', at: fixture.mesh, field: 'tags[1].key' });
  });

  it('AMK_TAG_KEY_LENGTH: rejects an empty key', () => {
    const fixture = nodeWithProps({ tags: { '': 'v' } });
    expectError(fixture, { code: 'AMK_TAG_KEY_LENGTH', at: fixture.node, field: 'tags[0].key' });
  });

  it('AMK_TAG_KEY_RESERVED: rejects a key with the aws: prefix (any case), accepts one that only contains it', () => {
    const fixture = nodeWithProps({ tags: { 'AWS:cost-center': 'v', 'team-aws:x': 'y' } });
    const d = expectError(fixture, { code: 'AMK_TAG_KEY_RESERVED', at: fixture.node, field: 'tags[0].key' });
    expect(d.value).toBe('"AWS:cost-center"');
  });

  it('AMK_TAG_VALUE_LENGTH: rejects a 257-character value, accepts an empty one', () => {
    const fixture = meshFixture();
    const service = fixture.mesh.addVirtualService('Service', {
      virtualServiceName: 'catalog.shop.local',
      tags: { empty: '', long: 'v'.repeat(257) },
    });
    expectError(fixture, { code: 'AMK_TAG_VALUE_LENGTH', at: service, field: 'tags[1].value' });
  });
});

describe('virtual service names', () => {
  it('AMK_SERVICE_NAME_DNS: rejects a name with a space', () => {
    const fixture = meshFixture();
    const service = fixture.mesh.addVirtualService('Service', { virtualServiceName: 'catalog service.shop.local' });
    expectError(fixture, { code: 'AMK_SERVICE_NAME_DNS', at: service, field: 'virtualServiceName' });
  });

  it('AMK_SERVICE_NAME_DNS: rejects a name with an underscore', () => {
    const fixture = meshFixture();
    const service = fixture.mesh.addVirtualService('Service', { virtualServiceName: 'catalog_v1.shop.local' });
    const d = expectError(fixture, { code: 'AMK_SERVICE_NAME_DNS', at: service, field: 'virtualServiceName' });
    expect(d.value).toBe('"catalog_v1.shop.local"');
    expect(codesOf(fixture.mesh)).not.toContain('AMK_SERVICE_NAME_UNQUALIFIED');
  });

  it('accepts DNS names, with or without a trailing dot', () => {
    const fixture = meshFixture();
    fixture.mesh.addVirtualService('A', { virtualServiceName: 'catalog.shop.local' });
    fixture.mesh.addVirtualService('B', { virtualServiceName: 'catalog-v2.shop.local.' });
    expect(fixture.mesh.validate()).toEqual([]);
  });

  it('AMK_SERVICE_NAME_UNQUALIFIED: warns on a single-label name, and synth succeeds', () => {
    const fixture = meshFixture();
    const service = fixture.mesh.addVirtualService('catalog');
    const expected = { code: 'AMK_SERVICE_NAME_UNQUALIFIED', severity: DiagnosticSeverity.WARNING, at: service, field: 'virtualServiceName' };
    expectDiagnostic(fixture.mesh, expected);
    synthTemplate(fixture.stack, 'rules-service-name-unqualified');
    expectWarningAnnotation(fixture.stack, expected);
  });

  it('a service in another mesh does not leak its diagnostics into this mesh', () => {
    const fixture = meshFixture();
    const other = new Mesh(fixture.stack, 'Other', { meshName: 'other' });
    other.addVirtualService('Bad', { virtualServiceName: 'bad name', provider: VirtualServiceProvider.none() });
    expect(fixture.mesh.validate()).toEqual([]);
    expect(codesOf(other)).toEqual(['AMK_SERVICE_NAME_DNS']);
  });
});
