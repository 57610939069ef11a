import * as fs from 'node:fs';
import * as path from 'node:path';
import { App } from 'aws-cdk-lib';
import * as acmpca from 'aws-cdk-lib/aws-acmpca';
import { describe, expect, it } from 'vitest';
import { buildColorApp } from '../../../examples/color-app/app';
import {
  DiagnosticSeverity, HealthCheck, HttpRoutePathMatch, MigrationFeature, MigrationReport, MigrationStatus, MigrationTarget, RetryPolicy, RouteSpec,
  ServiceDiscovery, TlsCertificate,
  TlsMode, TlsValidationTrust, VirtualNodeListener,
} from '../../../lib';
import { ENV, REGION, meshFixture, routeFixture } from '../../support/fixtures';
import { assemblyApp } from '../../support/synth';

/* eslint-disable @typescript-eslint/no-explicit-any */

/** Mesh `shop`: a 90/10 canary with retries from v1 to v2, and v1 with mutual TLS, in `region` (null: environment-agnostic). */
function shop(region: string | null = REGION, app: App = assemblyApp()) {
  const { stack, mesh } = meshFixture({}, { app, env: region === null ? undefined : { account: ENV.account, region } });
  const node = (name: string, listener = VirtualNodeListener.http()) => mesh.addVirtualNode(name, {
    virtualNodeName: name, serviceDiscovery: ServiceDiscovery.dns(`${name}.shop.local`), listeners: [listener],
  });
  const v1 = node('v1', VirtualNodeListener.http({
    tls: { mode: TlsMode.STRICT, certificate: TlsCertificate.file('/c.pem', '/k.pem'), mutualTlsValidation: { trust: TlsValidationTrust.file('/ca.pem') } },
  }));
  const v2 = node('v2');
  const router = mesh.addVirtualRouter('Router', { virtualRouterName: 'catalog-router' });
  router.addRoute('Route', { routeName: 'catalog', routeSpec: RouteSpec.http() }).to(v1).canary(v2, 10).withRetries(RetryPolicy.recommended());
  return { app, stack, mesh };
}

