import { IResource, Resource } from 'aws-cdk-lib';
import { CfnVirtualService } from 'aws-cdk-lib/aws-appmesh';
import { Construct, IConstruct } from 'constructs';
import { IMesh, Mesh } from './mesh';
import { runFieldRules } from './rules/field-rules';
import { MeshMember } from './model/registry';
import { virtualServiceRules } from './rules/field/virtual-service';
import { ResourceModel, VirtualServiceSpecModel, requestShape } from './model/spec';
import { meshResourceArn, meshResourceArnComponents, parseMeshArn } from './private/arn';
import { createAfter, rejectDefaultId } from './private/dependency';
import { joinMesh } from './private/mesh-member';
import { meshOwnerFor } from './private/mesh-owner';
import { cfnTags, tagsModel } from './private/tags';
import { Diagnostic, DiagnosticSeverity } from './rules/diagnostic';
import { renderValue } from './rules/format';
import { sameMeshRule } from './rules/mesh/same-mesh-rule';
import { IVirtualNode } from './virtual-node';
import { IVirtualRouter } from './virtual-router';

/**
 * What answers a virtual service's traffic: a virtual node, a virtual router, or nothing yet.
 * @see https://docs.aws.amazon.com/app-mesh/latest/userguide/virtual_services.html
 */
export abstract class VirtualServiceProvider {
  /** Traffic goes straight to one virtual node (App Mesh applies no route retries). */
  public static virtualNode(virtualNode: IVirtualNode): VirtualServiceProvider {
    return new NodeProvider(virtualNode);
  }

  /** Traffic is routed by a virtual router's routes (retries, timeouts, weighted targets). */
  public static virtualRouter(virtualRouter: IVirtualRouter): VirtualServiceProvider {
    return new RouterProvider(virtualRouter);
  }

  /** No provider: the service exists (so nodes may list it as a backend) but answers nothing yet. */
  public static none(): VirtualServiceProvider {
    return new NoProvider();
  }

  /** The provider resource, for creation order and same-mesh checks. @internal */
  public abstract readonly _resource: (IConstruct & { mesh: IMesh }) | undefined;

  /** @internal */
  public abstract _toModel(): VirtualServiceSpecModel['provider'];
}

class NodeProvider extends VirtualServiceProvider {
  constructor(public readonly _resource: IVirtualNode) { super(); }
  public _toModel() { return { virtualNode: { virtualNodeName: this._resource?.virtualNodeName } }; }
}

class RouterProvider extends VirtualServiceProvider {
  constructor(public readonly _resource: IVirtualRouter) { super(); }
  public _toModel() { return { virtualRouter: { virtualRouterName: this._resource?.virtualRouterName } }; }
}

class NoProvider extends VirtualServiceProvider {
  public readonly _resource = undefined;
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
   * Tags of the virtual service resource (at most 50).
   * @default - no tags
   */
  readonly tags?: { [key: string]: string };
}

/**
 * Properties of a virtual service.
 */
export interface VirtualServiceProps extends VirtualServiceBaseProps {
  /** The mesh the virtual service belongs to. */
  readonly mesh: IMesh;
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
  /** Imports a virtual service by ARN (`…:mesh/<mesh>/virtualService/<name>`). */
  public static fromVirtualServiceArn(scope: Construct, id: string, virtualServiceArn: string): IVirtualService {
    const parts = parseMeshArn(scope, virtualServiceArn, 2);
    class Import extends Resource implements IVirtualService {
      public readonly virtualServiceArn = virtualServiceArn;
      public readonly virtualServiceName = parts.segments[1];
      public readonly mesh = Mesh.fromMeshArn(this, 'Mesh', parts.meshArn);
    }
    return new Import(scope, id, { environmentFromArn: virtualServiceArn });
  }

  /** Imports a virtual service by name and mesh. */
  public static fromVirtualServiceAttributes(scope: Construct, id: string, attrs: VirtualServiceAttributes): IVirtualService {
    class Import extends Resource implements IVirtualService {
      public readonly mesh = attrs.mesh;
      public readonly virtualServiceName = attrs.virtualServiceName;
      public readonly virtualServiceArn = meshResourceArn(this, attrs.mesh.meshName, 'virtualService', attrs.virtualServiceName);
    }
    return new Import(scope, id);
  }

