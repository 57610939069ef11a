import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { buildColorAppPlainEnvoy } from '../../examples/color-app-plain-envoy/app';
import { expectValid } from '../outputs/envoy/helpers';
import { synthTemplate } from '../support/synth';

/* eslint-disable @typescript-eslint/no-explicit-any */

const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'amk-color-plain-'));
afterAll(() => fs.rmSync(outdir, { recursive: true, force: true }));

describe('examples/color-app-plain-envoy', () => {
  const app = new App({ outdir, builtinCloudFormationValidation: false });
  const { colorApp, plainEnvoy } = buildColorAppPlainEnvoy(app);
  const template = synthTemplate(plainEnvoy, 'example-color-app-plain-envoy');
  const assembly = app.synth();
  const json = template.toJSON();
  const tasks = Object.values(template.findResources('AWS::ECS::TaskDefinition')) as any[];
  const envoyOf = (task: any) => task.Properties.ContainerDefinitions.find((c: any) => c.Name === 'envoy');

  it('holds no App Mesh resource, grants no App Mesh IAM, and does not depend on the mesh\'s stack', () => {
    expect(Object.values<any>(json.Resources).filter((r) => r.Type.startsWith('AWS::AppMesh::'))).toEqual([]);
    expect(JSON.stringify(json)).not.toContain('appmesh:');
    expect(JSON.stringify(json)).not.toContain('Fn::ImportValue');
    expect(assembly.getStackByName(plainEnvoy.stackName).dependencies.map((d) => d.id)).not.toContain(colorApp.artifactId);
  });

  it('runs plain Envoy in every task: six tasks, each with envoyproxy/envoy and the compiled configuration, identical to the assembly\'s file', () => {
    expect(tasks).toHaveLength(6);
    const names = ['colorteller-white-vn', 'colorteller-red-vn', 'colorteller-blue-vn', 'colorteller-black-vn', 'colorgateway-vn', 'colorapp-ingress-vg'];
    for (const [task, name] of names.map((n, i) => [tasks[i], n] as const)) {
      expect(task).toBeDefined();
      const envoy = envoyOf(task);
      expect(envoy.Image).toMatch(/^envoyproxy\/envoy:v\d+\.\d+\.\d+$/);
      const [flag, yaml] = envoy.Command;
      expect(flag).toBe('--config-yaml');
      expect(yaml).toBe(fs.readFileSync(path.join(outdir, 'envoy', 'color-mesh', `${name}.standalone.yaml`), 'utf8'));
      expectValid(parse(yaml));
    }
  });

  it('logs into log groups of its own: the mesh\'s tasks run beside these in the same account and Region until the cut-over', () => {
    const names = (stack: Stack) => Object.values<any>(Template.fromStack(stack).findResources('AWS::Logs::LogGroup'))
      .map((g) => g.Properties.LogGroupName);
    const own = names(plainEnvoy);
    expect(own).toHaveLength(6);
    expect(own.every((name) => name.startsWith('/appmesh-kit/color-mesh/plain-envoy/'))).toBe(true);
    expect(own.filter((name) => names(colorApp).includes(name))).toEqual([]);
  });

  it('keeps App Mesh\'s traffic redirect on node tasks (ECS proxy configuration), and none on the gateway', () => {
    const [gateway, ...nodes] = [...tasks].sort((a, b) => Number(!!a.Properties.ProxyConfiguration) - Number(!!b.Properties.ProxyConfiguration));
    expect(gateway.Properties.ProxyConfiguration).toBeUndefined();
    expect(envoyOf(gateway).PortMappings).toEqual([{ ContainerPort: 9443, Protocol: 'tcp' }]);
    for (const node of nodes) expect(node.Properties.ProxyConfiguration.Type).toBe('APPMESH');
  });

  it('keeps every node\'s DNS name in Cloud Map, and resolves the colorteller virtual service name to a placeholder Envoy intercepts', () => {
    const names = Object.values<any>(template.findResources('AWS::ServiceDiscovery::Service')).map((s) => s.Properties.Name).sort();
    expect(names).toEqual(['colorgateway', 'colorteller', 'colorteller-black', 'colorteller-blue', 'colorteller-red', 'colorteller-white']);
    template.hasResourceProperties('AWS::ServiceDiscovery::Instance', { InstanceAttributes: { AWS_INSTANCE_IPV4: '10.10.10.10' } });
    template.hasResourceProperties('AWS::ServiceDiscovery::PrivateDnsNamespace', { Name: 'default.svc.cluster.local' });
  });

  it('puts the ingress gateway\'s Envoy behind a network load balancer: 443 outside, the gateway listener (9443) inside', () => {
    template.hasResourceProperties('AWS::ElasticLoadBalancingV2::Listener', { Port: 443, Protocol: 'TCP' });
    template.hasResourceProperties('AWS::ElasticLoadBalancingV2::TargetGroup', { Port: 9443, Protocol: 'TCP', TargetType: 'ip' });
  });
});
