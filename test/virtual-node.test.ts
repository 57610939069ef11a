import { CfnParameter, Stack } from 'aws-cdk-lib';
import { Match } from 'aws-cdk-lib/assertions';
import * as iam from 'aws-cdk-lib/aws-iam';
import { describe, expect, it } from 'vitest';
import {
  Backend, HealthCheck, Mesh, ServiceDiscovery, TlsCertificate, TlsMode, TlsValidationTrust, VirtualNode, VirtualNodeListener,
  VirtualServiceProvider,
} from '../lib';
import { ENV, meshFixture, thrownBy } from './support/fixtures';
import { evaluateIntrinsic } from './support/intrinsics';
import { synthTemplate, testApp } from './support/synth';

describe('VirtualNode', () => {
  it('names its mesh by plain name and is created after it (DependsOn, no Fn::GetAtt)', () => {
    const { stack, mesh } = meshFixture({}, { stackId: 'NodeRefs', env: ENV });
    mesh.addVirtualNode('Catalog', { virtualNodeName: 'catalog' });
    const template = synthTemplate(stack, 'node-refs');
    const meshId = stack.getLogicalId(mesh.node.defaultChild as any);
    template.hasResource('AWS::AppMesh::VirtualNode', {
      Properties: { MeshName: 'shop', VirtualNodeName: 'catalog' },
      DependsOn: [meshId],
    });
  });

  it('renders listeners and backends added after construction', () => {
    const { stack, mesh } = meshFixture({}, { stackId: 'NodeAdd', env: ENV });
    const node = mesh.addVirtualNode('Catalog', { serviceDiscovery: ServiceDiscovery.dns('catalog.shop.local') });
    const service = mesh.addVirtualService('reviews.shop.local');
    node.addListener(VirtualNodeListener.grpc({ port: 50051, healthCheck: HealthCheck.grpc() }));
    node.addBackend(Backend.virtualService(service));
    synthTemplate(stack, 'node-add').hasResourceProperties('AWS::AppMesh::VirtualNode', {
      Spec: {
        Listeners: [{
          PortMapping: { Port: 50051, Protocol: 'grpc' },
          HealthCheck: { Protocol: 'grpc', Port: 50051, HealthyThreshold: 2, UnhealthyThreshold: 2, IntervalMillis: 5000, TimeoutMillis: 2000 },
        }],
        Backends: [{ VirtualService: { VirtualServiceName: 'reviews.shop.local' } }],
      },
    });
  });

  it('renders the health check port the user gave, which is the listener\'s (App Mesh requires it)', () => {
    const { stack, mesh } = meshFixture({}, { stackId: 'NodeHcPort', env: ENV });
    mesh.addVirtualNode('Catalog', {
      serviceDiscovery: ServiceDiscovery.dns('catalog.shop.local'),
      listeners: [VirtualNodeListener.http({ port: 8080, healthCheck: HealthCheck.http({ port: 8080, path: '/ready' }) })],
    });
    expect(mesh.validate()).toEqual([]);
    synthTemplate(stack, 'node-hc-port').hasResourceProperties('AWS::AppMesh::VirtualNode', {
      Spec: { Listeners: [Match.objectLike({ HealthCheck: Match.objectLike({ Port: 8080, Path: '/ready' }) })] },
    });
  });

  it('two nodes that call each other create no dependency cycle', () => {
    const { stack, mesh } = meshFixture({}, { stackId: 'NodeCycle', env: ENV });
    const a = mesh.addVirtualNode('A', { serviceDiscovery: ServiceDiscovery.dns('a.shop.local'), listeners: [VirtualNodeListener.http()] });
    const b = mesh.addVirtualNode('B', { serviceDiscovery: ServiceDiscovery.dns('b.shop.local'), listeners: [VirtualNodeListener.http()] });
    const aService = mesh.addVirtualService('a.shop.local', { provider: VirtualServiceProvider.virtualNode(a) });
    const bService = mesh.addVirtualService('b.shop.local', { provider: VirtualServiceProvider.virtualNode(b) });
    a.addBackend(Backend.virtualService(bService));
    b.addBackend(Backend.virtualService(aService));
    const template = synthTemplate(stack, 'node-cycle').toJSON();
    // Nodes depend only on the mesh; services on the mesh and their provider.
    const aNode = template.Resources[stack.getLogicalId(a.node.defaultChild as any)];
    expect(aNode.DependsOn).toEqual([stack.getLogicalId(mesh.node.defaultChild as any)]);
    expect(JSON.stringify(template)).not.toContain('Fn::GetAtt');
  });

  it('grants StreamAggregatedResources on exactly this node', () => {
    const { stack, mesh } = meshFixture({}, { stackId: 'NodeGrant', env: ENV });
    const node = mesh.addVirtualNode('Catalog', { virtualNodeName: 'catalog' });
    const role = new iam.Role(stack, 'TaskRole', { assumedBy: new iam.ServicePrincipal('ecs-tasks.amazonaws.com') });
    node.grantStreamAggregatedResources(role);
    synthTemplate(stack, 'node-grant').hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: {
        Statement: [{
          Action: 'appmesh:StreamAggregatedResources',
          Effect: 'Allow',
          Resource: { Ref: stack.getLogicalId(node.node.defaultChild as any) },
        }],
      },
    });
  });

  it('imports by ARN and by attributes', () => {
    const stack = new Stack(testApp(), 'NodeImport', { env: ENV });
    const byArn = VirtualNode.fromVirtualNodeArn(stack, 'ByArn', 'arn:aws:appmesh:us-east-1:444455556666:mesh/shop/virtualNode/catalog');
    expect(byArn.virtualNodeName).toBe('catalog');
    expect(byArn.mesh.meshName).toBe('shop');
    expect(byArn.env.account).toBe('444455556666');
    const mesh = Mesh.fromMeshName(stack, 'Mesh', 'shop');
    const byAttrs = VirtualNode.fromVirtualNodeAttributes(stack, 'ByAttrs', { virtualNodeName: 'catalog', mesh });
    expect(stack.resolve(byAttrs.virtualNodeArn)).toEqual({
      'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':appmesh:us-east-1:111122223333:mesh/shop/virtualNode/catalog']],
    });
  });

  it('imports an ARN that is a token by splitting it in CloudFormation', () => {
    const stack = new Stack(testApp(), 'NodeTokenArn');
    const arn = new CfnParameter(stack, 'NodeArn').valueAsString;
    const node = VirtualNode.fromVirtualNodeArn(stack, 'ByArn', arn);
    const refs = { NodeArn: 'arn:aws:appmesh:us-east-1:444455556666:mesh/shop/virtualNode/catalog' };
    expect(evaluateIntrinsic(stack.resolve(node.virtualNodeName), refs)).toBe('catalog');
    expect(evaluateIntrinsic(stack.resolve(node.mesh.meshName), refs)).toBe('shop');
  });

  it('skips rules for token values and renders them as references', () => {
    const { stack, mesh } = meshFixture({}, { stackId: 'NodeTokens', env: ENV });
    const port = new CfnParameter(stack, 'Port', { type: 'Number' }).valueAsNumber;
    const threshold = new CfnParameter(stack, 'Threshold', { type: 'Number' }).valueAsNumber;
    mesh.addVirtualNode('Catalog', {
      serviceDiscovery: ServiceDiscovery.dns('catalog.shop.local'),
      listeners: [VirtualNodeListener.http({ port, healthCheck: HealthCheck.http({ healthyThreshold: threshold }) })],
    });
    expect(mesh.validate()).toEqual([]);
    synthTemplate(stack, 'node-tokens').hasResourceProperties('AWS::AppMesh::VirtualNode', {
      Spec: { Listeners: [Match.objectLike({ PortMapping: { Port: { Ref: 'Port' }, Protocol: 'http' } })] },
    });
  });

  it('refuses the construct id Default, which CDK would give its mesh\'s logical id', () => {
    const { mesh } = meshFixture({}, { stackId: 'NodeDefaultId', env: ENV });
    const error = thrownBy(() => mesh.addVirtualNode('Default'));
    expect(error.name).toBe('MeshKitError');
    expect(error.message).toBe('AMK_DEFAULT_ID NodeDefaultId/Mesh/Default id: a virtual node cannot have the construct id \'Default\': '
      + 'CDK leaves \'Default\' out of logical ids, so it would collide with NodeDefaultId/Mesh\'s own resource (got "Default"). Fix: use another id');
  });

  it('keeps a listener\'s own TLS, even DISABLED, under mesh-wide mutual TLS', () => {
    const { stack, mesh } = meshFixture({}, { stackId: 'NodeTlsOptOut', env: ENV });
    mesh.requireMutualTls({ certificate: TlsCertificate.sds('svc'), trust: TlsValidationTrust.sds('ca') });
    mesh.addVirtualNode('Public', {
      serviceDiscovery: ServiceDiscovery.dns('public.shop.local'),
      listeners: [
        VirtualNodeListener.http({ port: 80, tls: { mode: TlsMode.DISABLED } }),
        VirtualNodeListener.http({ port: 8080 }),
      ],
    });
    const listeners = synthTemplate(stack, 'node-tls-opt-out').toJSON().Resources;
    const node = Object.values(listeners as Record<string, any>).find((r) => r.Type === 'AWS::AppMesh::VirtualNode');
    expect(node.Properties.Spec.Listeners[0].TLS).toBeUndefined();
    expect(node.Properties.Spec.Listeners[1].TLS).toEqual({
      Mode: 'STRICT', Certificate: { SDS: { SecretName: 'svc' } }, Validation: { Trust: { SDS: { SecretName: 'ca' } } },
    });
  });

  it('keeps its own backend defaults and per-backend policies under mesh-wide mutual TLS', () => {
    const { stack, mesh } = meshFixture({}, { stackId: 'NodeTlsOwnPolicy', env: ENV });
    mesh.requireMutualTls({ certificate: TlsCertificate.sds('svc'), trust: TlsValidationTrust.sds('ca') });
    const service = mesh.addVirtualService('legacy.shop.local');
    mesh.addVirtualNode('Caller', {
      backendDefaults: { tlsClientPolicy: { enforce: false, validation: { trust: TlsValidationTrust.file('/ca.pem') } } },
      backends: [Backend.virtualService(service, { tlsClientPolicy: { validation: { trust: TlsValidationTrust.file('/legacy-ca.pem') } } })],
    });
    synthTemplate(stack, 'node-tls-own-policy').hasResourceProperties('AWS::AppMesh::VirtualNode', {
      Spec: {
        BackendDefaults: { ClientPolicy: { TLS: { Enforce: false, Validation: { Trust: { File: { CertificateChain: '/ca.pem' } } } } } },
        Backends: [{
          VirtualService: {
            VirtualServiceName: 'legacy.shop.local',
            ClientPolicy: { TLS: { Validation: { Trust: { File: { CertificateChain: '/legacy-ca.pem' } } } } },
          },
        }],
      },
    });
  });

  it('exposes uid, mesh owner and resource owner', () => {
    const { stack, mesh } = meshFixture({}, { stackId: 'NodeAttrs', env: ENV });
    const node = mesh.addVirtualNode('Catalog');
    const id = stack.getLogicalId(node.node.defaultChild as any);
    expect(stack.resolve(node.virtualNodeUid)).toEqual({ 'Fn::GetAtt': [id, 'Uid'] });
    expect(stack.resolve(node.virtualNodeMeshOwner)).toEqual({ 'Fn::GetAtt': [id, 'MeshOwner'] });
    expect(stack.resolve(node.virtualNodeResourceOwner)).toEqual({ 'Fn::GetAtt': [id, 'ResourceOwner'] });
  });

  it('may live in another stack than its mesh: the stacks depend on each other, not the resources', () => {
    const app = testApp();
    const meshStackA = new Stack(app, 'MeshHome');
    const mesh = new Mesh(meshStackA, 'Mesh', { meshName: 'shop' });
    const appStack = new Stack(app, 'Service');
    new VirtualNode(appStack, 'Catalog', { mesh, virtualNodeName: 'catalog' });
    const template = synthTemplate(appStack, 'node-cross-stack');
    template.hasResourceProperties('AWS::AppMesh::VirtualNode', { MeshName: 'shop' });
    expect(appStack.dependencies.map((s) => s.stackName)).toContain('MeshHome');
  });
});
