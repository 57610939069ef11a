import { ArnComponents, ArnFormat, IResource, Resource, Stack } from 'aws-cdk-lib';
import { CfnGatewayRoute } from 'aws-cdk-lib/aws-appmesh';
import { Construct } from 'constructs';
import { GatewayRouteSpec } from './gateway-route-spec';
import { MeshMember } from './model/registry';
import { GatewayRouteSpecModel, ResourceModel } from './model/spec';
import { meshResourceArn, meshResourceArnComponents, parseMeshArn } from './private/arn';
import { checkConstructArgs } from './private/construct-args';
import { createAfter } from './private/dependency';
import { generatedName } from './private/mesh-member';
import { MeshL1, ModelIdentity, createMeshResource, referenceTo } from './private/mesh-resource';
import { hasMethod, renderPart } from './private/render';
import { tagsModel } from './private/tags';
import { unknownPropIssues } from './rules/option-keys';
import { IVirtualGateway, VirtualGateway } from './virtual-gateway';

/**
 * A gateway route: matches requests arriving at a virtual gateway and sends them to a virtual service.
 */
export interface IGatewayRoute extends IResource {
  /**
   * The name of the gateway route.
   * @attribute
   */
  readonly gatewayRouteName: string;

  /**
   * The ARN of the gateway route.
   * @attribute
   */
  readonly gatewayRouteArn: string;

  /** The virtual gateway the route belongs to. */
  readonly virtualGateway: IVirtualGateway;
}

/**
 * Properties of a gateway route, without its gateway (for `IVirtualGateway.addGatewayRoute`).
 */
export interface GatewayRouteBaseProps {
  /**
   * The gateway route name (1–255 characters, unique in the gateway). The name given is the name used.
   * @default - a name unique in the app, derived from the construct path
   */
  readonly gatewayRouteName?: string;
  /** What the route matches and where it sends the traffic. */
  readonly routeSpec: GatewayRouteSpec;
  /**
   * Tags of the gateway route resource (at most 50).
   * @default - no tags
   */
  readonly tags?: { [key: string]: string };
}

/**
 * Properties of a gateway route.
 */
export interface GatewayRouteProps extends GatewayRouteBaseProps {
  /** The virtual gateway the route belongs to. */
  readonly virtualGateway: IVirtualGateway;
}

/**
 * What identifies an existing gateway route.
 */
export interface GatewayRouteAttributes {
  /** The name of the gateway route. */
  readonly gatewayRouteName: string;
  /** The virtual gateway it belongs to. */
  readonly virtualGateway: IVirtualGateway;
}

/** The resource name of a gateway route inside its mesh's ARN: `<gateway>/gatewayRoute/<route>` after `virtualGateway/`. */
function routeResourceName(virtualGatewayName: string, gatewayRouteName: string): string {
  return `${virtualGatewayName}/gatewayRoute/${gatewayRouteName}`;
}

/**
 * An App Mesh gateway route.
 * @see https://docs.aws.amazon.com/app-mesh/latest/userguide/gateway-routes.html
 */
export class GatewayRoute extends Resource implements IGatewayRoute, MeshMember {
  /**
   * Imports a gateway route by ARN (`…:mesh/<mesh>/virtualGateway/<gateway>/gatewayRoute/<name>`).
   * @param scope the construct to define the imported resource in
   * @param id the construct id, unique among its siblings
   * @param gatewayRouteArn the gateway route ARN
   */
  public static fromGatewayRouteArn(scope: Construct, id: string, gatewayRouteArn: string): IGatewayRoute {
    const parts = parseMeshArn(scope, gatewayRouteArn, 4);
    const arn = Stack.of(scope).splitArn(gatewayRouteArn, ArnFormat.SLASH_RESOURCE_NAME);
    const virtualGatewayArn = Stack.of(scope).formatArn({
      ...meshResourceArnComponents(parts.meshName, 'virtualGateway', parts.segments[1]),
      account: arn.account,
      region: arn.region,
      partition: arn.partition,
    });
    class Import extends Resource implements IGatewayRoute {
      public readonly gatewayRouteArn = gatewayRouteArn;
      public readonly gatewayRouteName = parts.segments[3];
      public readonly virtualGateway = VirtualGateway.fromVirtualGatewayArn(this, 'VirtualGateway', virtualGatewayArn);
    }
    return new Import(scope, id, { environmentFromArn: gatewayRouteArn });
  }

