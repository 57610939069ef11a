import * as fs from 'node:fs';
import * as path from 'node:path';
import { Stack, Stage } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { dump, load } from 'js-yaml';
import { IMesh } from '../../mesh';
import { MeshGraph } from '../../model/mesh-graph';
import { meshGroupOf, meshGroupsIn, wholeMeshGraph } from '../../model/mesh-group';
import { MeshRegistry } from '../../model/registry';
import { fileName } from '../../private/mesh-outputs';

/**
 * The cloud assembly folders appmesh-kit writes for a mesh.
 */
export enum MeshSnapshotOutput {
  /** `envoy/<mesh>/*.yaml`: App Mesh bootstraps and standalone configurations. */
  ENVOY = 'envoy',
  /** `ecs/<mesh>/*.taskdef.json`: RegisterTaskDefinition input of each MeshTaskDefinition. */
  ECS = 'ecs',
  /** `migration/<mesh>.md` and `.json`: the migration report. */
  MIGRATION = 'migration',
  /** `service-connect/<mesh>/*.json`: ECS Service Connect configurations. */
  SERVICE_CONNECT = 'service-connect',
  /** `lattice/<mesh>.json`: what a move to VPC Lattice would build. */
  LATTICE = 'lattice',
}

/**
 * What a snapshot holds.
 */
export interface MeshSnapshotOptions {
  /**
   * Include the CloudFormation templates.
   * @default true
   */
  readonly templates?: boolean;
  /**
   * The mesh output folders to include.
   * @default - every folder of the cloud assembly with files of the mesh (`<folder>/<mesh>/…` or
   * `<folder>/<mesh>.json`, `.md`, `.yaml`), so outputs added later are included too
   */
  readonly outputs?: MeshSnapshotOutput[];
}

/** Placeholders of what changes between runs or library versions without changing meaning. */
const HASH = '<hash>';
const TOKEN = '<token>';
/** A mesh's own file in an output folder: `<folder>/<mesh><suffix>` (the migration report, the Lattice summary). */
const MESH_FILE_SUFFIXES = ['.json', '.md', '.yaml'];
/** CDK's analytics resource: a compressed list of construct versions, new with every release. */
const ANALYTICS = ['CDKMetadata'];

/**
 * A stable, normalized view of what a mesh synthesizes, for snapshot tests (vitest, jest):
 * CloudFormation templates, Envoy configurations, ECS task definitions, the migration report,
 * Service Connect and Lattice files, read from the cloud assembly, each under its path in it
 * (`Shop.template.json`, `envoy/shop/catalog.standalone.yaml`, …).
 *
 * Normalized: object keys sorted (lists keep their order, which means something), 64-digit asset
 * hashes and unresolved tokens replaced by `<hash>` and `<token>`, CDK's analytics resource
 * (`CDKMetadata`) left out. JSON files are printed with two spaces, YAML files as YAML, the
 * migration report as written.
 *
 * The snapshot synthesizes the app once (later snapshots of the same app read the same
 * assembly) with aws-cdk-lib's built-in CloudFormation validator off (it costs seconds per
 * synth); create the app with `new App({ builtinCloudFormationValidation: false })` as well,
 * so that other assertions on it stay fast.
 *
 * With vitest:
 *
 * ```ts
 * import { App } from 'aws-cdk-lib';
 * import { expect, it } from 'vitest';
 * import { MeshSnapshot } from 'appmesh-kit';
 *
 * it('synthesizes the reviewed shop mesh', async () => {
 *   const stack = new ShopStack(new App({ builtinCloudFormationValidation: false }), 'Shop');
 *   const snapshot = MeshSnapshot.ofStack(stack);
 *   expect(snapshot.toString()).toMatchSnapshot();                  // one snapshot of everything
 *   for (const name of snapshot.fileNames) {                         // or one file per output
 *     await expect(snapshot.file(name)).toMatchFileSnapshot(`__snapshots__/shop/${name}`);
 *   }
 * });
 * ```
 *
 * With jest:
 *
 * ```ts
 * import { App } from 'aws-cdk-lib';
 * import { MeshSnapshot } from 'appmesh-kit';
 *
 * test('synthesizes the reviewed shop mesh', () => {
 *   const stack = new ShopStack(new App({ builtinCloudFormationValidation: false }), 'Shop');
 *   expect(MeshSnapshot.ofMesh(stack.mesh).files).toMatchSnapshot();
 * });
 * ```
 */
export class MeshSnapshot {
  /**
   * The stack's template and the files of every mesh that has resources in the stack (by the
   * `MeshName` of its App Mesh resources).
   * @param stack the stack to synthesize and read
   * @param options which outputs to take (all by default)
   */
  public static ofStack(stack: Stack, options: MeshSnapshotOptions = {}): MeshSnapshot {
    const directory = synthesize(stack);
    const template = JSON.parse(fs.readFileSync(path.join(directory, stack.templateFile), 'utf8'));
    const meshNames = new Set<string>();
    for (const resource of Object.values<{ Type?: string; Properties?: { MeshName?: unknown } }>(template.Resources ?? {})) {
      const name = resource.Properties?.MeshName;
      if (resource.Type?.startsWith('AWS::AppMesh::') && typeof name === 'string') meshNames.add(name);
    }
    // A mesh whose name another mesh of the assembly shares has its files under another name (`MeshGroup.fileStem`).
    const inStack = (graph: MeshGraph) => graph.members().some((m) => m.path.startsWith(`${stack.node.path}/`));
    for (const group of meshGroupsIn(Stage.of(stack)!)) {
      if (group.registries.some((r) => inStack(MeshGraph.current(r)))) meshNames.add(group.fileStem);
    }
    return new MeshSnapshot(directory, [stack.templateFile], [...meshNames], options ?? {});
  }

