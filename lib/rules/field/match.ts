import { Check, intRange, isBoolean, isNumber, lengthRange, list, oneOf, optional, report, required, struct, RuleContext } from '../field-rules';
import { port } from './common';
import { re2SyntaxError } from './re2-syntax';

export const HTTP_METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'CONNECT', 'OPTIONS', 'TRACE', 'PATCH'];

/** A regex must compile in RE2, Envoy's engine: checked by RE2's grammar, not JavaScript's (see re2-syntax.ts). */
export const re2Regex = (what: string): Check => (v: string) => {
  const error = re2SyntaxError(v);
  return error === undefined ? undefined : {
    code: 'AMK_REGEX',
    message: `${what} is not valid RE2, the regex engine of Envoy: ${error}`,
    fix: 'rewrite it in RE2 syntax (no look-around, back-references, possessive or atomic forms, \\Z; counts up to 1000), '
      + 'or split the match across routes by priority',
  };
};

/** A path prefix starts with `/`. */
export const pathPrefix = (what: string): Check => (v) => (typeof v === 'string' && v.startsWith('/') ? undefined : {
  code: 'AMK_PATH_PREFIX', message: `${what} must start with /`, fix: `write the ${what} as /${typeof v === 'string' ? v : ''}`,
});

/** 1–10 items, as App Mesh allows for headers, metadata and query parameters. */
export function oneToTen(what: string) {
  return (items: unknown[], ctx: RuleContext) => {
    if (items.length < 1 || items.length > 10) {
      report(ctx, {
        code: 'AMK_MATCH_COUNT',
        message: `a route matches 1 to 10 ${what}, not ${items.length}`,
        fix: items.length === 0 ? `leave ${what} out instead of passing an empty list` : `match at most 10 ${what}; split the route`,
      }, items.length);
    }
  };
}

const matchMethod = struct('match', {
  exact: optional('exact value', lengthRange('AMK_MATCH_VALUE', 'exact value', 1, 255)),
  prefix: optional('prefix', lengthRange('AMK_MATCH_VALUE', 'prefix', 1, 255)),
  suffix: optional('suffix', lengthRange('AMK_MATCH_VALUE', 'suffix', 1, 255)),
  regex: optional('regex', lengthRange('AMK_MATCH_VALUE', 'regex', 1, 255), re2Regex('the regex')),
  range: struct('range', {
    start: required('range start', isNumber('range start')),
    end: required('range end', isNumber('range end')),
  }, (range, ctx) => {
    if (typeof range.start === 'number' && typeof range.end === 'number' && range.start >= range.end) {
      report(ctx, {
        code: 'AMK_MATCH_RANGE',
        message: `a range needs start < end (start is inclusive, end exclusive), not ${range.start}–${range.end}`,
        fix: 'swap or widen the range',
      }, range);
    }
  }),
});

/** One header or metadata match: name 1–50 characters, one match method. */
export const headerMatch = (what: string) => struct(what, {
  name: required(`${what} name`, lengthRange('AMK_MATCH_NAME', `${what} name`, 1, 50)),
  invert: optional('invert', isBoolean('invert')),
  match: matchMethod,
});

/** Header or metadata matches ("metadata" is its own plural). */
export const headers = (what: string) => {
  const plural = what === 'metadata' ? 'metadata matches' : `${what}s`;
  return list(plural, headerMatch(what), oneToTen(plural));
};

export const queryParameters = list('query parameters', struct('query parameter', {
  name: required('query parameter name', lengthRange('AMK_MATCH_NAME', 'query parameter name', 1, 255)),
  match: struct('query parameter match', { exact: optional('query parameter value', lengthRange('AMK_MATCH_VALUE', 'query parameter value', 0, 255)) }),
}), oneToTen('query parameters'));

/** The HTTP match members shared by routes and gateway routes. */
export const httpMatchFields = {
  prefix: optional('path prefix', lengthRange('AMK_MATCH_VALUE', 'path prefix', 1, 255), pathPrefix('path prefix')),
  path: struct('path match', {
    exact: optional('exact path', lengthRange('AMK_MATCH_VALUE', 'exact path', 1, 255), pathPrefix('exact path')),
    regex: optional('path regex', lengthRange('AMK_MATCH_VALUE', 'path regex', 1, 255), re2Regex('the path regex')),
  }),
  headers: headers('header'),
  queryParameters,
  method: optional('method', oneOf('AMK_ENUM', 'method', HTTP_METHODS)),
  port: optional('match port', port('match port')),
};

/** Route and gateway-route priority: 0 (first) to 1000. */
export const priority = optional('priority', intRange('AMK_PRIORITY_RANGE', 'priority', 0, 1000));
