import { describe, expect, it } from 'vitest';
import { toolAvailable } from './tools';

describe('toolAvailable', () => {
  it('is false for a command that does not exist', () => {
    expect(toolAvailable('definitely-not-a-command-xyz')).toBe(false);
  });

  it('is true for node', () => {
    expect(toolAvailable('node', ['--version'])).toBe(true);
  });
});
