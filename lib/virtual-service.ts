import { ArnComponents, IResource, Resource } from 'aws-cdk-lib';
import { CfnVirtualService } from 'aws-cdk-lib/aws-appmesh';
import { Construct, IConstruct } from 'constructs';
import { IMesh, Mesh } from './mesh';
import { MeshMember } from './model/registry';
import { ConstructIssue, ResourceModel, VirtualServiceSpecModel } from './model/spec';
import { meshResourceArn, parseMeshArn } from './private/arn';
import { awsAppMeshRendering } from './private/aws-appmesh-rendering';
import { checkConstructArgs } from './private/construct-args';
import { createAfter } from './private/dependency';
import { generatedName } from './private/mesh-member';
import { MeshL1, ModelIdentity, createMeshResource, referenceTo } from './private/mesh-resource';
import { resourceNameOf } from './private/render';
import { tagsModel } from './private/tags';
import { renderValue } from './rules/format';
import { unknownPropIssues } from './rules/option-keys';
import { IVirtualNode } from './virtual-node';
import { IVirtualRouter } from './virtual-router';

/**
 * What answers a virtual service's traffic: a virtual node, a virtual router, or nothing yet.
 * @see https://docs.aws.amazon.com/app-mesh/latest/userguide/virtual_services.html
 */
export abstract class VirtualServiceProvider {
  /**
   * Traffic goes straight to one virtual node (App Mesh applies no route retries).
   * @param virtualNode the virtual node that answers for the service (same mesh)
   */
  public static virtualNode(virtualNode: IVirtualNode): VirtualServiceProvider {
    return new NodeProvider(virtualNode);
  }

  /**
   * Traffic is routed by a virtual router's routes (retries, timeouts, weighted targets).
   * @param virtualRouter the virtual router whose routes answer for the service (same mesh)
   */
  public static virtualRouter(virtualRouter: IVirtualRouter): VirtualServiceProvider {
    return new RouterProvider(virtualRouter);
  }

  /**
   * No provider: the service exists (so nodes may list it as a backend) but answers nothing yet.
   * @param mesh the service's mesh, when the service is created without `mesh` (as aws-cdk-lib/aws-appmesh does) @default - the service's `mesh`
   */
  public static none(mesh?: IMesh): VirtualServiceProvider {
    return new NoProvider(mesh);
  }

  /** The provider resource, for creation order and same-mesh checks. @internal */
  public abstract readonly _resource: (IConstruct & { mesh: IMesh }) | undefined;

  /** The mesh the provider belongs to, for a service created without `mesh`. @internal */
  public get _mesh(): IMesh | undefined {
    return this._resource?.mesh;
  }

  /** @internal */
  public abstract _toModel(): VirtualServiceSpecModel['provider'];
}

const PROVIDER_NODE = 'an IVirtualNode: VirtualServiceProvider.virtualNode(node) takes a VirtualNode (use .virtualRouter(router) for a router)';
const PROVIDER_ROUTER = 'an IVirtualRouter: VirtualServiceProvider.virtualRouter(router) takes a VirtualRouter (use .virtualNode(node) for a node)';

class NodeProvider extends VirtualServiceProvider {
  constructor(public readonly _resource: IVirtualNode) { super(); }
  public _toModel() {
    return { virtualNode: { virtualNodeName: resourceNameOf(this._resource, 'virtualNodeName', PROVIDER_NODE) as string } };
  }
}

class RouterProvider extends VirtualServiceProvider {
  constructor(public readonly _resource: IVirtualRouter) { super(); }
  public _toModel() {
    return { virtualRouter: { virtualRouterName: resourceNameOf(this._resource, 'virtualRouterName', PROVIDER_ROUTER) as string } };
  }
}

class NoProvider extends VirtualServiceProvider {
  public readonly _resource = undefined;
  constructor(private readonly mesh: IMesh | undefined) { super(); }
  public get _mesh() { return this.mesh; }
  public _toModel() { return undefined; }
}

