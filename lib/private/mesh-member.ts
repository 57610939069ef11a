import { Lazy, Names, Stack, Stage, attachCustomSynthesis } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { wireMeshOutputs } from './mesh-outputs';
import { MeshGraph } from '../model/mesh-graph';
import { earlierMeshDefinition, meshGroupOf, wholeMeshGraph } from '../model/mesh-group';
import { MeshLike, MeshMember, MeshRegistry } from '../model/registry';
import { Diagnostic } from '../rules/diagnostic';
import { duplicateMeshRule, uniqueNameRule } from '../rules/mesh/unique-name';
import { stackLimitDiagnostics } from '../rules/stack/stack-limits';
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
    return [...memberDiagnostics(graph, graph.members()[index]), ...otherMeshObjectDiagnostics(registry, index)];
  });
  wireMeshOutputs(registry);
  checkStackLimits(Stack.of(member), registry);
}

/**
 * A name taken by a resource of another mesh object of the same mesh (a `Mesh` and an import of it),
 * or the mesh itself defined by an earlier `Mesh`: App Mesh refuses the second, and both would write
 * the same files. A name taken twice in one mesh object is reported by its own graph already.
 */
function otherMeshObjectDiagnostics(registry: MeshRegistry, index: number): Diagnostic[] {
  const earlier = index === 0 ? earlierMeshDefinition(registry) : undefined;
  if (earlier) {
    const mesh = MeshGraph.current(registry).members()[0];
    const { account, region } = meshGroupOf(registry).identity;
    return duplicateMeshRule(mesh, MeshGraph.current(earlier).members()[0], `in account ${account}, Region ${region}`);
  }
  const whole = wholeMeshGraph(registry);
  if (whole.registry === registry && whole.registries.length === 1) return [];
  const offset = whole.registries.slice(0, whole.registries.indexOf(registry)).reduce((n, r) => n + r.members().length, 0);
  const member = whole.members()[offset + index];
  const first = whole.firstNamed(member);
  return first.index < offset ? uniqueNameRule(whole, member) : [];
}

/** The meshes with resources in each stack whose CloudFormation quotas are checked at synth. */
const MESHES_OF_STACK = new WeakMap<Stack, Set<MeshRegistry>>();

/** A stack with mesh resources is checked against CloudFormation's quotas before anything is written. */
function checkStackLimits(stack: Stack, registry: MeshRegistry): void {
  let meshes = MESHES_OF_STACK.get(stack);
  if (meshes === undefined) {
    const registries = meshes = new Set();
    MESHES_OF_STACK.set(stack, registries);
    reportAtSynth(stack, () => stackLimitDiagnostics(stack, [...registries].map((r) => MeshGraph.current(r))));
  }
  meshes.add(registry);
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
