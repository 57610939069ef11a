import { Token } from 'aws-cdk-lib';
import { Diagnostic, DiagnosticSeverity } from './diagnostic';
import { renderValue, withArticle } from './format';
import { isInvalidInput } from '../model/invalid-input';

/**
 * Field rules: declarative checks over the model (the App Mesh API shape), used internally only.
 *
 * A rule set is a tree of leaves (`required`, `optional`), objects (`struct`) and lists (`list`),
 * walked once per model. Leaves are built from small checks; each check returns a finding with a
 * stable code. A value holding an unresolved CDK token is skipped: it is checked at deploy time instead.
 * The walk is hand-written rather than a schema library's parse: it runs for every resource at
 * every synthesis, and it only has to collect findings, never to build a parsed copy.
 */

/** A broken rule, before it is placed at a construct path and field. */
export interface Finding {
  readonly code: string;
  readonly message: string;
  readonly fix: string;
  readonly severity?: DiagnosticSeverity;
}

/**
 * One check of a leaf value; returns a finding when the value breaks the rule. Checks are written
 * for the kind of value they read (a number, a string) and only run on a present, literal value.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each check reads its own kind of value
export type Check = (value: any) => Finding | undefined;

/**
 * A model value as a rule sees it before its leaves are checked: any part may be missing (and
 * a part may be an InvalidInput, which `isInvalidInput` tells).
 */
export type Untrusted<T> = T extends (infer U)[] ? Untrusted<U>[] : T extends object ? { [K in keyof T]?: Untrusted<T[K]> } : T;

type FieldPath = (string | number)[];

/** A finding at a field path of the model, with the value it is about. */
interface PlacedFinding {
  readonly finding: Finding;
  readonly value: unknown;
  readonly path: FieldPath;
}

/** Where a cross-field rule reports its findings: the object or list it reads, at its place in the model. */
export class RuleContext {
  constructor(private readonly at: FieldPath, private readonly found: PlacedFinding[]) {}

  /** Records a finding about `value`, at `path` below the object or list the rule reads. */
  public add(finding: Finding, value: unknown, path: FieldPath): void {
    this.found.push({ finding, value, path: path.length === 0 ? [...this.at] : [...this.at, ...path] });
  }
}

/** Adds a finding from a cross-field rule, at an optional sub-path of the value the rule reads. */
export function report(ctx: RuleContext, finding: Finding, value: unknown, path: FieldPath = []): void {
  ctx.add(finding, value, path);
}

/** Extra rules over a whole object or list, for fields that depend on each other. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each rule reads its own shape of (untrusted) model value
export type StructRule = (value: any, ctx: RuleContext) => void;

/**
 * A node of a rule set. `check` walks `value` (found at `path`, which it may extend while it walks
 * but leaves as it found it) and appends what it finds to `found`.
 */
export interface FieldRule {
  check(value: unknown, path: FieldPath, found: PlacedFinding[]): void;
}

export function isUnresolved(value: unknown): boolean {
  return value !== null && value !== undefined && Token.isUnresolved(value);
}

function place(found: PlacedFinding[], finding: Finding, value: unknown, path: FieldPath): void {
  found.push({ finding, value, path: [...path] });
}

function mustBe(what: string, expected: string): Finding {
  return { code: 'AMK_WRONG_TYPE', message: `${what} must be ${expected}`, fix: `pass ${expected}` };
}

class Leaf implements FieldRule {
  constructor(private readonly isRequired: boolean, private readonly what: string, private readonly checks: readonly Check[]) {}

  public check(value: unknown, path: FieldPath, found: PlacedFinding[]): void {
    if (value === null) {
      // The model never holds null: a null is a plain-JavaScript argument (startsWith(null)) that would reach the template.
      place(found, { code: 'AMK_REQUIRED', message: `${this.what} is null`, fix: `pass ${withArticle(this.what)}, not null` }, null, path);
      return;
    }
    if (value === undefined) {
      if (this.isRequired) place(found, { code: 'AMK_REQUIRED', message: `${this.what} is required`, fix: `set ${this.what}` }, undefined, path);
      return;
    }
    if (isInvalidInput(value)) {
      place(found, mustBe(this.what, value.expected), value.given, path);
      return;
    }
    if (isUnresolved(value)) return;
    for (const check of this.checks) {
      const finding = check(value);
      if (finding) {
        place(found, finding, value, path);
        return;
      }
    }
  }
}

/** An optional leaf: absent is fine, present must pass every check (the first failure is reported). */
export function optional(what: string, ...checks: Check[]): FieldRule {
  return new Leaf(false, what, checks);
}

/** A required leaf. */
export function required(what: string, ...checks: Check[]): FieldRule {
  return new Leaf(true, what, checks);
}

/**
 * An object or a list: absent, an InvalidInput or a token are judged here; a present value of the
 * right kind has its parts checked, then the cross-field rules run over it.
 */
abstract class Composite implements FieldRule {
  protected abstract readonly expected: string;

  constructor(protected readonly what: string, private readonly isRequired: boolean, private readonly rules: readonly StructRule[]) {}

  public check(value: unknown, path: FieldPath, found: PlacedFinding[]): void {
    if (value === undefined || value === null) {
      if (this.isRequired) place(found, { code: 'AMK_REQUIRED', message: `${this.what} is required`, fix: `set ${this.what}` }, undefined, path);
      return;
    }
    if (isInvalidInput(value)) {
      place(found, mustBe(this.what, value.expected), value.given, path);
      return;
    }
    if (isUnresolved(value)) return;
    if (!this.isKind(value)) {
      place(found, {
        code: 'AMK_WRONG_TYPE',
        message: `${this.what} must be ${this.expected}`,
        fix: 'pass the value the appmesh-kit type asks for (use its static factory methods)',
      }, value, path);
      return;
    }
    this.checkParts(value, path, found);
    if (this.rules.length === 0) return;
    const ctx = new RuleContext(path, found);
    for (const rule of this.rules) rule(value, ctx);
  }

