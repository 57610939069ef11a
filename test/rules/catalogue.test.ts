/**
 * The rule catalogue (lib/rules/catalogue.ts) against the sources and the tests: every code lib/
 * raises is catalogued, every catalogued code is raised, every catalogued code is asserted by a
 * test, and RULES.md is what build-tools/rules-doc.ts generates from the catalogue.
 *
 * Codes are read from string literals (comments do not count), with the TypeScript parser.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { RULES_DOC_PATH, renderRulesDoc } from '../../build-tools/rules-doc';
import { RULE_CATALOGUE, RULE_SUBJECTS } from '../../lib/rules/catalogue';

const ROOT = path.join(__dirname, '..', '..');
const CATALOGUE_FILE = path.join('lib', 'rules', 'catalogue.ts');

/**
 * Codes no input through the public API can reach, so no test can assert them. Each guards the
 * model against a shape that the value classes' static factories never render; only code calling
 * internal `_toModel` methods could produce one. Keep this list short and say why for each.
 */
const UNREACHABLE: Readonly<Record<string, string>> = {
  // VirtualServiceProvider.virtualNode / .virtualRouter / .none render one provider or none.
  AMK_PROVIDER_ONE: 'a provider model with both virtualNode and virtualRouter',
  // VirtualNodeListener keys its timeout by its own protocol; VirtualGatewayListener renders no timeout.
  AMK_TIMEOUT_PROTOCOL: 'a listener timeout keyed by another protocol than the listener\'s',
  // TlsCertificate and TlsValidationTrust factories render exactly one of acm, file and sds.
  AMK_TLS_SOURCE: 'a certificate or trust with zero or several sources',
};

/** Every `.ts` file under a directory of the repository, as paths relative to the root. */
function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (relative: string) => {
    for (const entry of fs.readdirSync(path.join(ROOT, relative), { withFileTypes: true })) {
      const child = path.join(relative, entry.name);
      if (entry.isDirectory()) walk(child);
      else if (entry.isFile() && entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts')) out.push(child);
    }
  };
  walk(dir);
  return out.sort();
}

interface CodeScan {
  /** Code → the files naming it in a string literal. */
  readonly codes: Map<string, string[]>;
  /** Literals that build a code from parts (`'AMK_' + x`, `AMK_${x}`): the catalogue cannot check those. */
  readonly dynamic: string[];
}

/** The AMK_ codes in the string literals and template texts of the files. */
function scanCodes(files: string[]): CodeScan {
  const codes = new Map<string, string[]>();
  const dynamic: string[] = [];
  for (const file of files) {
    const text = fs.readFileSync(path.join(ROOT, file), 'utf8');
    const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, false, ts.ScriptKind.TS);
    const take = (literal: string, node: ts.Node, isTemplatePart: boolean) => {
      for (const match of literal.matchAll(/AMK_[A-Z0-9_]*/g)) {
        const token = match[0];
        const end = (match.index ?? 0) + token.length;
        // A code cut short by a template substitution, or a prefix that something is appended to.
        if (token.endsWith('_') || (isTemplatePart && end === literal.length)) {
          const { line } = source.getLineAndCharacterOfPosition(node.getStart(source));
          dynamic.push(`${file}:${line + 1} ${JSON.stringify(literal)}`);
          continue;
        }
        codes.set(token, [...new Set([...(codes.get(token) ?? []), file])]);
      }
    };
    const visit = (node: ts.Node) => {
      if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) {
        take(node.text, node, false);
      } else if (ts.isTemplateExpression(node)) {
        take(node.head.text, node, true);
        node.templateSpans.forEach((span) => take(span.literal.text, node, !ts.isTemplateTail(span.literal)));
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return { codes, dynamic };
}

const catalogued = Object.keys(RULE_CATALOGUE);
const lib = scanCodes(sourceFiles('lib').filter((f) => f !== CATALOGUE_FILE));
// Rule tests only: catalogue.test.ts names every code, and test/support holds tooling and helpers.
const tests = scanCodes(sourceFiles('test').filter((f) => f.endsWith('.test.ts')
  && f !== path.join('test', 'rules', 'catalogue.test.ts') && !f.startsWith(path.join('test', 'support') + path.sep)));

describe('rule catalogue', () => {
  it('lib/ builds no code from parts (the checks below could not see it)', () => {
    expect(lib.dynamic, 'write each code as one string literal').toEqual([]);
  });

  it('catalogues every code raised in lib/', () => {
    const missing = [...lib.codes.keys()].filter((code) => !(code in RULE_CATALOGUE)).sort()
      .map((code) => `${code} (${lib.codes.get(code)!.join(', ')})`);
    expect(missing, 'codes raised in lib/ but missing from lib/rules/catalogue.ts').toEqual([]);
  });

  it('catalogues only codes that lib/ raises', () => {
    const unused = catalogued.filter((code) => !lib.codes.has(code));
    expect(unused, 'catalogued codes that nothing in lib/ raises').toEqual([]);
  });

  it('has every catalogued code asserted by a test, except the unreachable ones', () => {
    const untested = catalogued.filter((code) => !tests.codes.has(code) && !(code in UNREACHABLE));
    expect(untested, 'catalogued codes that no test names').toEqual([]);
  });

  it('lists as unreachable only catalogued codes that no test asserts', () => {
    const stale = Object.keys(UNREACHABLE).filter((code) => !(code in RULE_CATALOGUE) || tests.codes.has(code))
      .map((code) => `${code} (${tests.codes.get(code)?.join(', ') ?? 'not catalogued'})`);
    expect(stale, 'remove these from UNREACHABLE').toEqual([]);
  });

  it('is sorted by code, and every entry has a known subject and one-line texts', () => {
    expect(catalogued).toEqual([...catalogued].sort());
    const bad = catalogued.filter((code) => {
      const e = RULE_CATALOGUE[code];
      return !(RULE_SUBJECTS as readonly string[]).includes(e.subject)
        || ![e.summary, e.fix, e.source].every((text) => text.trim().length > 0 && !text.includes('\n'));
    });
    expect(bad).toEqual([]);
  });

  it('RULES.md is what build-tools/rules-doc.ts generates (run `npx projen rules-doc` when it is not)', () => {
    const onDisk = fs.existsSync(RULES_DOC_PATH) ? fs.readFileSync(RULES_DOC_PATH, 'utf8') : '(missing)';
    expect(onDisk === renderRulesDoc(), 'RULES.md is stale: run `npx projen rules-doc` and commit RULES.md').toBe(true);
  });

  it('RULES.md names every catalogued code', () => {
    const doc = renderRulesDoc();
    expect(catalogued.filter((code) => !doc.includes(`\`${code}\``))).toEqual([]);
  });
});
