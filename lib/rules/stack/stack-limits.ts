import { CfnResource, Stack } from 'aws-cdk-lib';
import { MeshGraph } from '../../model/mesh-graph';
import { requestShape } from '../../model/spec';
import { Diagnostic } from '../diagnostic';
import { Findings } from '../findings';

/** CloudFormation's quotas on one stack: resources, and bytes of a template body read from S3. */
export const STACK_RESOURCE_QUOTA = 500;
export const TEMPLATE_BODY_QUOTA = 1_000_000;

/** aws-cdk-lib's own switch for its resource-count check; 0 turns it off, and these checks with it. */
const RESOURCE_LIMIT_CONTEXT = '@aws-cdk/core:stackResourceLimit';

/**
 * What a resource costs in the template beyond its properties: its logical id, `Type`, `DependsOn`
 * and the indentation of its lines (aws-cdk-lib indents by one space, four levels deep).
 */
const RESOURCE_OVERHEAD_BYTES = 120;
const INDENT_BYTES_PER_LINE = 4;

const SPREAD_FIX = 'spread the mesh over stacks with MeshStacks (appmesh-kit), or move resources into another stack';

/**
 * A stack that holds mesh resources and would break CloudFormation's quotas, found while the app
 * is validated: before any template or output file is written, with the numbers that break them.
 * `graphs` are the meshes with resources in the stack.
 */
export function stackLimitDiagnostics(stack: Stack, graphs: readonly MeshGraph[]): Diagnostic[] {
  const limit = resourceLimit(stack);
  if (limit === 0) return [];
  const resources = stack.node.findAll().filter((c): c is CfnResource => CfnResource.isCfnResource(c) && Stack.of(c) === stack);
  const findings = new Findings(stack.node.path);
  if (resources.length > limit) {
    const appMesh = resources.filter((r) => r.cfnResourceType.startsWith('AWS::AppMesh::')).length;
    findings.add('AMK_STACK_RESOURCE_LIMIT', 'Resources', resources.length,
      `the stack holds ${resources.length} resources (${appMesh} of them App Mesh resources); CloudFormation allows ${limit} in one stack`,
      SPREAD_FIX);
  }
  const bytes = appMeshBytes(stack, graphs);
  if (bytes > TEMPLATE_BODY_QUOTA) {
    findings.add('AMK_STACK_TEMPLATE_SIZE', 'Template', bytes,
      `the stack's App Mesh resources alone take about ${bytes} bytes of template; CloudFormation accepts at most `
        + `${TEMPLATE_BODY_QUOTA} for a whole template`,
      `${SPREAD_FIX} (or set suppressTemplateIndentation on the stack)`);
  }
  return findings.diagnostics;
}

function resourceLimit(stack: Stack): number {
  const context: unknown = stack.node.tryGetContext(RESOURCE_LIMIT_CONTEXT);
  return context === undefined ? STACK_RESOURCE_QUOTA : parseInt(String(context), 10);
}

/**
 * About how many bytes the stack's App Mesh resources take in its template, from their resolved
 * models (the API shape has the template's properties under camelCase names of the same length).
 * aws-cdk-lib warns about the whole template's size itself, once it is written; this estimate comes
 * before anything is written, and other resources only add to it.
 */
function appMeshBytes(stack: Stack, graphs: readonly MeshGraph[]): number {
  const prefix = `${stack.node.path}/`;
  let bytes = 0;
  for (const graph of graphs) {
    for (const member of graph.members()) {
      if (!member.path.startsWith(prefix)) continue;
      const properties = JSON.stringify(requestShape(member.resolved), undefined, 1);
      bytes += properties.length + RESOURCE_OVERHEAD_BYTES + INDENT_BYTES_PER_LINE * properties.split('\n').length;
    }
  }
  return bytes;
}
