import { dump, DumpOptions } from 'js-yaml';

/**
 * The js-yaml options every Envoy YAML file is written with: lines never folded, no anchors for
 * repeated objects, double quotes where a string must be quoted.
 */
export const YAML_OPTIONS: DumpOptions = { lineWidth: -1, noRefs: true, quotingType: '"' };

/**
 * YAML of a JSON-shaped value, byte-identical to `dump(value, YAML_OPTIONS)`.
 *
 * js-yaml spends most of its time choosing a style for every scalar. This writer lays out the
 * block mappings and sequences itself (as js-yaml's writeBlockMapping/writeBlockSequence do) and
 * writes a string plain only where js-yaml certainly would; any other scalar is rendered by js-yaml
 * itself, so quoting and escaping stay js-yaml's. A value it does not know (a Date, a Map, a
 * function, a key too long for an implicit key) makes it hand the whole document to js-yaml.
 */
export function emitYaml(value: unknown): string {
  if (value === undefined) return ''; // js-yaml writes nothing for undefined
  try {
    const writer = new BlockWriter();
    writer.node(value, 0, true, '', '');
    return `${writer.out}\n`;
  } catch (e) {
    if (e instanceof Unsupported) return dump(value, YAML_OPTIONS);
    throw e;
  }
}

/** Thrown for a value this writer leaves to js-yaml. */
class Unsupported extends Error {}

/**
 * Writes a document as js-yaml's writeNode does in block context, appending to one string (nested
 * strings would be copied again at every level). `level` is js-yaml's: entries of a collection at
 * level L are indented 2L spaces, and a value of a mapping or an item of a sequence at level L is
 * written at L + 1.
 */
class BlockWriter {
  public out = '';

  /**
   * One value: after `inline` when it fits on the line (a scalar, `{}` or `[]`), after `block` when
   * it is a non-empty collection. `compact`: its first entry continues the current line (an item
   * of a sequence, or the document start); otherwise every entry starts on a new line, which is why
   * a mapping writes `:` and not `: ` before a nested collection.
   */
  public node(value: unknown, level: number, compact: boolean, inline: string, block: string): void {
    if (typeof value === 'object' && value !== null) {
      if (Array.isArray(value)) {
        if (value.length === 0) {
          this.out += `${inline}[]`;
        } else {
          this.out += block;
          this.sequence(value, level, compact);
        }
        return;
      }
      // js-yaml treats anything whose tag is [object Object] as a mapping, whatever its prototype.
      if (Object.prototype.toString.call(value) !== '[object Object]') throw new Unsupported();
      const object = value as Record<string, unknown>;
      const keys = Object.keys(object);
      // js-yaml drops a pair whose value is undefined, and writes a mapping left with no pair as {}.
      if (keys.every((key) => object[key] === undefined)) {
        this.out += `${inline}{}`;
      } else {
        this.out += block;
        this.mapping(object, keys, level, compact);
      }
      return;
    }
    this.out += inline + scalarNode(value, level);
  }

  private mapping(object: Record<string, unknown>, keys: readonly string[], level: number, compact: boolean): void {
    let first = true;
    for (const key of keys) {
      const value = object[key];
      if (value === undefined) continue;
      if (!compact || !first) this.out += lineBreak(level);
      first = false;
      this.out += renderKey(key);
      this.node(value, level + 1, false, ': ', ':');
    }
  }

  private sequence(array: readonly unknown[], level: number, compact: boolean): void {
    for (let i = 0; i < array.length; i++) {
      if (!compact || i > 0) this.out += lineBreak(level);
      // js-yaml writes undefined (and a hole) in a sequence as null.
      this.node(array[i] ?? null, level + 1, true, '- ', '- ');
    }
  }
}

/** A scalar as js-yaml writes it at `level`; anything that is not JSON is left to js-yaml. */
function scalarNode(value: unknown, level: number): string {
  switch (typeof value) {
    case 'string': return scalar(value, level);
    case 'number': return number(value);
    case 'boolean': return value ? 'true' : 'false';
    default:
      if (value === null) return 'null';
      throw new Unsupported();
  }
}

const lineBreaks: string[] = [];

/** A line break and the indentation of `level` (two spaces a level), cached per level. */
function lineBreak(level: number): string {
  return lineBreaks[level] ??= `\n${'  '.repeat(level)}`;
}

