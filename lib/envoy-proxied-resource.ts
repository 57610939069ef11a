import { IResource } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { IMesh } from './mesh';

/**
 * The two kinds of mesh resource an Envoy proxy runs as.
 */
export enum ProxyKind {
  /** A virtual node: Envoy runs as the sidecar of a service's task. */
  VIRTUAL_NODE = 'virtualNode',
  /** A virtual gateway: Envoy runs alone, as the mesh's ingress. */
  VIRTUAL_GATEWAY = 'virtualGateway',
}

/**
 * A virtual node or a virtual gateway: a resource an Envoy proxy runs as. `EnvoyConfig` and
 * `MeshTaskDefinition` take one; a router or a service is not one.
 */
export interface IEnvoyProxiedResource extends IResource {
  /** Whether Envoy runs as a virtual node or a virtual gateway. */
  readonly proxyKind: ProxyKind;
  /** The resource's name (the virtual node or virtual gateway name). */
  readonly proxyName: string;
  /** The resource's ARN. */
  readonly proxyArn: string;
  /** The mesh the resource belongs to. */
  readonly mesh: IMesh;

  /**
   * Lets an Envoy proxy running as this resource fetch its configuration
   * (`appmesh:StreamAggregatedResources` on exactly this resource's ARN).
   * @param grantee the principal Envoy runs as, usually the ECS task role
   */
  grantStreamAggregatedResources(grantee: iam.IGrantable): iam.Grant;
}
