import { IConstruct } from 'constructs';
import { appendTo } from './append-to';
import { ClientPolicyModel, ListenerTlsModel, ResourceKind, ResourceModel } from './spec';

/**
 * What every resource construct of a mesh offers to the registry: its kind and its model.
 * Everything else (rules, outputs) reads the model, through the mesh graph.
 * @internal
 */
export interface MeshMember extends IConstruct {
  readonly _kind: ResourceKind;
  _toModel(): ResourceModel<unknown>;
}

/** What the registry needs of a mesh object: its name (maybe a token) and its place in the tree. */
export interface MeshLike extends IConstruct {
  readonly meshName: string;
}

/** Mesh-wide mutual TLS (`Mesh.requireMutualTls`), rendered: what listeners and backends without their own get. */
export interface MeshMutualTlsModel {
  readonly listenerTls: ListenerTlsModel | undefined;
  readonly clientPolicy: ClientPolicyModel | undefined;
}

/**
 * Every resource that belongs to one mesh object, in whatever stack it is defined, in
 * registration order. Kept outside the public IMesh so a mesh imported by ARN or name gets one
 * too. The registry also stands for its mesh in references: two references name the same mesh
 * object when they hold the same registry.
 */
export class MeshRegistry {
  public static of(mesh: MeshLike): MeshRegistry {
    let registry = REGISTRIES.get(mesh);
    if (!registry) {
      registry = new MeshRegistry(mesh);
      REGISTRIES.set(mesh, registry);
      const root = mesh.node.root;
      appendTo(BY_APP, root, registry);
    }
    return registry;
  }

  /** Every registry of the app under `root`, in the order they were made. */
  public static allOf(root: IConstruct): readonly MeshRegistry[] {
    return BY_APP.get(root) ?? [];
  }

  /** True for a mesh this app defines (a `Mesh`), false for one imported by ARN or name. */
  public owned = false;

  /** Mesh-wide mutual TLS, when `Mesh.requireMutualTls` was called. */
  public mutualTls?: MeshMutualTlsModel;

  private readonly _members: MeshMember[] = [];

  private constructor(
    /** The mesh construct (a `Mesh` or an import). */
    public readonly mesh: MeshLike,
  ) {}

  /** The mesh's name (a token while it is generated or imported by a token ARN). */
  public get meshName(): string {
    return this.mesh.meshName;
  }

  /** The mesh's construct path, to name a mesh whose name is a token. */
  public get path(): string {
    return this.mesh.node.path;
  }

  public register(member: MeshMember): void {
    this._members.push(member);
  }

  /** Members in registration order. */
  public members(): readonly MeshMember[] {
    return this._members;
  }
}

const REGISTRIES = new WeakMap<object, MeshRegistry>();
const BY_APP = new WeakMap<IConstruct, MeshRegistry[]>();
