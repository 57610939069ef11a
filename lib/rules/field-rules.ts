import { Token } from 'aws-cdk-lib';
import { z } from 'zod';
import { Diagnostic, DiagnosticSeverity } from './diagnostic';
import { renderValue, withArticle } from './format';
import { isInvalidInput } from '../model/invalid-input';

/**
 * Field rules: zod schemas over the model (the App Mesh API shape), used internally only.
 *
 * Leaves are built from small checks; each check returns a finding with a stable code.
 * A value holding an unresolved CDK token is skipped: it is checked at deploy time instead.
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

/** A zod issue with the finding it carries, if a rule here raised it. */
function paramsOf(issue: z.core.$ZodIssue): IssueParams | undefined {
  return (issue as { params?: IssueParams }).params;
}

interface IssueParams extends Finding {
  readonly value: unknown;
}

/** Adds a finding to a zod refinement context, at an optional sub-path. */
export function report(ctx: z.RefinementCtx, finding: Finding, value: unknown, path: (string | number)[] = []): void {
  const params: IssueParams = { ...finding, value };
  ctx.addIssue({ code: 'custom', message: finding.message, path, params: { ...params } });
}

export function isUnresolved(value: unknown): boolean {
  return value !== null && value !== undefined && Token.isUnresolved(value);
}

function leaf(isRequired: boolean, what: string, checks: Check[]): z.ZodType {
  return z.unknown().superRefine((value, ctx) => {
    if (value === null) {
      // The model never holds null: a null is a plain-JavaScript argument (startsWith(null)) that would reach the template.
      report(ctx, { code: 'AMK_REQUIRED', message: `${what} is null`, fix: `pass ${withArticle(what)}, not null` }, null);
      return;
    }
    if (value === undefined) {
      if (isRequired) {
        report(ctx, { code: 'AMK_REQUIRED', message: `${what} is required`, fix: `set ${what}` }, undefined);
      }
      return;
    }
    if (isInvalidInput(value)) {
      report(ctx, { code: 'AMK_WRONG_TYPE', message: `${what} must be ${value.expected}`, fix: `pass ${value.expected}` }, value.given);
      return;
    }
    if (isUnresolved(value)) return;
    for (const check of checks) {
      const finding = check(value);
      if (finding) {
        report(ctx, finding, value);
        return;
      }
    }
  });
}

/** An optional leaf: absent is fine, present must pass every check (the first failure is reported). */
export function optional(what: string, ...checks: Check[]): z.ZodType {
  return leaf(false, what, checks);
}

/** A required leaf. */
export function required(what: string, ...checks: Check[]): z.ZodType {
  return leaf(true, what, checks);
}

/** Extra rules over a whole object, for fields that depend on each other. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each rule reads its own shape of (untrusted) model value
export type StructRule = (value: any, ctx: z.RefinementCtx) => void;

function guarded(what: string, isRequired: boolean, inner: z.ZodType, expected: string,
  prepare: (value: object) => unknown = (v) => v): z.ZodType {
  return z.unknown().superRefine((value, ctx) => {
    if (value === undefined || value === null) {
      if (isRequired) report(ctx, { code: 'AMK_REQUIRED', message: `${what} is required`, fix: `set ${what}` }, undefined);
      return;
    }
    if (isInvalidInput(value)) {
      report(ctx, { code: 'AMK_WRONG_TYPE', message: `${what} must be ${value.expected}`, fix: `pass ${value.expected}` }, value.given);
      return;
    }
    if (isUnresolved(value)) return;
    const result = inner.safeParse(prepare(value));
    if (result.success) return;
    for (const issue of result.error.issues) {
      const params = paramsOf(issue);
      if (params?.code) {
        report(ctx, params, params.value, issue.path as (string | number)[]);
      } else {
        report(ctx, {
          code: 'AMK_WRONG_TYPE',
          message: `${what} must be ${expected}`,
          fix: 'pass the value the appmesh-kit type asks for (use its static factory methods)',
        }, valueAt(value, issue.path), issue.path as (string | number)[]);
      }
    }
  });
}

/** An object whose members are checked by `shape` (other keys are left alone), plus optional cross-field rules. */
export function struct(what: string, shape: Record<string, z.ZodType>, ...rules: StructRule[]): z.ZodType {
  return structOf(what, false, shape, rules);
}

/** Like `struct`, but the object must be present. */
export function requiredStruct(what: string, shape: Record<string, z.ZodType>, ...rules: StructRule[]): z.ZodType {
  return structOf(what, true, shape, rules);
}

function structOf(what: string, isRequired: boolean, shape: Record<string, z.ZodType>, rules: StructRule[]): z.ZodType {
  let inner: z.ZodType = z.object(shape).loose();
  for (const rule of rules) inner = inner.superRefine(rule);
  // zod 4 treats a missing key as an error even for z.unknown(); an absent member is the
  // member's own rule to judge (required or optional), so every known key is made present.
  // The object of every known key, built once per schema (it is only ever spread, never changed).
  const allKeys = Object.fromEntries(Object.keys(shape).map((k) => [k, undefined]));
  const withAllKeys = (value: object) => (!Array.isArray(value) ? { ...allKeys, ...value } : value);
  return guarded(what, isRequired, inner, 'an object', withAllKeys);
}

/** A list whose items are checked by `item`, plus optional rules over the whole list. */
export function list(what: string, item: z.ZodType, ...rules: StructRule[]): z.ZodType {
  let inner: z.ZodType = z.array(item);
  for (const rule of rules) inner = inner.superRefine(rule);
  return guarded(what, false, inner, 'a list');
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

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let current: unknown = root;
  for (const segment of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<PropertyKey, unknown>)[segment];
  }
  return current;
}

/** Runs a schema over a model and turns every issue into a diagnostic of the given construct path. */
export function runFieldRules(schema: z.ZodType, model: unknown, constructPath: string): Diagnostic[] {
  const result = schema.safeParse(model);
  if (result.success) return [];
  return result.error.issues.map((issue): Diagnostic => {
    const field = fieldPath(issue.path);
    const params = paramsOf(issue);
    if (params?.code) {
      return {
        severity: params.severity ?? DiagnosticSeverity.ERROR,
        code: params.code,
        constructPath,
        field,
        value: renderValue(params.value),
        message: params.message,
        fix: params.fix,
      };
    }
    // A structural issue zod found by itself: the wrong kind of value where an object or list belongs.
    return {
      severity: DiagnosticSeverity.ERROR,
      code: 'AMK_WRONG_TYPE',
      constructPath,
      field,
      value: renderValue(valueAt(model, issue.path)),
      message: `${field} has the wrong kind of value: ${issue.message.toLowerCase()}`,
      fix: 'pass the value the appmesh-kit type asks for (use its static factory methods)',
    };
  });
}
