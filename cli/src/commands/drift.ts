import { appMeshSource } from '../app-meshes';
import { APP_HELP, APP_OPTIONS } from '../app-options';
import { CliError } from '../cli-error';
import { Command, stringOption } from '../command';
import { readLiveMesh } from '../import/api-source';
import { MeshSource, NAME_PROPERTY, readMeshSource, SourceResource } from '../import/template-source';

/**
 * Lists of `{ Key, Value }` that are sets to App Mesh: tags and Cloud Map attributes (instances with
 * all of them). Their order is whatever the API, the console or the app's author chose, so the
 * same tags in another order are no drift: compared in key order. (A JSON log format keeps its
 * order: it is the order of the keys in a log line.)
 */
const KEYED_LISTS = new Set(['Tags', 'Attributes']);
const keyOrder = (a: unknown, b: unknown) => {
  const [x, y] = [String((a as { Key?: unknown }).Key), String((b as { Key?: unknown }).Key)];
  return x < y ? -1 : x > y ? 1 : 0;
};

/**
 * The properties as drift compares them: durations in milliseconds (`{ Unit: 's', Value: 5 }` is
 * `{ Unit: 'ms', Value: 5000 }`), keyed lists in key order, and no empty objects (the API answers
 * `{}` for a part nobody set).
 */
function normalize(value: unknown, key = ''): unknown {
  if (Array.isArray(value)) {
    const items = value.map((v) => normalize(v));
    return KEYED_LISTS.has(key) ? items.sort(keyOrder) : items;
  }
  if (value === null || typeof value !== 'object') return value;
  const o = value as Record<string, unknown>;
  const keys = Object.keys(o);
  if (keys.length === 2 && o.Unit !== undefined && typeof o.Value === 'number') return { Unit: 'ms', Value: o.Value * (o.Unit === 's' ? 1000 : 1) };
  const entries = keys.sort().map((k) => [k, normalize(o[k], k)] as const)
    .filter(([, v]) => !(v !== null && typeof v === 'object' && !Array.isArray(v) && Object.keys(v).length === 0));
  return Object.fromEntries(entries);
}

function keyOf(r: SourceResource): string {
  const p = r.properties;
  const parent = p.VirtualRouterName ?? p.VirtualGatewayName;
  const own = p[NAME_PROPERTY[r.type]];
  const name = r.type.endsWith('Route') && parent !== undefined ? `${parent}/${own}` : own;
  return `${r.type.replace('AWS::AppMesh::', '')} ${name} (mesh ${p.MeshName})`;
}

const show = (v: unknown) => (v === undefined ? 'nothing' : JSON.stringify(v));

/** The differences of two values, field by field: `path: the mesh has X, the app Y`. */
function differences(mesh: unknown, app: unknown, at: string, out: string[]): void {
  if (JSON.stringify(mesh) === JSON.stringify(app)) return;
  if (Array.isArray(mesh) && Array.isArray(app)) {
    for (let i = 0; i < Math.max(mesh.length, app.length); i++) {
      if (i >= app.length) out.push(`${at}[${i}]: only in the mesh: ${show(mesh[i])}`);
      else if (i >= mesh.length) out.push(`${at}[${i}]: only in the app: ${show(app[i])}`);
      else differences(mesh[i], app[i], `${at}[${i}]`, out);
    }
    return;
  }
  const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);
  if (isObject(mesh) && isObject(app)) {
    for (const k of [...new Set([...Object.keys(mesh), ...Object.keys(app)])].sort()) differences(mesh[k], app[k], at ? `${at}.${k}` : k, out);
    return;
  }
  out.push(`${at}: the mesh has ${show(mesh)}, the app ${show(app)}`);
}

/** Every difference between the deployed (or templated) mesh and the app's, resource by resource. */
export function drift(mesh: MeshSource, app: MeshSource): string[] {
  const index = (s: MeshSource) => new Map(s.resources.map((r) => [keyOf(r), normalize(r.properties)]));
  const [deployed, wanted] = [index(mesh), index(app)];
  const out: string[] = [];
  for (const [key, properties] of deployed) {
    if (!wanted.has(key)) {
      out.push(`${key}: only in the mesh`);
      continue;
    }
    const fields: string[] = [];
    differences(properties, wanted.get(key), '', fields);
    out.push(...fields.map((f) => `${key}: ${f}`));
  }
  for (const key of wanted.keys()) if (!deployed.has(key)) out.push(`${key}: only in the app`);
  return out;
}

export const driftCommand: Command = {
  name: 'drift',
  usage: 'drift <app> --mesh <name> [--region R] [--endpoint URL] | --template <file|cdk.out>',
  brief: 'compare the app\'s meshes with a live mesh or a template; exit 1 on a difference',
  summary: 'Compares the App Mesh resources the app synthesizes with those of a live mesh (the App Mesh API) or of a '
    + 'template, resource by resource and field by field. Exit code 1 when they differ.',
  description: APP_HELP,
  options: {
    ...APP_OPTIONS,
    mesh: { type: 'string', value: '<name>', help: 'a mesh of the App Mesh API' },
    region: { type: 'string', value: '<region>', help: 'the App Mesh API\'s Region' },
    endpoint: { type: 'string', value: '<url>', help: 'the App Mesh API endpoint' },
    template: { type: 'string', value: '<file|dir>', help: 'a CloudFormation template or cdk.out folder instead of a live mesh' },
  },
  positionals: [1, 1],
  async run(args) {
    const meshName = stringOption(args, 'mesh');
    const template = stringOption(args, 'template');
    if ((meshName === undefined) === (template === undefined)) throw new CliError('drift: give one of --mesh or --template');
    const deployed = template !== undefined ? readMeshSource(template)
      : await readLiveMesh(meshName!, { region: stringOption(args, 'region'), endpoint: stringOption(args, 'endpoint') });
    const app = await appMeshSource(args);
    // A live mesh is one mesh: compare it with that mesh of the app.
    const wanted = meshName === undefined ? app : { ...app, resources: app.resources.filter((r) => r.properties.MeshName === meshName) };
    const found = drift(deployed, wanted);
    if (found.length === 0) {
      process.stdout.write(`no drift: ${deployed.resources.length} App Mesh resources match\n`);
      return 0;
    }
    process.stdout.write(`${found.join('\n')}\n\n${found.length} difference(s)\n`);
    return 1;
  },
};
