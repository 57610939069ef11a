/**
 * An Envoy configuration that cannot be produced: names the construct, the value, why, and the fix.
 */
export class EnvoyConfigError extends Error {
  constructor(constructPath: string, field: string, value: string | undefined, why: string, fix: string,
    code = 'AMK_ENVOY_UNRESOLVABLE') {
    super(`${code} ${constructPath} ${field}: ${why}${value === undefined ? '' : ` (got ${value})`}. Fix: ${fix}`);
    this.name = 'EnvoyConfigError';
  }
}
