import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { errorLines, FIXTURES, REPO, runCli } from './run-cli';

// The commands that run a CDK app (synth, validate, explain, migrate), run as a user runs them:
// node_modules/.bin/appmesh-kit's file in its own process. Apps are slow to synthesize: long timeouts.
const SLOW = 240_000;
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'appmesh-kit-cli-test-'));
const COLOR_APP = path.join(REPO, 'examples', 'color-app');
const SHOP = path.join(FIXTURES, 'shop.ts');

afterAll(() => fs.rmSync(scratch, { recursive: true, force: true }));

/** Every file below `dir`, relative, sorted. */
function filesBelow(dir: string): string[] {
  return fs.readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name)))
    .sort();
}

describe('synth', () => {
  it('runs a cdk.json folder (the color app example) and writes every output into one folder, with a summary', async () => {
    const out = path.join(scratch, 'color');
    const result = await runCli(['synth', COLOR_APP, '-o', out]);
    expect(result.code, result.stderr).toBe(0);
    const files = filesBelow(out);
    expect(files).toContain('ColorApp.template.json');
    for (const node of ['colorteller-white-vn', 'colorteller-red-vn', 'colorgateway-vn']) {
      expect(files).toContain(path.join('envoy', 'color-mesh', `${node}.appmesh.yaml`));
      expect(files).toContain(path.join('envoy', 'color-mesh', `${node}.standalone.yaml`));
      expect(files).toContain(path.join('service-connect', 'color-mesh', `${node}.json`));
    }
    expect(files).toContain(path.join('ecs', 'color-mesh', 'colorteller-white-vn.taskdef.json'));
    expect(files).toContain(path.join('migration', 'color-mesh.md'));
    // The summary counts what the template holds: 5 virtual nodes, 2 services, one route.
    const template = JSON.parse(fs.readFileSync(path.join(out, 'ColorApp.template.json'), 'utf8')) as { Resources: Record<string, { Type: string }> };
    const nodes = Object.values(template.Resources).filter((r) => r.Type === 'AWS::AppMesh::VirtualNode').length;
    expect(nodes).toBe(5);
    expect(result.stdout).toMatch(new RegExp(`AWS::AppMesh::VirtualNode\\s+${nodes}\\n`));
    expect(result.stdout).toMatch(/AWS::AppMesh::VirtualService\s+2\n/);
    expect(result.stdout).toMatch(/envoy\s+12\n/);
    expect(result.stdout).toMatch(/^Synthesized .* in \d+\.\d s$/m);
    expect(result.stderr).toMatch(/^appmesh-kit: running .*color-app…$/m);
  }, SLOW);

  it('runs a .js app, replacing an earlier assembly but refusing a folder that is not one', async () => {
    const out = path.join(scratch, 'plain');
    fs.mkdirSync(out);
    fs.writeFileSync(path.join(out, 'manifest.json'), '{}');
    fs.writeFileSync(path.join(out, 'stale.template.json'), '{}');
    const result = await runCli(['synth', path.join(FIXTURES, 'js-app', 'app.js'), '-o', out]);
    expect(result.code, result.stderr).toBe(0);
    expect(filesBelow(out)).toContain('Plain.template.json');
    expect(filesBelow(out)).not.toContain('stale.template.json');

    const mine = path.join(scratch, 'mine');
    fs.mkdirSync(mine);
    fs.writeFileSync(path.join(mine, 'notes.txt'), 'keep me');
    const refused = await runCli(['synth', SHOP, '-o', mine]);
    expect(refused.code).toBe(2);
    expect(errorLines(refused)).toEqual([`appmesh-kit: error: ${mine} is not empty and is not a cloud assembly: give another -o folder`]);
    expect(fs.readFileSync(path.join(mine, 'notes.txt'), 'utf8')).toBe('keep me');
  }, SLOW);

  it('reports an app that throws in one line, and its stack only with --debug', async () => {
    const app = path.join(FIXTURES, 'throws.ts');
    const result = await runCli(['synth', app, '-o', path.join(scratch, 'throws')]);
    expect(result.code).toBe(1);
    expect(errorLines(result)).toEqual(['appmesh-kit: error: the app failed: Error: the app broke while building its stacks']);
    const debug = await runCli(['synth', app, '-o', path.join(scratch, 'throws'), '--debug']);
    expect(debug.code).toBe(1);
    expect(debug.stderr).toContain('throws.ts:2');
    expect(debug.stderr).toMatch(/^\s+at /m);
  }, SLOW);
});

