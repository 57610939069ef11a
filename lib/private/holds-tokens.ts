import { Token, Tokenization } from 'aws-cdk-lib';

/**
 * Whether a plain value (objects, lists, strings, numbers) holds a CDK token anywhere: a string or
 * number token, a list token, or a resolvable object. Resolving through a stack walks the whole
 * value and costs far more than looking; a value without tokens resolves to itself.
 */
export function holdsTokens(value: unknown): boolean {
  if (Array.isArray(value)) return Token.isUnresolved(value) || value.some(holdsTokens);
  if (value !== null && typeof value === 'object') {
    return Tokenization.isResolvable(value) || Object.values(value).some(holdsTokens);
  }
  return (typeof value === 'string' || typeof value === 'number') && Token.isUnresolved(value);
}