describe('MigrationReport: the Markdown', () => {
  it('opens with the mesh, the Region and a summary per target, then one table row per resource and feature', () => {
    const report = MigrationReport.of(shop().mesh);
    const md = report.toMarkdown();
    const lines = md.split('\n');
    expect(lines[0]).toBe('# Leaving App Mesh: mesh `shop`');
    expect(md).toContain('Region: us-east-1: every target is available.');
    const total = report.rows.length;
    expect(md).toContain('| Target | Keeps (maps) | Approximated | Lost |');
    for (const s of report.summaries) {
      expect(s.maps + s.approximated + s.lost).toBe(total);
    }
    const envoy = report.summaries.find((s) => s.target === MigrationTarget.PLAIN_ENVOY)!;
    expect(md).toContain(`| Plain Envoy | ${envoy.maps} of ${total} | ${envoy.approximated} | ${envoy.lost} |`);
    expect(md).toContain('| Resource | Feature | Plain Envoy | ECS Service Connect | VPC Lattice |');
    const tableRows = lines.filter((l) => /^\| (mesh|virtualNode|virtualService|virtualRouter|route|virtualGateway|gatewayRoute) /.test(l));
    expect(tableRows).toHaveLength(total);
    // Every table row has five cells: resource, feature, and one per target.
    for (const row of tableRows) expect(row.split(/(?<!\\)\|/).length - 2).toBe(5);
    // The row points at its findings; each finding's text is in the findings table once.
    const canaryRow = tableRows.find((l) => l.startsWith('| route catalog | Weighted targets: 90/10 canary: v1 90, v2 10 (`spec.httpRoute.action.weightedTargets`) |'))!;
    const [envoyCell, scCell] = canaryRow.split(/(?<!\\)\|/).slice(3, 5).map((c) => c.trim());
    expect(envoyCell).toMatch(/^✅ maps \(F\d+\)$/);
    expect(scCell).toMatch(/^◐ approximated \(F\d+\)$/);
    const scId = /\((F\d+)\)/.exec(scCell)![1];
    const findingLines = lines.filter((l) => l.startsWith(`| ${scId} |`));
    expect(findingLines).toHaveLength(1);
    expect(findingLines[0]).toMatch(/^\| F\d+ \| Weighted targets \| ECS Service Connect \| ◐ approximated \| the standing split is lost: .* \| 1 \|$/);
    expect(md).toContain('## Needs attention');
  });

  it('states a finding shared by many resources once, with how many rows use it', () => {
    const { mesh } = meshFixture({}, { env: ENV });
    for (let i = 0; i < 30; i++) {
      mesh.addVirtualNode(`N${i}`, {
        virtualNodeName: `n${i}`, serviceDiscovery: ServiceDiscovery.dns(`n${i}.shop.local`), listeners: [VirtualNodeListener.http({ healthCheck: HealthCheck.http() })],
      });
    }
    const report = MigrationReport.of(mesh);
    const md = report.toMarkdown();
    const detail = 'an ECS container healthCheck';
    // 30 health checks lost on Service Connect: one line in the findings table, one in "Needs attention".
    expect(md.split('\n').filter((l) => l.startsWith('| F') && l.includes('| Health check http/http2 | ECS Service Connect | ✗ lost |'))).toEqual([
      expect.stringMatching(new RegExp(`${detail}.* \\| 30 \\|$`)),
    ]);
    const attention = md.split('\n').filter((l) => l.startsWith('- `AMK_MIGRATE_SERVICE_CONNECT_LOST` Health check'));
    expect(attention).toHaveLength(1);
    expect(attention[0]).toContain('Stack/Mesh/N0 `spec.listeners[0].healthCheck`');
    expect(attention[0]).toContain('Stack/Mesh/N9 `spec.listeners[0].healthCheck` and 20 more (the features table lists every row).');
    expect(attention[0]).not.toContain('Stack/Mesh/N10 ');
    // The Markdown grows by a short row per resource, not by the findings' text: once as the finding, once as the fix.
    expect(md.toLowerCase().split(detail.toLowerCase()).length - 1).toBe(2);
  });

  it('escapes pipes in cells so a regex match cannot break the table', () => {
    const f = routeFixture();
    f.router.addRoute('Main', { routeSpec: RouteSpec.http({ match: { path: HttpRoutePathMatch.regex('/(a|b)') }, weightedTargets: [{ virtualNode: f.v1 }] }) });
    const md = MigrationReport.of(f.mesh).toMarkdown();
    expect(md).toContain('path regex /(a\\|b)');
  });
});

describe('MigrationReport: what is not a feature', () => {
  it('a listener with TLS DISABLED has no TLS row', () => {
    const { mesh } = meshFixture({}, { env: ENV });
    mesh.addVirtualNode('Node', {
      virtualNodeName: 'n',
      serviceDiscovery: ServiceDiscovery.dns('n.shop.local'),
      listeners: [VirtualNodeListener.http({ tls: { mode: TlsMode.DISABLED, certificate: TlsCertificate.file('/c.pem', '/k.pem') } })],
    });
    expect(MigrationReport.of(mesh).rows.map((r) => r.feature)).toEqual([
      MigrationFeature.MESH_BOUNDARY, MigrationFeature.EGRESS_FILTER, MigrationFeature.VIRTUAL_NODE, MigrationFeature.LISTENER_HTTP,
    ]);
  });
});

