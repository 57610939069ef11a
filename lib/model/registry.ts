import { IConstruct } from 'constructs';
import { MeshMutualTlsOptions } from '../mesh-tls-options';
import { ResourceKind, ResourceModel } from './spec';
import { Diagnostic } from '../rules/diagnostic';

/**
 * What every resource construct of a mesh offers to the registry: its kind, its model,
 * and its own diagnostics (field rules plus the mesh rules it is the subject of).
 * @internal
 */
export interface MeshMember extends IConstruct {
  readonly _kind: ResourceKind;
  _toModel(): ResourceModel<unknown>;
  _diagnostics(): Diagnostic[];
}

/**
 * Every resource that belongs to one mesh object, in whatever stack it is defined.
 * Outputs (CloudFormation checks, Envoy, ECS, graph) read the mesh through this only.
 * Kept outside the public IMesh so a mesh imported by ARN or name gets one too.
 */
export class MeshRegistry {
  public static of(mesh: object): MeshRegistry {
    let registry = REGISTRIES.get(mesh);
    if (!registry) {
      registry = new MeshRegistry();
      REGISTRIES.set(mesh, registry);
    }
    return registry;
  }

  /** True for a mesh this app defines (a `Mesh`), false for one imported by ARN or name. */
  public owned = false;

  /** Mesh-wide mutual TLS, when `Mesh.requireMutualTls` was called. */
  public mutualTls?: MeshMutualTlsOptions;

  private readonly _members: MeshMember[] = [];

  public register(member: MeshMember): void {
    this._members.push(member);
  }

  /** Members in registration order, optionally of one kind. */
  public members(kind?: ResourceKind): MeshMember[] {
    return kind ? this._members.filter((m) => m._kind === kind) : [...this._members];
  }
}

const REGISTRIES = new WeakMap<object, MeshRegistry>();
