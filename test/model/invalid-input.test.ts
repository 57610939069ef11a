import { Stack } from 'aws-cdk-lib';
import { describe, expect, it } from 'vitest';
import { InvalidInput, withoutInvalidInputs } from '../../lib/model/invalid-input';
import { testApp } from '../support/synth';

describe('withoutInvalidInputs', () => {
  it('gives back the very value when nothing inside is an InvalidInput (no copy of a valid model)', () => {
    const spec = { listeners: [{ portMapping: { port: 8080, protocol: 'http' } }], backends: [], logging: undefined };
    expect(withoutInvalidInputs(spec)).toBe(spec);
    expect(withoutInvalidInputs([spec])).toEqual([spec]);
  });

  it('replaces an InvalidInput by what was given, copying only the objects and lists on its path', () => {
    const untouched = { port: 8080 };
    const spec = { listeners: [untouched, { port: new InvalidInput('80', 'a number') }], name: 'n' };
    const result = withoutInvalidInputs(spec) as typeof spec;
    expect(result).toEqual({ listeners: [{ port: 8080 }, { port: '80' }], name: 'n' });
    expect(result).not.toBe(spec);
    expect(result.listeners[0]).toBe(untouched);
    // The model itself is left as it was: the rules still see the InvalidInput.
    expect(spec.listeners[1].port).toBeInstanceOf(InvalidInput);
  });

  it('names a construct given where a value belongs by its path, and leaves class instances (tokens) alone', () => {
    const stack = new Stack(testApp(), 'Stack');
    const token = stack.account;
    const result = withoutInvalidInputs({ node: new InvalidInput(stack, 'an IVirtualNode'), account: token }) as Record<string, unknown>;
    expect(result).toEqual({ node: 'Stack', account: token });
  });
});
