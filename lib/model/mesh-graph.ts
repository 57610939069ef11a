import { Stack } from 'aws-cdk-lib';
import { appendTo } from './append-to';
import { withoutInvalidInputs } from './invalid-input';
import { MeshMember, MeshRegistry } from './registry';
import {
  GatewayRouteSpecModel, MeshSpecModel, ReferenceModel, ResourceKind, ResourceModel, RouteSpecModel,
  VirtualGatewaySpecModel, VirtualNodeSpecModel, VirtualRouterSpecModel, VirtualServiceSpecModel,
} from './spec';

/** Where a route without a priority sorts: after every priority App Mesh accepts (0–1000). */
const UNSET_PRIORITY = 1001;

/**
 * One resource of the mesh as every reader sees it: its model as the construct rendered it
 * (tokens kept as tokens, which the field rules skip) and, on demand, resolved through its stack.
 */
export class GraphMember<Spec = unknown> {
  private resolvedModel?: ResourceModel<Spec>;
  private resolvedName?: { value: unknown };

  /** @param construct the construct behind the member: read here only, never by a reader. */
  constructor(
    private readonly construct: MeshMember,
    /** The model as rendered, tokens kept. */
    public readonly model: ResourceModel<Spec>,
    /** Registration order in the mesh (App Mesh's order among routes of equal priority). */
    public readonly index: number,
  ) {}

  public get kind(): ResourceKind {
    return this.model.kind;
  }

  /** Construct path, for diagnostics. */
  public get path(): string {
    return this.model.path;
  }

  /** The name with tokens resolved (a generated name becomes its literal), or undefined when only known after deployment. */
  public get name(): string | undefined {
    const value = this.resolveName(this.model.name);
    return typeof value === 'string' ? value : undefined;
  }

  /**
   * The model with every token resolved through the resource's stack: generated names become
   * literals, and values only known after deployment become CloudFormation intrinsics.
   * References and issues stay as rendered.
   */
  public get resolved(): ResourceModel<Spec> {
    if (!this.resolvedModel) {
      const { references, issues, ...data } = this.model;
      // A plain-JS caller's wrong value (reported by the rules) may hold a construct, which CDK cannot resolve.
      this.resolvedModel = { ...Stack.of(this.construct).resolve(withoutInvalidInputs(data)), references, issues };
    }
    return this.resolvedModel!;
  }

  /** A value resolved through this resource's stack (names it references, outputs built from it). */
  public resolve(value: unknown): unknown {
    return Stack.of(this.construct).resolve(value);
  }

  private resolveName(name: string): unknown {
    if (!this.resolvedName) this.resolvedName = { value: this.resolve(name) };
    return this.resolvedName.value;
  }
}

/** A weighted target of a route: the reference as the route holds it, and the node it names in this app (if any). */
export interface RouteTarget {
  readonly reference: ReferenceModel;
  readonly node: GraphMember<VirtualNodeSpecModel> | undefined;
}

/**
 * One resolved, read-only graph of a mesh: members by kind and name, a router's routes in App
 * Mesh's order, a gateway's gateway routes, each service's provider chain, each node's backends
 * and callers. Every rule and every output reads the mesh through this, never through a construct.
 *
 * Built once per synthesis per mesh (see `current`), and once per `Mesh.validate()` call.
 */
export class MeshGraph {
  /** A new graph of the mesh as it is now. */
  public static build(registry: MeshRegistry): MeshGraph {
    return new MeshGraph(registry);
  }

  /**
   * Marks every cached graph out of date: the next reader builds a new one. Called whenever a
   * mesh may have changed (a resource is added, a builder or `add*` method runs), after each
   * synthesis, and by `Mesh.validate()`.
   */
  public static invalidate(): void {
    epoch++;
  }

  /**
   * The graph of a mesh as it is now, built once and shared by every reader until the mesh
   * changes: within one synthesis, CDK's reference resolution, every rule and every file output
   * read the same graph.
   */
  public static current(registry: MeshRegistry): MeshGraph {
    const cached = CACHE.get(registry);
    if (cached && cached.epoch === epoch) return cached.graph;
    const graph = MeshGraph.build(registry);
    CACHE.set(registry, { epoch, graph });
    return graph;
  }

