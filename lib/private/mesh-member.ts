import { Lazy, Names, Stage } from 'aws-cdk-lib';
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

/** Stages whose synthesis starts a new graph pass. */
const PASS_STAGES = new WeakSet<IConstruct>();

/**
 * Registers a resource with its mesh: the mesh graph reads it, its diagnostics are reported at
 * synth, and the mesh's file outputs are written once per synthesis.
 */
export function joinMesh(member: MeshMember, mesh: MeshLike): void {
  const registry = MeshRegistry.of(mesh);
  const index = registry.members().length;
  registry.register(member);
  startPassOnSynth(member);
  reportAtSynth(member, () => memberDiagnostics(MeshGraph.current(registry), MeshGraph.current(registry).members()[index]));
  wireMeshOutputs(registry);
}

/**
 * CDK validates a stage's own construct before its descendants, so a validation on the stage
 * starts each synthesis's pass: the mesh graph is then built once for all rules and outputs.
 */
function startPassOnSynth(member: IConstruct): void {
  const stage = Stage.of(member) ?? member.node.root;
  if (PASS_STAGES.has(stage)) return;
  PASS_STAGES.add(stage);
  stage.node.addValidation({
    validate: () => {
      MeshGraph.startPass();
      return [];
    },
  });
}
