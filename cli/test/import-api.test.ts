import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  CreateMeshCommand, CreateRouteCommand, CreateVirtualNodeCommand, CreateVirtualRouterCommand, DescribeMeshCommand,
  DescribeRouteCommand, DescribeVirtualNodeCommand, DescribeVirtualRouterCommand, ListVirtualNodesCommand,
} from '@aws-sdk/client-app-mesh';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cfnToApi } from './api-shape';
import { AWS_ENV, gapArn, gapMetadata, MotoGaps, motoGapsEnv } from './moto-gaps';
import { errorLines, REPO, runCli } from './run-cli';
import { freePort, motoAvailable, MotoServer, startMoto } from '../../test/support/moto';
import { appMeshClient } from '../src/import/api-source';

// import --mesh against moto_server (mesh, virtual nodes, routers, routes: real SDK calls over HTTP)
// with aws-sdk-client-mock answering, inside the CLI's process, the calls moto does not implement
// (virtual services, gateways, gateway routes). Round trip: the generated app synthesizes to the
// specs the API holds. Then import --describe of the same resources saved as describe-* outputs.
// The specs set what appmesh-kit renders anyway (a health check's port, a header match's invert):
// a source that leaves them out comes back with App Mesh's defaults written out.
const SLOW = 240_000;
const scratch = path.join(REPO, 'test-output', 'cli-import-api');
const arn = (p: string) => gapArn('demo', p);
const metadata = (p: string) => gapMetadata('demo', p);

const GAPS: MotoGaps = {
  virtualServices: [{
    meshName: 'demo',
    virtualServiceName: 'api.demo.local',
    metadata: metadata('/virtualService/api.demo.local'),
    spec: { provider: { virtualRouter: { virtualRouterName: 'api-router' } } },
    status: { status: 'ACTIVE' },
  }],
  virtualGateways: [{
    meshName: 'demo',
    virtualGatewayName: 'ingress',
    metadata: metadata('/virtualGateway/ingress'),
    status: { status: 'ACTIVE' },
    spec: {
      listeners: [{ portMapping: { port: 8443, protocol: 'http' }, connectionPool: { http: { maxConnections: 200 } } }],
      logging: { accessLog: { file: { path: '/dev/stdout' } } },
    },
  }],
  gatewayRoutes: [{
    meshName: 'demo',
    virtualGatewayName: 'ingress',
    gatewayRouteName: 'to-api',
    metadata: metadata('/virtualGateway/ingress/gatewayRoute/to-api'),
    status: { status: 'ACTIVE' },
    spec: {
      httpRoute: {
        match: { prefix: '/api/' },
        action: { target: { virtualService: { virtualServiceName: 'api.demo.local' } }, rewrite: { prefix: { defaultPrefix: 'DISABLED' } } },
      },
    },
  }],
  tags: { [arn('/virtualGateway/ingress')]: [{ key: 'edge', value: 'true' }] },
};

let moto: MotoServer | undefined;
const gapsFile = path.join(scratch, 'gaps.json');
const cliEnv = () => motoGapsEnv(gapsFile);

beforeAll(async () => {
  fs.rmSync(scratch, { recursive: true, force: true });
  fs.mkdirSync(path.join(scratch, 'node_modules', 'appmesh-kit'), { recursive: true });
  fs.writeFileSync(path.join(scratch, 'node_modules', 'appmesh-kit', 'index.js'), `module.exports = require(${JSON.stringify(path.join(REPO, 'lib', 'index.ts'))});\n`);
  fs.writeFileSync(gapsFile, JSON.stringify(GAPS));
  if (!motoAvailable()) return;
  moto = await startMoto();
  Object.assign(process.env, AWS_ENV);
  const client = appMeshClient({ endpoint: moto.endpoint });
  await client.send(new CreateMeshCommand({ meshName: 'demo', spec: { egressFilter: { type: 'DROP_ALL' } }, tags: [{ key: 'team', value: 'shop' }] }));
  for (const version of ['v1', 'v2']) {
    await client.send(new CreateVirtualNodeCommand({
      meshName: 'demo',
      virtualNodeName: `api-${version}`,
      spec: {
        serviceDiscovery: { dns: { hostname: `api-${version}.demo.local`, responseType: 'ENDPOINTS' } },
        listeners: [{
          portMapping: { port: 8080, protocol: 'http' },
          healthCheck: { protocol: 'http', path: '/ping', port: 8080, healthyThreshold: 2, unhealthyThreshold: 3, intervalMillis: 5000, timeoutMillis: 2000 },
          timeout: { http: { perRequest: { unit: 's', value: 15 } } },
        }],
      },
    }));
  }
  await client.send(new CreateVirtualNodeCommand({
    meshName: 'demo',
    virtualNodeName: 'web',
    spec: {
      serviceDiscovery: { dns: { hostname: 'web.demo.local' } },
      listeners: [{ portMapping: { port: 80, protocol: 'http' } }],
      backends: [{ virtualService: { virtualServiceName: 'api.demo.local' } }],
    },
  }));
  await client.send(new CreateVirtualRouterCommand({
    meshName: 'demo', virtualRouterName: 'api-router', spec: { listeners: [{ portMapping: { port: 8080, protocol: 'http' } }] },
  }));
  await client.send(new CreateRouteCommand({
    meshName: 'demo',
    virtualRouterName: 'api-router',
    routeName: 'canary',
    spec: {
      httpRoute: {
        match: { prefix: '/', headers: [{ name: 'x-canary', invert: false, match: { exact: 'on' } }] },
        action: { weightedTargets: [{ virtualNode: 'api-v1', weight: 70 }, { virtualNode: 'api-v2', weight: 30 }] },
        retryPolicy: { maxRetries: 3, perRetryTimeout: { unit: 'ms', value: 2500 }, httpRetryEvents: ['server-error'] },
      },
    },
  }));
  client.destroy();
}, 60_000);

