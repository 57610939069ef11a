import { ArnComponents, IResource, Resource } from 'aws-cdk-lib';
import { CfnVirtualNode } from 'aws-cdk-lib/aws-appmesh';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import { AccessLog } from './access-log';
import { Backend, BackendDefaults } from './backend';
import { IEnvoyProxiedResource, ProxyKind } from './envoy-proxied-resource';
import { VirtualNodeGrants } from './grants';
import { IMesh, Mesh } from './mesh';
import { MeshGraph } from './model/mesh-graph';
import { MeshMember } from './model/registry';
import { ResourceModel, VirtualNodeSpecModel } from './model/spec';
import { meshResourceArn, parseMeshArn } from './private/arn';
import { checkConstructArgs } from './private/construct-args';
import { generatedName } from './private/mesh-member';
import { MeshL1, ModelIdentity, createMeshResource, referenceTo } from './private/mesh-resource';
import { meshClientPolicy, meshListenerTls } from './private/mesh-tls';
import { asList, renderList, renderPart } from './private/render';
import { clientPolicyModel } from './private/render-tls';
import { tagsModel } from './private/tags';
import { unknownPropIssues } from './rules/option-keys';
import { ServiceDiscovery } from './service-discovery';
import { VirtualNodeListener } from './virtual-node-listener';

/**
 * A virtual node: a logical pointer to a service's tasks, pods or instances.
 */
export interface IVirtualNode extends IResource, IEnvoyProxiedResource {
  /**
   * The name of the virtual node.
   * @attribute
   */
  readonly virtualNodeName: string;

  /**
   * The ARN of the virtual node.
   * @attribute
   */
  readonly virtualNodeArn: string;

  /** IAM permissions on this virtual node. */
  readonly grants: VirtualNodeGrants;
}

abstract class VirtualNodeBase extends Resource implements IVirtualNode {
  public abstract readonly virtualNodeName: string;
  public abstract readonly virtualNodeArn: string;
  public abstract readonly mesh: IMesh;
  public readonly proxyKind = ProxyKind.VIRTUAL_NODE;

  public get proxyName(): string {
    return this.virtualNodeName;
  }

  public get proxyArn(): string {
    return this.virtualNodeArn;
  }

  public get grants(): VirtualNodeGrants {
    return VirtualNodeGrants.fromVirtualNode(this);
  }

  /**
   * @param grantee the principal Envoy runs as, usually the ECS task role
   */
  public grantStreamAggregatedResources(grantee: iam.IGrantable): iam.Grant {
    return this.grants.streamAggregatedResources(grantee);
  }
}

/**
 * Properties of a virtual node, without its mesh (for `Mesh.addVirtualNode`).
 */
export interface VirtualNodeBaseProps {
  /**
   * The virtual node name (1–255 characters, unique in the mesh).
   * @default - a name unique in the app, derived from the construct path
   */
  readonly virtualNodeName?: string;
  /**
   * How other nodes find this one. Required as soon as the node has a listener.
   * @default - none (the node accepts no inbound traffic)
   */
  readonly serviceDiscovery?: ServiceDiscovery;
  /**
   * Ports the node accepts traffic on; `addListener` adds more.
   * @default - none
   */
  readonly listeners?: VirtualNodeListener[];
  /**
   * Services the node calls; `addBackend` adds more.
   * @default - none
   */
  readonly backends?: Backend[];
  /**
   * Defaults for every backend (a TLS client policy).
   * @default - none
   */
  readonly backendDefaults?: BackendDefaults;
  /**
   * Envoy's access log.
   * @default - no access log
   */
  readonly accessLog?: AccessLog;
  /**
   * Tags of the virtual node resource (at most 50).
   * @default - no tags
   */
  readonly tags?: { [key: string]: string };
}

/**
 * Properties of a virtual node.
 */
export interface VirtualNodeProps extends VirtualNodeBaseProps {
  /** The mesh the virtual node belongs to. */
  readonly mesh: IMesh;
}

/**
 * What identifies an existing virtual node.
 */
export interface VirtualNodeAttributes {
  /** The name of the virtual node. */
  readonly virtualNodeName: string;
  /** The mesh it belongs to. */
  readonly mesh: IMesh;
}

/**
 * An App Mesh virtual node.
 * @see https://docs.aws.amazon.com/app-mesh/latest/userguide/virtual_nodes.html
 */
export class VirtualNode extends VirtualNodeBase implements MeshMember {
  /**
   * Imports a virtual node by ARN (`…:mesh/<mesh>/virtualNode/<name>`).
   * @param scope the construct to define the imported resource in
   * @param id the construct id, unique among its siblings
   * @param virtualNodeArn the virtual node ARN
   */
  public static fromVirtualNodeArn(scope: Construct, id: string, virtualNodeArn: string): IVirtualNode {
    const parts = parseMeshArn(scope, virtualNodeArn, 2);
    class Import extends VirtualNodeBase {
      public readonly virtualNodeArn = virtualNodeArn;
      public readonly virtualNodeName = parts.segments[1];
      public readonly mesh = Mesh.fromMeshArn(this, 'Mesh', parts.meshArn);
    }
    return new Import(scope, id, { environmentFromArn: virtualNodeArn });
  }

