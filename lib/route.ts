import { ArnComponents, IResource, Resource, Token } from 'aws-cdk-lib';
import { CfnRoute } from 'aws-cdk-lib/aws-appmesh';
import { Construct } from 'constructs';
import { IMesh } from './mesh';
import { InvalidInput } from './model/invalid-input';
import { MeshGraph } from './model/mesh-graph';
import { MeshMember, MeshRegistry } from './model/registry';
import { ConstructIssue, ROUTE_KEYS, ResourceModel, RouteSpecModel, WeightedTargetModel } from './model/spec';
import { parseMeshArn } from './private/arn';
import { checkConstructArgs } from './private/construct-args';
import { createAfter } from './private/dependency';
import { durationModel } from './private/duration';
import { generatedName } from './private/mesh-member';
import { MeshL1, ModelIdentity, createMeshResource, referenceTo } from './private/mesh-resource';
import { hasMethod } from './private/render';
import { tagsModel } from './private/tags';
import { GrpcRetryPolicy, retryPolicyModel } from './retry-policy';
import { RouteSpec, RouteTimeout, WeightedTarget } from './route-spec';
import { renderValue } from './rules/format';
import { meshLabel, sameMesh } from './rules/mesh/same-mesh';
import { unknownPropIssues } from './rules/option-keys';
import { IVirtualNode } from './virtual-node';
import { IVirtualRouter, VirtualRouter } from './virtual-router';

/**
 * A route of a virtual router.
 */
export interface IRoute extends IResource {
  /**
   * The name of the route.
   * @attribute
   */
  readonly routeName: string;

  /**
   * The ARN of the route.
   * @attribute
   */
  readonly routeArn: string;

  /** The virtual router the route belongs to. */
  readonly virtualRouter: IVirtualRouter;
}

/**
 * Properties of a route, without its router (for `VirtualRouter.addRoute`).
 */
export interface RouteBaseProps {
  /**
   * The route name (1–255 characters, unique in the router). The name given is the name used.
   * @default - a name unique in the app, derived from the construct path
   */
  readonly routeName?: string;
  /** Protocol, match, and initial targets, retries and timeouts. */
  readonly routeSpec: RouteSpec;
  /**
   * Tags of the route resource (at most 50).
   * @default - no tags
   */
  readonly tags?: { [key: string]: string };
}

/**
 * Properties of a route.
 */
export interface RouteProps extends RouteBaseProps {
  /** The virtual router the route belongs to. */
  readonly virtualRouter: IVirtualRouter;
  /**
   * The router's mesh, which aws-cdk-lib/aws-appmesh requires here. A route always belongs to its
   * router's mesh, so this is read from the router; pass the same mesh or leave it out (another
   * mesh is `AMK_ROUTE_MESH`).
   * @default - the router's mesh
   */
  readonly mesh?: IMesh;
}

/**
 * What identifies an existing route.
 */
export interface RouteAttributes {
  /** The name of the route. */
  readonly routeName: string;
  /** The virtual router it belongs to. */
  readonly virtualRouter: IVirtualRouter;
}

/** One weighted target as the route keeps it; weights may be left for the route to share out. */
interface Target {
  readonly node: IVirtualNode;
  readonly weight?: number;
  readonly port?: number;
}

/**
 * An App Mesh route: how a virtual router sends matching requests to virtual nodes.
 *
 * Builder methods read as intent and return the route: `to(v1).canary(v2, 10).withRetries(RetryPolicy.recommended())`.
 * @see https://docs.aws.amazon.com/app-mesh/latest/userguide/routes.html
 */
export class Route extends Resource implements IRoute, MeshMember {
  /**
   * Imports a route by ARN (`…:mesh/<mesh>/virtualRouter/<router>/route/<name>`).
   * @param scope the construct to define the imported resource in
   * @param id the construct id, unique among its siblings
   * @param routeArn the route ARN
   */
  public static fromRouteArn(scope: Construct, id: string, routeArn: string): IRoute {
    const parts = parseMeshArn(scope, routeArn, 4);
    class Import extends Resource implements IRoute {
      public readonly routeArn = routeArn;
      public readonly routeName = parts.segments[3];
      public readonly virtualRouter = VirtualRouter.fromVirtualRouterArn(this, 'VirtualRouter',
        `${parts.meshArn}/virtualRouter/${parts.segments[1]}`);
    }
    return new Import(scope, id, { environmentFromArn: routeArn });
  }

