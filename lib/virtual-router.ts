import { ArnComponents, IResource, Resource } from 'aws-cdk-lib';
import { CfnVirtualRouter } from 'aws-cdk-lib/aws-appmesh';
import { Construct } from 'constructs';
import { IMesh, Mesh } from './mesh';
import { MeshGraph } from './model/mesh-graph';
import { MeshMember } from './model/registry';
import { ResourceModel, VirtualRouterSpecModel } from './model/spec';
import { meshResourceArn, parseMeshArn } from './private/arn';
import { checkConstructArgs } from './private/construct-args';
import { generatedName } from './private/mesh-member';
import { MeshL1, ModelIdentity, createMeshResource } from './private/mesh-resource';
import { asList, renderList } from './private/render';
import { tagsModel } from './private/tags';
import { Route, RouteBaseProps } from './route';
import { unknownPropIssues } from './rules/option-keys';
import { VirtualRouterListener } from './virtual-router-listener';

/**
 * A virtual router: routes a virtual service's traffic to virtual nodes.
 */
export interface IVirtualRouter extends IResource {
  /**
   * The name of the virtual router.
   * @attribute
   */
  readonly virtualRouterName: string;

  /**
   * The ARN of the virtual router.
   * @attribute
   */
  readonly virtualRouterArn: string;

  /** The mesh the virtual router belongs to. */
  readonly mesh: IMesh;

  /**
   * Adds a route to this router (in the router's scope). Its name is `routeName`, or else `id`
   * (as aws-cdk-lib/aws-appmesh names it, which ignores `routeName`).
   * @param id the construct id of the route, unique in the router's scope
   * @param props the route properties: its spec (protocol, match, targets, retries, timeouts), name and tags
   */
  addRoute(id: string, props: RouteBaseProps): Route;
}

abstract class VirtualRouterBase extends Resource implements IVirtualRouter {
  public abstract readonly virtualRouterName: string;
  public abstract readonly virtualRouterArn: string;
  public abstract readonly mesh: IMesh;

  /**
   * @param id the construct id of the route, unique in the router's scope
   * @param props the route properties: its spec (protocol, match, targets, retries, timeouts), name and tags
   */
  public addRoute(id: string, props: RouteBaseProps): Route {
    return new Route(this, id, { ...props, routeName: props?.routeName ?? id, virtualRouter: this });
  }
}

/**
 * Properties of a virtual router, without its mesh (for `Mesh.addVirtualRouter`).
 */
export interface VirtualRouterBaseProps {
  /**
   * The virtual router name (1–255 characters, unique in the mesh).
   * @default - a name unique in the app, derived from the construct path
   */
  readonly virtualRouterName?: string;
  /**
   * Ports the router routes on; `addListener` adds more.
   * @default - one HTTP listener on port 8080
   */
  readonly listeners?: VirtualRouterListener[];
  /**
   * Tags of the virtual router resource (at most 50).
   * @default - no tags
   */
  readonly tags?: { [key: string]: string };
}

/**
 * Properties of a virtual router.
 */
export interface VirtualRouterProps extends VirtualRouterBaseProps {
  /** The mesh the virtual router belongs to. */
  readonly mesh: IMesh;
}

/**
 * What identifies an existing virtual router.
 */
export interface VirtualRouterAttributes {
  /** The name of the virtual router. */
  readonly virtualRouterName: string;
  /** The mesh it belongs to. */
  readonly mesh: IMesh;
}

/**
 * An App Mesh virtual router.
 * @see https://docs.aws.amazon.com/app-mesh/latest/userguide/virtual_routers.html
 */
export class VirtualRouter extends VirtualRouterBase implements MeshMember {
  /**
   * Imports a virtual router by ARN (`…:mesh/<mesh>/virtualRouter/<name>`).
   * @param scope the construct to define the imported resource in
   * @param id the construct id, unique among its siblings
   * @param virtualRouterArn the virtual router ARN
   */
  public static fromVirtualRouterArn(scope: Construct, id: string, virtualRouterArn: string): IVirtualRouter {
    const parts = parseMeshArn(scope, virtualRouterArn, 2);
    class Import extends VirtualRouterBase {
      public readonly virtualRouterArn = virtualRouterArn;
      public readonly virtualRouterName = parts.segments[1];
      public readonly mesh = Mesh.fromMeshArn(this, 'Mesh', parts.meshArn);
    }
    return new Import(scope, id, { environmentFromArn: virtualRouterArn });
  }

