import { createHash } from 'node:crypto';
import { Annotations, ISynthesisSession, attachCustomSynthesis } from 'aws-cdk-lib';
import { MeshGraph } from '../model/mesh-graph';
import { MeshRegistry } from '../model/registry';

/** What an output is told when it writes its files for one mesh. */
export interface MeshOutputContext {
  readonly graph: MeshGraph;
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

/** Whether a context value turns an output off (`false`, or the string `false` from the command line). */
function isOff(value: unknown): boolean {
  return value === false || value === 'false';
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

/** The one synth hook of a mesh: every registered output writes its files from one graph of the mesh. */
export function wireMeshOutputs(registry: MeshRegistry): void {
  if (WIRED.has(registry)) return;
  WIRED.add(registry);
  const mesh = registry.mesh;
  attachCustomSynthesis(mesh, {
    onSynthesize(session: ISynthesisSession) {
      const graph = MeshGraph.current(registry);
      const context: MeshOutputContext = {
        graph,
        outdir: session.outdir,
        addInfo: (message) => Annotations.of(mesh).addInfo(message),
        addWarning: (id, message, constructPath) => {
          const member = registry.members().find((m) => m.node.path === constructPath);
          Annotations.of(member ?? mesh).addWarningV2(id, message);
        },
      };
      for (const output of OUTPUTS) {
        if (output.offSwitch === undefined || !isOff(mesh.node.tryGetContext(output.offSwitch))) output.write(context);
      }
    },
  });
}
