import { describe, expect, it } from 'vitest';
import { re2SyntaxError } from '../../../lib/rules/field/re2-syntax';
import { RE2_UNICODE_CLASSES } from '../../../lib/rules/field/re2-unicode-classes';
import { compileRe2, usesRealRe2 } from '../../support/envoy-proto';

/**
 * The library's RE2 grammar check against Google's RE2 itself (re2-wasm, which the Envoy proto
 * checks use): a corpus of the forms RE2 and JavaScript disagree on, and seeded random patterns.
 */
const CORPUS = [
  'a{1001}', 'a{1000}', 'a{1000,}', 'a{0,1000}', 'a{2,1}', '(a{100}){11}', '(a{100}){10}', '((a{10}){10}){10}', '((a{10}){10}){11}',
  'a{,5}', 'a{x}', 'a{', '{', '}', '{9}', '/a\\Z', '\\A/a\\z', '(?=a)', '(?!a)', '(?<=a)', '(?<!a)', '(a)\\1', '\\k<n>', 'a++', 'a*+',
  'a?+', 'a{2}+', '(?>a)', '(?#c)', '(?(1)a|b)', '(?R)', '\\e', '\\cA', '\\u0041', '\\G', '\\h', '\\N', '\\K', '\\X', '\\R', '\\0',
  '\\01', '\\012', '\\0123', '\\12', '\\8', '\\1', '(?i)abc', '(?i:abc)', '(?P<n>a)', '(?<n>a)', '(?P=n)', '(?-i)a', '(?i-s)a', '(?)',
  '(?-)a', '(?i-)a', '(?--i)a', '(?U)a+', '(?m)^a$', '(?x)a', '\\Qa.b\\E+', '\\Qab', '\\pN', '\\p{Greek}', '\\PL', '\\pi', '\\p',
  '[a-z]', '[z-a]', '[]a]', '[^]a]', '[]', '[a-]', '[-a]', '[\\d-z]', '[a-\\d]', '[[:alpha:]]', '[[:foo:]]', '[[:^alpha:]]', '[[]', '[a',
  'a]', '[\\b]', '[\\A]', '\\x41', '\\x4', '\\x{41}', '\\x{110000}', '\\x{}', '\\_', '\\-', '\\ ', '\\é', '*a', 'a**', 'a*?', 'a{2}?',
  'a{2}{3}', '^*', '\\b+', '(?i)*', '(*)', '()', '(|)', 'a|*', '(a', 'a)', '\\', '[\\x00-\\x{10FFFF}]', '[\\.-a]', '\\C', '(?s).',
  // Unicode classes: RE2 knows Any, the general categories and scripts by long name, nothing else.
  '\\p{Greekk}', '\\p{Grek}', '\\p{greek}', '\\p{Lu}', '\\p{L}', '\\p{^Greek}', '\\P{Any}', '\\p{Any}', '\\p{Cn}', '\\p{LC}',
  '\\p{Letter}', '\\p{Zanabazar_Square}', '\\p{Script=Greek}', '\\p{}', '\\p{^}', '[\\p{Greek}a]', '[\\p{Nope}]', '\\pZ', '\\pX',
];

const ALPHABET = ['a', 'b', '(', ')', '[', ']', '{', '}', '0', '1', '2', '7', '8', ',', '*', '+', '?', '|', '\\', '\\', '^', '$', '.', '-',
  ':', '<', '>', '=', '!', 'P', 'i', 'd', 'x', 'p', 'Q', 'E', 'z', 'Z', 'k', 'e', 'C', 'L', 'N', 'U', ' ', 'é'];

/** Park–Miller: the same patterns on every run; the seed is in the test name. */
function randomPatterns(seed: number, count: number): string[] {
  let state = seed;
  const next = () => (state = (state * 48271) % 2147483647) / 2147483647;
  return Array.from({ length: count }, () => Array.from({ length: 1 + Math.floor(next() * 8) }, () => ALPHABET[Math.floor(next() * ALPHABET.length)]).join(''));
}

const verdict = (error: string | undefined) => (error === undefined ? 'valid' : 'invalid');

describe.skipIf(!usesRealRe2())('RE2 grammar check agrees with RE2', () => {
  it.each(CORPUS)('%s', (pattern) => {
    expect(verdict(re2SyntaxError(pattern)), String(compileRe2(pattern))).toBe(verdict(compileRe2(pattern)));
  });

  it('every Unicode class name it accepts is one RE2 knows (the scripts Unicode 14 and 15 added: newer than the RE2 build here)', () => {
    const newerScripts = ['Cypro_Minoan', 'Old_Uyghur', 'Tangsa', 'Toto', 'Vithkuqi', 'Kawi', 'Nag_Mundari'];
    const unknownToRe2 = [...RE2_UNICODE_CLASSES].filter((name) => compileRe2(`\\p{${name}}`) !== undefined);
    expect(unknownToRe2.sort()).toEqual([...newerScripts].sort());
    // They are real script names (JavaScript's Unicode data has them), not typos.
    for (const name of newerScripts) expect(() => new RegExp(`\\p{Script=${name}}`, 'u')).not.toThrow();
  });

  it('on 20,000 random patterns (seed 42)', () => {
    const disagreements = randomPatterns(42, 20000).filter((p) => verdict(re2SyntaxError(p)) !== verdict(compileRe2(p)));
    expect(disagreements).toEqual([]);
  });
});