  /**
   * Imports a route by name and router.
   * @param scope the construct to define the imported resource in
   * @param id the construct id, unique among its siblings
   * @param attrs the route name and its virtual router
   */
  public static fromRouteAttributes(scope: Construct, id: string, attrs: RouteAttributes): IRoute {
    class Import extends Resource implements IRoute {
      public readonly routeName = attrs.routeName;
      public readonly virtualRouter = attrs.virtualRouter;
      public readonly routeArn = `${attrs.virtualRouter.virtualRouterArn}/route/${attrs.routeName}`;
    }
    return new Import(scope, id);
  }

  public readonly routeName: string;
  public get routeArn(): string {
    return this.lazyArn ??= this.getResourceArnAttribute(this.resource.ref, this.arnComponents);
  }
  public readonly virtualRouter: IVirtualRouter;
  /** The mesh of the route's router. */
  public readonly mesh: IMesh;

  /**
   * The unique identifier App Mesh gives the route.
   * @attribute
   */
  public get routeUid(): string {
    return this.resource.attrUid;
  }

  /**
   * The account that owns the route's mesh.
   * @attribute
   */
  public get routeMeshOwner(): string {
    return this.resource.attrMeshOwner;
  }

  /**
   * The account that owns the route.
   * @attribute
   */
  public get routeResourceOwner(): string {
    return this.resource.attrResourceOwner;
  }

  /** @internal */
  public readonly _kind = 'route' as const;

  private readonly props: RouteProps;
  private readonly resource: MeshL1;
  private readonly identity: ModelIdentity;
  private readonly arnComponents: ArnComponents;
  /** The ARN, made on first read: its tokens cost time in a large mesh that never reads it. */
  private lazyArn?: string;
  private targets: Target[] = [];
  private stable?: IVirtualNode;
  private retryPolicy?: GrpcRetryPolicy;
  private timeout?: RouteTimeout;
  private readonly builderIssues: ConstructIssue[] = [];
  /** weightedTargets from plain JS that is not a list: reported until `to(...)` replaces the targets. */
  private invalidTargets?: InvalidInput;

  /**
   * @param scope the parent construct
   * @param id the construct id, unique among its siblings
   * @param props the route properties
   */
  constructor(scope: Construct, id: string, props: RouteProps) {
    checkConstructArgs(scope, id, 'route', props, 'virtualRouter', 'virtual router', 'use router.addRoute(id, { routeSpec }), or pass { virtualRouter, routeSpec } in the props');
    super(scope, id, {
      physicalName: props.routeName ?? generatedName(() => this),
    });
    this.props = props;
    this.virtualRouter = props.virtualRouter;
    this.mesh = props.virtualRouter.mesh;
    this.routeName = this.physicalName;

    const { resource, arnComponents, identity } = createMeshResource(this, CfnRoute, {
      kind: 'route',
      name: this.physicalName,
      mesh: this.mesh,
      parent: { field: 'virtualRouterName', name: this.virtualRouter.virtualRouterName, construct: this.virtualRouter },
      tags: tagsModel(props.tags),
      model: () => this._toModel(),
    });
    this.resource = resource;
    this.arnComponents = arnComponents;
    this.identity = identity;

    const options = this.spec()?._options ?? {};
    const givenTargets = options.weightedTargets as unknown;
    if (givenTargets !== undefined && givenTargets !== null && !Array.isArray(givenTargets)) {
      this.invalidTargets = new InvalidInput(givenTargets, 'a list of WeightedTarget ({ virtualNode, weight?, port? })');
    }
    this.setTargets((Array.isArray(options.weightedTargets) ? options.weightedTargets : [])
      .map((t: WeightedTarget) => ({ node: t?.virtualNode, weight: t?.weight, port: t?.port })));
    this.stable = this.targets[0]?.node;
    this.retryPolicy = options.retryPolicy;
    this.timeout = options.timeout;
  }