afterAll(async () => {
  await moto?.stop();
  fs.rmSync(scratch, { recursive: true, force: true });
});

/** The App Mesh resources of a synthesized template in the API's shape (camelCase), by kind and name. */
function apiResources(templateFile: string): Record<string, { spec: unknown; tags?: unknown }> {
  const template = JSON.parse(fs.readFileSync(templateFile, 'utf8')) as { Resources: Record<string, { Type: string; Properties: Record<string, unknown> }> };
  const out: Record<string, { spec: unknown; tags?: unknown }> = {};
  for (const r of Object.values(template.Resources).filter((x) => x.Type.startsWith('AWS::AppMesh::'))) {
    const p = r.Properties;
    const name = [p.VirtualRouterName ?? p.VirtualGatewayName, p.RouteName ?? p.GatewayRouteName ?? p.VirtualNodeName ?? p.VirtualServiceName
      ?? p.VirtualRouterName ?? p.VirtualGatewayName ?? p.MeshName].filter((x) => x !== undefined);
    out[`${r.Type.replace('AWS::AppMesh::', '')} ${[...new Set(name)].join('/')}`] = { spec: cfnToApi(p.Spec ?? {}), ...(p.Tags ? { tags: cfnToApi(p.Tags) } : {}) };
  }
  return out;
}

