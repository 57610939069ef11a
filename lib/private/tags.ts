import { TagModel } from '../model/spec';

/** Tags as App Mesh's `[{ key, value }]`, sorted by key so output is deterministic. */
export function tagsModel(tags: { [key: string]: string } | undefined): TagModel[] | undefined {
  if (!tags || typeof tags !== 'object') return undefined;
  const keys = Object.keys(tags).sort();
  return keys.length === 0 ? undefined : keys.map((key) => ({ key, value: tags[key] }));
}