describe('MigrationReport: the JSON', () => {
  it('holds the mesh, Region, summaries, rows with a finding per target, and the diagnostics', () => {
    const report = MigrationReport.of(shop().mesh);
    const json = JSON.parse(report.toJson());
    expect(Object.keys(json)).toEqual(['mesh', 'region', 'regionChecked', 'blockedTargets', 'summaries', 'findings', 'rows', 'diagnostics']);
    expect(json.mesh).toBe('shop');
    expect(json.region).toBe('us-east-1');
    expect(json.summaries.map((s: any) => s.target)).toEqual(['PLAIN_ENVOY', 'SERVICE_CONNECT', 'VPC_LATTICE']);
    expect(json.rows).toHaveLength(report.rows.length);
    const canary = json.rows.find((r: any) => r.feature === 'WEIGHTED_TARGETS');
    expect(canary).toMatchObject({
      resourceKind: 'route', resourceName: 'catalog', constructPath: 'Stack/Mesh/Router/Route', field: 'spec.httpRoute.action.weightedTargets',
    });
    // A row names one finding per target, in the summaries' order; the findings are listed once, by id.
    const byId = new Map(json.findings.map((f: any) => [f.id, f]));
    expect(json.findings.map((f: any) => f.id)).toEqual(json.findings.map((_: unknown, i: number) => `F${i + 1}`));
    const findings = canary.findings.map((id: string) => byId.get(id));
    expect(findings.map((f: any) => [f.feature, f.target, f.status])).toEqual([
      ['WEIGHTED_TARGETS', 'PLAIN_ENVOY', 'MAPS'], ['WEIGHTED_TARGETS', 'SERVICE_CONNECT', 'APPROXIMATED'], ['WEIGHTED_TARGETS', 'VPC_LATTICE', 'MAPS'],
    ]);
    expect(findings[1].source).toBe('migration-targets.md §1.3 "Weighted targets / canary"');
    // Every finding counts the rows that name it, and the counts add up to rows × targets.
    for (const f of json.findings) expect(f.rows).toBe(json.rows.filter((r: any) => r.findings.includes(f.id)).length);
    // Diagnostics are grouped by what they say; their places add up to the report's diagnostics.
    expect(json.diagnostics.flatMap((d: any) => d.places).length).toBe(report.diagnostics.length);
    const mtls = json.diagnostics.find((d: any) => d.code === 'AMK_MIGRATE_SERVICE_CONNECT_LOST' && d.message.startsWith('Mutual TLS'));
    expect(mtls.places).toEqual([
      { constructPath: 'Stack/Mesh/v1', field: 'spec.listeners[0].tls.validation', value: '"client certificates validated against a file trust"' },
    ]);
    expect(report.toJson().endsWith('}\n')).toBe(true);
  });
});

describe('MigrationReport: diagnostics', () => {
  it('reports each lost feature per target, and the approximations that drop what the mesh configures', () => {
    const report = MigrationReport.of(shop().mesh);
    const codes = report.diagnostics.map((d) => `${d.code} ${d.constructPath} ${d.field}`);
    expect(codes).toContain('AMK_MIGRATE_SERVICE_CONNECT_LOST Stack/Mesh/v1 spec.listeners[0].tls.validation');
    expect(codes).toContain('AMK_MIGRATE_LATTICE_LOST Stack/Mesh/v1 spec.listeners[0].tls.validation');
    expect(codes).toContain('AMK_MIGRATE_APPROXIMATED Stack/Mesh/Router/Route spec.httpRoute.action.weightedTargets');
    expect(codes).toContain('AMK_MIGRATE_APPROXIMATED Stack/Mesh/Router/Route spec.httpRoute.retryPolicy');
    expect(report.diagnostics.every((d) => d.severity === DiagnosticSeverity.WARNING)).toBe(true);
    const mtls = report.diagnostics.find((d) => d.code === 'AMK_MIGRATE_SERVICE_CONNECT_LOST' && d.field.endsWith('tls.validation'))!;
    expect(mtls.message).toMatch(/^Mutual TLS is lost on ECS Service Connect: Service Connect TLS is one-way/);
    expect(mtls.fix).toBe('Plain Envoy, or VPC Lattice IAM auth for identity');
    expect(mtls.value).toBe('"client certificates validated against a file trust"');
  });

  it('reports a feature plain Envoy loses (an ACM Private CA trust) with AMK_MIGRATE_ENVOY_LOST', () => {
    const { stack, mesh } = meshFixture({}, { env: ENV });
    const ca = acmpca.CertificateAuthority.fromCertificateAuthorityArn(stack, 'Ca',
      'arn:aws:acm-pca:us-east-1:111122223333:certificate-authority/11111111-2222-3333-4444-555555555555');
    mesh.addVirtualNode('Web', {
      virtualNodeName: 'web',
      serviceDiscovery: ServiceDiscovery.dns('web.shop.local'),
      backendDefaults: { tlsClientPolicy: { validation: { trust: TlsValidationTrust.acm([ca]) } } },
    });
    const d = MigrationReport.of(mesh).diagnostics.find((x) => x.code === 'AMK_MIGRATE_ENVOY_LOST')!;
    expect(d).toMatchObject({ constructPath: 'Stack/Mesh/Web', field: 'spec.backendDefaults.clientPolicy.tls.validation' });
    expect(d.fix).toMatch(/file or SDS trust/);
  });
});

