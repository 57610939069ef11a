import { Token, TokenComparison } from 'aws-cdk-lib';

/**
 * `meshOwner` is needed when the mesh belongs to another account (a shared mesh).
 * Same account: omitted. Unknown on one side: set, since App Mesh accepts the owner's
 * own account and leaving it out would break a shared mesh.
 */
export function meshOwnerFor(resourceAccount: string, meshAccount: string): string | undefined {
  const comparison = Token.compareStrings(resourceAccount, meshAccount);
  return comparison === TokenComparison.DIFFERENT || comparison === TokenComparison.ONE_UNRESOLVED
    ? meshAccount
    : undefined;
}