  /** The route's protocol. */
  public get protocol(): string {
    return this.spec()?._protocol ?? 'unknown';
  }

  /**
   * Sends all traffic to one node (it becomes the stable node canaries are measured against).
   * @param virtualNode the node that gets all traffic
   * @param port the listener port of the node to send to, needed when the node has more than one listener
   */
  public to(virtualNode: IVirtualNode, port?: number): Route {
    this.setTargets([{ node: virtualNode, weight: 100, port }]);
    this.stable = virtualNode;
    return this;
  }

  /**
   * Sends `percent` of the traffic to a canary node and the rest to the stable node
   * (the one given to `to`, or the first initial target). 90/10 for `canary(v2, 10)`.
   * @param virtualNode the canary node
   * @param percent its share of the traffic: an integer from 0 to 100
   * @param port the listener port of the node to send to, needed when the node has more than one listener
   */
  public canary(virtualNode: IVirtualNode, percent: number, port?: number): Route {
    if (!this.checkPercent('canary', percent)) return this;
    if (!this.stable) {
      return this.issue('AMK_CANARY_WITHOUT_STABLE', 'canary', 'a canary needs a stable node to take the remaining traffic',
        'call to(stableNode) before canary(...)', undefined);
    }
    if (virtualNode === this.stable) {
      return this.issue('AMK_CANARY_IS_STABLE', 'canary', 'the canary is the stable node itself',
        'pass the new version as the canary, or use promote(node)', virtualNode.node.path);
    }
    const stable = this.targets.find((t) => t.node === this.stable);
    this.setTargets([
      { node: this.stable, weight: 100 - percent, port: stable?.port },
      { node: virtualNode, weight: percent, port },
    ]);
    return this;
  }

  /**
   * Moves `percent` points of traffic from `fromNode` to `toNode` (added as a target if it is not one yet).
   * @param fromNode a current target that gives up traffic
   * @param toNode the node that receives it
   * @param percent the percentage points moved: an integer from 0 to 100, at most `fromNode`'s weight
   * @param toPort the listener port of `toNode` when it becomes a new target, needed when it has more than one listener
   */
  public shift(fromNode: IVirtualNode, toNode: IVirtualNode, percent: number, toPort?: number): Route {
    if (!this.checkPercent('shift', percent)) return this;
    const weights = this.percentTargets();
    const source = weights.find((t) => t.node === fromNode);
    if (!source) {
      return this.issue('AMK_SHIFT_FROM_UNKNOWN', 'shift', 'the node to shift traffic from is not a target of this route',
        'shift from one of the route\'s current targets', fromNode?.node?.path);
    }
    if (typeof source.weight !== 'number' || source.weight < percent) {
      return this.issue('AMK_SHIFT_TOO_MUCH', 'shift', `cannot shift ${percent}% from a target that has ${source.weight}%`,
        `shift at most ${source.weight}%`, percent);
    }
    const next = weights.map((t) => (t.node === fromNode ? { ...t, weight: source.weight! - percent } : t));
    const target = next.find((t) => t.node === toNode);
    this.setTargets(target
      ? next.map((t) => (t.node === toNode ? { ...t, weight: (t.weight ?? 0) + percent } : t))
      : [...next, { node: toNode, weight: percent, port: toPort }]);
    return this;
  }

  /**
   * Sends all traffic to `virtualNode`, which becomes the stable node.
   * @param virtualNode one of the route's current targets
   */
  public promote(virtualNode: IVirtualNode): Route {
    const existing = this.targets.find((t) => t.node === virtualNode);
    if (!existing) {
      return this.issue('AMK_PROMOTE_NOT_TARGET', 'promote', 'the node to promote is not a target of this route',
        'promote one of the route\'s targets (add it with canary(node, percent) first), or send everything to it with to(node)',
        (virtualNode as Partial<IVirtualNode> | undefined)?.node?.path ?? virtualNode);
    }
    return this.to(virtualNode, existing?.port);
  }

