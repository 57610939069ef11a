import { Annotations, ArnFormat, IResource, Lazy, Resource, Stack } from 'aws-cdk-lib';
import { CfnMesh } from 'aws-cdk-lib/aws-appmesh';
import { Construct } from 'constructs';
import { MeshMutualTlsOptions } from './mesh-tls-options';
import { MeshGraph } from './model/mesh-graph';
import { MeshMember, MeshRegistry } from './model/registry';
import { MeshSpecModel, ResourceModel } from './model/spec';
import { explainRouting } from './outputs/explain/explain';
import { RoutingExplanation } from './outputs/explain/explanation';
import { ExplainRequest } from './outputs/explain/request';
import { generatedName, joinMesh } from './private/mesh-member';
import { setMeshMutualTls } from './private/mesh-tls';
import { cfnTags, tagsModel } from './private/tags';
import { Diagnostic } from './rules/diagnostic';
import { unknownPropIssues } from './rules/option-keys';
import { meshDiagnostics } from './rules/validate';
import { IpPreference } from './service-discovery';
import { VirtualGateway, VirtualGatewayBaseProps } from './virtual-gateway';
import { VirtualNode, VirtualNodeBaseProps } from './virtual-node';
import { VirtualRouter, VirtualRouterBaseProps } from './virtual-router';
import { VirtualService, VirtualServiceBaseProps } from './virtual-service';

/**
 * What happens to traffic for destinations outside the mesh (aws-cdk-lib/aws-appmesh's name; `EgressFilter` is the same enum).
 */
export enum MeshFilterType {
  /** Envoy forwards traffic to any destination. */
  ALLOW_ALL = 'ALLOW_ALL',
  /** Envoy forwards only to mesh destinations (and AWS APIs). The App Mesh default. */
  DROP_ALL = 'DROP_ALL',
}

/**
 * The same enum as `MeshFilterType`, by appmesh-kit's earlier name (TypeScript and JavaScript only).
 * @deprecated use MeshFilterType
 */
export const EgressFilter = MeshFilterType;
/** @deprecated use MeshFilterType */
export type EgressFilter = MeshFilterType;

/**
 * Service discovery settings of a mesh.
 */
export interface MeshServiceDiscovery {
  /**
   * IP version preference for every virtual node and gateway of the mesh (nodes can override it).
   * @default - none: Envoy's default behaviour
   */
  readonly ipPreference?: IpPreference;
}

/**
 * A service mesh: the boundary of the virtual nodes, routers, services and gateways in it.
 */
export interface IMesh extends IResource {
  /**
   * The name of the mesh.
   * @attribute
   */
  readonly meshName: string;

  /**
   * The ARN of the mesh.
   * @attribute
   */
  readonly meshArn: string;

  /**
   * Adds a virtual node to this mesh (in the mesh's scope).
   * @param id the construct id of the virtual node, unique in the mesh's scope
   * @param props the virtual node's properties (its name defaults to one made from the construct path)
   */
  addVirtualNode(id: string, props?: VirtualNodeBaseProps): VirtualNode;

  /**
   * Adds a virtual service to this mesh (in the mesh's scope); its name defaults to `id`.
   * @param id the construct id of the virtual service, unique in the mesh's scope
   * @param props the virtual service's properties (its name defaults to `id`)
   */
  addVirtualService(id: string, props?: VirtualServiceBaseProps): VirtualService;

  /**
   * Adds a virtual router to this mesh (in the mesh's scope).
   * @param id the construct id of the virtual router, unique in the mesh's scope
   * @param props the virtual router's properties
   */
  addVirtualRouter(id: string, props?: VirtualRouterBaseProps): VirtualRouter;

  /**
   * Adds a virtual gateway to this mesh (in the mesh's scope).
   * @param id the construct id of the virtual gateway, unique in the mesh's scope
   * @param props the virtual gateway's properties
   */
  addVirtualGateway(id: string, props?: VirtualGatewayBaseProps): VirtualGateway;

  /**
   * Mutual TLS across the mesh: one certificate source and one trust applied to every listener
   * and every backend default of every node and gateway. Per-resource TLS settings win.
   * @param options the certificate every listener presents and validates clients with, and the trust every backend validates servers with
   */
  requireMutualTls(options: MeshMutualTlsOptions): void;

