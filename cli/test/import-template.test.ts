import * as fs from 'node:fs';
import * as path from 'node:path';
import { App, Stack } from 'aws-cdk-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildAppMeshModuleStack, buildCloudMapStack } from './appmesh-sources';
import { appMeshProperties } from './mesh-properties';
import { errorLines, REPO, runCli } from './run-cli';
import { buildColorApp } from '../../examples/color-app/app';
import { buildKitchenSink } from '../../test/support/kitchen-sink';
import { testApp } from '../../test/support/synth';

// import --template, round trip: a source template → the generated app → synthesized by the CLI →
// the same App Mesh resource properties as the source. Generated apps live below the repository
// (so they resolve aws-cdk-lib), with an 'appmesh-kit' package that is this repository's lib/.
const SLOW = 240_000;
const scratch = path.join(REPO, 'test-output', 'cli-import');

beforeAll(() => {
  fs.rmSync(scratch, { recursive: true, force: true });
  const shim = path.join(scratch, 'node_modules', 'appmesh-kit');
  fs.mkdirSync(shim, { recursive: true });
  fs.writeFileSync(path.join(shim, 'package.json'), JSON.stringify({ name: 'appmesh-kit', main: 'index.js' }));
  fs.writeFileSync(path.join(shim, 'index.js'), `module.exports = require(${JSON.stringify(path.join(REPO, 'lib', 'index.ts'))});\n`);
});
// Nothing stays for the template lint of the test command: the sources are other libraries' output
// (KEEP_CLI_IMPORT=1 keeps the generated apps for a look).
afterAll(() => process.env.KEEP_CLI_IMPORT ? undefined : fs.rmSync(scratch, { recursive: true, force: true }));

/** Synthesizes a stack in this process and writes its template as the import's source. */
function sourceTemplate(name: string, build: (app: App) => Stack): string {
  const app = testApp();
  const stack = build(app);
  const template = app.synth().getStackByName(stack.stackName).template as unknown;
  const file = path.join(scratch, name, 'source.json');
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, JSON.stringify(template, null, 2));
  return file;
}

const readJson = (file: string) => JSON.parse(fs.readFileSync(file, 'utf8')) as { Resources: Record<string, unknown> };

/** Imports `source`, synthesizes the generated app with the CLI, and returns the app and its App Mesh properties. */
async function roundTrip(name: string, source: string, options: string[] = []): Promise<{ code: string; imported: unknown }> {
  const dir = path.join(scratch, name);
  const appFile = path.join(dir, 'app.ts');
  const imported = await runCli(['import', '--template', source, '-o', appFile, ...options]);
  expect(imported.code, imported.stderr).toBe(0);
  const out = path.join(dir, 'out');
  const synth = await runCli(['synth', appFile, '-o', out]);
  expect(synth.code, `${synth.stderr}\n${fs.readFileSync(appFile, 'utf8')}`).toBe(0);
  return { code: fs.readFileSync(appFile, 'utf8'), imported: appMeshProperties(readJson(path.join(out, 'ImportedMesh.template.json'))) };
}

