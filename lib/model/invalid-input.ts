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

/**
 * A value with each InvalidInput replaced by what was given (a construct by its path). Synthesis
 * fails on the rules' report of it; until then CDK resolves the value (the L1's spec, the graph's
 * resolved model), and a construct inside would be walked as a circular tree. Only plain objects and
 * lists that hold an InvalidInput are copied (the value itself comes back when there is none): tokens
 * stay as they are.
 */
export function withoutInvalidInputs(value: unknown): unknown {
  if (isInvalidInput(value)) return value.toJSON();
  // Copied only where something inside changes: almost every model has no InvalidInput, and copying
  // every spec twice per synthesis (graph and template) was a large share of a big mesh's garbage.
  if (Array.isArray(value)) {
    let copy: unknown[] | undefined;
    value.forEach((item, i) => {
      const replaced = withoutInvalidInputs(item);
      if (replaced !== item) (copy ??= [...value])[i] = replaced;
    });
    return copy ?? value;
  }
  if (typeof value === 'object' && value !== null && Object.getPrototypeOf(value) === Object.prototype) {
    let copy: Record<string, unknown> | undefined;
    for (const [key, item] of Object.entries(value)) {
      const replaced = withoutInvalidInputs(item);
      if (replaced !== item) (copy ??= { ...value })[key] = replaced;
    }
    return copy ?? value;
  }
  return value;
}