  /**
   * Every diagnostic of every resource of this mesh (field rules and mesh rules), errors and
   * warnings, without throwing. Synthesis fails on the errors among them.
   */
  validate(): Diagnostic[];

  /**
   * How App Mesh routes one request, and why: from a virtual node calling a virtual service
   * (the backend check, the egress filter, the provider, the router's route, the weighted
   * targets, retries and timeouts), or arriving at a virtual gateway (the gateway route, its
   * path and host name rewrites, then the target service's routes). When nothing matches, the
   * explanation lists each route tried and the conditions it failed.
   *
   * It reads the mesh as defined so far; it throws nothing (an unusable request gives the
   * outcome `INVALID_REQUEST`).
   * @see https://docs.aws.amazon.com/app-mesh/latest/userguide/routes.html
   * @param request the request: where it starts (a virtual node and the virtual service it calls, or a virtual gateway) and its path, method,
   *   headers and port
   */
  explain(request: ExplainRequest): RoutingExplanation;
}

abstract class MeshBase extends Resource implements IMesh {
  public abstract readonly meshName: string;
  public abstract readonly meshArn: string;

  /**
   * @param id the construct id of the virtual node, unique in the mesh's scope
   * @param props the virtual node's properties (its name defaults to one made from the construct path)
   */
  public addVirtualNode(id: string, props: VirtualNodeBaseProps = {}): VirtualNode {
    return new VirtualNode(this, id, { ...props, mesh: this });
  }

  /**
   * @param id the construct id of the virtual service, unique in the mesh's scope
   * @param props the virtual service's properties (its name defaults to `id`)
   */
  public addVirtualService(id: string, props: VirtualServiceBaseProps = {}): VirtualService {
    return new VirtualService(this, id, { ...props, mesh: this });
  }

  /**
   * @param id the construct id of the virtual router, unique in the mesh's scope
   * @param props the virtual router's properties
   */
  public addVirtualRouter(id: string, props: VirtualRouterBaseProps = {}): VirtualRouter {
    return new VirtualRouter(this, id, { ...props, mesh: this });
  }

  /**
   * @param id the construct id of the virtual gateway, unique in the mesh's scope
   * @param props the virtual gateway's properties
   */
  public addVirtualGateway(id: string, props: VirtualGatewayBaseProps = {}): VirtualGateway {
    return new VirtualGateway(this, id, { ...props, mesh: this });
  }

  /**
   * @param options the certificate every listener presents and validates clients with, and the trust every backend validates servers with
   */
  public requireMutualTls(options: MeshMutualTlsOptions): void {
    setMeshMutualTls(this, options);
  }

  public validate(): Diagnostic[] {
    // A fresh graph: validate() may be called at any point while the app is built.
    MeshGraph.invalidate();
    return meshDiagnostics(MeshGraph.current(MeshRegistry.of(this)));
  }

  /**
   * @param request the request: where it starts (a virtual node and the virtual service it calls, or a virtual gateway) and its path, method,
   *   headers and port
   */
  public explain(request: ExplainRequest): RoutingExplanation {
    return explainRouting(MeshGraph.current(MeshRegistry.of(this)), request);
  }
}

/**
 * Properties of a Mesh.
 */
export interface MeshProps {
  /**
   * The mesh name (1–255 characters).
   * @default - a name unique in the app, derived from the construct path
   */
  readonly meshName?: string;
  /**
   * What happens to traffic for destinations outside the mesh.
   * @default - App Mesh's default, DROP_ALL
   */
  readonly egressFilter?: MeshFilterType;
  /**
   * Service discovery settings of the mesh (aws-cdk-lib/aws-appmesh's shape of `ipPreference`).
   * @default - none
   */
  readonly serviceDiscovery?: MeshServiceDiscovery;
  /**
   * IP version preference for every virtual node and gateway of the mesh (nodes can override it);
   * the same setting as `serviceDiscovery.ipPreference`, which wins when both are given.
   * @default - none: Envoy's default behaviour
   */
  readonly ipPreference?: IpPreference;
  /**
   * Tags of the mesh resource (at most 50).
   * @default - no tags
   */
  readonly tags?: { [key: string]: string };
}

