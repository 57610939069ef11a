import { ArnComponents, CfnResource, IResource, Lazy } from 'aws-cdk-lib';
import { Construct, IConstruct } from 'constructs';
import { meshResourceArnComponents } from './arn';
import { awsAppMeshRendering, nameReference, specWithAwsAppMeshReferences } from './aws-appmesh-rendering';
import { createAfter } from './dependency';
import { joinMesh } from './mesh-member';
import { meshOwnerFor } from './mesh-owner';
import { cfnTags } from './tags';
import { withoutInvalidInputs } from '../model/invalid-input';
import { MeshGraph } from '../model/mesh-graph';
import { MeshLike, MeshMember, MeshRegistry } from '../model/registry';
import { ReferenceModel, ResourceKind, ResourceModel, TagModel } from '../model/spec';

/** What the skeleton needs of a mesh: its name and account (an `IMesh`). */
export interface MeshOfResource extends MeshLike, IResource {}

/** The App Mesh L1 classes (`CfnVirtualNode` and friends) as the skeleton uses them. */
export interface MeshL1 extends CfnResource {
  readonly ref: string;
  readonly attrUid: string;
  readonly attrMeshOwner: string;
  readonly attrResourceOwner: string;
}

/** A resource construct of a mesh. */
export interface MeshResourceOwner extends MeshMember, IResource {}

/** A resource's parent (a route's router, a gateway route's gateway). */
export interface MeshResourceParent {
  readonly field: 'virtualRouterName' | 'virtualGatewayName';
  readonly name: string;
  readonly construct: IConstruct;
}

/** What one resource construct tells the skeleton about itself. */
export interface MeshResourceDefinition {
  readonly kind: Exclude<ResourceKind, 'mesh'>;
  readonly name: string;
  readonly mesh: MeshOfResource;
  readonly parent?: MeshResourceParent;
  readonly tags: TagModel[] | object | undefined;
  /** The resource's model, rendered when the template is (so `add*` calls after construction count). */
  readonly model: () => ResourceModel<unknown>;
}

/** The identity part of a model: everything but the spec, tags, references and issues. */
export type ModelIdentity = Pick<ResourceModel<unknown>, 'kind' | 'path' | 'name' | 'meshName' | 'meshOwner'
| 'account' | 'region' | 'virtualRouterName' | 'virtualGatewayName'>;

/** The L1 resource of a mesh member, the components of its ARN (the construct makes the ARN when it is read), and its identity. */
export interface MeshResourceParts {
  readonly resource: MeshL1;
  /** For `Resource.getResourceArnAttribute(resource.ref, arnComponents)`, which only the construct may call. */
  readonly arnComponents: ArnComponents;
  readonly identity: ModelIdentity;
}

/** The ARN path below `mesh/<mesh>/`: a route and a gateway route live under their parent. */
function arnPath(definition: MeshResourceDefinition): { kind: string; name: string } {
  const { kind, name, parent } = definition;
  if (kind === 'route') return { kind: 'virtualRouter', name: `${parent!.name}/route/${name}` };
  if (kind === 'gatewayRoute') return { kind: 'virtualGateway', name: `${parent!.name}/gatewayRoute/${name}` };
  return { kind, name };
}

/**
 * The skeleton every resource construct of a mesh shares: the L1 resource with its identity
 * props, the spec rendered lazily, creation after the mesh and the parent, the ARN and
 * attributes, and membership of the mesh (its registry, its rules, its outputs).
 */
export function createMeshResource<Props>(
  owner: MeshResourceOwner,
  l1: new (scope: Construct, id: string, props: Props) => MeshL1,
  definition: MeshResourceDefinition,
): MeshResourceParts {
  const { mesh, parent } = definition;
  const meshOwner = meshOwnerFor(owner.env.account, mesh.env.account);
  const asAwsAppMesh = awsAppMeshRendering(owner);
  const resource = new l1(owner, 'Resource', {
    meshName: asAwsAppMesh ? nameReference(mesh, 'mesh', mesh.meshName) : mesh.meshName,
    meshOwner,
    ...(parent ? { [parent.field]: asAwsAppMesh ? nameReference(parent.construct, parent.field.replace(/Name$/, ''), parent.name) : parent.name } : {}),
    [`${definition.kind}Name`]: definition.name,
    spec: Lazy.any({
      produce: () => {
        // The model the synthesis' graph rendered (validation and the file outputs read the same one), else a fresh one.
        const model = MeshGraph.current(MeshRegistry.of(mesh)).modelOf(owner) ?? definition.model();
        return withoutInvalidInputs(asAwsAppMesh ? specWithAwsAppMeshReferences(model) : model.spec);
      },
    }),
    tags: cfnTags(definition.tags),
  } as unknown as Props);
  createAfter(resource, mesh);
  if (parent) createAfter(resource, parent.construct);

  const path = arnPath(definition);
  // Ref is the ARN in the same environment; across environments CDK formats it from these components.
  const arnComponents = meshResourceArnComponents(mesh.meshName, path.kind, path.name);
  const identity: ModelIdentity = {
    kind: definition.kind,
    path: owner.node.path,
    name: definition.name,
    meshName: mesh.meshName,
    meshOwner,
    account: owner.env.account,
    region: owner.env.region,
    ...(parent ? { [parent.field]: parent.name } : {}),
  };
  joinMesh(owner, mesh);
  return { resource, arnComponents, identity };
}

/** What a referenced resource offers: a construct of a mesh (a `VirtualNode`, an import, …). */
interface MeshResourceLike extends IConstruct {
  readonly mesh: MeshLike;
}

function isMeshResource(value: unknown): value is MeshResourceLike {
  const candidate = value as MeshResourceLike | null | undefined;
  return typeof candidate === 'object' && candidate !== null && typeof candidate.node === 'object'
    && typeof candidate.mesh === 'object' && candidate.mesh !== null && typeof candidate.mesh.node === 'object';
}

/**
 * A reference to another resource of a mesh, for the model. Only a resource construct can be
 * referenced: anything else a plain-JS caller passes renders as it is and the field rules report it.
 */
export function referenceTo(field: string, kind: ResourceKind, target: unknown, name: string, port?: number): ReferenceModel[] {
  if (!isMeshResource(target)) return [];
  return [{ field, kind, name, path: target.node.path, mesh: MeshRegistry.of(target.mesh), ...(port !== undefined ? { port } : {}) }];
}