describe('MigrationReport: Region blockers', () => {
  const blocked = ['cn-north-1', 'cn-northwest-1', 'us-gov-east-1', 'us-gov-west-1', 'ap-east-2', 'ap-southeast-5', 'ap-southeast-6', 'ap-southeast-7'];
  for (const region of blocked) {
    it(`VPC Lattice is blocked in ${region}`, () => {
      const report = MigrationReport.of(shop(region).mesh);
      expect(report.region).toBe(region);
      expect(report.regionChecked).toBe(true);
      expect(report.blockedTargets).toEqual([MigrationTarget.VPC_LATTICE]);
      expect(report.summaries.map((s) => s.blockedInRegion)).toEqual([false, false, true]);
      const d = report.diagnostics.find((x) => x.code === 'AMK_MIGRATE_LATTICE_REGION')!;
      expect(d).toMatchObject({ constructPath: 'Stack/Mesh', field: 'region', value: JSON.stringify(region) });
      expect(report.toMarkdown()).toContain(`Region: ${region}: **VPC Lattice not available in this Region.**`);
      expect(report.toMarkdown()).toContain('| VPC Lattice (not in this Region) |');
    });
  }

  it('no blocker in a Region with every target', () => {
    for (const region of ['us-east-1', 'eu-west-1', 'ap-southeast-1', 'ap-southeast-4']) {
      const report = MigrationReport.of(shop(region).mesh);
      expect(report.blockedTargets).toEqual([]);
      expect(report.diagnostics.map((d) => d.code).filter((c) => c.includes('REGION'))).toEqual([]);
    }
  });

  it('a token Region (environment-agnostic stack): says it could not be checked', () => {
    const report = MigrationReport.of(shop(null).mesh);
    expect(report.region).toBeUndefined();
    expect(report.regionChecked).toBe(false);
    expect(report.blockedTargets).toEqual([]);
    const d = report.diagnostics.find((x) => x.code === 'AMK_MIGRATE_REGION_UNKNOWN')!;
    expect(d.message).toMatch(/could not check/);
    expect(report.toMarkdown()).toContain('Region: not known (the stack is environment-agnostic), so the report could not check it.');
    expect(JSON.parse(report.toJson()).region).toBeNull();
  });
});

describe('MigrationReport: determinism', () => {
  it('the same app gives the same bytes', () => {
    const a = MigrationReport.of(shop().mesh);
    const b = MigrationReport.of(shop().mesh);
    expect(b.toMarkdown()).toBe(a.toMarkdown());
    expect(b.toJson()).toBe(a.toJson());
    expect(MigrationReport.of(buildColorApp(new App()).mesh).toJson()).toBe(MigrationReport.of(buildColorApp(new App()).mesh).toJson());
  });
});

describe('MigrationReport: the synth-time files', () => {
  it('writes migration/<mesh>.md and migration/<mesh>.json into the cloud assembly, as MigrationReport renders them', () => {
    const { app, mesh } = shop();
    const assembly = app.synth();
    const md = fs.readFileSync(path.join(assembly.directory, 'migration', 'shop.md'), 'utf8');
    const json = fs.readFileSync(path.join(assembly.directory, 'migration', 'shop.json'), 'utf8');
    expect(md).toBe(MigrationReport.of(mesh).toMarkdown());
    expect(json).toBe(MigrationReport.of(mesh).toJson());
  });

  it('is off with context appmesh-kit:migrationOutput=false', () => {
    for (const value of [false, 'false']) {
      const { app } = shop(REGION, assemblyApp({ 'appmesh-kit:migrationOutput': value }));
      const assembly = app.synth();
      expect(fs.existsSync(path.join(assembly.directory, 'migration'))).toBe(false);
    }
  });

  it('the color app: migration/color-mesh.md', () => {
    const app = assemblyApp();
    buildColorApp(app);
    const assembly = app.synth();
    expect(fs.readFileSync(path.join(assembly.directory, 'migration', 'color-mesh.md'), 'utf8')).toContain('# Leaving App Mesh: mesh `color-mesh`');
  });
});

