import { RE2_UNICODE_CLASSES } from './re2-unicode-classes';

/**
 * A checker of RE2 syntax (the regex engine of Envoy, and so of App Mesh), written from RE2's
 * syntax reference (github.com/google/re2/wiki/Syntax) and its parser's limits. JavaScript's
 * RegExp accepts much RE2 refuses (`\Z`, look-arounds, back-references, possessive and atomic
 * forms, `\e`, `\cX`, `\uXXXX`, counts over 1000) and refuses some RE2 accepts (`(?i)`, `\Q…\E`,
 * `(?P<n>…)`, `\pN`), so a regex is parsed here instead. test/rules/field/re2-syntax.test.ts
 * compares the answers with Google's RE2 (compiled to WebAssembly) on a corpus and on random patterns.
 *
 * Returns undefined when RE2 accepts the pattern, else why not.
 */
export function re2SyntaxError(pattern: string): string | undefined {
  try {
    new Re2Parser(pattern).parse();
    return undefined;
  } catch (error) {
    if (error instanceof Re2SyntaxError) return error.message;
    throw error;
  }
}

class Re2SyntaxError extends Error {}

/** RE2's largest repeat count, and the largest product of nested counts it compiles. */
const MAX_REPEAT = 1000;

/** Escapes of one letter that stand for a character or a class (`\d`), or an empty-width assertion (`\b`). */
const LETTER_ESCAPES = new Set('afnrtvdDsSwWbBAzC'.split(''));
const POSIX_CLASSES = new Set(['alnum', 'alpha', 'ascii', 'blank', 'cntrl', 'digit', 'graph', 'lower', 'print', 'punct',
  'space', 'upper', 'word', 'xdigit']);
const FLAGS = new Set('imsU'.split(''));

/** A parsed atom: whether it can be repeated, and the repeat product inside it (for the nesting limit). */
interface Atom {
  readonly repeatable: boolean;
  readonly innerRepeat: number;
}

class Re2Parser {
  private pos = 0;

  constructor(private readonly src: string) {}

  parse(): void {
    this.alternation();
    if (this.pos < this.src.length) this.fail('unexpected )');
  }

  private fail(message: string): never {
    throw new Re2SyntaxError(message);
  }

  private peek(offset = 0): string | undefined {
    return this.src[this.pos + offset];
  }

  private startsWith(text: string): boolean {
    return this.src.startsWith(text, this.pos);
  }

  /** Alternatives up to a `)` or the end; returns the largest nested repeat product inside. */
  private alternation(): number {
    let inner = this.sequence();
    while (this.peek() === '|') {
      this.pos++;
      inner = Math.max(inner, this.sequence());
    }
    return inner;
  }

  private sequence(): number {
    let inner = 1;
    while (this.pos < this.src.length && this.peek() !== '|' && this.peek() !== ')') {
      const atom = this.atom();
      inner = Math.max(inner, this.repeats(atom));
    }
    return inner;
  }

  /** Repetition operators after an atom; RE2 allows one (plus a lazy `?`), and no possessive `+`. */
  private repeats(atom: Atom): number {
    const count = this.repeatOperator();
    if (count === undefined) return atom.innerRepeat;
    if (!atom.repeatable) this.fail('missing argument to repetition operator');
    if (this.peek() === '?') this.pos++;
    if (this.repeatOperator() !== undefined) this.fail('bad repetition operator: a repetition cannot be repeated (no possessive forms)');
    const product = atom.innerRepeat * count;
    if (count > 1 && product > MAX_REPEAT) this.fail(`bad repetition operator: nested counts multiply to more than ${MAX_REPEAT}`);
    return Math.max(atom.innerRepeat, count > 1 ? product : atom.innerRepeat);
  }

