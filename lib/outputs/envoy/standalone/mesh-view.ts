import { Token } from 'aws-cdk-lib';
import { GraphMember, MeshGraph } from '../../../model/mesh-graph';
import {
  GatewayRouteSpecModel, MeshSpecModel, ResourceKind, ResourceModel, RouteSpecModel, VirtualGatewaySpecModel,
  VirtualNodeSpecModel, VirtualRouterSpecModel, VirtualServiceSpecModel,
} from '../../../model/spec';
import { MeshKitError } from '../../../rules/mesh-kit-error';

/** The spec model of each kind of resource, so a lookup by kind is typed by that kind. */
export interface SpecOfKind {
  mesh: MeshSpecModel;
  virtualNode: VirtualNodeSpecModel;
  virtualService: VirtualServiceSpecModel;
  virtualRouter: VirtualRouterSpecModel;
  route: RouteSpecModel;
  virtualGateway: VirtualGatewaySpecModel;
  gatewayRoute: GatewayRouteSpecModel;
}

/** The spec of a resource that runs Envoy: a virtual node or a virtual gateway. */
export type ProxySpecModel = VirtualNodeSpecModel | VirtualGatewaySpecModel;

/** One resource of the mesh as the standalone compiler reads it: its model with every value resolved. */
export interface Resolved<Spec = unknown> {
  readonly member: GraphMember<Spec>;
  readonly model: ResourceModel<Spec>;
  /** Construct path, for errors. */
  readonly path: string;
}

/** A JSON path to the first CloudFormation intrinsic left in a resolved value, if any. */
function firstIntrinsic(value: unknown, path: string): string | undefined {
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = firstIntrinsic(value[i], `${path}[${i}]`);
      if (found) return found;
    }
  } else if (value && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    const keys = Object.keys(record);
    if (keys.length === 1 && (keys[0] === 'Ref' || keys[0].startsWith('Fn::'))) return path;
    for (const key of keys) {
      // ACM ARNs are never written into a standalone config (the TLS compiler refuses ACM with its own reason).
      if (key === 'acm') continue;
      const found = firstIntrinsic(record[key], path ? `${path}.${key}` : key);
      if (found) return found;
    }
  } else if (typeof value === 'string' && Token.isUnresolved(value)) {
    return path;
  }
  return undefined;
}

function valueAt(root: unknown, path: string): unknown {
  return path.split(/\.|\[|\]/).filter(Boolean)
    .reduce<unknown>((v, k) => (v === null || v === undefined ? v : (v as Record<string, unknown>)[k]), root);
}

/**
 * The mesh graph as the standalone compiler reads it: resolved models, and a resource holding a
 * value only known after deployment refused with its field when a configuration needs it.
 */
export class MeshView {
  private readonly cache = new Map<GraphMember, Resolved>();

  constructor(public readonly graph: MeshGraph) {}

  /**
   * A resource a configuration is built from: refused when one of its values is only known
   * after deployment (a resource the configuration does not reach may hold such values freely).
   */
  public use<Spec>(member: GraphMember<Spec>): Resolved<Spec>;
  public use<Spec>(member: GraphMember<Spec> | undefined): Resolved<Spec> | undefined;
  public use<Spec>(member: GraphMember<Spec> | undefined): Resolved<Spec> | undefined {
    if (!member) return undefined;
    let resolved = this.cache.get(member) as Resolved<Spec> | undefined;
    if (!resolved) {
      // What a configuration is compiled from: the ARN, account and Region are not.
      const { kind, path, name, meshName, meshOwner, spec, tags } = member.resolved;
      const data = { kind, path, name, meshName, meshOwner, spec, tags };
      const intrinsic = firstIntrinsic(data, '');
      if (intrinsic) {
        throw new MeshKitError({
          code: 'AMK_ENVOY_UNRESOLVABLE',
          constructPath: member.path,
          field: intrinsic,
          value: JSON.stringify(valueAt(data, intrinsic)),
          message: 'it is only known after deployment (a CloudFormation reference), but a static Envoy configuration needs the value itself',
          fix: 'use a literal value for it (for Cloud Map, ServiceDiscovery.cloudMapByName with the literal names)',
        });
      }
      resolved = { member, model: member.resolved, path: member.path };
      this.cache.set(member, resolved);
    }
    return resolved;
  }

  /** The resource of a kind with a name, typed by its kind; undefined when this app does not define it. */
  public get<Kind extends ResourceKind>(kind: Kind, name: string): Resolved<SpecOfKind[Kind]> | undefined {
    return this.use(this.graph.get<SpecOfKind[Kind]>(kind, name));
  }

  /** A router's routes in App Mesh's order. */
  public routesOf(router: Resolved<VirtualRouterSpecModel>): Resolved<RouteSpecModel>[] {
    return this.graph.routesOf(router.member).map((route) => this.use(route));
  }

  /** A gateway's gateway routes, in the order they were defined. */
  public gatewayRoutesOf(gateway: Resolved<VirtualGatewaySpecModel>): Resolved<GatewayRouteSpecModel>[] {
    return this.graph.gatewayRoutesOf(gateway.member).map((route) => this.use(route));
  }

  /** The mesh's own model (an imported mesh has none). */
  public meshModel(): ResourceModel<MeshSpecModel> | undefined {
    return this.use(this.graph.mesh)?.model;
  }
}
