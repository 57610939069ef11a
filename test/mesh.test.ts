import { Stack } from 'aws-cdk-lib';
import { Annotations, Match } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { EgressFilter, IpPreference, Mesh } from '../lib';
import { synthTemplate, testApp } from './support/synth';

describe('Mesh', () => {
  it('renders name, egress filter, IP preference and tags', () => {
    const stack = new Stack(testApp(), 'MeshProps');
    new Mesh(stack, 'Mesh', {
      meshName: 'shop', egressFilter: EgressFilter.ALLOW_ALL, ipPreference: IpPreference.IPV6_ONLY, tags: { team: 'a', cost: 'b' },
    });
    synthTemplate(stack, 'mesh-props').hasResourceProperties('AWS::AppMesh::Mesh', {
      MeshName: 'shop',
      Spec: { EgressFilter: { Type: 'ALLOW_ALL' }, ServiceDiscovery: { IpPreference: 'IPv6_ONLY' } },
      Tags: [{ Key: 'cost', Value: 'b' }, { Key: 'team', Value: 'a' }],
    });
  });

  it('leaves the egress filter to App Mesh (DROP_ALL) when unset, and derives a stable name from the path', () => {
    const build = () => {
      const stack = new Stack(testApp(), 'MeshDefaults');
      return { stack, mesh: new Mesh(stack, 'Mesh') };
    };
    const { stack, mesh } = build();
    const name = stack.resolve(mesh.meshName);
    // Names.uniqueResourceName: the path's ids followed by an 8-character hash of the path.
    expect(name).toMatch(/^MeshDefaultsMesh[0-9A-F]{8}$/);
    expect(build().stack.resolve(build().mesh.meshName)).toBe(name);
    synthTemplate(stack, 'mesh-defaults').hasResourceProperties('AWS::AppMesh::Mesh', { Spec: Match.objectEquals({}), MeshName: name });
  });

  it('exposes the CloudFormation return values', () => {
    const stack = new Stack(testApp(), 'MeshAttrs');
    const mesh = new Mesh(stack, 'Mesh', { meshName: 'shop' });
    const logicalId = stack.getLogicalId(mesh.node.defaultChild as any);
    expect(stack.resolve(mesh.meshUid)).toEqual({ 'Fn::GetAtt': [logicalId, 'Uid'] });
    expect(stack.resolve(mesh.meshOwner)).toEqual({ 'Fn::GetAtt': [logicalId, 'MeshOwner'] });
    expect(stack.resolve(mesh.meshResourceOwner)).toEqual({ 'Fn::GetAtt': [logicalId, 'ResourceOwner'] });
    expect(stack.resolve(mesh.meshArn)).toEqual({ Ref: logicalId });
  });

  it('imports by ARN with the owner account and Region of the ARN', () => {
    const stack = new Stack(testApp(), 'MeshImport', { env: { account: '222222222222', region: 'eu-west-1' } });
    const mesh = Mesh.fromMeshArn(stack, 'Shared', 'arn:aws:appmesh:eu-west-1:111111111111:mesh/shared');
    expect(mesh.meshName).toBe('shared');
    expect(mesh.env.account).toBe('111111111111');
  });

  it('imports by name in the stack account', () => {
    const stack = new Stack(testApp(), 'MeshByName', { env: { account: '222222222222', region: 'eu-west-1' } });
    const mesh = Mesh.fromMeshName(stack, 'ByName', 'shop');
    expect(mesh.meshName).toBe('shop');
    expect(stack.resolve(mesh.meshArn)).toEqual({
      'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':appmesh:eu-west-1:222222222222:mesh/shop']],
    });
  });

  it('says once per mesh, at synth, that App Mesh reached end of support', () => {
    const stack = new Stack(testApp(), 'MeshNote');
    new Mesh(stack, 'Mesh', { meshName: 'shop' });
    Annotations.fromStack(stack).hasInfo('/MeshNote/Mesh', Match.stringLikeRegexp('ended support for App Mesh on 2026-09-30'));
    expect(Annotations.fromStack(stack).findInfo('*', Match.stringLikeRegexp('2026-09-30'))).toHaveLength(1);
  });
});
