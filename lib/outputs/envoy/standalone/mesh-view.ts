import { Stack, Token } from 'aws-cdk-lib';
import { MeshMember, MeshRegistry } from '../../../model/registry';
import { ResourceKind, ResourceModel } from '../../../model/spec';
import { EnvoyConfigError } from '../envoy-config-error';

/** One resource of the mesh with its model, names resolved through its stack. */
export interface Resolved {
  readonly member: MeshMember;
  readonly model: ResourceModel<any>;
}

/** A JSON path to the first CloudFormation intrinsic left in a resolved value, if any. */
function firstIntrinsic(value: unknown, path: string): string | undefined {
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = firstIntrinsic(value[i], `${path}[${i}]`);
      if (found) return found;
    }
  } else if (value && typeof value === 'object') {
    const keys = Object.keys(value);
    if (keys.length === 1 && (keys[0] === 'Ref' || keys[0].startsWith('Fn::'))) return path;
    for (const key of keys) {
      // ACM ARNs are never written into a standalone config (the TLS compiler refuses ACM with its own reason).
      if (key === 'acm') continue;
      const found = firstIntrinsic((value as any)[key], path ? `${path}.${key}` : key);
      if (found) return found;
    }
  } else if (typeof value === 'string' && Token.isUnresolved(value)) {
    return path;
  }
  return undefined;
}

/**
 * The mesh as the standalone compiler reads it: every resource this app defines, by name,
 * with its model resolved. Values only known after deployment are refused with their field.
 */
export class MeshView {
  private readonly byKind = new Map<ResourceKind, Map<string, Resolved>>();
  private readonly byMember = new Map<unknown, Resolved>();
  private readonly order = new Map<MeshMember, number>();
  /** Routes by router construct and gateway routes by gateway construct, in registration order. */
  private readonly children = new Map<unknown, Resolved[]>();
  /** Resources holding a value only known after deployment, with the first such field. */
  private readonly unresolved = new Map<Resolved, string>();

  constructor(public readonly mesh: object) {
    MeshRegistry.of(mesh).members().forEach((member, i) => {
      const model = Stack.of(member).resolve(member._toModel()) as ResourceModel<any>;
      const resolved = { member, model };
      const intrinsic = firstIntrinsic(model, '');
      if (intrinsic) this.unresolved.set(resolved, intrinsic);
      const kind = this.byKind.get(model.kind) ?? new Map<string, Resolved>();
      kind.set(model.kind === 'route' || model.kind === 'gatewayRoute' ? member.node.path : model.name, resolved);
      this.byKind.set(model.kind, kind);
      this.byMember.set(member, resolved);
      this.order.set(member, i);
      const parent = model.kind === 'route' ? (member as any).virtualRouter : model.kind === 'gatewayRoute' ? (member as any).virtualGateway : undefined;
      if (parent) this.children.set(parent, [...(this.children.get(parent) ?? []), resolved]);
    });
  }

  /**
   * A resource a configuration is built from: refused when one of its values is only known
   * after deployment (a resource the configuration does not reach may hold such values freely).
   */
  private use(resolved: Resolved | undefined): Resolved | undefined {
    const intrinsic = resolved && this.unresolved.get(resolved);
    if (resolved && intrinsic) {
      throw new EnvoyConfigError(resolved.member.node.path, intrinsic, JSON.stringify(valueAt(resolved.model, intrinsic)),
        'it is only known after deployment (a CloudFormation reference), but a static Envoy configuration needs the value itself',
        'use a literal value for it (for Cloud Map, ServiceDiscovery.cloudMapByName with the literal names)');
    }
    return resolved;
  }

  public get(kind: ResourceKind, name: string): Resolved | undefined {
    return this.use(this.byKind.get(kind)?.get(name));
  }

  /** The resolved model of a member of this mesh. */
  public of(member: unknown): Resolved | undefined {
    return this.use(this.byMember.get(member));
  }

  /** The routes of a router, or the gateway routes of a gateway. */
  public childrenOf(parent: unknown): Resolved[] {
    return (this.children.get(parent) ?? []).map((r) => this.use(r)!);
  }

  /** Every virtual node and virtual gateway of the mesh. */
  public proxies(): Resolved[] {
    return [...(this.byKind.get('virtualNode')?.values() ?? []), ...(this.byKind.get('virtualGateway')?.values() ?? [])];
  }

  /** Registration order, for a stable order among equal priorities. */
  public orderOf(member: MeshMember): number {
    return this.order.get(member) ?? 0;
  }

  /** The mesh's own model (an imported mesh has none). */
  public meshModel(): ResourceModel<any> | undefined {
    const mesh = this.byKind.get('mesh')?.values().next().value;
    return this.use(mesh)?.model;
  }
}

function valueAt(root: any, path: string): unknown {
  return path.split(/\.|\[|\]/).filter(Boolean).reduce((v, k) => (v == null ? v : v[k]), root);
}