  /**
   * One graph of several mesh objects (registries) that are one App Mesh mesh (see mesh-group.ts):
   * their members, the first object's first, and references to any of them looked up here. Built
   * once per synthesis, like `current`; the first registry stands for the graph.
   */
  public static union(registries: readonly MeshRegistry[]): MeshGraph {
    const cached = UNIONS.get(registries[0]);
    if (cached && cached.epoch === epoch && sameList(cached.graph.registries, registries)) return cached.graph;
    const graph = new MeshGraph(registries[0], registries);
    UNIONS.set(registries[0], { epoch, graph });
    return graph;
  }

  /** The count of changes to any mesh: a value computed from graphs is current while this is the one it was computed at. */
  public static get epoch(): number {
    return epoch;
  }

  private readonly all: GraphMember[];
  private readonly byConstruct = new Map<MeshMember, GraphMember>();
  private readonly byKind = new Map<ResourceKind, GraphMember[]>();
  private readonly byName = new Map<ResourceKind, Map<string, GraphMember>>();
  private readonly routesByRouter = new Map<string, GraphMember<RouteSpecModel>[]>();
  private readonly routesByGateway = new Map<string, GraphMember<GatewayRouteSpecModel>[]>();
  private callers?: Map<GraphMember, GraphMember[]>;
  private firstByName?: Map<string, GraphMember>;
  private callersByService?: Map<GraphMember, GraphMember<VirtualNodeSpecModel>[]>;

  private constructor(
    public readonly registry: MeshRegistry,
    /** The mesh objects the graph holds the members of: the registry, or every object of a mesh (`union`). */
    public readonly registries: readonly MeshRegistry[] = [registry],
  ) {
    const constructs = registries.flatMap((r) => r.members());
    this.all = constructs.map((member, i) => new GraphMember(member, member._toModel(), i));
    constructs.forEach((construct, i) => this.byConstruct.set(construct, this.all[i]));
    for (const member of this.all) {
      appendTo(this.byKind, member.kind, member);
      const name = member.name;
      if (name === undefined) continue;
      const names = this.byName.get(member.kind) ?? new Map<string, GraphMember>();
      names.set(name, member);
      this.byName.set(member.kind, names);
    }
    for (const route of this.members<RouteSpecModel>('route')) {
      const router = route.resolve(route.model.virtualRouterName);
      if (typeof router === 'string') appendTo(this.routesByRouter, router, route);
    }
    for (const route of this.members<GatewayRouteSpecModel>('gatewayRoute')) {
      const gateway = route.resolve(route.model.virtualGatewayName);
      if (typeof gateway === 'string') appendTo(this.routesByGateway, gateway, route);
    }
  }

  /**
   * The model a member construct rendered for this graph: the template renders it from here, so a
   * synthesis renders each model once (the graph is current throughout, since no user code runs).
   */
  public modelOf<Spec = unknown>(construct: MeshMember): ResourceModel<Spec> | undefined {
    return this.byConstruct.get(construct)?.model as ResourceModel<Spec> | undefined;
  }

  /** Members in registration order, optionally of one kind. */
  public members<Spec = unknown>(kind?: ResourceKind): GraphMember<Spec>[] {
    return (kind ? this.byKind.get(kind) ?? [] : this.all) as GraphMember<Spec>[];
  }

  /** The mesh's own member (an imported mesh has none). */
  public get mesh(): GraphMember<MeshSpecModel> | undefined {
    return this.members<MeshSpecModel>('mesh')[0];
  }

  /**
   * The mesh's name, resolved: the mesh's own, or its members' for an imported mesh; the mesh's
   * construct path while the name is only known after deployment.
   */
  public get meshName(): string {
    const first = this.all[0];
    const name = this.mesh?.name ?? (typeof first?.resolved.meshName === 'string' ? first.resolved.meshName : undefined);
    return name ?? this.registry.path;
  }

  /** The member of a kind with a (resolved) name; a later definition of the same name wins, as in App Mesh. */
  public get<Spec = unknown>(kind: ResourceKind, name: unknown): GraphMember<Spec> | undefined {
    return typeof name === 'string' ? this.byName.get(kind)?.get(name) as GraphMember<Spec> | undefined : undefined;
  }

  /**
   * The resource a reference names, looked up in the graph of the mesh it belongs to (so a
   * cross-mesh reference still finds its resource); undefined for an imported resource.
   */
  public lookup<Spec = unknown>(from: GraphMember, reference: ReferenceModel): GraphMember<Spec> | undefined {
    const graph = this.registries.includes(reference.mesh) ? this : MeshGraph.current(reference.mesh);
    return graph.get<Spec>(reference.kind, from.resolve(reference.name));
  }

