import { HeaderMatchModel, MatchMethodModel } from './model/spec';

/**
 * A match on one HTTP header (routes and gateway routes) or one gRPC metadata entry.
 * Every kind can be inverted.
 * @see https://docs.aws.amazon.com/app-mesh/latest/userguide/routes.html
 */
export abstract class HeaderMatch {
  /**
   * The header (or metadata entry) is present, whatever its value.
   * @param name the header or metadata name (1–50 characters)
   */
  public static isPresent(name: string): HeaderMatch {
    return new ModelHeaderMatch(name, false, undefined);
  }

  /**
   * The value is exactly `value`.
   * @param name the header or metadata name (1–50 characters)
   * @param value the exact value (1–255 characters)
   */
  public static valueIs(name: string, value: string): HeaderMatch {
    return new ModelHeaderMatch(name, false, { exact: value });
  }

  /**
   * The value is not `value`.
   * @param name the header or metadata name (1–50 characters)
   * @param value the value that does not match (1–255 characters)
   */
  public static valueIsNot(name: string, value: string): HeaderMatch {
    return new ModelHeaderMatch(name, true, { exact: value });
  }

  /**
   * The value starts with `prefix`.
   * @param name the header or metadata name (1–50 characters)
   * @param prefix the prefix the value must start with (1–255 characters)
   */
  public static valueStartsWith(name: string, prefix: string): HeaderMatch {
    return new ModelHeaderMatch(name, false, { prefix });
  }

  /**
   * The value does not start with `prefix`.
   * @param name the header or metadata name (1–50 characters)
   * @param prefix the prefix the value must not start with (1–255 characters)
   */
  public static valueDoesNotStartWith(name: string, prefix: string): HeaderMatch {
    return new ModelHeaderMatch(name, true, { prefix });
  }

  /**
   * The value ends with `suffix`.
   * @param name the header or metadata name (1–50 characters)
   * @param suffix the suffix the value must end with (1–255 characters)
   */
  public static valueEndsWith(name: string, suffix: string): HeaderMatch {
    return new ModelHeaderMatch(name, false, { suffix });
  }

  /**
   * The value does not end with `suffix`.
   * @param name the header or metadata name (1–50 characters)
   * @param suffix the suffix the value must not end with (1–255 characters)
   */
  public static valueDoesNotEndWith(name: string, suffix: string): HeaderMatch {
    return new ModelHeaderMatch(name, true, { suffix });
  }

  /**
   * The value matches the RE2 regular expression `regex`.
   * @param name the header or metadata name (1–50 characters)
   * @param regex an RE2 expression (no look-ahead, no back-references, 1–255 characters)
   */
  public static valueMatchesRegex(name: string, regex: string): HeaderMatch {
    return new ModelHeaderMatch(name, false, { regex });
  }

  /**
   * The value does not match the RE2 regular expression `regex`.
   * @param name the header or metadata name (1–50 characters)
   * @param regex an RE2 expression (no look-ahead, no back-references, 1–255 characters)
   */
  public static valueDoesNotMatchRegex(name: string, regex: string): HeaderMatch {
    return new ModelHeaderMatch(name, true, { regex });
  }

  /**
   * The value is a number in [start, end): start inclusive, end exclusive.
   * @param name the header or metadata name (1–50 characters)
   * @param start the lowest matching value (inclusive)
   * @param end the first value past the range (exclusive): 1 to 100 matches 1–99
   */
  public static valuesIsInRange(name: string, start: number, end: number): HeaderMatch {
    return new ModelHeaderMatch(name, false, { range: { start, end } });
  }

  /**
   * The value is a number outside [start, end).
   * @param name the header or metadata name (1–50 characters)
   * @param start the lowest value of the excluded range (inclusive)
   * @param end the first value past the excluded range (exclusive)
   */
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
  /**
   * The parameter `name` has exactly the value `value`.
   * @param name the query parameter name
   * @param value the exact value
   */
  public static valueIs(name: string, value: string): QueryParameterMatch {
    return new ExactQueryParameter(name, value);
  }

  /**
   * The parameter `name` is present, whatever its value.
   * @param name the query parameter name
   */
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
  /** GET: read a resource. */
  GET = 'GET',
  /** HEAD: a GET without the response body. */
  HEAD = 'HEAD',
  /** POST: submit data to a resource. */
  POST = 'POST',
  /** PUT: replace a resource. */
  PUT = 'PUT',
  /** DELETE: remove a resource. */
  DELETE = 'DELETE',
  /** CONNECT: open a tunnel to the target. */
  CONNECT = 'CONNECT',
  /** OPTIONS: ask which methods and options a resource supports. */
  OPTIONS = 'OPTIONS',
  /** TRACE: echo the request back (a loop-back test). */
  TRACE = 'TRACE',
  /** PATCH: modify a resource in part. */
  PATCH = 'PATCH',
}

/**
 * URL schemes an http2 route can match.
 */
export enum HttpRouteProtocol {
  /** The `http` scheme (plaintext). */
  HTTP = 'http',
  /** The `https` scheme (TLS). */
  HTTPS = 'https',
}
