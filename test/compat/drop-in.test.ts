import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { App, Stack } from 'aws-cdk-lib';
import { beforeAll, describe, expect, it } from 'vitest';
import { MESHES as AWS_APPMESH_MESHES } from './aws-appmesh-meshes';
import { synthTemplate, testApp } from '../support/synth';

// The drop-in promise (issue #15): code written for aws-cdk-lib/aws-appmesh compiles against appmesh-kit by
// changing only the import, and synthesizes the same App Mesh resources (names, properties, logical ids).

const ROOT = path.join(__dirname, '..', '..');
const SOURCE = path.join(__dirname, 'aws-appmesh-meshes.ts');
const SWAPPED_DIR = path.join(ROOT, 'test-output', 'compat');
const SWAPPED = path.join(SWAPPED_DIR, 'appmesh-kit-meshes.ts');
const AWS_IMPORT = 'import * as appmesh from \'aws-cdk-lib/aws-appmesh\';';
// In a user's app this reads 'appmesh-kit'; here the package is this repository's lib/.
const KIT_IMPORT = 'import * as appmesh from \'../../lib\';';

/** The user's file with the one-line change, written where tsc and vitest can load it. */
function writeSwappedCopy(): void {
  const source = fs.readFileSync(SOURCE, 'utf8');
  expect(source.split(AWS_IMPORT)).toHaveLength(2);
  fs.mkdirSync(SWAPPED_DIR, { recursive: true });
  fs.writeFileSync(SWAPPED, source.replace(AWS_IMPORT, KIT_IMPORT));
  fs.writeFileSync(path.join(SWAPPED_DIR, 'tsconfig.json'), JSON.stringify({
    extends: '../../tsconfig.json',
    compilerOptions: { rootDir: '../..', noEmit: true },
    // The original too: the comparison means something only if it compiles against aws-appmesh.
    include: ['appmesh-kit-meshes.ts', '../../test/compat/aws-appmesh-meshes.ts'],
  }));
}

type Template = {
  Resources: Record<string, { Type: string; Properties?: Record<string, unknown>; DependsOn?: string[] }>;
  Outputs?: Record<string, unknown>;
};
type Normalized = Record<string, { Type: string; Properties: unknown }>;

const NAME_PROPERTY: Record<string, string> = {
  'AWS::AppMesh::Mesh': 'MeshName',
  'AWS::AppMesh::VirtualNode': 'VirtualNodeName',
  'AWS::AppMesh::VirtualService': 'VirtualServiceName',
  'AWS::AppMesh::VirtualRouter': 'VirtualRouterName',
  'AWS::AppMesh::Route': 'RouteName',
  'AWS::AppMesh::VirtualGateway': 'VirtualGatewayName',
  'AWS::AppMesh::GatewayRoute': 'GatewayRouteName',
};

/** The templates of an app's stacks, by stack id. */
type Templates = Record<string, Template>;
type Output = { Value: unknown; Export?: { Name: string } };

/**
 * The App Mesh resources (and the IAM policies that grants make, and the outputs) of every stack, keyed
 * `stack/logicalId`, with every reference to another App Mesh resource's name replaced by that name:
 * aws-appmesh writes `Fn::GetAtt` (`Fn::ImportValue` across stacks), appmesh-kit the name.
 */
function normalize(templates: Templates): Normalized {
  const exported: Record<string, { stack: string; value: unknown }> = {};
  for (const [stack, template] of Object.entries(templates)) {
    for (const output of Object.values(template.Outputs ?? {}) as Output[]) {
      if (output.Export) exported[output.Export.Name] = { stack, value: output.Value };
    }
  }
  const resolve = (stack: string, value: unknown): unknown => {
    if (Array.isArray(value)) return value.map((v) => resolve(stack, v));
    if (typeof value !== 'object' || value === null) return value;
    const resources = templates[stack].Resources;
    const getAtt = (value as Record<string, unknown>)['Fn::GetAtt'] as [string, string] | undefined;
    if (getAtt && NAME_PROPERTY[resources[getAtt[0]]?.Type] === getAtt[1]) {
      const resource = resources[getAtt[0]];
      return resolve(stack, resource.Properties?.[NAME_PROPERTY[resource.Type]]);
    }
    const imported = exported[(value as Record<string, string>)['Fn::ImportValue']];
    if (imported) return resolve(imported.stack, imported.value);
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, resolve(stack, v)]));
  };
  const normalized: Normalized = {};
  for (const [stack, template] of Object.entries(templates)) {
    for (const [logicalId, resource] of Object.entries(template.Resources)) {
      if (!resource.Type.startsWith('AWS::AppMesh::') && resource.Type !== 'AWS::IAM::Policy') continue;
      normalized[`${stack}/${logicalId}`] = { Type: resource.Type, Properties: resolve(stack, resource.Properties ?? {}) };
    }
    // Outputs show what the attributes of resources and imports resolve to; exports only carry references.
    for (const [name, output] of Object.entries(template.Outputs ?? {}) as [string, Output][]) {
      if (!output.Export) normalized[`${stack}/Output ${name}`] = { Type: 'Output', Properties: resolve(stack, output) };
    }
  }
  return normalized;
}

