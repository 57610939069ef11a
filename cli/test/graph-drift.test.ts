import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorLines, FIXTURES, runCli } from './run-cli';

// graph and drift on the shop fixture (a router sending /books 80/20 to two nodes, a frontend
// calling the catalog service), run as a user runs them.
const SLOW = 240_000;
const SHOP = path.join(FIXTURES, 'shop.ts');
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'appmesh-kit-graph-drift-'));
let template: string;

interface Template {
  readonly Resources: Record<string, {
    readonly Type: string;
    readonly Properties: {
      [name: string]: unknown;
      Spec: { HttpRoute: { Action: { WeightedTargets: Array<{ Weight: number }> } }; Listeners: unknown[] };
    };
  }>;
}

beforeAll(async () => {
  const result = await runCli(['synth', SHOP, '-o', path.join(scratch, 'out')]);
  expect(result.code, result.stderr).toBe(0);
  template = path.join(scratch, 'out', 'Shop.template.json');
}, SLOW);
afterAll(() => fs.rmSync(scratch, { recursive: true, force: true }));

describe('drift --template', () => {
  it('finds nothing on an unchanged mesh', async () => {
    const result = await runCli(['drift', SHOP, '--template', template]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toBe('no drift: 7 App Mesh resources match\n');
  }, SLOW);

  it('reports a changed weight and a removed listener, field by field, and exits 1', async () => {
    const changed = JSON.parse(fs.readFileSync(template, 'utf8')) as Template;
    const of = (type: string, name: string) => Object.values(changed.Resources).find((r) => r.Type === `AWS::AppMesh::${type}`
      && Object.entries(r.Properties).some(([k, v]) => k.endsWith('Name') && k !== 'MeshName' && v === name))!;
    of('Route', 'books').Properties.Spec.HttpRoute.Action.WeightedTargets[1].Weight = 35;
    of('VirtualNode', 'frontend').Properties.Spec.Listeners = [];
    const file = path.join(scratch, 'changed.template.json');
    fs.writeFileSync(file, JSON.stringify(changed));
    const result = await runCli(['drift', SHOP, '--template', file]);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe([
      'Route catalog-router/books (mesh shop): Spec.HttpRoute.Action.WeightedTargets[1].Weight: the mesh has 35, the app 20',
      'VirtualNode frontend (mesh shop): Spec.Listeners[0]: only in the app: {"PortMapping":{"Port":80,"Protocol":"http"}}',
      '',
      '2 difference(s)',
      '',
    ].join('\n'));
  }, SLOW);

  it('wants one source to compare with', async () => {
    const result = await runCli(['drift', SHOP]);
    expect(result.code).toBe(2);
    expect(errorLines(result)).toEqual(['appmesh-kit: error: drift: give one of --mesh or --template']);
  });
});

describe('graph', () => {
  it('draws the topology as Mermaid: provider, route, weighted targets, backends', async () => {
    const result = await runCli(['graph', SHOP]);
    expect(result.code, result.stderr).toBe(0);
    const lines = result.stdout.split('\n');
    expect(lines[0]).toBe('flowchart LR');
    const idOf = (label: string) => lines.find((l) => l.includes(`"${label}<br/>`))!.trim().match(/^(n\d+)/)![1];
    const [router, route, v1, v2, service, frontend] = ['catalog-router', 'books', 'catalog-v1', 'catalog-v2', 'catalog.shop.local', 'frontend'].map(idOf);
    expect(lines).toContain(`  ${service} --> ${router}`);
    expect(lines).toContain(`  ${router} --> ${route}`);
    expect(lines).toContain(`  ${route} -->|"weight 80"| ${v1}`);
    expect(lines).toContain(`  ${route} -->|"weight 20"| ${v2}`);
    expect(lines).toContain(`  ${frontend} -.->|"backend"| ${service}`);
  }, SLOW);

  it('lays the topology out as an SVG (Graphviz dot) with a box for every resource', async () => {
    const out = path.join(scratch, 'shop.svg');
    const result = await runCli(['graph', SHOP, '--format', 'svg', '-o', out]);
    expect(result.code, result.stderr).toBe(0);
    // Graphviz writes '-' as &#45; in text.
    const svg = fs.readFileSync(out, 'utf8').replace(/&#45;/g, '-');
    expect(svg).toMatch(/<svg width="\d+pt" height="\d+pt"/);
    expect(svg.trimEnd().endsWith('</svg>')).toBe(true);
    expect(svg.match(/<g id="node\d+" class="node">/g)).toHaveLength(6);
    for (const name of ['catalog-router', 'books', 'catalog-v1', 'catalog-v2', 'catalog.shop.local', 'frontend']) {
      expect(svg).toContain(`>${name}</text>`);
    }
    expect(svg.match(/<g id="edge\d+" class="edge">/g)).toHaveLength(5);
  }, SLOW);

  it('refuses an unknown format', async () => {
    const result = await runCli(['graph', SHOP, '--format', 'png']);
    expect(result.code).toBe(2);
    expect(errorLines(result)).toEqual(["appmesh-kit: error: graph: --format must be mermaid, dot or svg, not 'png'"]);
  });
});