describe('import --template round trip', () => {
  it('a mesh built with aws-cdk-lib/aws-appmesh (Fn::GetAtt names, every protocol)', async () => {
    const source = sourceTemplate('aws-appmesh', buildAppMeshModuleStack);
    const result = await roundTrip('aws-appmesh', source);
    const expected = appMeshProperties(readJson(source));
    expect(Object.keys(expected)).toHaveLength(24);
    expect(result.imported).toEqual(expected);
    expect(result.code).toMatch(/^import \{ App, Duration, Stack \} from 'aws-cdk-lib';$/m);
    expect(result.code).toContain("import * as acm from 'aws-cdk-lib/aws-certificatemanager';");
    expect(result.code).toMatch(/\nconst app = new App\(\);\nconst stack = new Stack\(app, 'ImportedMesh'\);\n/);
    expect(result.code).toMatch(/} from 'appmesh-kit';\n/);
    expect(result.code.trimEnd().endsWith('app.synth();')).toBe(true);
  }, SLOW);

  it('the color app example (mutual TLS, canary, gateway rewrite, tags)', async () => {
    const source = sourceTemplate('color-app', (app) => buildColorApp(app));
    const result = await roundTrip('color-app', source);
    expect(result.imported).toEqual(appMeshProperties(readJson(source)));
    expect(result.code).toContain("tags: { app: 'colorapp' }");
  }, SLOW);

  it('appmesh-kit\'s kitchen sink (every CloudFormation property, a mesh shared from another account)', async () => {
    const source = sourceTemplate('kitchen-sink', (app) => buildKitchenSink(app).stack);
    // The Cloud Map names are Fn::GetAtt of Cloud Map resources: put the values in, as the import's error says to.
    const template = readJson(source) as { Resources: Record<string, { Type: string; Properties: Record<string, unknown> }> };
    const literal = (value: unknown): unknown => {
      if (Array.isArray(value)) return value.map(literal);
      if (value === null || typeof value !== 'object') return value;
      const getAtt = (value as { 'Fn::GetAtt'?: [string, string] })['Fn::GetAtt'];
      if (getAtt && template.Resources[getAtt[0]].Type.startsWith('AWS::ServiceDiscovery::')) return template.Resources[getAtt[0]].Properties.Name;
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, literal(v)]));
    };
    fs.writeFileSync(source, JSON.stringify(literal(template), null, 2));
    const result = await roundTrip('kitchen-sink', source, ['--region', 'eu-west-1']);
    const expected = appMeshProperties(readJson(source));
    expect(Object.keys(expected)).toHaveLength(22);
    expect(result.imported).toEqual(expected);
    expect(result.code).toContain("Mesh.fromMeshArn(stack, 'shared-mesh', 'arn:aws:appmesh:eu-west-1:111111111111:mesh/shared')");
  }, SLOW);

  it('a hand-written YAML template with short-form intrinsics', async () => {
    const source = path.join(scratch, 'yaml', 'source.yaml');
    fs.mkdirSync(path.dirname(source), { recursive: true });
    fs.copyFileSync(path.join(__dirname, 'fixtures', 'hand-written.yaml'), source);
    const result = await roundTrip('yaml', source);
    const yamlAsJson = await import('yaml').then((y) => y.parse(fs.readFileSync(source, 'utf8'), {
      customTags: [{ tag: '!GetAtt', resolve: (v: string) => ({ 'Fn::GetAtt': v.split('.') }) }],
    }) as { Resources: Record<string, unknown> });
    expect(result.imported).toEqual(appMeshProperties(yamlAsJson));
  }, SLOW);
});

describe('import --template of a cdk.out folder', () => {
  it('reads the stack templates of the assembly and keeps the stack name', async () => {
    const outdir = path.join(scratch, 'assembly');
    const app = new App({ outdir, builtinCloudFormationValidation: false });
    buildColorApp(app);
    app.synth();
    const fromFolder = await runCli(['import', '--template', outdir]);
    const fromFile = await runCli(['import', '--template', path.join(outdir, 'ColorApp.template.json')]);
    expect(fromFolder.code, fromFolder.stderr).toBe(0);
    expect(fromFolder.stdout).toContain("const stack = new Stack(app, 'ColorApp');");
    const body = (code: string) => code.split('\n').slice(1).join('\n').replace(/new Stack\(app, '\w+'\)/, 'new Stack(app)');
    expect(body(fromFolder.stdout)).toBe(body(fromFile.stdout));
  });
});

describe('import --template refuses what it cannot carry over', () => {
  it('names the resource and field of a value only known at deployment', async () => {
    const source = sourceTemplate('cloud-map', buildCloudMapStack);
    const result = await runCli(['import', '--template', source]);
    expect(result.code).toBe(2);
    expect(errorLines(result)).toHaveLength(1);
    expect(errorLines(result)[0]).toMatch(
      /^appmesh-kit: error: resource MeshCatalog\w+ \(AWS::AppMesh::VirtualNode\) field Spec\.ServiceDiscovery\.AWSCloudMap\.ServiceName: \{"Fn::GetAtt":\["NamespaceCatalog\w+","Name"\]\} is only known at deployment/);
  });

  it('names a field appmesh-kit has no API for, rather than dropping it', async () => {
    const file = path.join(scratch, 'unknown-field.json');
    fs.mkdirSync(scratch, { recursive: true });
    fs.writeFileSync(file, JSON.stringify({
      Resources: {
        M: { Type: 'AWS::AppMesh::Mesh', Properties: { MeshName: 'm', Spec: { EgressFilter: { Type: 'DROP_ALL' }, Future: { On: true } } } },
      },
    }));
    const result = await runCli(['import', '--template', file]);
    expect(result.code).toBe(2);
    expect(errorLines(result)).toEqual([
      'appmesh-kit: error: resource M (AWS::AppMesh::Mesh) field Spec.Future: appmesh-kit cannot express this field ({"On":true}), '
      + 'so the import stops rather than drop it',
    ]);
  });
});