/**
 * What aws-appmesh gets wrong and appmesh-kit keeps fixed (a superset, never a bug copy), applied to aws-appmesh's
 * output: its GatewayRoute leaves out MeshOwner, which App Mesh needs for a route on a gateway of a mesh shared
 * from another account (its Route and the other resources set it).
 */
const FIXED_IN_APPMESH_KIT: Record<string, (expected: Normalized) => void> = {
  'imports, shared meshes and grants'(expected) {
    (expected['compat/gatewayrouteonimport4235314B'].Properties as Record<string, unknown>).MeshOwner = '123456789012';
  },
};

/**
 * Where appmesh-kit deliberately renders otherwise by default (README, "From aws-cdk-lib/aws-appmesh"), applied to
 * aws-appmesh's output; the context key appmesh-kit:awsAppMeshRendering turns these off. Besides references as plain
 * names (normalized away): a virtual service without a name is named by its construct id, not its unique id.
 */
const DIFFERENT_BY_DEFAULT: Record<string, (expected: Normalized) => void> = {
  'virtual services: router, node and no provider'(expected) {
    (expected['compat/unnamed50B675B8'].Properties as Record<string, unknown>).VirtualServiceName = 'unnamed';
  },
};

/** Builds a feature into the stack 'compat' (it may add stacks beside it) and synthesizes every stack. */
function synthRaw(build: (stack: Stack) => void, name: string, app: App = testApp()): Templates {
  build(new Stack(app, 'compat'));
  const stacks = app.node.children.filter((child): child is Stack => Stack.isStack(child));
  return Object.fromEntries(stacks.map((stack) => [stack.node.id, synthTemplate(stack, `${name}-${stack.node.id}`).toJSON() as Template]));
}

function synth(build: (stack: Stack) => void, name: string): Normalized {
  return normalize(synthRaw(build, name));
}

/** The App Mesh resources as written, DependsOn included, and the exports they reference across stacks: what `cdk diff` compares. */
function appMeshResources(templates: Templates): Record<string, unknown> {
  return Object.fromEntries(Object.entries(templates).flatMap(([stack, template]) => [
    ...Object.entries(template.Resources).filter(([, r]) => r.Type.startsWith('AWS::AppMesh::')),
    ...Object.entries(template.Outputs ?? {}).filter(([, o]) => (o as Output).Export),
  ].map(([id, value]) => [`${stack}/${id}`, value])));
}

let kitMeshes: typeof AWS_APPMESH_MESHES;

beforeAll(async () => {
  writeSwappedCopy();
  kitMeshes = (await import(SWAPPED)).MESHES;
});

describe('code written for aws-cdk-lib/aws-appmesh, with only the import changed', () => {
  it('type-checks against appmesh-kit with zero errors (and the original against aws-appmesh)', () => {
    let output = '';
    try {
      execFileSync(path.join(ROOT, 'node_modules', '.bin', 'tsc'), ['-p', path.join(SWAPPED_DIR, 'tsconfig.json')],
        { cwd: ROOT, encoding: 'utf8', stdio: 'pipe' });
    } catch (error) {
      output = (error as { stdout: string }).stdout;
    }
    expect(output.split('\n').filter((line) => line.includes('error TS'))).toEqual([]);
  }, 180000);

  it.each(Object.keys(AWS_APPMESH_MESHES))('synthesizes the same App Mesh resources and logical ids: %s', (feature) => {
    const file = feature.replace(/[^a-z0-9]+/gi, '-').slice(0, 60);
    const expected = synth(AWS_APPMESH_MESHES[feature], `compat-aws-appmesh-${file}`);
    expect(Object.keys(expected).length).toBeGreaterThan(0);
    FIXED_IN_APPMESH_KIT[feature]?.(expected);
    DIFFERENT_BY_DEFAULT[feature]?.(expected);
    const actual = synth(kitMeshes[feature], `compat-appmesh-kit-${file}`);
    expect(actual).toEqual(expected);
  });
});

describe('with the context key appmesh-kit:awsAppMeshRendering', () => {
  it.each(Object.keys(AWS_APPMESH_MESHES))('renders App Mesh resources as aws-appmesh does, references and DependsOn too: %s', (feature) => {
    const file = feature.replace(/[^a-z0-9]+/gi, '-').slice(0, 60);
    const expected = appMeshResources(synthRaw(AWS_APPMESH_MESHES[feature], `compat-aws-appmesh-raw-${file}`));
    const app = new App({ builtinCloudFormationValidation: false, context: { 'appmesh-kit:awsAppMeshRendering': true } });
    const actual = appMeshResources(synthRaw(kitMeshes[feature], `compat-appmesh-kit-raw-${file}`, app));
    if (feature === 'imports, shared meshes and grants') {
      // the one fix that changes a template (FIXED_IN_APPMESH_KIT): MeshOwner of a gateway route on a shared mesh
      const route = actual['compat/gatewayrouteonimport4235314B'] as { Properties: Record<string, unknown> };
      expect(route.Properties.MeshOwner).toBe('123456789012');
      delete route.Properties.MeshOwner;
    }
    expect(actual).toEqual(expected);
  });
});
