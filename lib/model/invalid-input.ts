import { Construct } from 'constructs';

/**
 * Stands in the model for a value that could not be rendered (for example a plain number
 * passed from JavaScript where a `Duration` was expected). Field rules report it as a
 * diagnostic instead of letting a TypeError escape from deep inside rendering.
 */
export class InvalidInput {
  constructor(
    /** What was given, for the diagnostic's value. */
    public readonly given: unknown,
    /** What was expected instead. */
    public readonly expected: string,
  ) {}

  public toJSON(): unknown {
    // A construct given where a value belongs (a service for a node) is named by its path, not serialized with its tree.
    return Construct.isConstruct(this.given) ? this.given.node.path : this.given;
  }
}

export function isInvalidInput(value: unknown): value is InvalidInput {
  return value instanceof InvalidInput;
}