  protected abstract isKind(value: object): boolean;
  protected abstract checkParts(value: object, path: FieldPath, found: PlacedFinding[]): void;
}

class Struct extends Composite {
  protected readonly expected = 'an object';
  private readonly members: readonly (readonly [string, FieldRule])[];

  constructor(what: string, isRequired: boolean, shape: Record<string, FieldRule>, rules: readonly StructRule[]) {
    super(what, isRequired, rules);
    this.members = Object.entries(shape);
  }

  protected isKind(value: object): boolean {
    return typeof value === 'object' && !Array.isArray(value);
  }

  protected checkParts(value: object, path: FieldPath, found: PlacedFinding[]): void {
    // Every member of the shape is judged, present or not (a missing one may be required); other keys are left alone.
    for (const [key, rule] of this.members) {
      path.push(key);
      rule.check((value as Record<string, unknown>)[key], path, found);
      path.pop();
    }
  }
}

class List extends Composite {
  protected readonly expected = 'a list';

  constructor(what: string, private readonly item: FieldRule, rules: readonly StructRule[]) {
    super(what, false, rules);
  }

  protected isKind(value: object): boolean {
    return Array.isArray(value);
  }

  protected checkParts(value: object, path: FieldPath, found: PlacedFinding[]): void {
    (value as unknown[]).forEach((item, i) => {
      path.push(i);
      this.item.check(item, path, found);
      path.pop();
    });
  }
}

/** An object whose members are checked by `shape` (other keys are left alone), plus optional cross-field rules. */
export function struct(what: string, shape: Record<string, FieldRule>, ...rules: StructRule[]): FieldRule {
  return new Struct(what, false, shape, rules);
}

/** Like `struct`, but the object must be present. */
export function requiredStruct(what: string, shape: Record<string, FieldRule>, ...rules: StructRule[]): FieldRule {
  return new Struct(what, true, shape, rules);
}

/** A list whose items are checked by `item`, plus optional rules over the whole list. */
export function list(what: string, item: FieldRule, ...rules: StructRule[]): FieldRule {
  return new List(what, item, rules);
}

// ----- checks -----

export function isNumber(what: string): Check {
  return (v) => (typeof v === 'number' && Number.isFinite(v) ? undefined : {
    code: 'AMK_WRONG_TYPE', message: `${what} must be a number`, fix: `pass a number for ${what}`,
  });
}

export function isString(what: string): Check {
  return (v) => (typeof v === 'string' ? undefined : {
    code: 'AMK_WRONG_TYPE', message: `${what} must be a string`, fix: `pass a string for ${what}`,
  });
}

export function isBoolean(what: string): Check {
  return (v) => (typeof v === 'boolean' ? undefined : {
    code: 'AMK_WRONG_TYPE', message: `${what} must be true or false`, fix: `pass a boolean for ${what}`,
  });
}

/** An integer in [min, max]. */
export function intRange(code: string, what: string, min: number, max: number, unit = ''): Check {
  return (v) => {
    const wrongType = isNumber(what)(v);
    if (wrongType) return wrongType;
    if (Number.isInteger(v) && v >= min && v <= max) return undefined;
    const bound = max === Number.MAX_SAFE_INTEGER ? `at least ${min}${unit}` : `between ${min}${unit} and ${max}${unit}`;
    return { code, message: `${what} must be an integer ${bound}`, fix: `choose ${withArticle(what)} ${bound}` };
  };
}

/** A string whose length is in [min, max]. */
export function lengthRange(code: string, what: string, min: number, max: number): Check {
  return (v) => {
    const wrongType = isString(what)(v);
    if (wrongType) return wrongType;
    if (v.length >= min && v.length <= max) return undefined;
    return {
      code,
      message: `${what} must be ${min} to ${max} characters long, not ${v.length}`,
      fix: min > 0 && v.length < min ? `give a non-empty ${what}` : `shorten ${what} to at most ${max} characters`,
    };
  };
}

/** One of a fixed set of string values. */
export function oneOf(code: string, what: string, values: readonly string[]): Check {
  return (v) => (values.includes(v) ? undefined : {
    code,
    message: `${what} must be one of ${values.join(', ')}`,
    fix: `use one of ${values.join(', ')} (the enum in appmesh-kit has them all)`,
  });
}

// ----- running a schema -----

/** Field path in the model: `spec.listeners[0].portMapping.port`. */
export function fieldPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((acc, segment) =>
    (typeof segment === 'number' ? `${acc}[${segment}]` : acc ? `${acc}.${String(segment)}` : String(segment)), '');
}

/** Runs a rule set over a model and turns every finding into a diagnostic of the given construct path. */
export function runFieldRules(rules: FieldRule, model: unknown, constructPath: string): Diagnostic[] {
  const found: PlacedFinding[] = [];
  rules.check(model, [], found);
  return found.map(({ finding, value, path }): Diagnostic => ({
    severity: finding.severity ?? DiagnosticSeverity.ERROR,
    code: finding.code,
    constructPath,
    field: fieldPath(path),
    value: renderValue(value),
    message: finding.message,
    fix: finding.fix,
  }));
}