/**
 * An App Mesh service mesh.
 *
 * It keeps a registry of every resource that belongs to it, in whatever stack that resource
 * is defined; validation and every output read the mesh through it.
 * @see https://docs.aws.amazon.com/app-mesh/latest/userguide/meshes.html
 */
export class Mesh extends MeshBase implements MeshMember {
  /**
   * Imports a mesh by ARN (it may be shared from another account).
   * @param scope the construct to define the imported resource in
   * @param id the construct id, unique among its siblings
   * @param meshArn the mesh ARN (`arn:<partition>:appmesh:<region>:<account>:mesh/<name>`)
   */
  public static fromMeshArn(scope: Construct, id: string, meshArn: string): IMesh {
    const meshName = Stack.of(scope).splitArn(meshArn, ArnFormat.SLASH_RESOURCE_NAME).resourceName!;
    class Import extends MeshBase {
      public readonly meshArn = meshArn;
      public readonly meshName = meshName;
    }
    return new Import(scope, id, { environmentFromArn: meshArn });
  }

  /**
   * Imports a mesh of this stack's account and Region by name.
   * @param scope the construct to define the imported resource in
   * @param id the construct id, unique among its siblings
   * @param meshName the mesh name
   */
  public static fromMeshName(scope: Construct, id: string, meshName: string): IMesh {
    const meshArn = Stack.of(scope).formatArn({ service: 'appmesh', resource: 'mesh', resourceName: meshName });
    class Import extends MeshBase {
      public readonly meshArn = meshArn;
      public readonly meshName = meshName;
    }
    return new Import(scope, id, { environmentFromArn: meshArn });
  }

  public readonly meshName: string;
  public readonly meshArn: string;

  /**
   * The unique identifier App Mesh gives the mesh.
   * @attribute
   */
  public readonly meshUid: string;

  /**
   * The account that owns the mesh.
   * @attribute
   */
  public readonly meshOwner: string;

  /**
   * The account that owns the mesh resource.
   * @attribute
   */
  public readonly meshResourceOwner: string;

  /** @internal */
  public readonly _kind = 'mesh' as const;

  private readonly props: MeshProps;

  /**
   * @param scope the parent construct
   * @param id the construct id, unique among its siblings
   * @param givenProps the mesh properties, all optional
   */
  constructor(scope: Construct, id: string, givenProps: MeshProps = {}) {
    // Plain JavaScript may pass null, which a default parameter does not replace.
    const props: MeshProps = givenProps ?? {};
    super(scope, id, {
      physicalName: props.meshName ?? generatedName(() => this),
    });
    this.props = props;
    this.meshName = this.physicalName;

    const resource = new CfnMesh(this, 'Resource', {
      meshName: this.physicalName,
      spec: Lazy.any({ produce: () => this._toModel().spec }),
      tags: cfnTags(tagsModel(props.tags)),
    });
    this.meshArn = this.getResourceArnAttribute(resource.ref, {
      service: 'appmesh',
      resource: 'mesh',
      resourceName: this.physicalName,
    });
    this.meshUid = resource.attrUid;
    this.meshOwner = resource.attrMeshOwner;
    this.meshResourceOwner = resource.attrResourceOwner;

    MeshRegistry.of(this).owned = true;
    joinMesh(this, this);
    Annotations.of(this).addInfo('AWS ended support for App Mesh on 2026-09-30: CloudFormation may no longer create these '
      + 'resources. appmesh-kit keeps the mesh model usable (see its README: templates, Envoy configuration, ECS task definitions).');
  }

  /** @internal */
  public _toModel(): ResourceModel<MeshSpecModel> {
    const p = this.props;
    const ipPreference = p.serviceDiscovery?.ipPreference ?? p.ipPreference;
    return {
      kind: 'mesh',
      path: this.node.path,
      name: this.meshName,
      meshName: this.meshName,
      account: this.env.account,
      region: this.env.region,
      spec: {
        egressFilter: p.egressFilter !== undefined ? { type: p.egressFilter } : undefined,
        serviceDiscovery: ipPreference !== undefined ? { ipPreference } : undefined,
      },
      tags: tagsModel(p.tags),
      references: [],
      issues: unknownPropIssues(this.props, 'MeshProps'),
    };
  }
}