/**
 * A virtual service: the name applications call, provided by a node or a router.
 */
export interface IVirtualService extends IResource {
  /**
   * The name of the virtual service (a DNS name).
   * @attribute
   */
  readonly virtualServiceName: string;

  /**
   * The ARN of the virtual service.
   * @attribute
   */
  readonly virtualServiceArn: string;

  /** The mesh the virtual service belongs to. */
  readonly mesh: IMesh;
}

/**
 * Properties of a virtual service, without its mesh (for `Mesh.addVirtualService`).
 */
export interface VirtualServiceBaseProps {
  /**
   * The virtual service name: the DNS name applications call, for example `catalog.shop.local`.
   * @default - the construct id
   */
  readonly virtualServiceName?: string;
  /**
   * What answers the service's traffic.
   * @default - VirtualServiceProvider.none()
   */
  readonly provider?: VirtualServiceProvider;
  /**
   * The same setting as `provider`, by aws-cdk-lib/aws-appmesh's name; it wins when both are given.
   * @default - `provider`
   */
  readonly virtualServiceProvider?: VirtualServiceProvider;
  /**
   * Tags of the virtual service resource (at most 50).
   * @default - no tags
   */
  readonly tags?: { [key: string]: string };
}

/**
 * Properties of a virtual service.
 */
export interface VirtualServiceProps extends VirtualServiceBaseProps {
  /**
   * The mesh the virtual service belongs to.
   * @default - the mesh of the provider (as aws-cdk-lib/aws-appmesh has it); required when the provider is `none()` without a mesh
   */
  readonly mesh?: IMesh;
}

/**
 * What identifies an existing virtual service.
 */
export interface VirtualServiceAttributes {
  /** The name of the virtual service. */
  readonly virtualServiceName: string;
  /** The mesh it belongs to. */
  readonly mesh: IMesh;
}

/**
 * An App Mesh virtual service.
 * @see https://docs.aws.amazon.com/app-mesh/latest/userguide/virtual_services.html
 */
export class VirtualService extends Resource implements IVirtualService, MeshMember {
  /**
   * Imports a virtual service by ARN (`…:mesh/<mesh>/virtualService/<name>`).
   * @param scope the construct to define the imported resource in
   * @param id the construct id, unique among its siblings
   * @param virtualServiceArn the virtual service ARN
   */
  public static fromVirtualServiceArn(scope: Construct, id: string, virtualServiceArn: string): IVirtualService {
    const parts = parseMeshArn(scope, virtualServiceArn, 2);
    class Import extends Resource implements IVirtualService {
      public readonly virtualServiceArn = virtualServiceArn;
      public readonly virtualServiceName = parts.segments[1];
      public readonly mesh = Mesh.fromMeshArn(this, 'Mesh', parts.meshArn);
    }
    return new Import(scope, id, { environmentFromArn: virtualServiceArn });
  }

  /**
   * Imports a virtual service by name and mesh.
   * @param scope the construct to define the imported resource in
   * @param id the construct id, unique among its siblings
   * @param attrs the virtual service name and its mesh
   */
  public static fromVirtualServiceAttributes(scope: Construct, id: string, attrs: VirtualServiceAttributes): IVirtualService {
    class Import extends Resource implements IVirtualService {
      public readonly mesh = attrs.mesh;
      public readonly virtualServiceName = attrs.virtualServiceName;
      public readonly virtualServiceArn = meshResourceArn(this, attrs.mesh.meshName, 'virtualService', attrs.virtualServiceName);
    }
    return new Import(scope, id);
  }

  public readonly virtualServiceName: string;
  public get virtualServiceArn(): string {
    return this.lazyArn ??= this.getResourceArnAttribute(this.resource.ref, this.arnComponents);
  }
  public readonly mesh: IMesh;

  /**
   * The unique identifier App Mesh gives the virtual service.
   * @attribute
   */
  public get virtualServiceUid(): string {
    return this.resource.attrUid;
  }

