import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Match } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { checkOutputs } from './example-checks';
import { COLORS, buildColorApp } from '../../examples/color-app/app';
import { MeshSnapshot } from '../../lib';
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
            PerRetryTimeout: { Unit: 'ms', Value: 5000 },
            HttpRetryEvents: ['gateway-error'],
            TcpRetryEvents: ['connection-error'],
          },
          Timeout: { PerRequest: { Unit: 'ms', Value: 12000 } },
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

  it('runs white through App Mesh with an X-Ray daemon, red on plain Envoy, and the ingress gateway as ECS tasks', () => {
    const tasks = template.findResources('AWS::ECS::TaskDefinition');
    const byFamily = Object.fromEntries(Object.values(tasks).map((t: any) => [t.Properties.Family, t.Properties]));
    expect(Object.keys(byFamily).sort()).toEqual([
      'color-mesh-colorapp-ingress-vg', 'color-mesh-colorteller-red-vn', 'color-mesh-colorteller-white-vn',
    ]);
    const white = byFamily['color-mesh-colorteller-white-vn'];
    expect(white.ContainerDefinitions.map((c: any) => c.Name)).toEqual(['colorteller', 'envoy', 'xray-daemon']);
    expect(white.ProxyConfiguration.ProxyConfigurationProperties).toContainEqual({ Name: 'AppPorts', Value: '9080' });
    const whiteEnvoy = white.ContainerDefinitions[1];
    expect(whiteEnvoy.Image).toBe('840364872350.dkr.ecr.us-east-1.amazonaws.com/aws-appmesh-envoy:v1.29.12.3-prod');
    expect(whiteEnvoy.Environment).toContainEqual({ Name: 'ENABLE_ENVOY_XRAY_TRACING', Value: '1' });
    const red = byFamily['color-mesh-colorteller-red-vn'];
    expect(red.ContainerDefinitions[1].Image).toBe('envoyproxy/envoy:v1.40.0');
    expect(red.ContainerDefinitions[1].Command[0]).toBe('--config-yaml');
    expect(red.ContainerDefinitions[1].Environment).toBeUndefined();
    const ingress = byFamily['color-mesh-colorapp-ingress-vg'];
    expect(ingress.ProxyConfiguration).toBeUndefined();
    expect(ingress.ContainerDefinitions.map((c: any) => [c.Name, c.PortMappings])).toEqual([['envoy', [{ ContainerPort: 9443, Protocol: 'tcp' }]]]);
  });
});

describe('examples/color-app: every output', () => {
  const stack = buildColorApp(testApp());
  const nodes = [...COLORS.map((c) => `colorteller-${c}-vn`), 'colorgateway-vn'];
  checkOutputs('color-app', stack, MeshSnapshot.ofStack(stack), [
    'ColorApp.template.json',
    'ecs/color-mesh/colorapp-ingress-vg.taskdef.json', 'ecs/color-mesh/colorteller-red-vn.taskdef.json', 'ecs/color-mesh/colorteller-white-vn.taskdef.json',
    ...['colorapp-ingress-vg', 'colorgateway-vn', ...COLORS.map((c) => `colorteller-${c}-vn`)].sort()
      .flatMap((name) => [`envoy/color-mesh/${name}.appmesh.yaml`, `envoy/color-mesh/${name}.standalone.yaml`]),
    'lattice/color-mesh.json', 'migration/color-mesh.json', 'migration/color-mesh.md',
    ...nodes.sort().map((name) => `service-connect/color-mesh/${name}.json`),
  ]);
});

describe('examples/color-app/main.ts', () => {
  it('writes where the cdk CLI says (CDK_OUTDIR), as cdk.json runs it', () => {
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'amk-cdk-outdir-'));
    try {
      const root = path.join(__dirname, '..', '..');
      execFileSync(process.execPath, [path.join(root, 'node_modules', 'tsx', 'dist', 'cli.mjs'), 'main.ts'], {
        cwd: path.join(root, 'examples', 'color-app'), env: { ...process.env, CDK_OUTDIR: outdir }, stdio: 'pipe',
      });
      expect(fs.existsSync(path.join(outdir, 'ColorApp.template.json'))).toBe(true);
      expect(fs.readdirSync(path.join(outdir, 'envoy', 'color-mesh')).length).toBeGreaterThan(0);
      expect(JSON.parse(fs.readFileSync(path.join(root, 'examples', 'color-app', 'cdk.json'), 'utf8')).app).toBe('npx tsx main.ts');
    } finally {
      fs.rmSync(outdir, { recursive: true, force: true });
    }
  });
});