describe('import --mesh (moto_server and aws-sdk-client-mock)', () => {
  it('reads every resource type and round-trips the specs and tags the API holds', async (context) => {
    if (!moto) return context.skip();
    const appFile = path.join(scratch, 'live', 'app.ts');
    const result = await runCli(['import', '--mesh', 'demo', '--endpoint', moto.endpoint, '-o', appFile], REPO, cliEnv());
    expect(result.code, result.stderr).toBe(0);
    const out = path.join(scratch, 'live', 'out');
    const synth = await runCli(['synth', appFile, '-o', out]);
    expect(synth.code, synth.stderr).toBe(0);
    const synthesized = apiResources(path.join(out, 'ImportedMesh.template.json'));

    // What the API holds: moto's own answers, and the mocked ones.
    const client = appMeshClient({ endpoint: moto.endpoint });
    const api = (x: { spec?: unknown } | undefined) => cfnToApi(JSON.parse(JSON.stringify(x?.spec)) as unknown);
    const mesh = (await client.send(new DescribeMeshCommand({ meshName: 'demo' }))).mesh;
    const nodes = (await client.send(new ListVirtualNodesCommand({ meshName: 'demo' }))).virtualNodes ?? [];
    expect(nodes.map((n) => n.virtualNodeName).sort()).toEqual(['api-v1', 'api-v2', 'web']);
    const expected: Record<string, { spec: unknown; tags?: unknown }> = {
      'Mesh demo': { spec: api(mesh), tags: [{ key: 'team', value: 'shop' }] },
      'VirtualRouter api-router': { spec: api((await client.send(new DescribeVirtualRouterCommand({ meshName: 'demo', virtualRouterName: 'api-router' }))).virtualRouter) },
      'Route api-router/canary': {
        spec: api((await client.send(new DescribeRouteCommand({ meshName: 'demo', virtualRouterName: 'api-router', routeName: 'canary' }))).route),
      },
      'VirtualService api.demo.local': { spec: GAPS.virtualServices[0].spec },
      'VirtualGateway ingress': { spec: GAPS.virtualGateways[0].spec, tags: [{ key: 'edge', value: 'true' }] },
      'GatewayRoute ingress/to-api': { spec: GAPS.gatewayRoutes[0].spec },
    };
    for (const node of nodes) {
      const described = await client.send(new DescribeVirtualNodeCommand({ meshName: 'demo', virtualNodeName: node.virtualNodeName }));
      expected[`VirtualNode ${node.virtualNodeName}`] = { spec: api(described.virtualNode) };
    }
    client.destroy();
    for (const e of Object.values(expected)) Object.assign(e, { spec: cfnToApi(e.spec) });
    expect(synthesized).toEqual(expected);
  }, SLOW);

  it('says in one line when the endpoint is unreachable or the mesh does not exist', async (context) => {
    if (!moto) return context.skip();
    const closed = `http://127.0.0.1:${await freePort()}`;
    const unreachable = await runCli(['import', '--mesh', 'demo', '--endpoint', closed], REPO, AWS_ENV);
    expect(unreachable.code).toBe(1);
    expect(errorLines(unreachable)).toHaveLength(1);
    expect(errorLines(unreachable)[0]).toMatch(new RegExp(`^appmesh-kit: error: App Mesh API \\(${closed}\\): endpoint unreachable: `));
    const missing = await runCli(['import', '--mesh', 'nope', '--endpoint', moto.endpoint], REPO, AWS_ENV);
    expect(missing.code).toBe(1);
    expect(errorLines(missing)).toHaveLength(1);
    expect(errorLines(missing)[0]).toMatch(new RegExp(`^appmesh-kit: error: App Mesh API \\(${moto.endpoint}\\): (NotFoundException|MeshNotFound): There are no meshes with the name nope`));
  }, SLOW);
});

describe('import --describe', () => {
  it('writes from saved describe-* outputs the app that --mesh writes from the API', async (context) => {
    if (!moto) return context.skip();
    const folder = path.join(scratch, 'describe');
    fs.mkdirSync(folder, { recursive: true });
    const client = appMeshClient({ endpoint: moto.endpoint });
    const save = (file: string, value: unknown) => fs.writeFileSync(path.join(folder, file), JSON.stringify(value, null, 2));
    save('mesh.json', { mesh: (await client.send(new DescribeMeshCommand({ meshName: 'demo' }))).mesh });
    save('nodes.json', { virtualNodes: (await client.send(new ListVirtualNodesCommand({ meshName: 'demo' }))).virtualNodes });
    for (const name of ['api-v1', 'api-v2', 'web']) {
      save(`node-${name}.json`, { virtualNode: (await client.send(new DescribeVirtualNodeCommand({ meshName: 'demo', virtualNodeName: name }))).virtualNode });
    }
    save('router.json', { virtualRouter: (await client.send(new DescribeVirtualRouterCommand({ meshName: 'demo', virtualRouterName: 'api-router' }))).virtualRouter });
    save('route.json', { route: (await client.send(new DescribeRouteCommand({ meshName: 'demo', virtualRouterName: 'api-router', routeName: 'canary' }))).route });
    save('service.json', { virtualService: GAPS.virtualServices[0] });
    save('gateway.json', { virtualGateway: GAPS.virtualGateways[0] });
    save('gateway-route.json', { gatewayRoute: GAPS.gatewayRoutes[0] });
    client.destroy();

    const fromFolder = await runCli(['import', '--describe', folder]);
    const fromApi = await runCli(['import', '--mesh', 'demo', '--endpoint', moto.endpoint], REPO, cliEnv());
    expect(fromFolder.code, fromFolder.stderr).toBe(0);
    // The API gives tags, saved describe-* outputs do not: the same app but for the tags.
    const body = (code: string) => code.split('\n').slice(1).join('\n').replace(/,?\s*tags: \{[^}]*\}/g, '');
    expect(body(fromFolder.stdout)).toBe(body(fromApi.stdout));

    fs.rmSync(path.join(folder, 'node-web.json'));
    const incomplete = await runCli(['import', '--describe', folder]);
    expect(incomplete.code).toBe(2);
    expect(errorLines(incomplete)).toEqual(['appmesh-kit: error: nodes.json lists virtualNode web, but the folder has no describe-virtual-node output of it']);
  }, SLOW);
});
