import { InvalidInput } from '../model/invalid-input';

/**
 * Renders a union-like value class (anything with an internal `_toModel`). Anything else,
 * which only plain JavaScript can pass, becomes an InvalidInput that the field rules report.
 */
export function renderPart<T>(value: unknown, expected: string, ...args: unknown[]): T | InvalidInput | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof (value as any)._toModel === 'function') return (value as any)._toModel(...args);
  return new InvalidInput(value, expected);
}

/** A list option: a plain-JS caller may pass something that is not an array. */
export function asList<T>(value: readonly T[] | undefined): readonly T[] {
  return Array.isArray(value) ? value : [];
}
