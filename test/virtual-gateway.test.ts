import { CfnParameter, Stack } from 'aws-cdk-lib';
import { Match } from 'aws-cdk-lib/assertions';
import * as iam from 'aws-cdk-lib/aws-iam';
import { describe, expect, it } from 'vitest';
import {
  AccessLog,
  ConnectionPool,
  GatewayRouteSpec,
  HealthCheck,
  LoggingFormat,
  Mesh,
  SubjectAlternativeNames,
  TlsCertificate,
  TlsMode,
  TlsValidationTrust,
  VirtualGateway,
  VirtualGatewayListener,
  VirtualService,
} from '../lib';
import { dependsOn, ENV, logicalId, meshFixture } from './support/fixtures';
import { evaluateIntrinsic } from './support/intrinsics';
import { synthTemplate, testApp } from './support/synth';

const certificate = TlsCertificate.file('/certs/cert.pem', '/certs/key.pem');
const trust = TlsValidationTrust.file('/certs/ca.pem');

describe('VirtualGateway', () => {
  it('defaults to one HTTP listener on 8080, names its mesh by plain name and is created after it', () => {
    const { stack, mesh } = meshFixture({}, { stackId: 'GwDefault', env: ENV });
    const gateway = mesh.addVirtualGateway('Ingress', { virtualGatewayName: 'ingress' });
    const template = synthTemplate(stack, 'gw-default');
    template.hasResource('AWS::AppMesh::VirtualGateway', {
      Properties: {
        MeshName: 'shop',
        VirtualGatewayName: 'ingress',
        Spec: { Listeners: [{ PortMapping: { Port: 8080, Protocol: 'http' } }] },
      },
      DependsOn: [logicalId(mesh)],
    });
    expect(gateway.node.scope).toBe(mesh);
    expect(JSON.stringify(template.toJSON())).not.toContain('Fn::GetAtt');
  });

  it('falls back to HTTP 8080 for an empty listener list too (the official module emits Listeners: [])', () => {
    const { stack, mesh } = meshFixture({}, { stackId: 'GwEmpty', env: ENV });
    mesh.addVirtualGateway('Ingress', { listeners: [] });
    synthTemplate(stack, 'gw-empty-listeners').hasResourceProperties('AWS::AppMesh::VirtualGateway', {
      Spec: { Listeners: [{ PortMapping: { Port: 8080, Protocol: 'http' } }] },
    });
  });

  it('gives a default name unique in the app', () => {
    const { stack, mesh } = meshFixture({}, { stackId: 'GwName', env: ENV });
    const gateway = mesh.addVirtualGateway('Ingress');
    const template = synthTemplate(stack, 'gw-name').toJSON();
    const name = template.Resources[logicalId(gateway)].Properties.VirtualGatewayName;
    expect(name).toMatch(/^GwNameMeshIngress/);
    expect(stack.resolve(gateway.virtualGatewayName)).toBe(name);
  });

  it('renders http, http2 and grpc listeners with health checks (on the listener port), TLS and connection pools', () => {
    const { stack, mesh } = meshFixture({}, { stackId: 'GwListeners', env: ENV });
    mesh.addVirtualGateway('Ingress', {
      listeners: [
        VirtualGatewayListener.http({
          port: 8080,
          healthCheck: HealthCheck.http({ path: '/ping' }),
          connectionPool: ConnectionPool.http({ maxConnections: 100, maxPendingRequests: 10 }),
        }),
        VirtualGatewayListener.http2({
          port: 8081,
          healthCheck: HealthCheck.http2({ port: 8081 }),
          connectionPool: ConnectionPool.http2({ maxRequests: 50 }),
          tls: {
            mode: TlsMode.STRICT,
            certificate,
            mutualTlsValidation: { trust, subjectAlternativeNames: SubjectAlternativeNames.matchingExactly('client.shop.local') },
          },
        }),
        VirtualGatewayListener.grpc({
          port: 8443,
          healthCheck: HealthCheck.grpc(),
          connectionPool: ConnectionPool.grpc({ maxRequests: 20 }),
          tls: { mode: TlsMode.PERMISSIVE, certificate: TlsCertificate.sds('gateway-cert') },
        }),
      ],
    });
    synthTemplate(stack, 'gw-listeners').hasResourceProperties('AWS::AppMesh::VirtualGateway', {
      Spec: {
        Listeners: [
          {
            PortMapping: { Port: 8080, Protocol: 'http' },
            HealthCheck: {
              Protocol: 'http', Port: 8080, Path: '/ping', HealthyThreshold: 2, UnhealthyThreshold: 2, IntervalMillis: 5000, TimeoutMillis: 2000,
            },
            ConnectionPool: { HTTP: { MaxConnections: 100, MaxPendingRequests: 10 } },
          },
          {
            PortMapping: { Port: 8081, Protocol: 'http2' },
            HealthCheck: Match.objectLike({ Protocol: 'http2', Port: 8081, Path: '/' }),
            ConnectionPool: { HTTP2: { MaxRequests: 50 } },
            TLS: {
              Mode: 'STRICT',
              Certificate: { File: { CertificateChain: '/certs/cert.pem', PrivateKey: '/certs/key.pem' } },
              Validation: {
                Trust: { File: { CertificateChain: '/certs/ca.pem' } },
                SubjectAlternativeNames: { Match: { Exact: ['client.shop.local'] } },
              },
            },
          },
          {
            PortMapping: { Port: 8443, Protocol: 'grpc' },
            HealthCheck: Match.objectLike({ Protocol: 'grpc', Port: 8443 }),
            ConnectionPool: { GRPC: { MaxRequests: 20 } },
            TLS: { Mode: 'PERMISSIVE', Certificate: { SDS: { SecretName: 'gateway-cert' } } },
          },
        ],
      },
    });
  });

  it('renders backend defaults, the access log and tags', () => {
    const { stack, mesh } = meshFixture({}, { stackId: 'GwOptions', env: ENV });
    mesh.addVirtualGateway('Ingress', {
      backendDefaults: {
        tlsClientPolicy: {
          enforce: true,
          ports: [8443, 8080],
          validation: { trust: TlsValidationTrust.sds('ca'), subjectAlternativeNames: SubjectAlternativeNames.matchingExactly('catalog.shop.local') },
          mutualTlsCertificate: TlsCertificate.sds('client'),
        },
      },
      accessLog: AccessLog.fromFilePath('/dev/stdout', LoggingFormat.fromJson({ status: '%RESPONSE_CODE%', path: '%REQ(:PATH)%' })),
      tags: { team: 'edge', env: 'test' },
    });
    synthTemplate(stack, 'gw-options').hasResourceProperties('AWS::AppMesh::VirtualGateway', {
      Spec: {
        BackendDefaults: {
          ClientPolicy: {
            TLS: {
              Enforce: true,
              Ports: [8443, 8080],
              Certificate: { SDS: { SecretName: 'client' } },
              Validation: {
                Trust: { SDS: { SecretName: 'ca' } },
                SubjectAlternativeNames: { Match: { Exact: ['catalog.shop.local'] } },
              },
            },
          },
        },
        Logging: {
          AccessLog: {
            File: {
              Path: '/dev/stdout',
              Format: { Json: [{ Key: 'status', Value: '%RESPONSE_CODE%' }, { Key: 'path', Value: '%REQ(:PATH)%' }] },
            },
          },
        },
      },
      Tags: [{ Key: 'env', Value: 'test' }, { Key: 'team', Value: 'edge' }],
    });
  });

  it('renders listeners added after construction', () => {
    const { stack, mesh } = meshFixture({}, { stackId: 'GwAdd', env: ENV });
    const gateway = mesh.addVirtualGateway('Ingress', { listeners: [VirtualGatewayListener.http({ port: 8080 })] });
    gateway.addListener(VirtualGatewayListener.grpc({ port: 8443 }));
    synthTemplate(stack, 'gw-add-listener').hasResourceProperties('AWS::AppMesh::VirtualGateway', {
      Spec: {
        Listeners: [
          { PortMapping: { Port: 8080, Protocol: 'http' } },
          { PortMapping: { Port: 8443, Protocol: 'grpc' } },
        ],
      },
    });
  });

  it('grants StreamAggregatedResources on exactly this gateway', () => {
    const { stack, mesh } = meshFixture({}, { stackId: 'GwGrant', env: ENV });
    const gateway = mesh.addVirtualGateway('Ingress', { virtualGatewayName: 'ingress' });
    const role = new iam.Role(stack, 'TaskRole', { assumedBy: new iam.ServicePrincipal('ecs-tasks.amazonaws.com') });
    gateway.grantStreamAggregatedResources(role);
    synthTemplate(stack, 'gw-grant').hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: {
        Statement: [{
          Action: 'appmesh:StreamAggregatedResources',
          Effect: 'Allow',
          Resource: { Ref: logicalId(gateway) },
        }],
      },
    });
  });

  it('grants on an imported gateway name its exact ARN', () => {
    const stack = new Stack(testApp(), 'GwGrantImport', { env: ENV });
    const gateway = VirtualGateway.fromVirtualGatewayArn(stack, 'Ingress',
      'arn:aws:appmesh:us-east-1:111122223333:mesh/shop/virtualGateway/ingress');
    const role = new iam.Role(stack, 'TaskRole', { assumedBy: new iam.ServicePrincipal('ecs-tasks.amazonaws.com') });
    gateway.grantStreamAggregatedResources(role);
    synthTemplate(stack, 'gw-grant-import').hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: {
        Statement: [{
          Action: 'appmesh:StreamAggregatedResources',
          Effect: 'Allow',
          Resource: 'arn:aws:appmesh:us-east-1:111122223333:mesh/shop/virtualGateway/ingress',
        }],
      },
    });
  });

  it('imports by ARN (name, mesh and environment parsed from it) and by attributes', () => {
    const stack = new Stack(testApp(), 'GwImport', { env: ENV });
    const byArn = VirtualGateway.fromVirtualGatewayArn(stack, 'ByArn',
      'arn:aws:appmesh:eu-west-1:444455556666:mesh/shop/virtualGateway/ingress');
    expect(byArn.virtualGatewayName).toBe('ingress');
    expect(byArn.mesh.meshName).toBe('shop');
    expect(byArn.mesh.meshArn).toBe('arn:aws:appmesh:eu-west-1:444455556666:mesh/shop');
    expect(byArn.env.account).toBe('444455556666');
    expect(byArn.env.region).toBe('eu-west-1');
    const mesh = Mesh.fromMeshName(stack, 'Mesh', 'shop');
    const byAttrs = VirtualGateway.fromVirtualGatewayAttributes(stack, 'ByAttrs', { virtualGatewayName: 'ingress', mesh });
    expect(byAttrs.mesh).toBe(mesh);
    expect(stack.resolve(byAttrs.virtualGatewayArn)).toEqual({
      'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':appmesh:us-east-1:111122223333:mesh/shop/virtualGateway/ingress']],
    });
  });

  it('imports an ARN that is a token by splitting it in CloudFormation', () => {
    const stack = new Stack(testApp(), 'GwTokenArn');
    const arn = new CfnParameter(stack, 'GatewayArn').valueAsString;
    const gateway = VirtualGateway.fromVirtualGatewayArn(stack, 'ByArn', arn);
    const refs = { GatewayArn: 'arn:aws:appmesh:us-east-1:111122223333:mesh/shop/virtualGateway/ingress' };
    expect(evaluateIntrinsic(stack.resolve(gateway.virtualGatewayName), refs)).toBe('ingress');
    expect(evaluateIntrinsic(stack.resolve(gateway.mesh.meshName), refs)).toBe('shop');
  });

  it('an imported gateway takes gateway routes too (plain names, no DependsOn on the gateway)', () => {
    const { stack, mesh } = meshFixture({}, { stackId: 'GwImportRoute', env: ENV });
    const service = mesh.addVirtualService('catalog.shop.local');
    const gateway = VirtualGateway.fromVirtualGatewayAttributes(stack, 'Ingress', { virtualGatewayName: 'ingress', mesh });
    const route = gateway.addGatewayRoute('Catalog', {
      gatewayRouteName: 'catalog',
      routeSpec: GatewayRouteSpec.http({ routeTarget: service }),
    });
    expect(route.node.scope).toBe(gateway);
    const template = synthTemplate(stack, 'gw-import-route');
    template.hasResourceProperties('AWS::AppMesh::GatewayRoute', { MeshName: 'shop', VirtualGatewayName: 'ingress', GatewayRouteName: 'catalog' });
    expect(dependsOn(template.toJSON(), route)).toEqual([logicalId(mesh), logicalId(service)].sort());
    expect(mesh.validate()).toEqual([]);
  });

  it('exposes uid, mesh owner and resource owner', () => {
    const { stack, mesh } = meshFixture({}, { stackId: 'GwAttrs', env: ENV });
    const gateway = mesh.addVirtualGateway('Ingress');
    const id = logicalId(gateway);
    expect(stack.resolve(gateway.virtualGatewayUid)).toEqual({ 'Fn::GetAtt': [id, 'Uid'] });
    expect(stack.resolve(gateway.virtualGatewayMeshOwner)).toEqual({ 'Fn::GetAtt': [id, 'MeshOwner'] });
    expect(stack.resolve(gateway.virtualGatewayResourceOwner)).toEqual({ 'Fn::GetAtt': [id, 'ResourceOwner'] });
    expect(stack.resolve(gateway.virtualGatewayArn)).toEqual({ Ref: id });
  });

  it('sets MeshOwner in a mesh shared from another account', () => {
    const stack = new Stack(testApp(), 'GwShared', { env: ENV });
    const mesh = Mesh.fromMeshArn(stack, 'Shared', 'arn:aws:appmesh:us-east-1:444455556666:mesh/shared');
    const gateway = mesh.addVirtualGateway('Ingress', { virtualGatewayName: 'ingress' });
    const service = VirtualService.fromVirtualServiceAttributes(stack, 'Service', { virtualServiceName: 'catalog.shop.local', mesh });
    gateway.addGatewayRoute('Route', { gatewayRouteName: 'catalog', routeSpec: GatewayRouteSpec.http({ routeTarget: service }) });
    const template = synthTemplate(stack, 'gw-shared-mesh');
    template.hasResourceProperties('AWS::AppMesh::VirtualGateway', { MeshName: 'shared', MeshOwner: '444455556666' });
    template.hasResourceProperties('AWS::AppMesh::GatewayRoute', { MeshName: 'shared', MeshOwner: '444455556666' });
  });

  it('may live in another stack than its mesh: the stacks depend on each other, not the resources', () => {
    const app = testApp();
    const meshHome = new Stack(app, 'MeshHome');
    const mesh = new Mesh(meshHome, 'Mesh', { meshName: 'shop' });
    const edge = new Stack(app, 'Edge');
    new VirtualGateway(edge, 'Ingress', { mesh, virtualGatewayName: 'ingress' });
    synthTemplate(edge, 'gw-cross-stack').hasResourceProperties('AWS::AppMesh::VirtualGateway', { MeshName: 'shop' });
    expect(edge.dependencies.map((s) => s.stackName)).toContain('MeshHome');
  });
});

