import { Stage } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { MeshGraph } from './mesh-graph';
import { MeshRegistry } from './registry';

/** Which App Mesh mesh a mesh object is, as its graph knows it: the name, and the account and Region where they are literals. */
export interface MeshIdentity {
  readonly name: string;
  readonly account?: string;
  readonly region?: string;
}

/**
 * One App Mesh mesh of a cloud assembly: every mesh object (a `Mesh`, imports of it by name or ARN)
 * of one Stage that is that mesh, and the name its files take.
 */
export interface MeshGroup {
  /** The mesh objects, in the order the app made them; the first writes the files about the whole mesh. */
  readonly registries: readonly MeshRegistry[];
  readonly identity: MeshIdentity;
  /**
   * The mesh's name in file names: its name, or `<name>.<account>.<region>` when another mesh of the
   * same cloud assembly has the name too (`any-account`, `any-region` where the stack has none), then
   * its construct path if that still clashes.
   */
  readonly fileStem: string;
}

const literal = (value: unknown): string | undefined => typeof value === 'string' ? value : undefined;

/**
 * The mesh a graph's members belong to: the mesh's own account and Region, or for an import the
 * first member's Region and its mesh owner (the member's account when it names none).
 */
export function meshIdentity(graph: MeshGraph): MeshIdentity {
  const mesh = graph.mesh?.resolved;
  const first = graph.members()[0]?.resolved;
  const account = mesh ? literal(mesh.account) : literal(first?.meshOwner) ?? literal(first?.account);
  return { name: graph.meshName, account, region: literal((mesh ?? first)?.region) };
}

const keyOf = (identity: MeshIdentity): string => JSON.stringify([identity.name, identity.account ?? null, identity.region ?? null]);

/**
 * The meshes of a Stage's mesh objects. Objects are one mesh when their identities are equal (an
 * unknown account or Region matches only an unknown one) and at most one of them is a `Mesh`
 * (two `Mesh` constructs are two meshes, as the reference rules say). Objects without resources
 * write nothing and belong to no group.
 */
function groupsOf(stage: IConstruct): MeshGroup[] {
  const registries = MeshRegistry.allOf(stage.node.root).filter((r) => r.members().length > 0 && stageOf(r) === stage);
  const groups: { registries: MeshRegistry[]; identity: MeshIdentity; owned: boolean }[] = [];
  for (const registry of registries) {
    const identity = meshIdentity(MeshGraph.current(registry));
    const group = groups.find((g) => keyOf(g.identity) === keyOf(identity) && !(g.owned && registry.owned));
    if (group) {
      group.registries.push(registry);
      group.owned ||= registry.owned;
    } else {
      groups.push({ registries: [registry], identity, owned: registry.owned });
    }
  }
  const count = (stems: string[], stem: string) => stems.filter((s) => s === stem).length;
  const names = groups.map((g) => g.identity.name);
  const qualified = groups.map(({ identity }) => count(names, identity.name) === 1 ? identity.name
    : `${identity.name}.${identity.account ?? 'any-account'}.${identity.region ?? 'any-region'}`);
  return groups.map((g, i) => ({
    registries: g.registries,
    identity: g.identity,
    fileStem: count(qualified, qualified[i]) === 1 ? qualified[i] : `${qualified[i]}.${g.registries[0].path}`,
  }));
}

function stageOf(registry: MeshRegistry): IConstruct {
  return Stage.of(registry.mesh) ?? registry.mesh.node.root;
}

const GROUPS = new WeakMap<IConstruct, { epoch: number; groups: MeshGroup[] }>();

/** The meshes of a Stage's mesh objects with resources; computed once per Stage while no mesh changes. */
export function meshGroupsIn(stage: IConstruct): readonly MeshGroup[] {
  let cached = GROUPS.get(stage);
  if (!cached || cached.epoch !== MeshGraph.epoch) {
    cached = { epoch: MeshGraph.epoch, groups: groupsOf(stage) };
    GROUPS.set(stage, cached);
  }
  return cached.groups;
}

/** The mesh a mesh object is part of (alone, when it has no resources). */
export function meshGroupOf(registry: MeshRegistry): MeshGroup {
  const group = meshGroupsIn(stageOf(registry)).find((g) => g.registries.includes(registry));
  if (group) return group;
  const identity = meshIdentity(MeshGraph.current(registry));
  return { registries: [registry], identity, fileStem: identity.name };
}

/**
 * A `Mesh` of the same Stage, made before this one, that defines the same App Mesh mesh (same name,
 * account and Region, all known): App Mesh names meshes uniquely per account and Region.
 */
export function earlierMeshDefinition(registry: MeshRegistry): MeshRegistry | undefined {
  const group = meshGroupOf(registry);
  const { account, region } = group.identity;
  if (!registry.owned || account === undefined || region === undefined) return undefined;
  const groups = meshGroupsIn(stageOf(registry));
  return groups.slice(0, groups.indexOf(group)).find((g) => keyOf(g.identity) === keyOf(group.identity))?.registries.find((r) => r.owned);
}

/**
 * The graph of the whole App Mesh mesh a mesh object is part of: the object's own graph when it is
 * the only one, else one graph of every object of the mesh.
 */
export function wholeMeshGraph(registry: MeshRegistry): MeshGraph {
  const { registries } = meshGroupOf(registry);
  return registries.length === 1 ? MeshGraph.current(registry) : MeshGraph.union(registries);
}