  /**
   * The first member defined with the same kind, name and parent as this one (a route's router,
   * a gateway route's gateway): the member itself unless an earlier one took the name.
   */
  public firstNamed(member: GraphMember): GraphMember {
    if (!this.firstByName) {
      this.firstByName = new Map();
      for (const m of this.all) {
        const key = nameKey(m);
        if (key !== undefined && !this.firstByName.has(key)) this.firstByName.set(key, m);
      }
    }
    const key = nameKey(member);
    return (key !== undefined ? this.firstByName.get(key) : undefined) ?? member;
  }

  /** Every virtual node and virtual gateway (node first), each in registration order. */
  public proxies(): GraphMember<VirtualNodeSpecModel | VirtualGatewaySpecModel>[] {
    return [...this.members<VirtualNodeSpecModel>('virtualNode'), ...this.members<VirtualGatewaySpecModel>('virtualGateway')];
  }

  /**
   * The members of a kind defined through one mesh object of the graph, in registration order: in a
   * graph of the whole mesh (`union`), what that object's per-resource outputs are about.
   */
  public definedThrough<Spec = unknown>(registry: MeshRegistry, kind: ResourceKind): GraphMember<Spec>[] {
    return registry.members().map((construct) => this.byConstruct.get(construct))
      .filter((member): member is GraphMember => member?.kind === kind) as GraphMember<Spec>[];
  }

  /** The virtual nodes and gateways (nodes first) defined through one mesh object, as `proxies()` orders them. */
  public proxiesDefinedThrough(registry: MeshRegistry): GraphMember<VirtualNodeSpecModel | VirtualGatewaySpecModel>[] {
    return [...this.definedThrough<VirtualNodeSpecModel>(registry, 'virtualNode'), ...this.definedThrough<VirtualGatewaySpecModel>(registry, 'virtualGateway')];
  }

  /**
   * A router's routes in App Mesh's order: by priority (0 first, unset after every priority),
   * then by the length of the path prefix they match, longest first (what App Mesh did before
   * priorities existed, aws-app-mesh-roadmap#77), then in the order they were defined.
   */
  public routesOf(router: GraphMember<VirtualRouterSpecModel>): GraphMember<RouteSpecModel>[] {
    const routes = this.routesByRouter.get(router.name ?? '') ?? [];
    return [...routes].sort(inAppMeshOrder);
  }

  /** The routes of a router, in the order they were defined. */
  public routesInDefinitionOrder(routerName: unknown): GraphMember<RouteSpecModel>[] {
    return typeof routerName === 'string' ? this.routesByRouter.get(routerName) ?? [] : [];
  }

  /** A gateway's gateway routes in App Mesh's order: the same order as a router's routes. */
  public gatewayRoutesOf(gateway: GraphMember<VirtualGatewaySpecModel>): GraphMember<GatewayRouteSpecModel>[] {
    return [...this.routesByGateway.get(gateway.name ?? '') ?? []].sort(inAppMeshOrder);
  }

  /** What provides a virtual service: a node or a router of this app (undefined for none or an import). */
  public providerOf(service: GraphMember<VirtualServiceSpecModel>): GraphMember<VirtualNodeSpecModel | VirtualRouterSpecModel> | undefined {
    const reference = service.model.references.find((r) => r.kind === 'virtualNode' || r.kind === 'virtualRouter');
    return reference ? this.lookup(service, reference) : undefined;
  }

  /** A route's weighted targets, with the nodes they name. */
  public targetsOf(route: GraphMember<RouteSpecModel>): RouteTarget[] {
    return route.model.references.filter((r) => r.kind === 'virtualNode')
      .map((reference) => ({ reference, node: this.lookup<VirtualNodeSpecModel>(route, reference) }));
  }

  /**
   * The virtual nodes that list a virtual service as a backend, in registration order. The index
   * is built once per graph: asking every node of a large mesh for every service is quadratic.
   */
  public nodesCalling(service: GraphMember<VirtualServiceSpecModel>): GraphMember<VirtualNodeSpecModel>[] {
    if (!this.callersByService) {
      this.callersByService = new Map();
      for (const node of this.members<VirtualNodeSpecModel>('virtualNode')) {
        for (const backend of new Set(this.backendsOf(node))) appendTo(this.callersByService, backend, node);
      }
    }
    return this.callersByService.get(service) ?? [];
  }