  public readonly virtualServiceName: string;
  public readonly virtualServiceArn: string;
  public readonly mesh: IMesh;

  /**
   * The unique identifier App Mesh gives the virtual service.
   * @attribute
   */
  public readonly virtualServiceUid: string;

  /**
   * The account that owns the service's mesh.
   * @attribute
   */
  public readonly virtualServiceMeshOwner: string;

  /**
   * The account that owns the virtual service.
   * @attribute
   */
  public readonly virtualServiceResourceOwner: string;

  /** @internal */
  public readonly _kind = 'virtualService' as const;

  private readonly props: VirtualServiceProps;

  constructor(scope: Construct, id: string, props: VirtualServiceProps) {
    rejectDefaultId(scope, id, 'virtual service');
    super(scope, id, { physicalName: props.virtualServiceName ?? id });
    this.props = props;
    this.mesh = props.mesh;
    this.virtualServiceName = this.physicalName;

    const resource = new CfnVirtualService(this, 'Resource', {
      meshName: this.mesh.meshName,
      meshOwner: meshOwnerFor(this.env.account, this.mesh.env.account),
      virtualServiceName: this.physicalName,
      spec: { provider: this.provider()?._toModel() },
      tags: cfnTags(props.tags),
    });
    createAfter(resource, this.mesh);
    createAfter(resource, this.provider()?._resource);

    // Ref is the ARN in the same environment; across environments CDK formats it from these components.
    this.virtualServiceArn = this.getResourceArnAttribute(resource.ref,
      meshResourceArnComponents(this.mesh.meshName, 'virtualService', this.physicalName));
    this.virtualServiceUid = resource.attrUid;
    this.virtualServiceMeshOwner = resource.attrMeshOwner;
    this.virtualServiceResourceOwner = resource.attrResourceOwner;

    joinMesh(this, this.mesh);
  }

  /** @internal */
  public _toModel(): ResourceModel<VirtualServiceSpecModel> {
    return {
      kind: 'virtualService',
      path: this.node.path,
      name: this.virtualServiceName,
      meshName: this.mesh.meshName,
      meshOwner: meshOwnerFor(this.env.account, this.mesh.env.account),
      spec: { provider: this.provider()?._toModel() },
      tags: tagsModel(this.props.tags),
    };
  }

  /** @internal */
  public _diagnostics(): Diagnostic[] {
    const provider = this.provider();
    const providerField = provider?._toModel()?.virtualRouter ? 'spec.provider.virtualRouter.virtualRouterName'
      : 'spec.provider.virtualNode.virtualNodeName';
    const given = this.props.provider;
    const wrongProvider: Diagnostic[] = given !== undefined && given !== null && provider === undefined ? [{
      severity: DiagnosticSeverity.ERROR,
      code: 'AMK_WRONG_TYPE',
      constructPath: this.node.path,
      field: 'spec.provider',
      value: renderValue(given),
      message: 'provider must be a VirtualServiceProvider',
      fix: 'use VirtualServiceProvider.virtualNode(...), .virtualRouter(...) or .none()',
    }] : [];
    return [
      ...wrongProvider,
      ...runFieldRules(virtualServiceRules, requestShape(this._toModel()), this.node.path),
      ...sameMeshRule({
        code: 'AMK_PROVIDER_MESH',
        constructPath: this.node.path,
        field: providerField,
        what: 'the provider',
        mesh: this.mesh,
        referencedMesh: provider?._resource?.mesh,
        referencedName: provider?._resource?.node.path ?? '',
        fix: 'use a provider from the virtual service\'s own mesh',
      }),
    ];
  }

  /** The provider's construct (a node or router), or undefined for none. @internal */
  public _providerResource(): IConstruct | undefined {
    return this.provider()?._resource;
  }

  /** The provider, or undefined for none (a plain-JS caller may pass something else: the rules report it). */
  private provider(): VirtualServiceProvider | undefined {
    const provider = this.props.provider;
    return provider && typeof (provider as any)._toModel === 'function' ? provider : undefined;
  }
}
