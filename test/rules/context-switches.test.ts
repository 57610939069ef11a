/**
 * AMK_CONTEXT_SWITCH: appmesh-kit's on/off context values take true or false (the strings too,
 * as `cdk synth -c` passes them); anything else fails the synthesis instead of being read as unset.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { App, Stack } from 'aws-cdk-lib';
import { describe, expect, it } from 'vitest';
import { Mesh, ServiceDiscovery, VirtualNode, VirtualNodeListener } from '../../lib';
import { expectSynthError } from '../support/fixtures';
import { assemblyApp } from '../support/synth';

const SWITCHES = [
  'appmesh-kit:envoyOutput',
  'appmesh-kit:migrationOutput',
  'appmesh-kit:serviceConnectOutput',
  'appmesh-kit:latticeOutput',
  'appmesh-kit:awsAppMeshRendering',
];

function meshIn(app: App): Mesh {
  const stack = new Stack(app, 'Shop', { env: { account: '111111111111', region: 'us-east-1' } });
  const mesh = new Mesh(stack, 'Mesh', { meshName: 'shop' });
  new VirtualNode(stack, 'Catalog', {
    mesh, virtualNodeName: 'catalog', serviceDiscovery: ServiceDiscovery.dns('catalog.local'), listeners: [VirtualNodeListener.http()],
  });
  return mesh;
}

describe('AMK_CONTEXT_SWITCH', () => {
  it.each(SWITCHES)('%s set to a typo fails the synthesis, naming the mesh, the key and the value, and writes no file', (key) => {
    const app = assemblyApp({ [key]: 'flase' });
    const mesh = meshIn(app);
    const message = expectSynthError(app, { code: 'AMK_CONTEXT_SWITCH', at: mesh, field: `context ${key}` });
    expect(message).toContain('"flase"');
    expect(message).toContain('true or false');
    expect(fs.existsSync(path.join(app.outdir, 'envoy'))).toBe(false);
  });

  it('reports every bad switch at once', () => {
    const app = assemblyApp({ 'appmesh-kit:envoyOutput': 0, 'appmesh-kit:latticeOutput': 'off' });
    const mesh = meshIn(app);
    expectSynthError(app,
      { code: 'AMK_CONTEXT_SWITCH', at: mesh, field: 'context appmesh-kit:envoyOutput' },
      { code: 'AMK_CONTEXT_SWITCH', at: mesh, field: 'context appmesh-kit:latticeOutput' });
  });

  it('takes true and false, as booleans and as the strings cdk -c passes', () => {
    for (const off of [false, 'false']) {
      const app = assemblyApp({ 'appmesh-kit:envoyOutput': off, 'appmesh-kit:awsAppMeshRendering': off });
      meshIn(app);
      app.synth();
      expect(fs.existsSync(path.join(app.outdir, 'envoy'))).toBe(false);
    }
    for (const on of [true, 'true']) {
      const app = assemblyApp({ 'appmesh-kit:envoyOutput': on });
      meshIn(app);
      app.synth();
      expect(fs.existsSync(path.join(app.outdir, 'envoy', 'shop', 'catalog.standalone.yaml'))).toBe(true);
    }
  });
});