  /**
   * The account that owns the service's mesh.
   * @attribute
   */
  public get virtualServiceMeshOwner(): string {
    return this.resource.attrMeshOwner;
  }

  /**
   * The account that owns the virtual service.
   * @attribute
   */
  public get virtualServiceResourceOwner(): string {
    return this.resource.attrResourceOwner;
  }

  /** @internal */
  public readonly _kind = 'virtualService' as const;

  private readonly props: VirtualServiceProps;
  private readonly identity: ModelIdentity;
  private readonly resource: MeshL1;
  private readonly arnComponents: ArnComponents;
  /** The ARN, made on first read: its tokens cost time in a large mesh that never reads it. */
  private lazyArn?: string;

  /**
   * @param scope the parent construct
   * @param id the construct id, unique among its siblings
   * @param props the virtual service properties
   */
  constructor(scope: Construct, id: string, props: VirtualServiceProps) {
    const given = props?.virtualServiceProvider ?? props?.provider;
    const mesh = props?.mesh ?? (given instanceof VirtualServiceProvider ? given._mesh : undefined);
    checkConstructArgs(scope, id, 'virtual service', props && { ...props, mesh }, 'mesh', 'mesh',
      'use mesh.addVirtualService(id, props), or pass { mesh } in the props (or a provider, whose mesh it takes)');
    super(scope, id, { physicalName: props.virtualServiceName ?? (awsAppMeshRendering(scope) ? generatedName(() => this) : id) });
    this.props = props;
    this.mesh = mesh!;
    this.virtualServiceName = this.physicalName;

    const { resource, arnComponents, identity } = createMeshResource(this, CfnVirtualService, {
      kind: 'virtualService',
      name: this.physicalName,
      mesh: this.mesh,
      tags: tagsModel(props.tags),
      model: () => this._toModel(),
    });
    this.resource = resource;
    this.arnComponents = arnComponents;
    this.identity = identity;
    createAfter(resource, this.provider()?._resource);
  }

  /** @internal */
  public _toModel(): ResourceModel<VirtualServiceSpecModel> {
    const provider = this.provider();
    const providerModel = provider?._toModel();
    const providerField = providerModel?.virtualRouter ? 'spec.provider.virtualRouter.virtualRouterName'
      : 'spec.provider.virtualNode.virtualNodeName';
    const given = this.props.virtualServiceProvider ?? this.props.provider;
    const wrongProvider: ConstructIssue[] = given !== undefined && given !== null && provider === undefined ? [{
      code: 'AMK_WRONG_TYPE',
      field: 'spec.provider',
      value: renderValue(given),
      message: 'provider must be a VirtualServiceProvider',
      fix: 'use VirtualServiceProvider.virtualNode(...), .virtualRouter(...) or .none()',
    }] : [];
    const providerName = providerModel?.virtualRouter?.virtualRouterName ?? providerModel?.virtualNode?.virtualNodeName;
    // A provider of the wrong kind is reported by the rules; it is no reference of the graph.
    const providerResource = typeof providerName === 'string' ? provider?._resource : undefined;
    return {
      ...this.identity,
      spec: { provider: providerModel },
      tags: tagsModel(this.props.tags),
      references: referenceTo(providerField, providerModel?.virtualRouter ? 'virtualRouter' : 'virtualNode', providerResource,
        providerName ?? ''),
      issues: [...wrongProvider, ...unknownPropIssues(this.props, 'VirtualServiceProps')],
    };
  }

  /** The provider, or undefined for none (a plain-JS caller may pass something else: the rules report it). */
  private provider(): VirtualServiceProvider | undefined {
    const provider = this.props.virtualServiceProvider ?? this.props.provider;
    // Only a VirtualServiceProvider: a node or router passed itself (plain JS) has a _toModel too, of another shape.
    return provider instanceof VirtualServiceProvider ? provider : undefined;
  }
}