  /**
   * Imports a virtual router by name and mesh.
   * @param scope the construct to define the imported resource in
   * @param id the construct id, unique among its siblings
   * @param attrs the virtual router name and its mesh
   */
  public static fromVirtualRouterAttributes(scope: Construct, id: string, attrs: VirtualRouterAttributes): IVirtualRouter {
    class Import extends VirtualRouterBase {
      public readonly mesh = attrs.mesh;
      public readonly virtualRouterName = attrs.virtualRouterName;
      public readonly virtualRouterArn = meshResourceArn(this, attrs.mesh.meshName, 'virtualRouter', attrs.virtualRouterName);
    }
    return new Import(scope, id);
  }

  public readonly virtualRouterName: string;
  public get virtualRouterArn(): string {
    return this.lazyArn ??= this.getResourceArnAttribute(this.resource.ref, this.arnComponents);
  }
  public readonly mesh: IMesh;

  /**
   * The unique identifier App Mesh gives the virtual router.
   * @attribute
   */
  public get virtualRouterUid(): string {
    return this.resource.attrUid;
  }

  /**
   * The account that owns the router's mesh.
   * @attribute
   */
  public get virtualRouterMeshOwner(): string {
    return this.resource.attrMeshOwner;
  }

  /**
   * The account that owns the virtual router.
   * @attribute
   */
  public get virtualRouterResourceOwner(): string {
    return this.resource.attrResourceOwner;
  }

  /** @internal */
  public readonly _kind = 'virtualRouter' as const;

  private readonly props: VirtualRouterProps;
  private readonly listeners: VirtualRouterListener[];
  private readonly identity: ModelIdentity;
  private readonly resource: MeshL1;
  private readonly arnComponents: ArnComponents;
  /** The ARN, made on first read: its tokens cost time in a large mesh that never reads it. */
  private lazyArn?: string;

  /**
   * @param scope the parent construct
   * @param id the construct id, unique among its siblings
   * @param props the virtual router properties
   */
  constructor(scope: Construct, id: string, props: VirtualRouterProps) {
    checkConstructArgs(scope, id, 'virtual router', props, 'mesh', 'mesh', 'use mesh.addVirtualRouter(id, props), or pass { mesh } in the props');
    super(scope, id, {
      physicalName: props.virtualRouterName ?? generatedName(() => this),
    });
    this.props = props;
    this.mesh = props.mesh;
    this.virtualRouterName = this.physicalName;
    const given = asList(props.listeners);
    this.listeners = given.length > 0 ? [...given] : [VirtualRouterListener.http()];

    const { resource, arnComponents, identity } = createMeshResource(this, CfnVirtualRouter, {
      kind: 'virtualRouter',
      name: this.physicalName,
      mesh: this.mesh,
      tags: tagsModel(props.tags),
      model: () => this._toModel(),
    });
    this.resource = resource;
    this.arnComponents = arnComponents;
    this.identity = identity;
  }

  /**
   * Adds a listener (one per port).
   * @param listener the listener: protocol and port
   */
  public addListener(listener: VirtualRouterListener): void {
    this.listeners.push(listener);
    MeshGraph.invalidate();
  }

  /** @internal */
  public _toModel(): ResourceModel<VirtualRouterSpecModel> {
    return {
      ...this.identity,
      spec: {
        listeners: renderList(this.listeners, this.props.listeners, 'VirtualRouterListener (VirtualRouterListener.http(...) and friends)'),
      } as VirtualRouterSpecModel,
      tags: tagsModel(this.props.tags),
      references: [],
      issues: unknownPropIssues(this.props, 'VirtualRouterProps'),
    };
  }
}
