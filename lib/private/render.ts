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

/**
 * The name of a resource passed to a factory (`Backend.virtualService(service)`), or an InvalidInput when
 * plain JavaScript passed another kind of resource, a string or nothing: the rules report it with `expected`.
 */
export function resourceNameOf(resource: unknown, nameField: string, expected: string): string | InvalidInput {
  const name = typeof resource === 'object' && resource !== null ? (resource as Record<string, unknown>)[nameField] : undefined;
  return typeof name === 'string' ? name : new InvalidInput(resource, expected);
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

/**
 * A listener's port from its options. Plain JavaScript may pass the port itself where the options
 * belong (`VirtualNodeListener.http(9090)`): that is reported, never taken as an empty options object.
 */
export function listenerPort(options: unknown, factory: string): number | InvalidInput {
  if (options === undefined || options === null) return DEFAULT_LISTENER_PORT;
  if (typeof options === 'object') return (options as { port?: number }).port ?? DEFAULT_LISTENER_PORT;
  return new InvalidInput(options, `a number inside the options object: ${factory}({ port: ${JSON.stringify(options)} })`);
}

/** The listener options, or none when plain JavaScript passed something else (listenerPort reports it). */
export function listenerOptions<T extends object>(options: T | undefined): Partial<T> {
  return typeof options === 'object' && options !== null ? options : {};
}

/** App Mesh's console default, and aws-cdk-lib/aws-appmesh's, for a listener without a port. */
const DEFAULT_LISTENER_PORT = 8080;
