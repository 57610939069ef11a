import { Token, TokenComparison } from 'aws-cdk-lib';
import { MeshRegistry } from '../../model/registry';

/**
 * Whether two mesh objects are the same mesh: true, false, or undefined when it cannot be
 * known before deployment (names that are tokens on both sides of an import).
 */
export function sameMesh(a: { meshName: string }, b: { meshName: string }): boolean | undefined {
  if (a === b) return true;
  if (MeshRegistry.of(a).owned && MeshRegistry.of(b).owned) return false;
  const comparison = Token.compareStrings(a.meshName, b.meshName);
  if (comparison === TokenComparison.SAME) return true;
  if (comparison === TokenComparison.DIFFERENT) return false;
  return undefined;
}