describe('validate', () => {
  it('lists an error with its construct, field and fix, and exits 1', async () => {
    const result = await runCli(['validate', path.join(FIXTURES, 'broken.ts')]);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('mesh broken (Broken/Mesh): 1 error(s), 0 warning(s)');
    expect(result.stdout).toContain('  Broken/Mesh/Twice\n    error AMK_DUPLICATE_PORT spec.listeners[1].portMapping.port: ');
    expect(result.stdout).toContain('      fix: give each listener its own port');
  }, SLOW);

  it('gives the diagnostics and the synth notes as JSON, exit 0 without errors', async () => {
    const result = await runCli(['validate', SHOP, '--json']);
    expect(result.code, result.stderr).toBe(0);
    const report = JSON.parse(result.stdout) as {
      meshes: Array<{ name: string; diagnostics: Array<{ severity: string }> }>;
      annotations: Array<{ level: string; constructPath: string; message: string }>;
      errors: number;
    };
    expect(report.meshes.map((m) => m.name)).toEqual(['shop']);
    expect(report.errors).toBe(0);
    // The built-in CloudFormation validation and the library's own notes come from the assembly.
    expect(report.annotations).toContainEqual(expect.objectContaining({ constructPath: 'Shop/Mesh', level: 'info' }));
    expect(report.annotations.some((a) => a.message.startsWith('W3696 '))).toBe(true);
  }, SLOW);
});

describe('explain', () => {
  it('answers for the color app\'s canary: the route and the 90/10 targets', async () => {
    const result = await runCli(['explain', path.join(COLOR_APP, 'main.ts'), '--from', 'colorgateway-vn',
      '--to', 'colorteller.default.svc.cluster.local:9080', '--path', '/color', '--json']);
    expect(result.code, result.stderr).toBe(0);
    const explanation = JSON.parse(result.stdout) as {
      outcome: string;
      route: { routeName: string };
      targets: Array<{ virtualNodeName: string; weight: number }>;
      retryPolicy: { maxRetries: number; perRetryTimeout: number };
    };
    expect(explanation.outcome).toBe('ROUTED');
    expect(explanation.route.routeName).toBe('colorteller-route');
    expect(explanation.targets.map((t) => [t.virtualNodeName, t.weight])).toEqual([['colorteller-white-vn', 90], ['colorteller-red-vn', 10]]);
    expect(explanation.retryPolicy.perRetryTimeout).toBe(5000);
  }, SLOW);

  it('says which route was tried and why it failed, and exits 1', async () => {
    const result = await runCli(['explain', SHOP, '--from', 'frontend', '--to', 'catalog.shop.local', '--path', '/music', '-H', 'x-user: 1']);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/^NO_ROUTE_MATCHED: /);
    expect(result.stdout).toContain('route books did not match:\n  - ');
    expect(result.stdout).toContain('/music');
  }, SLOW);

  it('names the resources it knows when --from names none', async () => {
    const result = await runCli(['explain', SHOP, '--from', 'backend', '--to', 'catalog.shop.local']);
    expect(result.code).toBe(2);
    expect(errorLines(result)).toEqual([
      "appmesh-kit: error: no virtual node or virtual gateway named 'backend' (the app has: catalog-v1, catalog-v2, frontend)",
    ]);
  }, SLOW);
});

describe('migrate', () => {
  it('writes the plain Envoy files and the migration report', async () => {
    const out = path.join(scratch, 'to-envoy');
    const result = await runCli(['migrate', SHOP, '--to', 'envoy', '-o', out]);
    expect(result.code, result.stderr).toBe(0);
    expect(filesBelow(out)).toEqual([
      path.join('envoy', 'shop', 'catalog-v1.standalone.yaml'),
      path.join('envoy', 'shop', 'catalog-v2.standalone.yaml'),
      path.join('envoy', 'shop', 'frontend.standalone.yaml'),
      path.join('migration', 'shop.json'),
      path.join('migration', 'shop.md'),
    ]);
    expect(result.stdout).toMatch(/^shop\s+\d+\s+\d+\s+\d+\s+no$/m);
  }, SLOW);

  it('writes the Service Connect files, and the Lattice plan with the report', async () => {
    const out = path.join(scratch, 'to-sc');
    const result = await runCli(['migrate', SHOP, '--to', 'service-connect', '-o', out]);
    expect(result.code, result.stderr).toBe(0);
    expect(filesBelow(out)).toContain(path.join('service-connect', 'shop', 'frontend.json'));
    const latticeOut = path.join(scratch, 'to-lattice');
    const lattice = await runCli(['migrate', SHOP, '--to', 'lattice', '-o', latticeOut]);
    expect(lattice.code, lattice.stderr).toBe(0);
    expect(filesBelow(latticeOut)).toEqual([path.join('lattice', 'shop.json'), path.join('migration', 'shop.json'), path.join('migration', 'shop.md')]);
    expect(JSON.parse(fs.readFileSync(path.join(latticeOut, 'lattice', 'shop.json'), 'utf8')).serviceNetwork).toBe('shop');
    expect(lattice.stdout).toMatch(/^shop\s+\d+\s+\d+\s+\d+\s+no$/m);
  }, SLOW);
});
