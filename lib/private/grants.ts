import * as iam from 'aws-cdk-lib/aws-iam';

/** `appmesh:StreamAggregatedResources` on exactly one node's or gateway's ARN: what its Envoy needs to fetch its configuration. */
export function grantStreamAggregatedResources(grantee: iam.IGrantable, resourceArn: string): iam.Grant {
  return iam.Grant.addToPrincipal({ grantee, actions: ['appmesh:StreamAggregatedResources'], resourceArns: [resourceArn] });
}