  /** Sends all traffic back to the stable node. */
  public rollback(): Route {
    if (!this.stable) {
      return this.issue('AMK_CANARY_WITHOUT_STABLE', 'rollback', 'there is no stable node to roll back to',
        'call to(stableNode) first', undefined);
    }
    const stable = this.targets.find((t) => t.node === this.stable);
    return this.to(this.stable, stable?.port);
  }

  /**
   * Retries failed requests (use `RetryPolicy.recommended()` for App Mesh's documented default).
   * @param retryPolicy the retry count, per-attempt timeout and events to retry on
   */
  public withRetries(retryPolicy: GrpcRetryPolicy): Route {
    this.retryPolicy = retryPolicy;
    MeshGraph.invalidate();
    return this;
  }

  /**
   * Sets the route's per-request and idle timeouts.
   * @param timeout the per-request and idle timeouts (App Mesh defaults: 15 s per request, 300 s idle)
   */
  public withTimeout(timeout: RouteTimeout): Route {
    this.timeout = timeout;
    MeshGraph.invalidate();
    return this;
  }

  /** @internal */
  public _toModel(): ResourceModel<RouteSpecModel> {
    const spec = this.spec();
    const protocol = spec?._protocol ?? 'http';
    const options = spec?._options ?? {};
    const weightedTargets: WeightedTargetModel[] = this.resolvedTargets().map((t) => ({
      virtualNode: isVirtualNode(t.node) ? t.node.virtualNodeName : new InvalidInput(t.node, 'an IVirtualNode (a VirtualNode, or one imported with VirtualNode.fromVirtualNodeArn)'),
      weight: t.weight,
      port: t.port,
    }) as WeightedTargetModel);
    const timeout = this.timeout === undefined || this.timeout === null ? undefined : {
      perRequest: durationModel(this.timeout.perRequest),
      idle: durationModel(this.timeout.idle),
    };
    const body = {
      match: spec?._matchModel(),
      action: { weightedTargets: this.invalidTargets ?? weightedTargets },
      retryPolicy: retryPolicyModel(this.retryPolicy, protocol),
      timeout: timeout && (timeout.perRequest !== undefined || timeout.idle !== undefined) ? timeout : undefined,
    };
    const targetsField = `spec.${ROUTE_KEYS[protocol]}.action.weightedTargets`;
    const given = this.props.routeSpec;
    const wrongSpec: ConstructIssue[] = spec ? [] : [{
      code: given === undefined || given === null ? 'AMK_REQUIRED' : 'AMK_WRONG_TYPE',
      field: 'routeSpec',
      value: renderValue(given),
      message: given === undefined || given === null ? 'a route needs its routeSpec' : 'routeSpec must be a RouteSpec',
      fix: 'use RouteSpec.http(...), .http2(...), .grpc(...) or .tcp(...)',
    }];
    return {
      ...this.identity,
      spec: { priority: options.priority, [ROUTE_KEYS[protocol]]: body } as RouteSpecModel,
      tags: tagsModel(this.props.tags),
      references: this.targets.flatMap((t, i) => referenceTo(`${targetsField}[${i}].virtualNode`, 'virtualNode', t.node,
        t.node?.virtualNodeName, t.port)),
      issues: [...wrongSpec, ...this.meshPropIssues(), ...this.builderIssues, ...unknownPropIssues(this.props, 'RouteProps')],
    };
  }