  /**
   * Imports a gateway route by name and gateway.
   * @param scope the construct to define the imported resource in
   * @param id the construct id, unique among its siblings
   * @param attrs the gateway route name and its virtual gateway
   */
  public static fromGatewayRouteAttributes(scope: Construct, id: string, attrs: GatewayRouteAttributes): IGatewayRoute {
    class Import extends Resource implements IGatewayRoute {
      public readonly virtualGateway = attrs.virtualGateway;
      public readonly gatewayRouteName = attrs.gatewayRouteName;
      public readonly gatewayRouteArn = meshResourceArn(this, attrs.virtualGateway.mesh.meshName, 'virtualGateway',
        routeResourceName(attrs.virtualGateway.virtualGatewayName, attrs.gatewayRouteName));
    }
    return new Import(scope, id);
  }

  public readonly gatewayRouteName: string;
  public get gatewayRouteArn(): string {
    return this.lazyArn ??= this.getResourceArnAttribute(this.resource.ref, this.arnComponents);
  }
  public readonly virtualGateway: IVirtualGateway;

  /**
   * The unique identifier App Mesh gives the gateway route.
   * @attribute
   */
  public get gatewayRouteUid(): string {
    return this.resource.attrUid;
  }

  /**
   * The account that owns the route's mesh.
   * @attribute
   */
  public get gatewayRouteMeshOwner(): string {
    return this.resource.attrMeshOwner;
  }

  /**
   * The account that owns the gateway route.
   * @attribute
   */
  public get gatewayRouteResourceOwner(): string {
    return this.resource.attrResourceOwner;
  }

  /** @internal */
  public readonly _kind = 'gatewayRoute' as const;

  private readonly props: GatewayRouteProps;
  private readonly identity: ModelIdentity;
  private readonly resource: MeshL1;
  private readonly arnComponents: ArnComponents;
  /** The ARN, made on first read: its tokens cost time in a large mesh that never reads it. */
  private lazyArn?: string;

  /**
   * @param scope the parent construct
   * @param id the construct id, unique among its siblings
   * @param props the gateway route properties
   */
  constructor(scope: Construct, id: string, props: GatewayRouteProps) {
    checkConstructArgs(scope, id, 'gateway route', props, 'virtualGateway', 'virtual gateway', 'use gateway.addGatewayRoute(id, { routeSpec }), or pass { virtualGateway, routeSpec } in the props');
    super(scope, id, {
      physicalName: props.gatewayRouteName ?? generatedName(() => this),
    });
    this.props = props;
    this.virtualGateway = props.virtualGateway;
    this.gatewayRouteName = this.physicalName;
    const mesh = this.virtualGateway.mesh;

    const { resource, arnComponents, identity } = createMeshResource(this, CfnGatewayRoute, {
      kind: 'gatewayRoute',
      name: this.physicalName,
      mesh,
      parent: { field: 'virtualGatewayName', name: this.virtualGateway.virtualGatewayName, construct: this.virtualGateway },
      tags: tagsModel(props.tags),
      model: () => this._toModel(),
    });
    this.resource = resource;
    this.arnComponents = arnComponents;
    this.identity = identity;
    // A plain-JS caller may pass something that is no construct as the target: the rules report it.
    const routeTarget = this.routeSpec()?._routeTarget;
    if (routeTarget && typeof routeTarget === 'object' && routeTarget.node) createAfter(resource, routeTarget);

  }

  /** @internal */
  public _toModel(): ResourceModel<GatewayRouteSpecModel> {
    const spec = renderPart(this.props.routeSpec, 'a GatewayRouteSpec (GatewayRouteSpec.http(...), .http2(...) or .grpc(...))') as GatewayRouteSpecModel;
    const routeKey = spec && typeof spec === 'object' ? Object.keys(spec).find((k) => k.endsWith('Route')) : undefined;
    const target = this.routeSpec()?._routeTarget;
    return {
      ...this.identity,
      spec,
      tags: tagsModel(this.props.tags),
      references: routeKey ? referenceTo(`spec.${routeKey}.action.target.virtualService.virtualServiceName`, 'virtualService',
        target, target?.virtualServiceName ?? '') : [],
      issues: unknownPropIssues(this.props, 'GatewayRouteProps'),
    };
  }

  /** The spec, when it is one (a plain-JS caller may pass something else: the rules report it). */
  private routeSpec(): GatewayRouteSpec | undefined {
    const spec = this.props.routeSpec;
    return hasMethod(spec, '_toModel') ? spec : undefined;
  }
}
