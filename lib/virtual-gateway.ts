import { ArnComponents, IResource, Resource } from 'aws-cdk-lib';
import { CfnVirtualGateway } from 'aws-cdk-lib/aws-appmesh';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import { AccessLog } from './access-log';
import { BackendDefaults } from './backend';
import { IEnvoyProxiedResource, ProxyKind } from './envoy-proxied-resource';
import { GatewayRoute, GatewayRouteBaseProps } from './gateway-route';
import { VirtualGatewayGrants } from './grants';
import { IMesh, Mesh } from './mesh';
import { MeshGraph } from './model/mesh-graph';
import { MeshMember } from './model/registry';
import { ResourceModel, VirtualGatewaySpecModel } from './model/spec';
import { meshResourceArn, parseMeshArn } from './private/arn';
import { checkConstructArgs } from './private/construct-args';
import { generatedName } from './private/mesh-member';
import { MeshL1, ModelIdentity, createMeshResource } from './private/mesh-resource';
import { meshClientPolicy, meshListenerTls } from './private/mesh-tls';
import { asList, renderList, renderPart } from './private/render';
import { clientPolicyModel } from './private/render-tls';
import { tagsModel } from './private/tags';
import { unknownPropIssues } from './rules/option-keys';
import { VirtualGatewayListener } from './virtual-gateway-listener';

/**
 * A virtual gateway: a stand-alone Envoy that lets traffic from outside the mesh in,
 * routed by its gateway routes to virtual services.
 */
export interface IVirtualGateway extends IResource, IEnvoyProxiedResource {
  /**
   * The name of the virtual gateway.
   * @attribute
   */
  readonly virtualGatewayName: string;

  /**
   * The ARN of the virtual gateway.
   * @attribute
   */
  readonly virtualGatewayArn: string;

  /** IAM permissions on this virtual gateway. */
  readonly grants: VirtualGatewayGrants;

  /**
   * Adds a gateway route to this gateway (in the gateway's scope).
   * @param id the construct id of the gateway route, unique in the gateway's scope
   * @param props the gateway route properties: its spec, name and tags
   */
  addGatewayRoute(id: string, props: GatewayRouteBaseProps): GatewayRoute;
}

abstract class VirtualGatewayBase extends Resource implements IVirtualGateway {
  public abstract readonly virtualGatewayName: string;
  public abstract readonly virtualGatewayArn: string;
  public abstract readonly mesh: IMesh;
  public readonly proxyKind = ProxyKind.VIRTUAL_GATEWAY;

  public get proxyName(): string {
    return this.virtualGatewayName;
  }

  public get proxyArn(): string {
    return this.virtualGatewayArn;
  }

  public get grants(): VirtualGatewayGrants {
    return VirtualGatewayGrants.fromVirtualGateway(this);
  }

  /**
   * @param grantee the principal Envoy runs as, usually the ECS task role
   */
  public grantStreamAggregatedResources(grantee: iam.IGrantable): iam.Grant {
    return this.grants.streamAggregatedResources(grantee);
  }

  /**
   * @param id the construct id of the gateway route, unique in the gateway's scope
   * @param props the gateway route properties: its spec, name and tags
   */
  public addGatewayRoute(id: string, props: GatewayRouteBaseProps): GatewayRoute {
    return new GatewayRoute(this, id, { ...props, virtualGateway: this });
  }
}

/**
 * Properties of a virtual gateway, without its mesh (for `Mesh.addVirtualGateway`).
 */
export interface VirtualGatewayBaseProps {
  /**
   * The virtual gateway name (1–255 characters, unique in the mesh).
   * @default - a name unique in the app, derived from the construct path
   */
  readonly virtualGatewayName?: string;
  /**
   * Ports the gateway accepts traffic on; `addListener` adds more.
   * @default - one HTTP listener on port 8080 (also when the list is empty)
   */
  readonly listeners?: VirtualGatewayListener[];
  /**
   * Defaults for every backend (a TLS client policy). Gateways have no per-backend policy.
   * @default - none, or the mesh's mutual TLS when `Mesh.requireMutualTls` was called
   */
  readonly backendDefaults?: BackendDefaults;
  /**
   * Envoy's access log.
   * @default - no access log
   */
  readonly accessLog?: AccessLog;
  /**
   * Tags of the virtual gateway resource (at most 50).
   * @default - no tags
   */
  readonly tags?: { [key: string]: string };
}

/**
 * Properties of a virtual gateway.
 */
export interface VirtualGatewayProps extends VirtualGatewayBaseProps {
  /** The mesh the virtual gateway belongs to. */
  readonly mesh: IMesh;
}

/**
 * What identifies an existing virtual gateway.
 */
export interface VirtualGatewayAttributes {
  /** The name of the virtual gateway. */
  readonly virtualGatewayName: string;
  /** The mesh it belongs to. */
  readonly mesh: IMesh;
}

/**
 * An App Mesh virtual gateway.
 * @see https://docs.aws.amazon.com/app-mesh/latest/userguide/virtual_gateways.html
 */