  /** Consumes `*`, `+`, `?` or a valid `{n}`, `{n,}`, `{n,m}`; returns its largest count (1 for the others). */
  private repeatOperator(): number | undefined {
    const c = this.peek();
    if (c === '*' || c === '+' || c === '?') {
      this.pos++;
      return 1;
    }
    if (c !== '{') return undefined;
    // A brace that does not start a well-formed count is a literal brace in RE2.
    const match = /^\{(\d+)(,(\d*))?\}/.exec(this.src.slice(this.pos));
    if (!match) return undefined;
    const min = Number(match[1]);
    const max = match[2] === undefined ? min : match[3] === '' ? min : Number(match[3]);
    if (min > MAX_REPEAT || max > MAX_REPEAT || max < min) this.fail(`bad repetition operator: ${match[0]} (counts go up to ${MAX_REPEAT}, min ≤ max)`);
    this.pos += match[0].length;
    return Math.max(min, max, 1);
  }

  private atom(): Atom {
    const c = this.peek()!;
    if (c === '*' || c === '+' || c === '?' || (c === '{' && /^\{\d+(,\d*)?\}/.test(this.src.slice(this.pos)))) {
      this.fail(`missing argument to repetition operator: ${c}`);
    }
    if (c === '(') return this.group();
    if (c === '[') {
      this.charClass();
      return { repeatable: true, innerRepeat: 1 };
    }
    if (c === '\\') return this.escape(false);
    if (c === '^' || c === '$') {
      this.pos++;
      return { repeatable: true, innerRepeat: 1 };
    }
    this.pos++;
    return { repeatable: true, innerRepeat: 1 };
  }

  private group(): Atom {
    this.pos++;
    if (this.peek() === '?') {
      this.pos++;
      if (this.startsWith('P<') || (this.peek() === '<' && /[A-Za-z0-9_]/.test(this.peek(1) ?? ''))) {
        this.pos += this.peek() === 'P' ? 2 : 1;
        const end = this.src.indexOf('>', this.pos);
        const name = end < 0 ? '' : this.src.slice(this.pos, end);
        if (end < 0 || !/^[A-Za-z0-9_]+$/.test(name)) this.fail('invalid named capture group');
        this.pos = end + 1;
      } else {
        this.flags();
        if (this.peek() === ')') {
          // A flag group `(?i)` sets flags for the rest of the group; it is not an atom to repeat.
          this.pos++;
          return { repeatable: false, innerRepeat: 1 };
        }
        this.pos++; // the ':' flags() stopped at
      }
    }
    const inner = this.alternation();
    if (this.peek() !== ')') this.fail('missing closing )');
    this.pos++;
    return { repeatable: true, innerRepeat: inner };
  }

  /** `(?flags)` or `(?flags:`: flags from imsU, at most one `-`, and something set or cleared. */
  private flags(): void {
    const start = this.pos;
    let negated = false;
    for (;;) {
      const c = this.peek();
      if (c === undefined) this.fail('missing closing )');
      if (c === ':' || c === ')') {
        // A trailing `-` (`(?-)`, `(?i-:`) is invalid; `(?:` is a plain non-capturing group and `(?)` sets nothing.
        if (this.src[this.pos - 1] === '-') this.fail(`invalid or unsupported Perl syntax: (?${this.src.slice(start, this.pos + 1)}`);
        return;
      }
      if (c === '-' && !negated) {
        negated = true;
      } else if (!FLAGS.has(c)) {
        this.fail(`invalid or unsupported Perl syntax: (?${c} (RE2 has no look-around, atomic groups, comments or conditionals)`);
      }
      this.pos++;
    }
  }

