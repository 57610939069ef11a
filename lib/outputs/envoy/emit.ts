import { emitYaml } from './yaml-emitter';

/** JSON with two-space indentation and a trailing newline; key order is the order the config was built in. */
export function toJson(config: unknown): string {
  return `${JSON.stringify(config, null, 2)}\n`;
}

/**
 * YAML of the same document, exactly as js-yaml dumps it: strings that look like other types are
 * quoted (double quotes), lines never folded, no anchors for repeated objects.
 */
export function toYaml(config: unknown): string {
  return emitYaml(config);
}
