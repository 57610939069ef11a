import { HeaderMatchModel, MatchMethodModel } from './model/spec';

/**
 * A match on one HTTP header (routes and gateway routes) or one gRPC metadata entry.
 * Every kind can be inverted.
 * @see https://docs.aws.amazon.com/app-mesh/latest/userguide/routes.html
 */
export abstract class HeaderMatch {
  /** The header (or metadata entry) is present, whatever its value. */
  public static isPresent(name: string): HeaderMatch {
    return new ModelHeaderMatch(name, false, undefined);
  }

  /** The value is exactly `value`. */
  public static valueIs(name: string, value: string): HeaderMatch {
    return new ModelHeaderMatch(name, false, { exact: value });
  }

  /** The value is not `value`. */
  public static valueIsNot(name: string, value: string): HeaderMatch {
    return new ModelHeaderMatch(name, true, { exact: value });
  }

  /** The value starts with `prefix`. */
  public static valueStartsWith(name: string, prefix: string): HeaderMatch {
    return new ModelHeaderMatch(name, false, { prefix });
  }

  /** The value does not start with `prefix`. */
  public static valueDoesNotStartWith(name: string, prefix: string): HeaderMatch {
    return new ModelHeaderMatch(name, true, { prefix });
  }

  /** The value ends with `suffix`. */
  public static valueEndsWith(name: string, suffix: string): HeaderMatch {
    return new ModelHeaderMatch(name, false, { suffix });
  }

  /** The value does not end with `suffix`. */
  public static valueDoesNotEndWith(name: string, suffix: string): HeaderMatch {
    return new ModelHeaderMatch(name, true, { suffix });
  }

  /** The value matches the RE2 regular expression `regex`. */
  public static valueMatchesRegex(name: string, regex: string): HeaderMatch {
    return new ModelHeaderMatch(name, false, { regex });
  }

  /** The value does not match the RE2 regular expression `regex`. */
  public static valueDoesNotMatchRegex(name: string, regex: string): HeaderMatch {
    return new ModelHeaderMatch(name, true, { regex });
  }

  /** The value is a number in [start, end): start inclusive, end exclusive. */
  public static valuesIsInRange(name: string, start: number, end: number): HeaderMatch {
    return new ModelHeaderMatch(name, false, { range: { start, end } });
  }

  /** The value is a number outside [start, end). */
  public static valuesIsNotInRange(name: string, start: number, end: number): HeaderMatch {
    return new ModelHeaderMatch(name, true, { range: { start, end } });
  }

  /** @internal */
  public abstract _toModel(): HeaderMatchModel;
}

class ModelHeaderMatch extends HeaderMatch {
  constructor(private readonly name: string, private readonly invert: boolean, private readonly match: MatchMethodModel | undefined) { super(); }
  public _toModel(): HeaderMatchModel { return { name: this.name, invert: this.invert, match: this.match }; }
}

/**
 * A match on one query parameter: an exact value, or present with any value.
 */
export abstract class QueryParameterMatch {
  /** The parameter `name` has exactly the value `value`. */
  public static valueIs(name: string, value: string): QueryParameterMatch {
    return new ExactQueryParameter(name, value);
  }

  /** The parameter `name` is present, whatever its value. */
  public static isPresent(name: string): QueryParameterMatch {
    return new PresentQueryParameter(name);
  }

  /** @internal */
  public abstract _toModel(): { name: string; match?: { exact: string } };
}

class ExactQueryParameter extends QueryParameterMatch {
  constructor(private readonly name: string, private readonly value: string) { super(); }
  public _toModel() { return { name: this.name, match: { exact: this.value } }; }
}

class PresentQueryParameter extends QueryParameterMatch {
  constructor(private readonly name: string) { super(); }
  public _toModel() { return { name: this.name }; }
}

/**
 * HTTP methods a route can match.
 */
export enum HttpRouteMethod {
  GET = 'GET',
  HEAD = 'HEAD',
  POST = 'POST',
  PUT = 'PUT',
  DELETE = 'DELETE',
  CONNECT = 'CONNECT',
  OPTIONS = 'OPTIONS',
  TRACE = 'TRACE',
  PATCH = 'PATCH',
}

/**
 * URL schemes an http2 route can match.
 */
export enum HttpRouteProtocol {
  HTTP = 'http',
  HTTPS = 'https',
}
