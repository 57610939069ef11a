import { InvalidInput } from '../model/invalid-input';

/** Whether a value is an object with a method of that name (a value class, or what plain JavaScript passes instead). */
export function hasMethod(value: unknown, name: string): boolean {
  return typeof value === 'object' && value !== null && typeof (value as Record<string, unknown>)[name] === 'function';
}

/**
 * Renders a union-like value class (anything with an internal `_toModel`). Anything else,
 * which only plain JavaScript can pass, becomes an InvalidInput that the field rules report.
 */
export function renderPart<T>(value: unknown, expected: string, ...args: unknown[]): T | InvalidInput | undefined {
  if (value === undefined || value === null) return undefined;
  if (hasMethod(value, '_toModel')) return (value as { _toModel(...a: unknown[]): T })._toModel(...args);
  return new InvalidInput(value, expected);
}

/**
 * Renders a list option: every item must render (a null item is reported, not dropped), and
 * something that is not a list at all is reported too. An empty list renders as absent.
 */
export function renderList<T>(items: readonly unknown[], given: unknown, expected: string, ...args: unknown[]): T[] | InvalidInput | undefined {
  if (given !== undefined && given !== null && !Array.isArray(given)) return new InvalidInput(given, `a list of ${expected}`);
  const rendered = items.map((item) => (item === undefined || item === null
    ? new InvalidInput(item, expected) : renderPart<T>(item, expected, ...args)));
  return rendered.length > 0 ? rendered as T[] : undefined;
}

/** A list option: a plain-JS caller may pass something that is not an array (renderList reports it). */
export function asList<T>(value: readonly T[] | undefined): readonly T[] {
  return Array.isArray(value) ? value : [];
}

/** A list of match criteria: unlike other lists an empty one is kept, since App Mesh rejects it (the rules say so). */
export function matchList<T>(given: readonly unknown[] | undefined, expected: string): T[] | InvalidInput | undefined {
  if (given === undefined || given === null) return undefined;
  return renderList<T>(asList(given), given, expected) ?? [];
}
