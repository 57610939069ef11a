import { Annotations, ISynthesisSession, attachCustomSynthesis } from 'aws-cdk-lib';
import { MeshGraph } from '../model/mesh-graph';
import { MeshRegistry } from '../model/registry';

/** What an output is told when it writes its files for one mesh. */
export interface MeshOutputContext {
  readonly graph: MeshGraph;
  /** The cloud assembly directory. */
  readonly outdir: string;
  /** A context value as the mesh construct sees it (`cdk synth -c key=value`). */
  tryGetContext(key: string): unknown;
  /** A note on the mesh, for what an output could not write. */
  addInfo(message: string): void;
  /** A warning on the resource at `constructPath` (a member of the mesh), or on the mesh. */
  addWarning(id: string, message: string, constructPath?: string): void;
}

/** A file output of a mesh (Envoy configurations, ECS task definitions, …): an independent reader of the graph. */
export interface MeshOutput {
  readonly name: string;
  write(context: MeshOutputContext): void;
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
        tryGetContext: (key) => mesh.node.tryGetContext(key),
        addInfo: (message) => Annotations.of(mesh).addInfo(message),
        addWarning: (id, message, constructPath) => {
          const member = registry.members().find((m) => m.node.path === constructPath);
          Annotations.of(member ?? mesh).addWarningV2(id, message);
        },
      };
      for (const output of OUTPUTS) output.write(context);
    },
  });
}
