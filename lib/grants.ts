import { PermissionsOptions } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { IVirtualGateway } from './virtual-gateway';
import { IVirtualNode } from './virtual-node';

const STREAM_AGGREGATED_RESOURCES = 'appmesh:StreamAggregatedResources';

/**
 * IAM permissions on one virtual node (as `node.grants`).
 */
export class VirtualNodeGrants {
  /**
   * The grants of a virtual node.
   * @param virtualNode the virtual node the grants are on
   */
  public static fromVirtualNode(virtualNode: IVirtualNode): VirtualNodeGrants {
    return new VirtualNodeGrants(virtualNode);
  }

  private constructor(private readonly virtualNode: IVirtualNode) {}

  /**
   * Grants the given App Mesh actions on the node (or on `options.resourceArns`).
   * @param grantee the principal to grant to
   * @param actions the App Mesh actions, such as `appmesh:DescribeVirtualNode`
   * @param options other resource ARNs to grant on instead of the node's
   */
  public actions(grantee: iam.IGrantable, actions: string[], options: PermissionsOptions = {}): iam.Grant {
    return iam.Grant.addToPrincipal({ grantee, actions, resourceArns: options.resourceArns ?? [this.virtualNode.virtualNodeArn] });
  }

  /**
   * Grants `appmesh:StreamAggregatedResources`: what the node's Envoy needs to fetch its configuration.
   * @param grantee the principal Envoy runs as, usually the ECS task role
   */
  public streamAggregatedResources(grantee: iam.IGrantable): iam.Grant {
    return this.actions(grantee, [STREAM_AGGREGATED_RESOURCES]);
  }
}

/**
 * IAM permissions on one virtual gateway (as `gateway.grants`).
 */
export class VirtualGatewayGrants {
  /**
   * The grants of a virtual gateway.
   * @param virtualGateway the virtual gateway the grants are on
   */
  public static fromVirtualGateway(virtualGateway: IVirtualGateway): VirtualGatewayGrants {
    return new VirtualGatewayGrants(virtualGateway);
  }

  private constructor(private readonly virtualGateway: IVirtualGateway) {}

  /**
   * Grants the given App Mesh actions on the gateway (or on `options.resourceArns`).
   * @param grantee the principal to grant to
   * @param actions the App Mesh actions, such as `appmesh:DescribeVirtualGateway`
   * @param options other resource ARNs to grant on instead of the gateway's
   */
  public actions(grantee: iam.IGrantable, actions: string[], options: PermissionsOptions = {}): iam.Grant {
    return iam.Grant.addToPrincipal({ grantee, actions, resourceArns: options.resourceArns ?? [this.virtualGateway.virtualGatewayArn] });
  }

  /**
   * Grants `appmesh:StreamAggregatedResources`: what the gateway's Envoy needs to fetch its configuration.
   * @param grantee the principal Envoy runs as, usually the ECS task role
   */
  public streamAggregatedResources(grantee: iam.IGrantable): iam.Grant {
    return this.actions(grantee, [STREAM_AGGREGATED_RESOURCES]);
  }
}
