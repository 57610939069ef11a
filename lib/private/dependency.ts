import { CfnResource } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { MeshKitError } from '../rules/mesh-kit-error';

/**
 * Creation order without references: resources name each other by plain names, and a
 * DependsOn (or, across stacks, a stack dependency) keeps CloudFormation creating the
 * referenced resource first. Imported resources have no L1 and need no ordering.
 */
export function createAfter(resource: CfnResource, target: IConstruct | undefined): void {
  // Every construct here names its L1 'Resource' (defaultChild would be ambiguous beside a child named 'Default').
  const child = target?.node.tryFindChild('Resource');
  if (child instanceof CfnResource) resource.addResourceDependency(child);
}

/**
 * CDK leaves the id 'Default' out of logical ids, so a child construct named 'Default' gets the
 * same logical id as its parent's own resource and synthesis fails far from the cause.
 */
export function rejectDefaultId(scope: IConstruct, id: string, what: string): void {
  if (id === 'Default') {
    throw new MeshKitError({
      code: 'AMK_DEFAULT_ID',
      constructPath: `${scope.node.path}/${id}`,
      field: 'id',
      value: JSON.stringify(id),
      message: `a ${what} cannot have the construct id 'Default': CDK leaves 'Default' out of logical ids, so it would `
        + `collide with ${scope.node.path}'s own resource`,
      fix: 'use another id',
    });
  }
}
