import { describe, expect, it } from 'vitest';
import { l1PropertyPaths, missingPaths, templatePropertyPaths } from './cfn-l1-paths';

describe('l1PropertyPaths', () => {
  it('enumerates every nested AWS::AppMesh::Mesh path, sorted', () => {
    expect(l1PropertyPaths('AWS::AppMesh::Mesh')).toEqual([
      'MeshName',
      'Spec',
      'Spec.EgressFilter',
      'Spec.EgressFilter.Type',
      'Spec.ServiceDiscovery',
      'Spec.ServiceDiscovery.IpPreference',
      'Tags',
    ]);
  });

  // Pinned against aws-cdk-lib 2.276.0; a change here means the L1 surface moved.
  it.each([
    ['AWS::AppMesh::Mesh', 7],
    ['AWS::AppMesh::VirtualNode', 148],
    ['AWS::AppMesh::VirtualService', 10],
    ['AWS::AppMesh::VirtualRouter', 9],
    ['AWS::AppMesh::Route', 141],
    ['AWS::AppMesh::VirtualGateway', 75],
    ['AWS::AppMesh::GatewayRoute', 111],
  ])('%s has %i paths', (type, count) => {
    expect(l1PropertyPaths(type)).toHaveLength(count);
  });

  it('follows nested property types through arrays and keeps Tags a leaf', () => {
    const paths = l1PropertyPaths('AWS::AppMesh::VirtualNode');
    expect(paths).toContain('Spec.Listeners.Tls.Certificate.Acm.CertificateArn');
    expect(paths).toContain('MeshOwner');
    expect(paths.filter((p) => p.startsWith('Tags'))).toEqual(['Tags']);
  });

  it('rejects names that are not resource types', () => {
    expect(() => l1PropertyPaths('AppMesh::Mesh')).toThrow(/not a CloudFormation resource type/);
    expect(() => l1PropertyPaths('AWS::AppMesh::Nope')).toThrow(/CfnNopeProps not found/);
  });
});

describe('templatePropertyPaths / missingPaths', () => {
  const template = {
    Resources: {
      Mesh: {
        Type: 'AWS::AppMesh::Mesh',
        Properties: {
          MeshName: { 'Fn::Join': ['', ['a', { Ref: 'AWS::StackName' }]] },
          Spec: { EgressFilter: { Type: 'ALLOW_ALL' } },
          Tags: [{ Key: 'k', Value: 'v' }],
        },
      },
      Other: { Type: 'AWS::AppMesh::VirtualService', Properties: { VirtualServiceName: 'x' } },
    },
  };

  it('collects lower-cased paths, flattening arrays and stopping at intrinsics', () => {
    expect([...templatePropertyPaths(template, 'AWS::AppMesh::Mesh')].sort()).toEqual([
      'meshname',
      'spec',
      'spec.egressfilter',
      'spec.egressfilter.type',
      'tags',
      'tags.key',
      'tags.value',
    ]);
  });

  it('lists the L1 paths the template never uses', () => {
    expect(missingPaths(template, 'AWS::AppMesh::Mesh')).toEqual([
      'Spec.ServiceDiscovery',
      'Spec.ServiceDiscovery.IpPreference',
    ]);
  });

  it('merges paths across all resources of the type and compares case-insensitively', () => {
    const two = {
      Resources: {
        A: { Type: 'AWS::AppMesh::Mesh', Properties: { MeshName: 'a', Spec: { EgressFilter: { Type: 'DROP_ALL' } } } },
        B: { Type: 'AWS::AppMesh::Mesh', Properties: { Spec: { ServiceDiscovery: { IpPreference: 'IPv4_ONLY' } }, TAGS: [] } },
      },
    };
    expect(missingPaths(two, 'AWS::AppMesh::Mesh')).toEqual([]);
  });
});