  /** An escape outside or (`inClass`) inside a character class. */
  private escape(inClass: boolean): Atom {
    this.pos++;
    const c = this.peek();
    if (c === undefined) this.fail('trailing \\');
    const atom = { repeatable: true, innerRepeat: 1 };
    if (c === 'Q' && !inClass) {
      // \Q…\E quotes literally (to the end when there is no \E).
      const end = this.src.indexOf('\\E', this.pos + 1);
      this.pos = end < 0 ? this.src.length : end + 2;
      return atom;
    }
    if (c === 'x') {
      this.pos++;
      if (this.peek() === '{') {
        const end = this.src.indexOf('}', this.pos);
        const hex = end < 0 ? '' : this.src.slice(this.pos + 1, end);
        if (!/^[0-9A-Fa-f]+$/.test(hex) || parseInt(hex, 16) > 0x10ffff) this.fail('invalid escape sequence: \\x{…}');
        this.pos = end + 1;
      } else {
        if (!/^[0-9A-Fa-f]{2}$/.test(this.src.slice(this.pos, this.pos + 2))) this.fail('invalid escape sequence: \\x takes two hex digits');
        this.pos += 2;
      }
      return atom;
    }
    if (c === 'p' || c === 'P') {
      this.pos++;
      if (this.peek() === '{') {
        const end = this.src.indexOf('}', this.pos);
        const name = end < 0 ? '' : this.src.slice(this.pos + 1, end).replace(/^\^/, '');
        if (!RE2_UNICODE_CLASSES.has(name)) {
          this.fail(`invalid character class range: \\p{${name}} (RE2 knows Any, the general categories such as Lu, and scripts by long name such as Greek)`);
        }
        this.pos = end + 1;
      } else if (/[CLMNPSZ]/.test(this.peek() ?? '')) {
        // One-letter names are the Unicode general categories.
        this.pos++;
      } else {
        this.fail('invalid character class range: \\p');
      }
      return atom;
    }
    if (/[0-7]/.test(c)) {
      // \0 and \0NN, \NN and \NNN are octal; a lone \1–\7 would be a back-reference, which RE2 lacks.
      const octal = /^[0-7]{1,3}/.exec(this.src.slice(this.pos))![0];
      if (c !== '0' && octal.length === 1) this.fail(`invalid escape sequence: \\${c} (RE2 has no back-references)`);
      this.pos += octal.length;
      return atom;
    }
    this.pos++;
    if (/[A-Za-z0-9]/.test(c)) {
      const allowed = inClass ? LETTER_ESCAPES.has(c) && !'bBAzC'.includes(c) : LETTER_ESCAPES.has(c);
      if (!allowed) this.fail(`invalid escape sequence: \\${c}`);
      return atom;
    }
    // ASCII punctuation and space may be escaped to stand for themselves; nothing else.
    if (c.charCodeAt(0) > 0x7f) this.fail(`invalid escape sequence: \\${c}`);
    return atom;
  }

  private charClass(): void {
    this.pos++;
    if (this.peek() === '^') this.pos++;
    let first = true;
    let previous: number | undefined; // the code point of the last single character, for a range
    for (;;) {
      const c = this.peek();
      if (c === undefined) this.fail('missing closing ]');
      if (c === ']' && !first) {
        this.pos++;
        return;
      }
      first = false;
      if (this.startsWith('[:')) {
        const end = this.src.indexOf(':]', this.pos + 2);
        const name = end < 0 ? undefined : this.src.slice(this.pos + 2, end).replace(/^\^/, '');
        if (name !== undefined && POSIX_CLASSES.has(name)) {
          this.pos = end + 2;
          previous = undefined;
          continue;
        }
        if (end >= 0 && /^\^?[a-z]+$/.test(this.src.slice(this.pos + 2, end))) this.fail('invalid character class range: [:…:]');
      }
      if (c === '-' && previous !== undefined && this.peek(1) !== ']' && this.peek(1) !== undefined) {
        this.pos++;
        const high = this.classChar();
        if (high === undefined) this.fail('invalid character class range: a range ends at a class');
        if (high < previous) this.fail('invalid character class range: the range runs backwards');
        previous = undefined;
        continue;
      }
      previous = this.classChar();
    }
  }

  /** One member of a class: returns its code point, or undefined for a class escape such as \d. */
  private classChar(): number | undefined {
    const c = this.peek();
    if (c !== '\\') {
      const cp = this.src.codePointAt(this.pos)!;
      this.pos += cp > 0xffff ? 2 : 1;
      return cp;
    }
    const start = this.pos;
    this.escape(true);
    const text = this.src.slice(start + 1, this.pos);
    if (/^[dDsSwWpP]/.test(text)) return undefined;
    const simple: Record<string, number> = { a: 7, f: 12, n: 10, r: 13, t: 9, v: 11 };
    if (text in simple) return simple[text];
    if (text.startsWith('x')) return parseInt(text.replace(/[x{}]/g, ''), 16);
    if (/^[0-7]+$/.test(text)) return parseInt(text, 8);
    return text.codePointAt(0);
  }
}