  /**
   * The templates of every stack that holds a resource of the mesh (in the mesh's own App or
   * Stage: a nested Stage writes an assembly of its own), and the mesh's files.
   * @param mesh the mesh whose stacks and files to read
   * @param options which outputs to take (all by default)
   */
  public static ofMesh(mesh: IMesh, options: MeshSnapshotOptions = {}): MeshSnapshot {
    const registry = MeshRegistry.of(mesh);
    const graph = wholeMeshGraph(registry);
    const paths = new Set([mesh.node.path, ...graph.members().map((member) => member.path)]);
    const stacks = new Set<Stack>();
    for (const construct of mesh.node.root.node.findAll()) {
      if (paths.has(construct.node.path)) stacks.add(Stack.of(construct));
    }
    const directory = synthesize(mesh);
    const templates = [...stacks].filter((stack) => Stage.of(stack) === Stage.of(mesh)).map((stack) => stack.templateFile);
    return new MeshSnapshot(directory, templates, [meshGroupOf(registry).fileStem], options ?? {});
  }

  /** Each file of the snapshot by its path in the cloud assembly, normalized; keys in path order. */
  public readonly files: { [name: string]: string };

  private constructor(directory: string, templates: string[], meshNames: string[], options: MeshSnapshotOptions) {
    const names = options.templates === false ? [] : [...templates];
    const outputs: string[] = options.outputs ?? fs.readdirSync(directory, { withFileTypes: true })
      .filter((entry) => entry.isDirectory()).map((entry) => entry.name);
    for (const mesh of meshNames.map((name) => fileName(name))) {
      for (const output of outputs) {
        const dir = path.join(directory, output);
        if (!fs.existsSync(dir)) continue;
        for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
          if (entry.isDirectory() && entry.name === mesh) {
            names.push(...fs.readdirSync(path.join(dir, mesh)).map((file) => `${output}/${mesh}/${file}`));
          } else if (entry.isFile() && MESH_FILE_SUFFIXES.some((suffix) => entry.name === `${mesh}${suffix}`)) {
            names.push(`${output}/${entry.name}`);
          }
        }
      }
    }
    const files: { [name: string]: string } = {};
    for (const name of [...new Set(names)].sort()) {
      files[name] = normalizeFile(name, fs.readFileSync(path.join(directory, name), 'utf8'));
    }
    this.files = files;
  }

  /** The paths of the snapshot's files in the cloud assembly, sorted. */
  public get fileNames(): string[] {
    return Object.keys(this.files);
  }

  /**
   * One file of the snapshot, normalized (throws when the snapshot has no such file).
   * @param name the file's path in the cloud assembly, as in `fileNames`
   */
  public file(name: string): string {
    const text = this.files[name];
    if (text === undefined) throw new Error(`the snapshot has no file ${name}; it has: ${this.fileNames.join(', ')}`);
    return text;
  }

  /** Every file of the snapshot, each under a `=== <path>` line, in path order. */
  public toString(): string {
    return this.fileNames.map((name) => `=== ${name}\n${this.files[name]}`).join('\n');
  }
}

/**
 * Synthesizes the construct's stage (once: a stage keeps its assembly) without the built-in
 * CloudFormation validator, which aws-cdk-lib skips when CDK_VALIDATION is `false`.
 */
function synthesize(scope: IConstruct): string {
  const stage = Stage.of(scope);
  if (!stage) throw new Error(`${scope.node.path} is not in an App or a Stage`);
  const before = process.env.CDK_VALIDATION;
  process.env.CDK_VALIDATION = 'false';
  try {
    return stage.synth().directory;
  } finally {
    if (before === undefined) delete process.env.CDK_VALIDATION;
    else process.env.CDK_VALIDATION = before;
  }
}

function normalizeFile(name: string, text: string): string {
  if (name.endsWith('.json')) {
    const value = JSON.parse(text);
    if (name.endsWith('.template.json')) for (const id of ANALYTICS) dropAnalytics(value, id);
    return `${JSON.stringify(normalize(value), null, 2)}\n`;
  }
  if (name.endsWith('.yaml')) return dump(normalize(load(text)), { lineWidth: -1, noRefs: true, quotingType: '"' });
  return normalizeString(text);
}

function dropAnalytics(template: { Resources?: Record<string, unknown>; Conditions?: Record<string, unknown> }, id: string): void {
  if (template.Resources) delete template.Resources[id];
  if (template.Conditions) delete template.Conditions[`${id}Available`];
}

/** Keys sorted, strings normalized, all the way down. */
function normalize(value: unknown): unknown {
  if (typeof value === 'string') return normalizeString(value);
  if (Array.isArray(value)) return value.map(normalize);
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return Object.fromEntries(entries.map(([key, v]) => [normalizeString(key), normalize(v)]));
  }
  return value;
}

function normalizeString(text: string): string {
  return text
    .replace(/\b[0-9a-f]{64}\b/g, HASH)
    .replace(/\$\{Token\[[^\]]*\]\}|#\{Token\[[^\]]*\]\}/g, TOKEN);
}