describe('MigrationReport: the color app', () => {
  const report = MigrationReport.of(buildColorApp(new App()).mesh);
  const serviceConnect = (feature: MigrationFeature) => report.rows.filter((r) => r.feature === feature)
    .map((r) => ({ row: r, finding: r.findings.find((f) => f.target === MigrationTarget.SERVICE_CONNECT)! }));

  it('Service Connect loses the 90/10 canary', () => {
    const [canary] = serviceConnect(MigrationFeature.WEIGHTED_TARGETS);
    expect(canary.row.usage).toBe('90/10 canary: colorteller-white-vn 90, colorteller-red-vn 10');
    expect(canary.finding.detail).toMatch(/^the standing split is lost/);
    expect(canary.finding.detail).toMatch(/ECS-native CANARY, LINEAR or BLUE_GREEN deployment/);
    expect(report.diagnostics.find((d) => d.code === 'AMK_MIGRATE_APPROXIMATED' && d.field.endsWith('weightedTargets'))!.message)
      .toMatch(/^Weighted targets is only approximated on ECS Service Connect: the standing split is lost/);
  });

  it('Service Connect cannot give colorteller.default.svc.cluster.local one client alias: white and red are two services', () => {
    const [name] = serviceConnect(MigrationFeature.SERVICE_NAME_SEVERAL_NODES);
    expect(name.row.resourceName).toBe('colorteller.default.svc.cluster.local');
    expect(name.row.usage).toMatch(/reaches colorteller-white-vn, colorteller-red-vn$/);
    expect(name.finding.status).toBe(MigrationStatus.LOST);
    // The colorgateway service has one node behind it: a client alias.
    expect(serviceConnect(MigrationFeature.SERVICE_NAME).map((m) => [m.row.resourceName, m.finding.status]))
      .toEqual([['colorgateway.default.svc.cluster.local', MigrationStatus.MAPS]]);
  });

  it('Service Connect loses the retries', () => {
    const [retries] = serviceConnect(MigrationFeature.RETRIES);
    expect(retries.row.constructPath).toBe('ColorApp/Mesh/ColortellerRouter/ColortellerRoute');
    expect(retries.finding.detail).toMatch(/^this retry policy is lost/);
  });

  it('Service Connect loses mutual TLS, on every node and the gateway', () => {
    const mtls = serviceConnect(MigrationFeature.MUTUAL_TLS);
    expect(mtls.every((m) => m.finding.status === MigrationStatus.LOST)).toBe(true);
    expect(new Set(mtls.map((m) => m.row.resourceName))).toEqual(new Set([
      'colorteller-white-vn', 'colorteller-red-vn', 'colorteller-blue-vn', 'colorteller-black-vn', 'colorgateway-vn', 'colorapp-ingress-vg',
    ]));
    expect(report.toMarkdown()).toMatch(/Mutual TLS is lost on ECS Service Connect/);
  });

  it('plain Envoy keeps every feature of the color app', () => {
    const envoy = report.summaries.find((s) => s.target === MigrationTarget.PLAIN_ENVOY)!;
    expect(envoy.lost).toBe(0);
    // Only the mesh itself is approximated: no control plane.
    const approximated = report.rowsWith(MigrationTarget.PLAIN_ENVOY, MigrationStatus.APPROXIMATED);
    expect(approximated.map((r) => r.feature)).toEqual([MigrationFeature.MESH_BOUNDARY]);
  });
});
