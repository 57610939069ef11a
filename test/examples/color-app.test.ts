import { Match } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { COLORS, buildColorApp } from '../../examples/color-app/app';
import { synthTemplate, testApp } from '../support/synth';

describe('examples/color-app', () => {
  const stack = buildColorApp(testApp());
  const template = synthTemplate(stack, 'example-color-app');

  it('has no diagnostics', () => {
    expect(stack.mesh.validate()).toEqual([]);
  });

  it('defines a colorteller node per color, discoverable with every endpoint', () => {
    template.resourceCountIs('AWS::AppMesh::VirtualNode', COLORS.length + 1);
    for (const color of COLORS) {
      template.hasResourceProperties('AWS::AppMesh::VirtualNode', {
        VirtualNodeName: `colorteller-${color}-vn`,
        Spec: Match.objectLike({
          ServiceDiscovery: { DNS: { Hostname: `colorteller-${color}.default.svc.cluster.local`, ResponseType: 'ENDPOINTS' } },
        }),
      });
    }
  });

  it('lets the gateway call the colorteller service', () => {
    template.hasResourceProperties('AWS::AppMesh::VirtualNode', {
      VirtualNodeName: 'colorgateway-vn',
      Spec: Match.objectLike({ Backends: [{ VirtualService: { VirtualServiceName: 'colorteller.default.svc.cluster.local' } }] }),
    });
    template.hasResourceProperties('AWS::AppMesh::VirtualService', {
      VirtualServiceName: 'colorteller.default.svc.cluster.local',
      Spec: { Provider: { VirtualRouter: { VirtualRouterName: 'colorteller-vr' } } },
    });
  });

  it('canaries red with 10 % of the colorteller traffic, with the recommended retries and a 12 s timeout', () => {
    template.hasResourceProperties('AWS::AppMesh::Route', {
      RouteName: 'colorteller-route',
      VirtualRouterName: 'colorteller-vr',
      Spec: {
        HttpRoute: {
          Match: { Prefix: '/' },
          Action: { WeightedTargets: [{ VirtualNode: 'colorteller-white-vn', Weight: 90 }, { VirtualNode: 'colorteller-red-vn', Weight: 10 }] },
          RetryPolicy: {
            MaxRetries: 2,
            PerRetryTimeout: { Unit: 's', Value: 5 },
            HttpRetryEvents: ['gateway-error'],
            TcpRetryEvents: ['connection-error'],
          },
          Timeout: { PerRequest: { Unit: 's', Value: 12 } },
        },
      },
    });
  });

  it('speaks mutual TLS on every listener and towards every backend', () => {
    const tls = {
      Mode: 'STRICT',
      Certificate: { File: { CertificateChain: '/keys/colorapp_cert_chain.pem', PrivateKey: '/keys/colorapp_key.pem' } },
      Validation: { Trust: { File: { CertificateChain: '/keys/ca_cert.pem' } } },
    };
    const nodes = template.findResources('AWS::AppMesh::VirtualNode');
    expect(Object.keys(nodes)).toHaveLength(COLORS.length + 1);
    for (const node of Object.values(nodes) as any[]) {
      expect(node.Properties.Spec.Listeners[0].TLS).toEqual(tls);
      expect(node.Properties.Spec.BackendDefaults.ClientPolicy.TLS).toEqual({
        Enforce: true,
        Certificate: { File: { CertificateChain: '/keys/colorapp_cert_chain.pem', PrivateKey: '/keys/colorapp_key.pem' } },
        Validation: { Trust: { File: { CertificateChain: '/keys/ca_cert.pem' } } },
      });
    }
  });

  it('takes outside traffic through an ingress gateway: TLS without client certificates, mTLS towards the mesh', () => {
    template.hasResourceProperties('AWS::AppMesh::VirtualGateway', {
      VirtualGatewayName: 'colorapp-ingress-vg',
      Spec: Match.objectLike({
        Listeners: [Match.objectLike({
          PortMapping: { Port: 9443, Protocol: 'http' },
          TLS: { Mode: 'STRICT', Certificate: { File: { CertificateChain: '/keys/ingress_cert_chain.pem', PrivateKey: '/keys/ingress_key.pem' } } },
        })],
        BackendDefaults: { ClientPolicy: { TLS: Match.objectLike({ Certificate: { File: Match.objectLike({ CertificateChain: '/keys/colorapp_cert_chain.pem' }) } }) } },
      }),
    });
    template.hasResourceProperties('AWS::AppMesh::GatewayRoute', {
      GatewayRouteName: 'color-route',
      VirtualGatewayName: 'colorapp-ingress-vg',
      Spec: {
        HttpRoute: {
          Match: { Prefix: '/color/' },
          Action: {
            Target: { VirtualService: { VirtualServiceName: 'colorgateway.default.svc.cluster.local' } },
            Rewrite: { Prefix: { Value: '/' } },
          },
        },
      },
    });
  });

  it('matches the reviewed template snapshot', async () => {
    await expect(JSON.stringify(template.toJSON(), null, 2) + '\n').toMatchFileSnapshot('./__snapshots__/ColorApp.template.json');
  });
});