  /** The virtual services a node calls (backends this app defines). */
  public backendsOf(node: GraphMember<VirtualNodeSpecModel>): GraphMember<VirtualServiceSpecModel>[] {
    return node.model.references.filter((r) => r.kind === 'virtualService')
      .map((r) => this.lookup<VirtualServiceSpecModel>(node, r))
      .filter((s): s is GraphMember<VirtualServiceSpecModel> => s !== undefined);
  }

  /** The nodes a virtual service's traffic ends up on: its provider node, or its router's targets. */
  public nodesBehind(service: GraphMember<VirtualServiceSpecModel>): GraphMember<VirtualNodeSpecModel>[] {
    const provider = this.providerOf(service);
    if (!provider) return [];
    if (provider.kind === 'virtualNode') return [provider as GraphMember<VirtualNodeSpecModel>];
    const nodes = this.routesOf(provider as GraphMember<VirtualRouterSpecModel>)
      .flatMap((route) => this.targetsOf(route).map((t) => t.node))
      .filter((n): n is GraphMember<VirtualNodeSpecModel> => n !== undefined);
    return [...new Set(nodes)];
  }

  /** The nodes and gateways that call a node: through a backend, or a gateway route, whose service ends up on it. */
  public callersOf(node: GraphMember<VirtualNodeSpecModel>): GraphMember[] {
    if (!this.callers) {
      this.callers = new Map();
      const add = (callee: GraphMember, caller: GraphMember) => {
        const list = this.callers!.get(callee) ?? [];
        if (!list.includes(caller)) list.push(caller);
        this.callers!.set(callee, list);
      };
      for (const caller of this.members<VirtualNodeSpecModel>('virtualNode')) {
        for (const service of this.backendsOf(caller)) this.nodesBehind(service).forEach((callee) => add(callee, caller));
      }
      for (const route of this.members<GatewayRouteSpecModel>('gatewayRoute')) {
        const gateway = this.get<VirtualGatewaySpecModel>('virtualGateway', route.resolve(route.model.virtualGatewayName));
        const target = route.model.references.find((r) => r.kind === 'virtualService');
        const service = target && this.lookup<VirtualServiceSpecModel>(route, target);
        if (gateway && service) this.nodesBehind(service).forEach((callee) => add(callee, gateway));
      }
    }
    return this.callers.get(node) ?? [];
  }
}

type AnyRoute = GraphMember<RouteSpecModel | GatewayRouteSpecModel>;

/** Kind, parent and name: what must be unique in a mesh (undefined while the name is only known after deployment). */
function nameKey(member: GraphMember): string | undefined {
  const name = member.name;
  if (name === undefined) return undefined;
  const parent = member.kind === 'route' ? member.resolve(member.model.virtualRouterName)
    : member.kind === 'gatewayRoute' ? member.resolve(member.model.virtualGatewayName) : '';
  return typeof parent === 'string' ? JSON.stringify([member.kind, parent, name]) : undefined;
}

function priorityOf(route: AnyRoute): number {
  const priority = route.resolved.spec?.priority;
  return typeof priority === 'number' ? priority : UNSET_PRIORITY;
}

/** The length of the path prefix a route matches (0 when it matches no prefix: gRPC, an exact path, a regex). */
function prefixLengthOf(route: AnyRoute): number {
  const spec = route.resolved.spec as Record<string, { match?: { prefix?: unknown } } | number | undefined> | undefined;
  const body = Object.entries(spec ?? {}).find(([key]) => key.endsWith('Route'))?.[1];
  const prefix = typeof body === 'object' ? body.match?.prefix : undefined;
  return typeof prefix === 'string' ? prefix.length : 0;
}

/** App Mesh's order of routes: priority (unset last), longest path prefix, definition order. */
function inAppMeshOrder(a: AnyRoute, b: AnyRoute): number {
  return priorityOf(a) - priorityOf(b) || prefixLengthOf(b) - prefixLengthOf(a) || a.index - b.index;
}

/** Counts the changes to any mesh: a cached graph is current while the count is the one it was built at. */
let epoch = 0;
const CACHE = new WeakMap<MeshRegistry, { epoch: number; graph: MeshGraph }>();
const UNIONS = new WeakMap<MeshRegistry, { epoch: number; graph: MeshGraph }>();

function sameList<T>(a: readonly T[], b: readonly T[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}