describe('mesh-wide mutual TLS on gateways', () => {
  function meshWithMutualTls(id: string) {
    const { stack, mesh } = meshFixture({}, { stackId: id, env: ENV });
    mesh.requireMutualTls({ certificate, trust, subjectAlternativeNames: SubjectAlternativeNames.matchingExactly('mesh.shop.local') });
    return { stack, mesh };
  }

  it('reaches gateway listeners without TLS of their own and the backend defaults', () => {
    const { stack, mesh } = meshWithMutualTls('GwMeshTls');
    mesh.addVirtualGateway('Ingress', { listeners: [VirtualGatewayListener.http({ port: 8080 }), VirtualGatewayListener.grpc({ port: 8443 })] });
    const meshTls = {
      Mode: 'STRICT',
      Certificate: { File: { CertificateChain: '/certs/cert.pem', PrivateKey: '/certs/key.pem' } },
      Validation: { Trust: { File: { CertificateChain: '/certs/ca.pem' } }, SubjectAlternativeNames: { Match: { Exact: ['mesh.shop.local'] } } },
    };
    synthTemplate(stack, 'gw-mesh-tls').hasResourceProperties('AWS::AppMesh::VirtualGateway', {
      Spec: {
        Listeners: [
          { PortMapping: { Port: 8080, Protocol: 'http' }, TLS: meshTls },
          { PortMapping: { Port: 8443, Protocol: 'grpc' }, TLS: meshTls },
        ],
        BackendDefaults: {
          ClientPolicy: {
            TLS: {
              Certificate: { File: { CertificateChain: '/certs/cert.pem', PrivateKey: '/certs/key.pem' } },
              Validation: { Trust: { File: { CertificateChain: '/certs/ca.pem' } }, SubjectAlternativeNames: { Match: { Exact: ['mesh.shop.local'] } } },
            },
          },
        },
      },
    });
  });

  it('reaches the default listener too', () => {
    const { stack, mesh } = meshWithMutualTls('GwMeshTlsDefault');
    mesh.addVirtualGateway('Ingress');
    synthTemplate(stack, 'gw-mesh-tls-default').hasResourceProperties('AWS::AppMesh::VirtualGateway', {
      Spec: { Listeners: [Match.objectLike({ PortMapping: { Port: 8080, Protocol: 'http' }, TLS: Match.objectLike({ Mode: 'STRICT' }) })] },
    });
  });

  it('leaves a listener with TLS of its own and backend defaults of its own as they are', () => {
    const { stack, mesh } = meshWithMutualTls('GwOwnTls');
    mesh.addVirtualGateway('Ingress', {
      listeners: [
        VirtualGatewayListener.http({ port: 8080, tls: { mode: TlsMode.PERMISSIVE, certificate: TlsCertificate.sds('edge-cert') } }),
        VirtualGatewayListener.http({ port: 8081 }),
      ],
      backendDefaults: { tlsClientPolicy: { validation: { trust: TlsValidationTrust.sds('edge-ca') } } },
    });
    synthTemplate(stack, 'gw-own-tls').hasResourceProperties('AWS::AppMesh::VirtualGateway', {
      Spec: {
        Listeners: [
          { PortMapping: { Port: 8080, Protocol: 'http' }, TLS: { Mode: 'PERMISSIVE', Certificate: { SDS: { SecretName: 'edge-cert' } } } },
          { PortMapping: { Port: 8081, Protocol: 'http' }, TLS: Match.objectLike({ Mode: 'STRICT' }) },
        ],
        BackendDefaults: { ClientPolicy: { TLS: { Validation: { Trust: { SDS: { SecretName: 'edge-ca' } } } } } },
      },
    });
  });
});
