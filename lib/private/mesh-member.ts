import { Lazy, Names, Stage, attachCustomSynthesis } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { wireMeshOutputs } from './mesh-outputs';
import { MeshGraph } from '../model/mesh-graph';
import { MeshLike, MeshMember, MeshRegistry } from '../model/registry';
import { reportAtSynth } from '../rules/synth-report';
import { memberDiagnostics } from '../rules/validate';

/**
 * The name a resource gets when none is given: unique in the app, derived from its construct
 * path. Takes the construct lazily, since the name is passed to `super` before `this` exists.
 */
export function generatedName(self: () => IConstruct): string {
  return Lazy.string({ produce: () => Names.uniqueResourceName(self(), { maxLength: 255 }) });
}

/** Stages whose synthesis ends by marking the mesh graphs out of date. */
const STAGES = new WeakSet<IConstruct>();

/**
 * Registers a resource with its mesh: the mesh graph reads it, its diagnostics are reported at
 * synth, and the mesh's file outputs are written once per synthesis.
 */
export function joinMesh(member: MeshMember, mesh: MeshLike): void {
  const registry = MeshRegistry.of(mesh);
  const index = registry.members().length;
  registry.register(member);
  MeshGraph.invalidate();
  invalidateAfterSynthesis(member);
  reportAtSynth(member, () => {
    const graph = MeshGraph.current(registry);
    return memberDiagnostics(graph, graph.members()[index]);
  });
  wireMeshOutputs(registry);
}

/**
 * A synthesis reads one graph per mesh (CDK resolves references, then validates, then
 * synthesizes, with no user code in between); after it, the graphs are out of date, since the
 * app may go on changing. CDK synthesizes a stage's own construct last.
 */
function invalidateAfterSynthesis(member: IConstruct): void {
  const stage = Stage.of(member) ?? member.node.root;
  if (STAGES.has(stage)) return;
  STAGES.add(stage);
  try {
    attachCustomSynthesis(stage, { onSynthesize: () => MeshGraph.invalidate() });
  } catch {
    // The app has a custom synthesis of its own on its root: changes to the mesh still mark the graphs out of date.
  }
}
