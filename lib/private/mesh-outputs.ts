import { createHash } from 'node:crypto';
import { Annotations, ISynthesisSession, attachCustomSynthesis } from 'aws-cdk-lib';
import { AWS_APPMESH_RENDERING_CONTEXT } from './aws-appmesh-rendering';
import { MeshGraph } from '../model/mesh-graph';
import { meshGroupOf, wholeMeshGraph } from '../model/mesh-group';
import { MeshMember, MeshRegistry } from '../model/registry';
import { contextSwitch, contextSwitchDiagnostics } from '../rules/context-switches';
import { reportAtSynth } from '../rules/synth-report';

/** What an output is told when it writes its files for one mesh. */
export interface MeshOutputContext {
  /** The graph of the mesh object, or of the whole mesh for an output `aboutWholeMesh`. */
  readonly graph: MeshGraph;
  /** The mesh's name in file names (see `MeshGroup.fileStem`), to pass through `fileName`. */
  readonly meshFileStem: string;
  /** The cloud assembly directory. */
  readonly outdir: string;
  /** A note on the mesh, for what an output could not write. */
  addInfo(message: string): void;
  /** A warning on the resource at `constructPath` (a member of the mesh), or on the mesh. */
  addWarning(id: string, message: string, constructPath?: string): void;
}

/** A file output of a mesh (Envoy configurations, ECS task definitions, …): an independent reader of the graph. */
export interface MeshOutput {
  readonly name: string;
  /** The context key that turns the output off (`cdk synth -c <key>=false`); none: always on. */
  readonly offSwitch?: string;
  /**
   * True for files about the whole mesh (a report, a plan), written once from the graph of every
   * mesh object of the mesh; otherwise files per resource, written by each mesh object from its graph.
   * @default false
   */
  readonly aboutWholeMesh?: boolean;
  write(context: MeshOutputContext): void;
}

/**
 * A file name from a resource name: characters a file system dislikes become `_`, and a name too
 * long for one path segment (App Mesh names reach 255 characters) is cut and keeps a hash.
 */
export function fileName(name: string, suffix = ''): string {
  const safe = name.replace(/[^A-Za-z0-9._-]/g, '_');
  if (safe.length + suffix.length <= 255) return safe + suffix;
  const hash = createHash('sha256').update(name).digest('hex').slice(0, 8);
  return `${safe.slice(0, 255 - suffix.length - hash.length - 1)}-${hash}${suffix}`;
}

/**
 * The name a node's or gateway's files take: its name, or `<name>.virtual-gateway` for a gateway when
 * a virtual node of the mesh has the name too. App Mesh allows that (they are different kinds of
 * resource), and the two sets of files must not overwrite each other.
 */
export function proxyFileStem(registry: MeshRegistry, kind: 'virtualNode' | 'virtualGateway', name: string): string {
  return kind === 'virtualGateway' && wholeMeshGraph(registry).get('virtualNode', name) ? `${name}.virtual-gateway` : name;
}

const OUTPUTS: MeshOutput[] = [];
const WIRED = new WeakSet<MeshRegistry>();

/**
 * Registers a file output. Output modules register themselves when they load, so that the
 * constructs never import an output (the library's index loads them all).
 */
export function registerMeshOutput(output: MeshOutput): void {
  if (!OUTPUTS.some((o) => o.name === output.name)) OUTPUTS.push(output);
}

/**
 * The one synth hook of a mesh object: every registered output writes its files. Several mesh
 * objects of one Stage may be one App Mesh mesh (a `Mesh` and imports of it): each writes its
 * resources' files into the mesh's folders, and the first writes the files about the whole mesh.
 */
export function wireMeshOutputs(registry: MeshRegistry): void {
  if (WIRED.has(registry)) return;
  WIRED.add(registry);
  const mesh = registry.mesh;
  // The switches are read as the outputs are written; a value that is neither true nor false fails the synthesis first.
  reportAtSynth(mesh, () => contextSwitchDiagnostics(mesh, [
    ...OUTPUTS.flatMap((o) => (o.offSwitch === undefined ? [] : [o.offSwitch])), AWS_APPMESH_RENDERING_CONTEXT,
  ]));
  attachCustomSynthesis(mesh, {
    onSynthesize(session: ISynthesisSession) {
      const group = meshGroupOf(registry);
      const writesWholeMesh = group.registries[0] === registry;
      const contextOf = (graph: MeshGraph, registries: readonly MeshRegistry[]): MeshOutputContext => {
        let byPath: Map<string, MeshMember> | undefined;
        return {
          graph,
          meshFileStem: group.fileStem,
          outdir: session.outdir,
          addInfo: (message) => Annotations.of(mesh).addInfo(message),
          addWarning: (id, message, constructPath) => {
            // One index per output run, made on its first warning: a warning per node stays linear in the mesh.
            byPath ??= new Map(registries.flatMap((r) => r.members()).map((m) => [m.node.path, m]));
            Annotations.of((constructPath === undefined ? undefined : byPath.get(constructPath)) ?? mesh).addWarningV2(id, message);
          },
        };
      };
      const own = contextOf(MeshGraph.current(registry), [registry]);
      const whole = writesWholeMesh ? contextOf(wholeMeshGraph(registry), group.registries) : undefined;
      if (whole && group.fileStem !== group.identity.name) {
        Annotations.of(mesh).addInfo(`another mesh of this app is named ${group.identity.name} too: the files of this one are named `
          + `${fileName(group.fileStem)} (migration/${fileName(group.fileStem)}.md, envoy/${fileName(group.fileStem)}/, …)`);
      }
      for (const output of OUTPUTS) {
        if (output.offSwitch !== undefined && contextSwitch(mesh, output.offSwitch) === false) continue;
        if (!output.aboutWholeMesh) output.write(own);
        else if (whole) output.write(whole);
      }
    },
  });
}