export class VirtualGateway extends VirtualGatewayBase implements MeshMember {
  /**
   * Imports a virtual gateway by ARN (`…:mesh/<mesh>/virtualGateway/<name>`).
   * @param scope the construct to define the imported resource in
   * @param id the construct id, unique among its siblings
   * @param virtualGatewayArn the virtual gateway ARN
   */
  public static fromVirtualGatewayArn(scope: Construct, id: string, virtualGatewayArn: string): IVirtualGateway {
    const parts = parseMeshArn(scope, virtualGatewayArn, 2);
    class Import extends VirtualGatewayBase {
      public readonly virtualGatewayArn = virtualGatewayArn;
      public readonly virtualGatewayName = parts.segments[1];
      public readonly mesh = Mesh.fromMeshArn(this, 'Mesh', parts.meshArn);
    }
    return new Import(scope, id, { environmentFromArn: virtualGatewayArn });
  }

  /**
   * Imports a virtual gateway by name and mesh.
   * @param scope the construct to define the imported resource in
   * @param id the construct id, unique among its siblings
   * @param attrs the virtual gateway name and its mesh
   */
  public static fromVirtualGatewayAttributes(scope: Construct, id: string, attrs: VirtualGatewayAttributes): IVirtualGateway {
    class Import extends VirtualGatewayBase {
      public readonly mesh = attrs.mesh;
      public readonly virtualGatewayName = attrs.virtualGatewayName;
      public readonly virtualGatewayArn = meshResourceArn(this, attrs.mesh.meshName, 'virtualGateway', attrs.virtualGatewayName);
    }
    return new Import(scope, id);
  }

  public readonly virtualGatewayName: string;
  public get virtualGatewayArn(): string {
    return this.lazyArn ??= this.getResourceArnAttribute(this.resource.ref, this.arnComponents);
  }
  public readonly mesh: IMesh;

  /**
   * The unique identifier App Mesh gives the virtual gateway.
   * @attribute
   */
  public get virtualGatewayUid(): string {
    return this.resource.attrUid;
  }

  /**
   * The account that owns the gateway's mesh.
   * @attribute
   */
  public get virtualGatewayMeshOwner(): string {
    return this.resource.attrMeshOwner;
  }

  /**
   * The account that owns the virtual gateway.
   * @attribute
   */
  public get virtualGatewayResourceOwner(): string {
    return this.resource.attrResourceOwner;
  }

  /** @internal */
  public readonly _kind = 'virtualGateway' as const;

  private readonly props: VirtualGatewayProps;
  private readonly listeners: VirtualGatewayListener[];
  private readonly identity: ModelIdentity;
  private readonly resource: MeshL1;
  private readonly arnComponents: ArnComponents;
  /** The ARN, made on first read: its tokens cost time in a large mesh that never reads it. */
  private lazyArn?: string;

  /**
   * @param scope the parent construct
   * @param id the construct id, unique among its siblings
   * @param props the virtual gateway properties
   */
  constructor(scope: Construct, id: string, props: VirtualGatewayProps) {
    checkConstructArgs(scope, id, 'virtual gateway', props, 'mesh', 'mesh', 'use mesh.addVirtualGateway(id, props), or pass { mesh } in the props');
    super(scope, id, {
      physicalName: props.virtualGatewayName ?? generatedName(() => this),
    });
    this.props = props;
    this.mesh = props.mesh;
    this.virtualGatewayName = this.physicalName;
    const given = asList(props.listeners);
    // App Mesh requires at least one listener; an empty list means the default, as for a router.
    this.listeners = given.length > 0 ? [...given] : [VirtualGatewayListener.http()];

    const { resource, arnComponents, identity } = createMeshResource(this, CfnVirtualGateway, {
      kind: 'virtualGateway',
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
   * @param listener the listener: protocol, port, health check, TLS and connection pool
   */
  public addListener(listener: VirtualGatewayListener): void {
    this.listeners.push(listener);
    MeshGraph.invalidate();
  }

  /** @internal */
  public _toModel(): ResourceModel<VirtualGatewaySpecModel> {
    const p = this.props;
    const listeners = renderList(this.listeners, p.listeners, 'VirtualGatewayListener (VirtualGatewayListener.http(...) and friends)',
      meshListenerTls(this.mesh));
    const ownPolicy = p.backendDefaults?.tlsClientPolicy;
    const clientPolicy = ownPolicy !== undefined ? clientPolicyModel(ownPolicy) : meshClientPolicy(this.mesh);
    const backendDefaults = clientPolicy !== undefined ? { clientPolicy } : undefined;
    return {
      ...this.identity,
      spec: {
        listeners,
        backendDefaults,
        logging: renderPart(p.accessLog, 'an AccessLog (AccessLog.fromFilePath(...))'),
      } as VirtualGatewaySpecModel,
      tags: tagsModel(p.tags),
      references: [],
      issues: unknownPropIssues(this.props, 'VirtualGatewayProps'),
    };
  }
}
