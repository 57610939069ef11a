import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import {
  CreateMeshCommand, CreateRouteCommand, CreateVirtualNodeCommand, CreateVirtualRouterCommand, UpdateRouteCommand,
} from '@aws-sdk/client-app-mesh';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AWS_ENV, gapMetadata, MotoGaps, motoGapsEnv } from './moto-gaps';
import { CliResult, errorLines, FIXTURES, runCli } from './run-cli';
import { motoAvailable, MotoServer, startMoto } from '../../test/support/moto';
import { appMeshClient } from '../src/import/api-source';

// drift --mesh against moto_server: the mesh written here by hand through the App Mesh API (as a
// user or the console would, not from the app's template) holds what the orders fixture
// synthesizes, in other words: durations in seconds where the app renders milliseconds, the tags
// and Cloud Map attributes in another order than the app's. The virtual service, which moto does not implement, comes from
// aws-sdk-client-mock in the command line's process (moto-gaps.ts).
const SLOW = 240_000;
const ORDERS = path.join(FIXTURES, 'orders.ts');
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'appmesh-kit-drift-live-'));
const SERVICE = {
  meshName: 'orders',
  virtualServiceName: 'orders.orders.local',
  metadata: gapMetadata('orders', '/virtualService/orders.orders.local'),
  spec: { provider: { virtualRouter: { virtualRouterName: 'orders-router' } } },
  status: { status: 'ACTIVE' },
};

/** A gaps file for the command line: the given virtual services, no gateways. */
function gapsFile(name: string, virtualServices: MotoGaps['virtualServices']): string {
  const file = path.join(scratch, name);
  fs.writeFileSync(file, JSON.stringify({ virtualServices, virtualGateways: [], gatewayRoutes: [], tags: {} } satisfies MotoGaps));
  return file;
}

let moto: MotoServer | undefined;

/** `drift` of the orders app with mesh `mesh` of moto, the gaps of `gaps` mocked. */
function drift(mesh: string, server: MotoServer, gaps: string): Promise<CliResult> {
  return runCli(['drift', ORDERS, '--mesh', mesh, '--endpoint', server.endpoint], undefined, motoGapsEnv(gaps));
}

beforeAll(async () => {
  if (!motoAvailable()) return;
  moto = await startMoto();
  Object.assign(process.env, AWS_ENV);
  const client = appMeshClient({ endpoint: moto.endpoint });
  await client.send(new CreateMeshCommand({
    meshName: 'orders', spec: { egressFilter: { type: 'ALLOW_ALL' } }, tags: [{ key: 'team', value: 'orders' }, { key: 'cost-center', value: '42' }],
  }));
  for (const version of ['v1', 'v2']) {
    await client.send(new CreateVirtualNodeCommand({
      meshName: 'orders',
      virtualNodeName: `orders-${version}`,
      spec: {
        serviceDiscovery: version === 'v1' ? { dns: { hostname: 'orders-v1.orders.local' } } : {
          awsCloudMap: {
            namespaceName: 'orders.local', serviceName: 'orders-v2', attributes: [{ key: 'zone', value: 'a' }, { key: 'stage', value: 'prod' }],
          },
        },
        listeners: [{
          portMapping: { port: 8080, protocol: 'http' },
          healthCheck: {
            protocol: 'http', path: '/ping', port: 8080, healthyThreshold: 2, unhealthyThreshold: 2, intervalMillis: 5000, timeoutMillis: 2000,
          },
          timeout: { http: { perRequest: { unit: 's', value: 15 } } },
        }],
        logging: {
          accessLog: {
            file: { path: '/dev/stdout', format: { json: [{ key: 'status', value: '%RESPONSE_CODE%' }, { key: 'path', value: '%REQ(:PATH)%' }] } },
          },
        },
      },
    }));
  }
  await client.send(new CreateVirtualRouterCommand({
    meshName: 'orders', virtualRouterName: 'orders-router', spec: { listeners: [{ portMapping: { port: 8080, protocol: 'http' } }] },
  }));
  await client.send(new CreateRouteCommand({ meshName: 'orders', virtualRouterName: 'orders-router', routeName: 'orders', spec: routeSpec(10) }));
  client.destroy();
}, 60_000);

afterAll(async () => {
  await moto?.stop();
  fs.rmSync(scratch, { recursive: true, force: true });
});

/** The orders route as the API takes it, with v2's weight. */
function routeSpec(v2Weight: number) {
  return {
    httpRoute: {
      match: { prefix: '/orders' },
      action: { weightedTargets: [{ virtualNode: 'orders-v1', weight: 90 }, { virtualNode: 'orders-v2', weight: v2Weight }] },
      retryPolicy: { maxRetries: 3, perRetryTimeout: { unit: 's' as const, value: 2 }, httpRetryEvents: ['server-error'] },
    },
  };
}

describe('drift --mesh (moto_server and aws-sdk-client-mock)', () => {
  // One test: the second changes the mesh the first compares.
  it('finds nothing on the mesh the app describes, then each changed field and each resource on one side only', async (context) => {
    if (!moto) return context.skip();
    const same = await drift('orders', moto, gapsFile('same.json', [SERVICE]));
    expect(same.code, same.stderr + same.stdout).toBe(0);
    expect(same.stdout).toBe('no drift: 6 App Mesh resources match\n');

    const client = appMeshClient({ endpoint: moto.endpoint });
    await client.send(new UpdateRouteCommand({ meshName: 'orders', virtualRouterName: 'orders-router', routeName: 'orders', spec: routeSpec(30) }));
    await client.send(new CreateVirtualNodeCommand({
      meshName: 'orders',
      virtualNodeName: 'orders-v3',
      spec: { serviceDiscovery: { dns: { hostname: 'orders-v3.orders.local' } }, listeners: [{ portMapping: { port: 8080, protocol: 'http' } }] },
    }));
    client.destroy();
    // The virtual service gone from the mesh: only in the app.
    const changed = await drift('orders', moto, gapsFile('changed.json', []));
    expect(changed.code, changed.stderr).toBe(1);
    expect(changed.stdout).toBe([
      'VirtualNode orders-v3 (mesh orders): only in the mesh',
      'Route orders-router/orders (mesh orders): Spec.HttpRoute.Action.WeightedTargets[1].Weight: the mesh has 30, the app 10',
      'VirtualService orders.orders.local (mesh orders): only in the app',
      '',
      '3 difference(s)',
      '',
    ].join('\n'));
  }, SLOW);

  // import --mesh asserts the message of an unreachable endpoint and of an unknown mesh (drift reads
  // the mesh through the same readLiveMesh); here: drift's exit code 1 is also the one of a
  // difference, so a failure must be told apart by its error line and an empty standard output.
  it('fails on an unknown mesh with one error line and nothing on standard output', async (context) => {
    if (!moto) return context.skip();
    const missing = await drift('nope', moto, gapsFile('none.json', []));
    expect(missing.code).toBe(1);
    expect(missing.stdout).toBe('');
    expect(errorLines(missing)).toHaveLength(1);
    const api = `App Mesh API \\(${moto.endpoint}\\)`;
    const notFound = '(NotFoundException|MeshNotFound): There are no meshes with the name nope';
    expect(errorLines(missing)[0]).toMatch(new RegExp(`^appmesh-kit: error: ${api}: ${notFound}`));
  }, SLOW);
});