/** Numbers as js-yaml's int type writes them (toString); any other number is left to js-yaml's float type. */
function number(value: number): string {
  if (Number.isInteger(value) && !Object.is(value, -0)) return String(value);
  return stripNewline(dump(value, YAML_OPTIONS));
}

/**
 * A string value at `level`. Plain when `isPlain` says so; otherwise js-yaml's own rendering,
 * cached when it is one line. A multi-line string is a literal block whose lines js-yaml indents
 * by the level, so it is rendered at the top level (indent 2) and its lines indented further.
 */
function scalar(value: string, level: number): string {
  if (isPlain(value)) return value;
  const cached = rendered.get(value);
  if (cached !== undefined) return cached;
  const yaml = stripNewline(dump(value, YAML_OPTIONS));
  if (yaml.indexOf('\n') === -1) {
    remember(value, yaml);
    return yaml;
  }
  return indentBlock(yaml, 2 * Math.max(1, level) - 2);
}

/**
 * A mapping key. js-yaml writes keys as single-line scalars: the same as a value unless the key
 * has a line break (then double-quoted), which is rendered through a one-pair mapping. A key over
 * 1024 characters becomes an explicit `? key` pair, which is left to js-yaml.
 */
function renderKey(key: string): string {
  let yaml: string;
  if (isPlain(key)) {
    yaml = key;
  } else if (key.indexOf('\n') === -1) {
    yaml = scalar(key, 1);
  } else {
    const pair = stripNewline(dump({ [key]: null }, YAML_OPTIONS));
    yaml = pair.slice(0, pair.length - ': null'.length);
  }
  if (yaml.length > 1024) throw new Unsupported();
  return yaml;
}

/** js-yaml renderings of strings that are not plain; cleared when full so memory stays bounded. */
const rendered = new Map<string, string>();
const RENDERED_MAX = 10_000;

function remember(value: string, yaml: string): void {
  if (rendered.size >= RENDERED_MAX) rendered.clear();
  rendered.set(value, yaml);
}

function stripNewline(yaml: string): string {
  return yaml.slice(0, -1);
}

/** Indents every line after the block header by `spaces` more, except empty lines (as js-yaml's indentString). */
function indentBlock(yaml: string, spaces: number): string {
  if (spaces === 0) return yaml;
  const pad = ' '.repeat(spaces);
  const lines = yaml.split('\n');
  for (let i = 1; i < lines.length; i++) {
    if (lines[i] !== '') lines[i] = pad + lines[i];
  }
  return lines.join('\n');
}

/**
 * Words js-yaml's DEFAULT schema reads as null or a boolean, and the YAML 1.1 booleans it quotes
 * for compatibility. Every other implicit type (int, float, timestamp, base-60, merge `<<`) and
 * `~` begins with a digit, a sign, `.`, `_`, `~` or `<`, which `isPlain` never lets begin a string.
 */
const OTHER_TYPE_WORDS = new Set([
  'null', 'Null', 'NULL', 'true', 'True', 'TRUE', 'false', 'False', 'FALSE',
  'y', 'Y', 'yes', 'Yes', 'YES', 'on', 'On', 'ON', 'n', 'N', 'no', 'No', 'NO', 'off', 'Off', 'OFF',
]);

/**
 * Whether js-yaml certainly writes the string plain: it begins with a letter or one of `/^$()\`,
 * holds only printable ASCII, has no ` #`, no `: ` and no trailing space or colon (block context
 * allows `,[]{}` inside), and is not a word of another type. A conservative subset of js-yaml's
 * chooseScalarStyle; any string it rejects is rendered by js-yaml.
 */
function isPlain(value: string): boolean {
  const length = value.length;
  if (length === 0) return false;
  const first = value.charCodeAt(0);
  const letter = (first >= 0x61 && first <= 0x7a) || (first >= 0x41 && first <= 0x5a);
  if (!letter && first !== 0x2f && first !== 0x5e && first !== 0x24 && first !== 0x28 && first !== 0x29 && first !== 0x5c) return false;
  let previous = first;
  for (let i = 1; i < length; i++) {
    const c = value.charCodeAt(i);
    if (c < 0x20 || c > 0x7e) return false;
    if (c === 0x23 && previous === 0x20) return false; // ' #' starts a comment
    if (c === 0x20 && previous === 0x3a) return false; // ': ' ends a key
    previous = c;
  }
  if (previous === 0x20 || previous === 0x3a) return false;
  return !(length <= 5 && OTHER_TYPE_WORDS.has(value));
}
