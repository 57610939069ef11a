import { Stack } from 'aws-cdk-lib';
import { describe, expect, it } from 'vitest';
import { checkOutputs, parsed } from './example-checks';
import { MESH_ARN, PAYMENTS_ACCOUNT, PLATFORM_ACCOUNT, buildSharedMesh } from '../../examples/shared-mesh/app';
import { MeshSnapshot } from '../../lib';
import { egressHost } from '../outputs/envoy/helpers';
import { testApp } from '../support/synth';

/* eslint-disable @typescript-eslint/no-explicit-any */

const SHOP_FILES = [
  'ecs/shop/orders.taskdef.json', 'ecs/shop/payments.taskdef.json',
  'envoy/shop/orders.appmesh.yaml', 'envoy/shop/orders.standalone.yaml',
  'envoy/shop/payments.appmesh.yaml', 'envoy/shop/payments.standalone.yaml',
  'lattice/shop.json', 'migration/shop.json', 'migration/shop.md',
  'service-connect/shop/orders.json', 'service-connect/shop/payments.json',
];

/** The App Mesh resources of a stack's template. */
function meshResources(snapshot: MeshSnapshot, stack: Stack): any[] {
  return Object.values(parsed(snapshot, stack.templateFile).Resources as Record<string, any>)
    .filter((r) => r.Type.startsWith('AWS::AppMesh::'));
}

describe('examples/shared-mesh', () => {
  const example = buildSharedMesh(testApp());
  const { platform, payments, reporting } = example;
  const platformSnapshot = MeshSnapshot.ofStack(platform);
  const paymentsSnapshot = MeshSnapshot.ofStack(payments);
  const reportingSnapshot = MeshSnapshot.ofStack(reporting);
  checkOutputs('shared-mesh', platform, platformSnapshot, ['Platform.template.json', ...SHOP_FILES]);
  checkOutputs('shared-mesh', payments, paymentsSnapshot, ['Payments.template.json', ...SHOP_FILES]);
  checkOutputs('shared-mesh/assembly-ReportingApp', reporting, reportingSnapshot,
    ['ReportingAppReportingA5A93241.template.json', 'envoy/shop/reports.appmesh.yaml', 'lattice/shop.json', 'migration/shop.json', 'migration/shop.md',
      'service-connect/shop/reports.json']);

  it('has no diagnostics, in the mesh or in its import', () => {
    expect(example.mesh.validate()).toEqual([]);
    expect(example.importedMesh.validate()).toEqual([]);
  });

  it('the platform account owns the mesh: its resources carry no MeshOwner', () => {
    const resources = meshResources(platformSnapshot, platform);
    expect(resources.map((r) => r.Type).sort()).toEqual(['AWS::AppMesh::Mesh', 'AWS::AppMesh::VirtualNode', 'AWS::AppMesh::VirtualService']);
    expect(resources.every((r) => r.Properties.MeshOwner === undefined)).toBe(true);
  });

  it('every resource the payments account creates in the shared mesh names the platform account as MeshOwner', () => {
    for (const [snapshot, stack] of [[paymentsSnapshot, payments], [reportingSnapshot, reporting]] as const) {
      expect(stack.account).toBe(PAYMENTS_ACCOUNT);
      const resources = meshResources(snapshot, stack);
      expect(resources.length).toBeGreaterThan(0);
      expect(resources.map((r) => [r.Type, r.Properties.MeshName, r.Properties.MeshOwner]))
        .toEqual(resources.map((r) => [r.Type, 'shop', PLATFORM_ACCOUNT]));
    }
    expect(meshResources(paymentsSnapshot, payments).map((r) => r.Type).sort()).toEqual([
      'AWS::AppMesh::Route', 'AWS::AppMesh::VirtualNode', 'AWS::AppMesh::VirtualRouter', 'AWS::AppMesh::VirtualService',
    ]);
  });

  it('stacks name each other\'s resources by plain names: no cross-stack or cross-account references', () => {
    for (const [snapshot, stack] of [[platformSnapshot, platform], [paymentsSnapshot, payments], [reportingSnapshot, reporting]] as const) {
      expect(snapshot.file(stack.templateFile)).not.toMatch(/Fn::ImportValue|Outputs/);
    }
  });

  it('the reporting app knows the mesh by its ARN and payments by its name', () => {
    expect(example.importedMesh.meshArn).toBe(MESH_ARN);
    expect(example.importedMesh.meshName).toBe('shop');
    const reports = meshResources(reportingSnapshot, reporting)[0];
    expect(reports.Properties.Spec.Backends).toEqual([{ VirtualService: { VirtualServiceName: 'payments.shop.local' } }]);
    const bootstrap = parsed(reportingSnapshot, 'envoy/shop/reports.appmesh.yaml');
    expect(bootstrap.node.id).toMatch(/:mesh\/shop\/virtualNode\/reports$/);
    // Its standalone configuration would need payments' routes, which this app does not know: acknowledged, not written.
    expect(reportingSnapshot.fileNames).not.toContain('envoy/shop/reports.standalone.yaml');
  });

  it('payments, defined with the mesh object in another account, sees the whole mesh: its Envoy routes to orders', () => {
    const config = parsed(paymentsSnapshot, 'envoy/shop/payments.standalone.yaml');
    const [route] = egressHost(config, 'orders.shop.local', 8080).routes;
    expect(route.route.cluster).toBe('cds_egress_shop_orders_http_8080');
    const bootstrap = parsed(paymentsSnapshot, 'envoy/shop/payments.appmesh.yaml');
    expect(bootstrap.node.id).toMatch(/:mesh\/shop\/virtualNode\/payments$/);
  });

  it('a snapshot of the mesh holds the templates of both stacks that define it, and its files', () => {
    expect(MeshSnapshot.ofMesh(example.mesh).fileNames).toEqual(['Payments.template.json', 'Platform.template.json', ...SHOP_FILES]);
  });
});
