import { stringify } from 'yaml';

/** JSON with two-space indentation and a trailing newline; key order is the order the config was built in. */
export function toJson(config: unknown): string {
  return `${JSON.stringify(config, null, 2)}\n`;
}

/** YAML of the same document (strings that look like other types are quoted, lines never folded). */
export function toYaml(config: unknown): string {
  return stringify(config, { lineWidth: 0, aliasDuplicateObjects: false });
}
