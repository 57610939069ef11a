import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { App } from 'aws-cdk-lib';
import { afterAll, describe, expect, it } from 'vitest';
import { buildColorAppServiceConnect } from '../../examples/color-app-service-connect/app';
import { MigrationFeature, MigrationReport, MigrationStatus, MigrationTarget } from '../../lib';
import { synthTemplate } from '../support/synth';

/* eslint-disable @typescript-eslint/no-explicit-any */

const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'amk-color-sc-'));
afterAll(() => fs.rmSync(outdir, { recursive: true, force: true }));

describe('examples/color-app-service-connect', () => {
  const app = new App({ outdir, builtinCloudFormationValidation: false });
  const { colorApp, serviceConnect } = buildColorAppServiceConnect(app);
  const template = synthTemplate(serviceConnect, 'example-color-app-service-connect');
  const services = template.findResources('AWS::ECS::Service');

  function serviceConnectOf(logicalIdPrefix: string): any {
    const [id] = Object.keys(services).filter((k) => k.startsWith(logicalIdPrefix));
    return services[id].Properties.ServiceConnectConfiguration;
  }

  it('gives colorteller the name and port callers use today, taken over by the white teller', () => {
    expect(serviceConnectOf('ColortellerService')).toEqual({
      Enabled: true,
      Namespace: 'default.svc.cluster.local',
      Services: [{ PortName: 'http-9080', DiscoveryName: 'colorteller-white', ClientAliases: [{ DnsName: 'colorteller.default.svc.cluster.local', Port: 9080 }] }],
      LogConfiguration: {
        LogDriver: 'awslogs',
        Options: { 'awslogs-group': { Ref: expect.stringMatching(/^ProxyLogs/) }, 'awslogs-region': 'us-east-1', 'awslogs-stream-prefix': 'service-connect' },
      },
      AccessLogConfiguration: { Format: 'JSON', IncludeQueryParameters: 'DISABLED' },
    });
  });

  it('keeps colorgateway\'s alias and its listener timeouts', () => {
    expect(serviceConnectOf('ColorgatewayService').Services).toEqual([{
      PortName: 'http-9080',
      DiscoveryName: 'colorgateway',
      ClientAliases: [{ DnsName: 'colorgateway.default.svc.cluster.local', Port: 9080 }],
      Timeout: { IdleTimeoutSeconds: 60, PerRequestTimeoutSeconds: 10 },
    }]);
  });

  it('runs plain task definitions: one app container with named port mappings, no Envoy, no proxy configuration', () => {
    const tasks = Object.values(template.findResources('AWS::ECS::TaskDefinition')) as any[];
    expect(tasks).toHaveLength(2);
    for (const task of tasks) {
      expect(task.Properties.ProxyConfiguration).toBeUndefined();
      expect(task.Properties.ContainerDefinitions.map((c: any) => c.Name)).toEqual(['app']);
      expect(task.Properties.ContainerDefinitions[0].PortMappings).toEqual([{ Name: 'http-9080', ContainerPort: 9080, Protocol: 'tcp', AppProtocol: 'http' }]);
    }
    expect(JSON.stringify(template.toJSON())).not.toContain('appmesh');
  });

  it('creates the Cloud Map namespace the services join, and a load balancer in place of the ingress gateway', () => {
    template.hasResourceProperties('AWS::ServiceDiscovery::PrivateDnsNamespace', { Name: 'default.svc.cluster.local' });
    template.hasResourceProperties('AWS::ElasticLoadBalancingV2::Listener', { Port: 80, Protocol: 'HTTP' });
    template.hasResourceProperties('AWS::ElasticLoadBalancingV2::TargetGroup', { Port: 9080, HealthCheckPath: '/ping' });
  });

  it('has no Service Connect findings beyond what the report explains', () => {
    expect(serviceConnect.configs.flatMap((c) => c.diagnostics)).toEqual([]);
  });

  it('writes the migration report, which names what the color app loses on Service Connect and what to do', () => {
    app.synth();
    const markdown = fs.readFileSync(path.join(outdir, 'migration', 'color-mesh.md'), 'utf8');
    expect(markdown).toContain('Service Connect');
    const report = MigrationReport.of(colorApp.mesh);
    const statusOf = (feature: MigrationFeature) => report.rows.filter((r) => r.feature === feature)
      .map((r) => r.findings.find((f) => f.target === MigrationTarget.SERVICE_CONNECT)!);
    // The standing 90/10 canary and configurable retries: only ECS deployments and the managed default remain.
    for (const feature of [MigrationFeature.WEIGHTED_TARGETS, MigrationFeature.RETRIES]) {
      const findings = statusOf(feature);
      expect(findings.length, feature).toBeGreaterThan(0);
      expect(findings.every((f) => f.status === MigrationStatus.APPROXIMATED), feature).toBe(true);
    }
    expect(statusOf(MigrationFeature.WEIGHTED_TARGETS)[0].detail).toContain('CANARY, LINEAR or BLUE_GREEN');
    for (const feature of [MigrationFeature.MUTUAL_TLS, MigrationFeature.VIRTUAL_GATEWAY, MigrationFeature.REWRITE]) {
      const findings = statusOf(feature);
      expect(findings.length, feature).toBeGreaterThan(0);
      expect(findings.every((f) => f.status === MigrationStatus.LOST), feature).toBe(true);
    }
  });
});
