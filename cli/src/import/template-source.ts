import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse, ScalarTag, CollectionTag } from 'yaml';
import { CloudAssembly } from '../assembly';
import { CliError } from '../cli-error';

/** An App Mesh resource of a template, with every Ref and Fn::GetAtt between App Mesh resources resolved. */
export interface SourceResource {
  readonly logicalId: string;
  readonly type: string;
  /** The properties (CloudFormation's PascalCase, the App Mesh API's shape). */
  readonly properties: Record<string, unknown>;
}

/** The App Mesh resources of one template (or of every template of a cdk.out folder). */
export interface MeshSource {
  /** A stack name for the generated app: the source stack's, else ImportedMesh. */
  readonly stackName: string;
  /** Where the resources come from, for the generated app's header. */
  readonly description: string;
  readonly resources: SourceResource[];
}

/** The name property of each App Mesh resource type, and what Fn::GetAtt calls it. */
export const NAME_PROPERTY: Record<string, string> = {
  'AWS::AppMesh::Mesh': 'MeshName',
  'AWS::AppMesh::VirtualNode': 'VirtualNodeName',
  'AWS::AppMesh::VirtualService': 'VirtualServiceName',
  'AWS::AppMesh::VirtualRouter': 'VirtualRouterName',
  'AWS::AppMesh::Route': 'RouteName',
  'AWS::AppMesh::VirtualGateway': 'VirtualGatewayName',
  'AWS::AppMesh::GatewayRoute': 'GatewayRouteName',
};

const FUNCTIONS = ['Ref', 'GetAtt', 'Sub', 'Join', 'Select', 'Split', 'ImportValue', 'FindInMap', 'If', 'Equals', 'Not', 'And', 'Or',
  'Base64', 'Cidr', 'GetAZs', 'Condition'];

/** CloudFormation's YAML short forms (`!Ref x`, `!GetAtt a.b`, …) as their JSON forms. */
function cfnTags(): Array<ScalarTag | CollectionTag> {
  const tags: Array<ScalarTag | CollectionTag> = [];
  for (const fn of FUNCTIONS) {
    const key = fn === 'Ref' || fn === 'Condition' ? fn : `Fn::${fn}`;
    const wrap = (value: unknown) => ({ [key]: fn === 'GetAtt' && typeof value === 'string' ? value.split('.') : value });
    tags.push({ tag: `!${fn}`, resolve: (value: string) => wrap(value) });
    tags.push({ tag: `!${fn}`, collection: 'seq', resolve: (value) => wrap((value as { toJSON(): unknown }).toJSON()) } as CollectionTag);
    tags.push({ tag: `!${fn}`, collection: 'map', resolve: (value) => wrap((value as { toJSON(): unknown }).toJSON()) } as CollectionTag);
  }
  return tags;
}

type Template = { Resources?: Record<string, { Type?: string; Properties?: Record<string, unknown> }> };

function parseTemplate(file: string): Template {
  const text = fs.readFileSync(file, 'utf8');
  try {
    return (text.trimStart().startsWith('{') ? JSON.parse(text) : parse(text, { customTags: cfnTags() })) as Template;
  } catch (error) {
    throw new CliError(`${file} is not a CloudFormation template in JSON or YAML: ${(error as Error).message.split('\n')[0]}`);
  }
}

/**
 * Resolves `Ref` and `Fn::GetAtt` of App Mesh resources to the names they stand for (a name field
 * holds the other resource's name); any other CloudFormation expression is an error naming the
 * resource and the field, since its value is only known at deployment.
 */
function resolveValue(value: unknown, names: Map<string, string>, label: string, at = ''): unknown {
  if (Array.isArray(value)) return value.map((v, i) => resolveValue(v, names, label, `${at}[${i}]`));
  if (value === null || typeof value !== 'object') return value;
  const entries = Object.entries(value as Record<string, unknown>);
  if (entries.length === 1 && (entries[0][0] === 'Ref' || entries[0][0].startsWith('Fn::'))) {
    const [fn, arg] = entries[0];
    const target = fn === 'Ref' ? arg : fn === 'Fn::GetAtt' && Array.isArray(arg) ? arg[0] : undefined;
    const attribute = fn === 'Fn::GetAtt' && Array.isArray(arg) ? String(arg[1]) : undefined;
    if (typeof target === 'string' && names.has(target) && (attribute === undefined || attribute.endsWith('Name'))) return names.get(target);
    throw new CliError(`${label} field ${at}: ${JSON.stringify(value)} is only known at deployment (the import resolves Ref and Fn::GetAtt `
      + 'of the App Mesh resources in the template): put the value itself in the template');
  }
  return Object.fromEntries(entries.map(([k, v]) => [k, resolveValue(v, names, label, at ? `${at}.${k}` : k)]));
}

function meshResources(template: Template, file: string): SourceResource[] {
  const raw = Object.entries(template.Resources ?? {}).filter(([, r]) => r.Type?.startsWith('AWS::AppMesh::'));
  const names = new Map<string, string>();
  for (const [id, r] of raw) {
    const name = r.Properties?.[NAME_PROPERTY[r.Type!]];
    if (typeof name === 'string') names.set(id, name);
  }
  // Names may name each other (a route's VirtualRouterName is a GetAtt of the router): resolve until stable.
  for (let pass = 0; pass < 3; pass++) {
    for (const [id, r] of raw) {
      const name = r.Properties?.[NAME_PROPERTY[r.Type!]];
      if (name !== undefined && !names.has(id)) {
        try {
          const resolved = resolveValue(name, names, id, NAME_PROPERTY[r.Type!]);
          if (typeof resolved === 'string') names.set(id, resolved);
        } catch {
          // resolved on a later pass, or reported below
        }
      }
    }
  }
  return raw.map(([logicalId, r]) => {
    if (!NAME_PROPERTY[r.Type!]) throw new CliError(`${file}: resource ${logicalId} has type ${r.Type}, which the import does not know`);
    const properties = resolveValue(r.Properties ?? {}, names, `resource ${logicalId} (${r.Type})`) as Record<string, unknown>;
    return { logicalId, type: r.Type!, properties };
  });
}

/** Reads a template file (JSON or YAML), or every stack template of a cdk.out folder. */
export function readMeshSource(source: string): MeshSource {
  const file = path.resolve(source);
  if (!fs.existsSync(file)) throw new CliError(`no such template: ${source}`);
  if (fs.statSync(file).isDirectory()) {
    const templates = CloudAssembly.read(file).templates();
    const resources = templates.flatMap((t) => meshResources(t.template as Template, t.file));
    const stacks = templates.filter((t) => meshResources(t.template as Template, t.file).length > 0);
    if (resources.length === 0) throw new CliError(`${source} holds no AWS::AppMesh::* resource`);
    return { stackName: stacks.length === 1 ? stacks[0].stackName : 'ImportedMesh', description: `the cloud assembly ${path.basename(file)}`, resources };
  }
  const resources = meshResources(parseTemplate(file), source);
  if (resources.length === 0) throw new CliError(`${source} holds no AWS::AppMesh::* resource`);
  return { stackName: 'ImportedMesh', description: `the template ${path.basename(file)}`, resources };
}