  /**
   * Imports a virtual node by name and mesh.
   * @param scope the construct to define the imported resource in
   * @param id the construct id, unique among its siblings
   * @param attrs the virtual node name and its mesh
   */
  public static fromVirtualNodeAttributes(scope: Construct, id: string, attrs: VirtualNodeAttributes): IVirtualNode {
    class Import extends VirtualNodeBase {
      public readonly mesh = attrs.mesh;
      public readonly virtualNodeName = attrs.virtualNodeName;
      public readonly virtualNodeArn = meshResourceArn(this, attrs.mesh.meshName, 'virtualNode', attrs.virtualNodeName);
    }
    return new Import(scope, id);
  }

  public readonly virtualNodeName: string;
  public get virtualNodeArn(): string {
    return this.lazyArn ??= this.getResourceArnAttribute(this.resource.ref, this.arnComponents);
  }
  public readonly mesh: IMesh;

  /**
   * The unique identifier App Mesh gives the virtual node.
   * @attribute
   */
  public get virtualNodeUid(): string {
    return this.resource.attrUid;
  }

  /**
   * The account that owns the node's mesh.
   * @attribute
   */
  public get virtualNodeMeshOwner(): string {
    return this.resource.attrMeshOwner;
  }

  /**
   * The account that owns the virtual node.
   * @attribute
   */
  public get virtualNodeResourceOwner(): string {
    return this.resource.attrResourceOwner;
  }

  /** @internal */
  public readonly _kind = 'virtualNode' as const;

  private readonly props: VirtualNodeProps;
  private readonly listeners: VirtualNodeListener[];
  private readonly backends: Backend[];
  private readonly identity: ModelIdentity;
  private readonly resource: MeshL1;
  private readonly arnComponents: ArnComponents;
  /** The ARN, made on first read: its tokens cost time in a large mesh that never reads it. */
  private lazyArn?: string;

  /**
   * @param scope the parent construct
   * @param id the construct id, unique among its siblings
   * @param props the virtual node properties
   */
  constructor(scope: Construct, id: string, props: VirtualNodeProps) {
    checkConstructArgs(scope, id, 'virtual node', props, 'mesh', 'mesh', 'use mesh.addVirtualNode(id, props), or pass { mesh } in the props');
    super(scope, id, {
      physicalName: props.virtualNodeName ?? generatedName(() => this),
    });
    this.props = props;
    this.mesh = props.mesh;
    this.virtualNodeName = this.physicalName;
    this.listeners = [...asList(props.listeners)];
    this.backends = [...asList(props.backends)];

    const { resource, arnComponents, identity } = createMeshResource(this, CfnVirtualNode, {
      kind: 'virtualNode',
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
   * @param listener the listener: protocol, port, health check, timeouts, outlier detection, TLS and connection pool
   */
  public addListener(listener: VirtualNodeListener): void {
    this.listeners.push(listener);
    MeshGraph.invalidate();
  }

  /**
   * Adds a backend (a virtual service this node calls).
   * @param backend the virtual service the node calls, and TLS towards it
   */
  public addBackend(backend: Backend): void {
    this.backends.push(backend);
    MeshGraph.invalidate();
  }

  /** @internal */
  public _toModel(): ResourceModel<VirtualNodeSpecModel> {
    const p = this.props;
    const listeners = renderList(this.listeners, p.listeners, 'VirtualNodeListener (VirtualNodeListener.http(...) and friends)',
      meshListenerTls(this.mesh));
    const backends = renderList(this.backends, p.backends, 'Backend (Backend.virtualService(...))');
    const ownPolicy = p.backendDefaults?.tlsClientPolicy;
    const clientPolicy = ownPolicy !== undefined ? clientPolicyModel(ownPolicy) : meshClientPolicy(this.mesh);
    const backendDefaults = clientPolicy !== undefined ? { clientPolicy } : undefined;
    return {
      ...this.identity,
      spec: {
        listeners,
        serviceDiscovery: renderPart(p.serviceDiscovery, 'a ServiceDiscovery (ServiceDiscovery.dns(...) or .cloudMap(...))'),
        backends,
        backendDefaults,
        logging: renderPart(p.accessLog, 'an AccessLog (AccessLog.fromFilePath(...))'),
      } as VirtualNodeSpecModel,
      tags: tagsModel(p.tags),
      references: this.backends.flatMap((backend, i) => referenceTo(`spec.backends[${i}].virtualService.virtualServiceName`,
        'virtualService', backend?._virtualService, backend?._virtualService?.virtualServiceName)),
      issues: unknownPropIssues(this.props, 'VirtualNodeProps'),
    };
  }
}
