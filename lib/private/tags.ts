import { InvalidInput } from '../model/invalid-input';
import { TagModel } from '../model/spec';

/** Tags as App Mesh's `[{ key, value }]`, sorted by key so output is deterministic. */
export function tagsModel(tags: { [key: string]: string } | undefined): TagModel[] | undefined {
  if (tags === undefined || tags === null) return undefined;
  if (typeof tags !== 'object' || Array.isArray(tags)) return new InvalidInput(tags, 'a map of tag keys to values') as unknown as TagModel[];
  const keys = Object.keys(tags).sort();
  return keys.length === 0 ? undefined : keys.map((key) => ({ key, value: tags[key] }));
}

/** Tags for the L1 resource from the model's: only a valid list (an invalid one is reported by the field rules and fails synth). */
export function cfnTags(model: TagModel[] | object | undefined): TagModel[] | undefined {
  return Array.isArray(model) ? model : undefined;
}
