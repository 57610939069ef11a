import { CfnResource } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { awsAppMeshRendering } from './aws-appmesh-rendering';

/**
 * Creation order without references: resources name each other by plain names, and a
 * DependsOn (or, across stacks, a stack dependency) keeps CloudFormation creating the
 * referenced resource first. Imported resources have no L1 and need no ordering.
 */
export function createAfter(resource: CfnResource, target: IConstruct | undefined): void {
  // aws-appmesh's rendering references the target with Fn::GetAtt instead, which orders creation the same way.
  if (awsAppMeshRendering(resource)) return;
  // Every construct here names its L1 'Resource' (defaultChild would be ambiguous beside a child named 'Default').
  // A plain-JS caller may pass something that is no construct (the model reports it).
  const child = target?.node?.tryFindChild?.('Resource');
  if (child instanceof CfnResource) resource.addResourceDependency(child);
}
