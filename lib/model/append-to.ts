/** A map (or weak map) from a key to a list of values. */
interface ListIndex<K, V> {
  get(key: K): V[] | undefined;
  set(key: K, value: V[]): unknown;
}

/**
 * Appends to the list under a key, in place. Copying the list on every append makes building an
 * index of a large mesh quadratic.
 */
export function appendTo<K, V>(index: ListIndex<K, V>, key: K, value: V): void {
  const list = index.get(key);
  if (list) list.push(value);
  else index.set(key, [value]);
}