  /**
   * `mesh` in the props (aws-cdk-lib/aws-appmesh requires it) names a mesh the route does not go to
   * when it is not the router's: App Mesh puts a route in its router's mesh, whatever is passed.
   */
  private meshPropIssues(): ConstructIssue[] {
    const given: unknown = this.props.mesh;
    if (given === undefined) return [];
    const fix = 'pass the router\'s mesh, or leave mesh out (a route always belongs to its router\'s mesh)';
    if (!Construct.isConstruct(given) || typeof (given as Partial<IMesh>).meshName !== 'string') {
      return [{ code: 'AMK_WRONG_TYPE', field: 'mesh', value: renderValue(given), message: 'mesh must be an IMesh (a Mesh, or Mesh.fromMeshName(...))', fix }];
    }
    const mesh = given as IMesh;
    if (sameMesh(MeshRegistry.of(mesh), MeshRegistry.of(this.mesh)) !== false) return [];
    return [{
      code: 'AMK_ROUTE_MESH',
      field: 'mesh',
      value: renderValue(Token.isUnresolved(mesh.meshName) ? mesh.node.path : mesh.meshName),
      message: `the route's router ${this.virtualRouter.node.path} belongs to mesh ${meshLabel(MeshRegistry.of(this.mesh))}, `
        + 'and App Mesh puts a route in its router\'s mesh',
      fix,
    }];
  }

  /** The route spec, or undefined when a plain-JS caller passed something else. */
  private spec(): RouteSpec | undefined {
    const spec = this.props.routeSpec;
    return hasMethod(spec, '_matchModel') ? spec : undefined;
  }

  private setTargets(targets: Target[]): void {
    this.targets = targets;
    MeshGraph.invalidate();
    if (targets.length > 0) this.invalidTargets = undefined;
    for (const t of targets) createAfter(this.resource, t.node);
  }

  /**
   * Targets with every weight filled in: targets without a weight share what the weighted ones
   * leave of 100 equally, the first ones taking the remainder, so weights stay integers.
   */
  /** The targets with their weights as given; an unweighted target weighs 1, as aws-cdk-lib/aws-appmesh renders it. */
  private resolvedTargets(): Target[] {
    return this.targets.map((t) => (t.weight === undefined ? { ...t, weight: 1 } : t));
  }

  /**
   * The targets in percent, for the builders, which speak percentages: unweighted targets share
   * evenly what the weighted ones leave of 100 (the first ones take the remainder).
   */
  private percentTargets(): Target[] {
    const unweighted = this.targets.filter((t) => t.weight === undefined);
    if (unweighted.length === 0) return this.targets;
    const given = this.targets.reduce((sum, t) => sum + (typeof t.weight === 'number' ? t.weight : 0), 0);
    const left = Math.max(0, 100 - given);
    const share = Math.floor(left / unweighted.length);
    let remainder = left - share * unweighted.length;
    return this.targets.map((t) => {
      if (t.weight !== undefined) return t;
      const extra = remainder > 0 ? 1 : 0;
      remainder -= extra;
      return { ...t, weight: share + extra };
    });
  }

  private checkPercent(builder: string, percent: number): boolean {
    if (Token.isUnresolved(percent)) {
      // CloudFormation has no arithmetic: the other target's 100 − percent cannot be written for a parameter or lookup.
      this.issue('AMK_BUILDER_TOKEN', builder, `${builder} computes the other target's weight as 100 − percent, which CloudFormation cannot do `
        + 'with a value known only at deploy time', 'pass a literal percent, or give both weights yourself in weightedTargets (tokens are fine there)', percent);
      return false;
    }
    if (typeof percent === 'number' && Number.isInteger(percent) && percent >= 0 && percent <= 100) return true;
    this.issue('AMK_WEIGHT_RANGE', builder, `${builder} takes an integer percentage from 0 to 100`, 'pass a whole percentage, for example 10', percent);
    return false;
  }

  private issue(code: string, builder: string, message: string, fix: string, value: unknown): Route {
    MeshGraph.invalidate();
    this.builderIssues.push({
      code,
      field: `spec.${ROUTE_KEYS[this.spec()?._protocol ?? 'http']}.action.weightedTargets`,
      value: renderValue(value),
      message: `${message} (in ${builder}(...))`,
      fix,
    });
    return this;
  }
}

/** A virtual node (or an import of one), not what plain JavaScript may pass instead (a name, a service). */
function isVirtualNode(value: unknown): value is IVirtualNode {
  return typeof value === 'object' && value !== null && typeof (value as Partial<IVirtualNode>).virtualNodeName === 'string'
    && typeof (value as Partial<IVirtualNode>).node === 'object';
}
