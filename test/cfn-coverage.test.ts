import { describe, expect, it } from 'vitest';
import { l1PropertyPaths, missingPaths } from './support/cfn-l1-paths';
import { buildKitchenSink } from './support/kitchen-sink';
import { buildGatewaySink } from './support/kitchen-sink-gateway';
import { synthTemplate, testApp } from './support/synth';

describe('every CloudFormation property is reachable through the L2 API', () => {
  const template = synthTemplate(buildKitchenSink(testApp()).stack, 'coverage-kitchen-sink').toJSON();

  it.each([
    ['AWS::AppMesh::Mesh', 7],
    ['AWS::AppMesh::VirtualNode', 148],
    ['AWS::AppMesh::VirtualService', 10],
    ['AWS::AppMesh::VirtualRouter', 9],
    ['AWS::AppMesh::Route', 141],
  ])('%s: all %i L1 property paths appear in the synthesized template', (type, count) => {
    expect(l1PropertyPaths(type)).toHaveLength(count);
    expect(missingPaths(template, type)).toEqual([]);
  });

  it('reaches 165 paths in all for the foundation resources', () => {
    const total = ['AWS::AppMesh::Mesh', 'AWS::AppMesh::VirtualNode', 'AWS::AppMesh::VirtualService']
      .map((t) => l1PropertyPaths(t).length).reduce((a, b) => a + b, 0);
    expect(total).toBe(165);
  });

  it('routing and gateways have 336 paths (the gateway sink below reaches the gateway ones)', () => {
    const total = ['AWS::AppMesh::VirtualRouter', 'AWS::AppMesh::Route', 'AWS::AppMesh::VirtualGateway', 'AWS::AppMesh::GatewayRoute']
      .map((t) => l1PropertyPaths(t).length).reduce((a, b) => a + b, 0);
    expect(total).toBe(336);
  });

  it('the kitchen sink is itself valid: validate() finds only the expected scheme warning', () => {
    const { meshes } = buildKitchenSink(testApp());
    // CloudFormation has Spec.HttpRoute.Match.Scheme, so the sink sets it; App Mesh documents it for http2 only.
    const findings = meshes.flatMap((mesh) => mesh.validate());
    expect(findings.map((d) => [d.code, d.field])).toEqual([['AMK_SCHEME_HTTP2_ONLY', 'spec.httpRoute.match.scheme']]);
  });

  it('resources in a mesh shared from another account carry MeshOwner', () => {
    const nodes = Object.values(template.Resources as Record<string, any>)
      .filter((r) => r.Type === 'AWS::AppMesh::VirtualNode' && r.Properties.MeshName === 'shared');
    expect(nodes).toHaveLength(1);
    expect(nodes[0].Properties.MeshOwner).toBe('111111111111');
    const local = Object.values(template.Resources as Record<string, any>)
      .filter((r) => r.Type === 'AWS::AppMesh::VirtualNode' && r.Properties.MeshName === 'kitchen');
    expect(local.every((r) => r.Properties.MeshOwner === undefined)).toBe(true);
  });
});

describe('every gateway CloudFormation property is reachable through the L2 API', () => {
  const { stack, mesh } = buildGatewaySink();
  const template = synthTemplate(stack, 'gw-coverage').toJSON();

  it.each([
    ['AWS::AppMesh::VirtualGateway', 75],
    ['AWS::AppMesh::GatewayRoute', 111],
  ])('%s: all %i L1 property paths appear in the synthesized template', (type, count) => {
    expect(l1PropertyPaths(type)).toHaveLength(count);
    expect(missingPaths(template, type)).toEqual([]);
  });

  it('the sink is itself valid: validate() finds nothing', () => {
    expect(mesh.validate()).toEqual([]);
  });

  it('every resource of the shared mesh carries MeshOwner', () => {
    const resources = Object.values(template.Resources as Record<string, any>).filter((r) => r.Type.startsWith('AWS::AppMesh::'));
    expect(resources.length).toBeGreaterThan(10);
    expect(resources.every((r) => r.Properties.MeshOwner === '444455556666')).toBe(true);
  });
});
