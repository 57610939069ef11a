/** TypeScript source pieces for the generated app. */

/** A string literal in single quotes. */
export function str(value: string): string {
  return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/\n/g, '\\n')}'`;
}

/** A string field of `f` as a literal, or undefined (absent, or no `f`). */
export function quoted(f: { string(key: string): string | undefined } | undefined, key: string): string | undefined {
  const value = f?.string(key);
  return value === undefined ? undefined : str(value);
}

/** An object literal from its entries, leaving out the undefined ones; undefined when none is left. */
export function obj(entries: Array<[string, string | undefined]>): string | undefined {
  const kept = entries.filter((e): e is [string, string] => e[1] !== undefined);
  if (kept.length === 0) return undefined;
  const key = (k: string) => (/^[A-Za-z_$][\w$]*$/.test(k) ? k : str(k));
  return wrap('{', kept.map(([k, v]) => `${key(k)}: ${v}`), '}');
}

/** An array literal; undefined when empty. */
export function arr(items: string[]): string | undefined {
  return items.length === 0 ? undefined : wrap('[', items, ']');
}

/** One line when it is short and flat, else one item a line, indented. */
function wrap(open: string, items: string[], close: string): string {
  const line = open === '{' ? `{ ${items.join(', ')} }` : `[${items.join(', ')}]`;
  if (line.length <= 100 && !line.includes('\n')) return line;
  return `${open}\n${items.map((i) => `  ${i.replace(/\n/g, '\n  ')},`).join('\n')}\n${close}`;
}

/** A call with its arguments, dropping undefined ones at the end (and filling gaps with undefined). */
export function call(fn: string, ...args: Array<string | undefined>): string {
  while (args.length > 0 && args[args.length - 1] === undefined) args.pop();
  return `${fn}(${args.map((a) => a ?? 'undefined').join(', ')})`;
}

/** An identifier from a resource name: `colorteller-white-vn` → `colortellerWhiteVn`. */
export function identifier(name: string, taken: Set<string>): string {
  const words = name.split(/[^A-Za-z0-9]+/).filter((w) => w.length > 0);
  let base = words.map((w, i) => (i === 0 ? w[0].toLowerCase() + w.slice(1) : w[0].toUpperCase() + w.slice(1))).join('') || 'resource';
  if (/^\d/.test(base)) base = `r${base}`;
  if (RESERVED.has(base)) base = `${base}Resource`;
  let id = base;
  for (let n = 2; taken.has(id); n++) id = `${base}${n}`;
  taken.add(id);
  return id;
}

const RESERVED = new Set(['app', 'stack', 'new', 'class', 'function', 'default', 'delete', 'return', 'import', 'export', 'const',
  'let', 'var', 'in', 'of', 'for', 'if', 'else', 'switch', 'case', 'this', 'super', 'null', 'true', 'false', 'void', 'with', 'yield',
  'await', 'enum', 'interface', 'package', 'private', 'protected', 'public', 'static', 'typeof', 'instanceof', 'try', 'catch',
  'finally', 'throw', 'while', 'do', 'break', 'continue', 'debugger', 'Duration', 'App', 'Stack', 'Aws']);
