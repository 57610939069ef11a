import { Lazy, Stack, Token } from 'aws-cdk-lib';
import { describe, expect, it } from 'vitest';
import { holdsTokens } from '../../lib/private/holds-tokens';

describe('holdsTokens', () => {
  it('finds a token of every kind, however deep', () => {
    const stack = new Stack();
    expect(holdsTokens({ a: [{ b: `prefix-${stack.region}` }] })).toBe(true);
    expect(holdsTokens({ port: Token.asNumber(Lazy.number({ produce: () => 8080 })) })).toBe(true);
    expect(holdsTokens({ hosts: Token.asList(Lazy.list({ produce: () => ['a'] })) })).toBe(true);
    expect(holdsTokens([[{ spec: Lazy.any({ produce: () => ({}) }) }]])).toBe(true);
  });

  it('finds none in plain values', () => {
    expect(holdsTokens({ a: [1, 'two', true, null, undefined, { b: [] }], c: '${not a token}', d: -1.5e-3 })).toBe(false);
    expect(holdsTokens('')).toBe(false);
  });
});
