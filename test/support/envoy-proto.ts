/**
 * Strict checker for Envoy v3 configurations written as proto3 JSON.
 *
 * Every Envoy config the library emits (App Mesh bootstrap, standalone static
 * bootstrap, single resources) must pass these checks in tests. No Envoy binary
 * is available in the build environment, so this is the closest offline stand-in
 * for `envoy --mode validate`: it reflects over Envoy's own v3 `.proto` files
 * (vendored by `@grpc/grpc-js-xds` under `deps/`) with protobufjs 8.
 *
 * - `validateEnvoyMessage(typeName, value)`: proto-level validation (unknown and
 *   duplicated fields, scalar kinds, enums, well-known types, `Any` through
 *   `@type`, repeated/map shapes, oneof exclusivity, deprecated fields and enum
 *   values, the protoc-gen-validate rules Envoy uses, RE2 syntax of
 *   `RegexMatcher.regex`).
 * - `validateBootstrap(config)`: the above for `envoy.config.bootstrap.v3.Bootstrap`
 *   plus cross references (clusters, SDS secrets, ADS) and uniqueness of names.
 *
 * Problems are strings `"$.path.to.field: <problem>"`; an empty list means valid.
 * Paths use the keys exactly as written in the input (`$.staticResources...`).
 *
 * Load time: the 341 Envoy v3 entry files plus 7 xds/udpa ones (and their
 * googleapis/PGV imports) load and resolve in ≈0.25–0.45 s on Node 20.20 with
 * protobufjs 8.8.1 (measured 240–470 ms). The Root is built lazily on first use
 * and cached for the rest of the process (vitest's `forks` pool: once per test
 * file); `envoyProtoInfo().loadMillis` reports the measured time.
 */
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import type * as Protobuf from 'protobufjs';

// `require` from this file resolves the top-level protobufjs 8 (grpc-js-xds nests
// an older protobufjs 7 that must not be used here).
const localRequire = createRequire(__filename);
const protobuf = localRequire('protobufjs') as typeof Protobuf;

type Json = Record<string, unknown>;

// ---------------------------------------------------------------------------
// Loading
// ---------------------------------------------------------------------------

/**
 * Files excluded up front because their imports are not shipped (opencensus,
 * opentelemetry, prometheus). A failed load leaves dangling types behind that
 * break later files, so they must never be attempted.
 */
const EXCLUDED_FILES: RegExp[] = [
  /^envoy\/config\/trace\/v3\/(trace|opencensus|opentelemetry|skywalking|lightstep|dynamic_ot)\.proto$/,
  /^envoy\/extensions\/access_loggers\/open_telemetry\//,
  /^envoy\/service\/metrics\//,
  /^envoy\/service\/trace\//,
];

/** Non-Envoy files loaded explicitly (types that appear behind `@type`). */
const EXTRA_FILES = [
  'udpa/type/v1/typed_struct.proto',
  'xds/type/v3/typed_struct.proto',
  'xds/type/v3/cel.proto',
  'xds/type/matcher/v3/matcher.proto',
  'xds/type/matcher/v3/ip.proto',
  'xds/type/matcher/v3/domain.proto',
  'xds/type/matcher/v3/http_inputs.proto',
];

export interface EnvoyProtoInfo {
  /** The resolved protobufjs Root (shared; do not mutate). */
  readonly root: Protobuf.Root;
  /** Number of entry files loaded (imports not counted). */
  readonly files: number;
  /** Entry files that failed to load (expected: none). */
  readonly failures: readonly string[];
  /** Wall-clock load + resolve time of the first call, in milliseconds. */
  readonly loadMillis: number;
  /** Where the protos come from, `<package>@<version>`: the README states it next to the image. */
  readonly source: string;
}

let cachedInfo: EnvoyProtoInfo | undefined;

function listProtoFiles(base: string, sub: string): string[] {
  const out: string[] = [];
  const visitDir = (dir: string): void => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        visitDir(full);
      } else if (entry.name.endsWith('.proto')) {
        out.push(path.relative(base, full).split(path.sep).join('/'));
      }
    }
  };
  visitDir(path.join(base, sub));
  return out.sort();
}

/** Loads Envoy's v3 protos once per process and returns the cached Root. */
export function envoyProtoInfo(): EnvoyProtoInfo {
  if (cachedInfo) {
    return cachedInfo;
  }
  const start = process.hrtime.bigint();
  const xdsManifest = localRequire.resolve('@grpc/grpc-js-xds/package.json');
  const xdsDir = path.dirname(xdsManifest);
  const source = `@grpc/grpc-js-xds@${(JSON.parse(fs.readFileSync(xdsManifest, 'utf8')) as { version: string }).version}`;
  const depsDir = path.join(xdsDir, 'deps');
  const includeDirs = ['envoy-api', 'xds', 'googleapis', 'protoc-gen-validate'].map((d) => path.join(depsDir, d));
  // protobufjs' own package dir provides google/protobuf/descriptor.proto etc.
  includeDirs.push(path.dirname(localRequire.resolve('protobufjs/package.json')));

  const root = new protobuf.Root();
  root.resolvePath = (origin: string, target: string): string | null => {
    if (path.isAbsolute(target) && fs.existsSync(target)) {
      return target;
    }
    for (const dir of includeDirs) {
      const candidate = path.join(dir, target);
      if (fs.existsSync(candidate)) {
        return candidate;
      }
    }
    return protobuf.util.path.resolve(origin, target);
  };

  const envoyApi = includeDirs[0];
  const entryFiles = [
    ...listProtoFiles(envoyApi, 'envoy').filter((f) => /\/v3\//.test(f) && !EXCLUDED_FILES.some((re) => re.test(f))),
    ...EXTRA_FILES,
  ];
  const failures: string[] = [];
  for (const file of entryFiles) {
    try {
      root.loadSync(file, { keepCase: true });
    } catch (err) {
      failures.push(`${file}: ${(err as Error).message}`);
    }
  }
  root.resolveAll();
  const loadMillis = Number(process.hrtime.bigint() - start) / 1e6;
  cachedInfo = { root, files: entryFiles.length - failures.length, failures, loadMillis, source };
  return cachedInfo;
}

function lookupMessageType(name: string): Protobuf.Type | undefined {
  const found = envoyProtoInfo().root.lookup(name.startsWith('.') ? name : `.${name}`);
  return found instanceof protobuf.Type ? found : undefined;
}

// ---------------------------------------------------------------------------
// RE2
// ---------------------------------------------------------------------------

interface WrappedRe2 {
  ok(): boolean;
  error(): string;
  delete(): void;
}
type WrappedRe2Ctor = new (pattern: string, ignoreCase: boolean, multiline: boolean, dotAll: boolean) => WrappedRe2;

let re2Ctor: WrappedRe2Ctor | null | undefined;

/**
 * Real RE2 (Google's C++ library compiled to WASM by `re2-wasm`, a dependency of
 * grpc-js-xds). We use its raw `WrappedRE2` binding rather than the `RE2` class,
 * because the class first translates JavaScript regex syntax (e.g. `\u0041`)
 * that Envoy's RE2 would reject. re2-wasm loads synchronously in Node CJS; if it
 * ever fails to load, `compileRe2` falls back to JS RegExp plus a rejection of
 * the constructs RE2 lacks (lookaround, backreferences) — an approximation.
 */
function loadRe2(): WrappedRe2Ctor | null {
  if (re2Ctor === undefined) {
    try {
      const xdsDir = path.dirname(localRequire.resolve('@grpc/grpc-js-xds/package.json'));
      const re2Main = localRequire.resolve('re2-wasm', { paths: [xdsDir] });
      const wasmModule = localRequire(path.join(path.dirname(re2Main), '..', 'wasm', 're2.js')) as { WrappedRE2: WrappedRe2Ctor };
      re2Ctor = wasmModule.WrappedRE2;
    } catch {
      re2Ctor = null;
    }
  }
  return re2Ctor;
}

/** Whether RE2 checks use the real RE2 engine (true) or the JS fallback (false). */
export function usesRealRe2(): boolean {
  return loadRe2() !== null;
}

/** Returns undefined when `pattern` compiles with RE2, else the error text. */
export function compileRe2(pattern: string): string | undefined {
  const Ctor = loadRe2();
  if (Ctor) {
    // Envoy's RE2 (2023+) accepts `(?<name>...)`; the RE2 in re2-wasm predates that.
    const translated = pattern.replace(/(^|[^\\])\(\?<([A-Za-z_])/g, '$1(?P<$2');
    const re = new Ctor(translated, false, false, false);
    try {
      return re.ok() ? undefined : re.error();
    } finally {
      re.delete();
    }
  }
  if (/\(\?<?[=!]/.test(pattern) || /\\[1-9]/.test(pattern)) {
    return 'lookaround/backreference not supported by RE2';
  }
  try {
    new RegExp(pattern, 'u');
    return undefined;
  } catch (err) {
    return (err as Error).message;
  }
}

// ---------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------

function isPlainObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function joinPath(base: string, key: string): string {
  return /^[A-Za-z_$][\w$]*$/.test(key) ? `${base}.${key}` : `${base}[${JSON.stringify(key)}]`;
}

function describe(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'string') return `string ${JSON.stringify(v.length > 40 ? v.slice(0, 40) + '…' : v)}`;
  if (typeof v === 'number' || typeof v === 'boolean') return `${typeof v} ${String(v)}`;
  return typeof v;
}

function fqn(t: Protobuf.ReflectionObject): string {
  return t.fullName.replace(/^\./, '');
}

/** proto3 JSON name: drop `_` and upper-case the next character (`consecutive_5xx` → `consecutive5xx`). */
export function jsonName(protoName: string): string {
  let out = '';
  let upper = false;
  for (const ch of protoName) {
    if (ch === '_') {
      upper = true;
    } else {
      out += upper ? ch.toUpperCase() : ch;
      upper = false;
    }
  }
  return out;
}

const fieldIndexCache = new WeakMap<Protobuf.Type, Map<string, Protobuf.Field>>();

/** Accepted JSON keys of a message: proto names, JSON names and `json_name` overrides. */
function fieldIndex(type: Protobuf.Type): Map<string, Protobuf.Field> {
  let index = fieldIndexCache.get(type);
  if (!index) {
    index = new Map();
    for (const field of type.fieldsArray) {
      index.set(field.name, field);
      index.set(jsonName(field.name), field);
      const custom = field.options?.json_name;
      if (typeof custom === 'string') {
        index.set(custom, field);
      }
    }
    fieldIndexCache.set(type, index);
  }
  return index;
}

/** Reads a field by proto name, accepting the JSON name too. Returns [key used, value]. */
function getField(obj: Json, protoName: string): [string, unknown] | undefined {
  if (protoName in obj) return [protoName, obj[protoName]];
  const json = jsonName(protoName);
  if (json in obj) return [json, obj[json]];
  return undefined;
}

function deepMerge(target: Json, source: Json): Json {
  for (const [k, v] of Object.entries(source)) {
    const existing = target[k];
    target[k] = isPlainObject(existing) && isPlainObject(v) ? deepMerge({ ...existing }, v) : v;
  }
  return target;
}

const rulesCache = new WeakMap<Protobuf.ReflectionObject, Json | null>();

/** The merged `(validate.rules)` of a field, as parsed by protobufjs. */
function validateRules(field: Protobuf.Field): Json | undefined {
  let rules = rulesCache.get(field);
  if (rules === undefined) {
    rules = null;
    for (const opt of field.parsedOptions ?? []) {
      const r = (opt as Json)['(validate.rules)'];
      if (isPlainObject(r)) {
        rules = deepMerge(rules ?? {}, r);
      }
    }
    rulesCache.set(field, rules);
  }
  return rules ?? undefined;
}

function oneofRequired(oneof: Protobuf.OneOf): boolean {
  return (oneof.parsedOptions ?? []).some((o) => (o as Json)['(validate.required)'] === true)
    || oneof.options?.['(validate.required)'] === true;
}

function asArray(v: unknown): unknown[] {
  if (v === undefined) return [];
  return Array.isArray(v) ? v : [v];
}

function toNumber(v: unknown): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'string') return Number(v);
  if (v && typeof (v as { toNumber?: unknown }).toNumber === 'function') return (v as { toNumber(): number }).toNumber();
  return Number(v);
}

// ---------------------------------------------------------------------------
// Scalars and well-known types
// ---------------------------------------------------------------------------

const DURATION_RE = /^-?\d+(\.\d{1,9})?s$/;
const TIMESTAMP_RE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/;
const BASE64_RE = /^(?:[A-Za-z0-9+/\-_]{4})*(?:[A-Za-z0-9+/\-_]{2}(==)?|[A-Za-z0-9+/\-_]{3}=?)?$/;
const MAX_DURATION_SECONDS = 315576000000n;

const WRAPPERS: Record<string, string> = {
  'google.protobuf.DoubleValue': 'double',
  'google.protobuf.FloatValue': 'float',
  'google.protobuf.Int64Value': 'int64',
  'google.protobuf.UInt64Value': 'uint64',
  'google.protobuf.Int32Value': 'int32',
  'google.protobuf.UInt32Value': 'uint32',
  'google.protobuf.BoolValue': 'bool',
  'google.protobuf.StringValue': 'string',
  'google.protobuf.BytesValue': 'bytes',
};

/** Types whose proto3 JSON form is not an object of fields (inside Any they go under `value`). */
const SPECIAL_JSON_TYPES = new Set([
  ...Object.keys(WRAPPERS),
  'google.protobuf.Any',
  'google.protobuf.Duration',
  'google.protobuf.Timestamp',
  'google.protobuf.FieldMask',
  'google.protobuf.Struct',
  'google.protobuf.Value',
  'google.protobuf.ListValue',
]);

/** Duration string → nanoseconds, or undefined when malformed. */
function durationNanos(v: unknown): bigint | undefined {
  if (typeof v !== 'string' || !DURATION_RE.test(v)) return undefined;
  const negative = v.startsWith('-');
  const [secs, frac = ''] = v.replace(/^-/, '').slice(0, -1).split('.');
  const nanos = BigInt(secs) * 1_000_000_000n + BigInt((frac + '000000000').slice(0, 9));
  return negative ? -nanos : nanos;
}

function ruleDurationNanos(v: unknown): bigint {
  const o = isPlainObject(v) ? v : {};
  return BigInt(Math.trunc(toNumber(o.seconds ?? 0))) * 1_000_000_000n + BigInt(Math.trunc(toNumber(o.nanos ?? 0)));
}

const INT_RANGES: Record<string, [number, number]> = {
  int32: [-2147483648, 2147483647],
  sint32: [-2147483648, 2147483647],
  sfixed32: [-2147483648, 2147483647],
  uint32: [0, 4294967295],
  fixed32: [0, 4294967295],
};

// ---------------------------------------------------------------------------
// The walker
// ---------------------------------------------------------------------------

type Visitor = (typeName: string, obj: Json, path: string) => void;

class Walker {
  readonly problems: string[] = [];

  constructor(private readonly visitor?: Visitor) {}

  report(p: string, msg: string): void {
    this.problems.push(`${p}: ${msg}`);
  }

  message(type: Protobuf.Type, value: unknown, p: string): void {
    const name = fqn(type);
    if (this.wellKnown(name, value, p)) {
      return;
    }
    if (!isPlainObject(value)) {
      this.report(p, `expected object (${name}), got ${describe(value)}`);
      return;
    }
    if (name === 'google.protobuf.Any') {
      this.any(value, p);
      return;
    }
    const index = fieldIndex(type);
    const present = new Set<Protobuf.Field>();
    const oneofSetBy = new Map<string, string>();
    for (const [key, v] of Object.entries(value)) {
      const fp = joinPath(p, key);
      const field = index.get(key);
      if (!field) {
        this.report(fp, `unknown field (not in ${name})`);
        continue;
      }
      if (present.has(field)) {
        this.report(fp, `field '${field.name}' given twice (proto name and JSON name)`);
        continue;
      }
      present.add(field);
      if (field.options?.deprecated === true) {
        this.report(fp, 'deprecated field');
      }
      if (v === null && !(field.resolvedType && ['google.protobuf.Value', 'google.protobuf.NullValue'].includes(fqn(field.resolvedType)))) {
        // protojson would treat null as "unset"; an emitter should omit the key instead.
        this.report(fp, 'null value (omit the field instead)');
        continue;
      }
      const oneof = field.partOf;
      if (oneof) {
        const previous = oneofSetBy.get(oneof.name);
        if (previous !== undefined) {
          this.report(fp, `oneof '${oneof.name}' already set by '${previous}'`);
        } else {
          oneofSetBy.set(oneof.name, key);
        }
      }
      this.field(field, v, fp);
      const rules = validateRules(field);
      if (rules) {
        this.presentRules(field, rules, v, fp);
      }
    }
    for (const field of type.fieldsArray) {
      if (!present.has(field)) {
        const rules = validateRules(field);
        if (rules) {
          this.absentRules(field, rules, joinPath(p, jsonName(field.name)));
        }
      }
    }
    for (const oneof of type.oneofsArray) {
      if (!oneofSetBy.has(oneof.name) && oneofRequired(oneof)) {
        this.report(p, `oneof '${oneof.name}' requires one of: ${oneof.oneof.map(jsonName).join(', ')}`);
      }
    }
    this.semantic(name, value, p);
    this.visitor?.(name, value, p);
  }

  /** Returns true when `name` is a well-known type with a special JSON form (handled here). */
  private wellKnown(name: string, value: unknown, p: string): boolean {
    const wrapped = WRAPPERS[name];
    if (wrapped) {
      if (value === null) {
        this.report(p, 'null value (omit the field instead)');
      } else {
        this.scalar(wrapped, value, p);
      }
      return true;
    }
    switch (name) {
      case 'google.protobuf.Duration': {
        const nanos = durationNanos(value);
        if (nanos === undefined) {
          this.report(p, `bad Duration ${describe(value)} (expected e.g. "1.5s")`);
        } else if ((nanos < 0n ? -nanos : nanos) / 1_000_000_000n > MAX_DURATION_SECONDS) {
          this.report(p, `Duration ${String(value)} out of range`);
        }
        return true;
      }
      case 'google.protobuf.Timestamp':
        if (typeof value !== 'string' || !TIMESTAMP_RE.test(value)) {
          this.report(p, `bad Timestamp ${describe(value)} (expected RFC 3339)`);
        }
        return true;
      case 'google.protobuf.FieldMask':
        if (typeof value !== 'string') {
          this.report(p, `bad FieldMask ${describe(value)} (expected a string)`);
        }
        return true;
      case 'google.protobuf.Struct':
        if (!isPlainObject(value)) {
          this.report(p, `expected object (google.protobuf.Struct), got ${describe(value)}`);
        } else {
          this.freeJson(value, p);
        }
        return true;
      case 'google.protobuf.ListValue':
        if (!Array.isArray(value)) {
          this.report(p, `expected array (google.protobuf.ListValue), got ${describe(value)}`);
        } else {
          this.freeJson(value, p);
        }
        return true;
      case 'google.protobuf.Value':
        this.freeJson(value, p);
        return true;
      default:
        return false;
    }
  }

  /** Struct/Value content: any JSON, but no undefined, non-finite numbers, functions... */
  private freeJson(value: unknown, p: string): void {
    if (value === null || typeof value === 'string' || typeof value === 'boolean') return;
    if (typeof value === 'number') {
      if (!Number.isFinite(value)) this.report(p, `non-finite number ${value} in google.protobuf.Value`);
      return;
    }
    if (Array.isArray(value)) {
      value.forEach((v, i) => this.freeJson(v, `${p}[${i}]`));
      return;
    }
    if (isPlainObject(value)) {
      for (const [k, v] of Object.entries(value)) this.freeJson(v, joinPath(p, k));
      return;
    }
    this.report(p, `not JSON: ${typeof value}`);
  }

  private any(value: Json, p: string): void {
    const tp = joinPath(p, '@type');
    const url = value['@type'];
    if (url === undefined) {
      this.report(tp, 'missing @type in google.protobuf.Any');
      return;
    }
    if (typeof url !== 'string') {
      this.report(tp, `expected string, got ${describe(url)}`);
      return;
    }
    const m = /^type\.googleapis\.com\/([A-Za-z_][\w.]*)$/.exec(url);
    if (!m) {
      this.report(tp, `bad type URL ${JSON.stringify(url)} (expected type.googleapis.com/<full.type.Name>)`);
      return;
    }
    const inner = lookupMessageType(m[1]);
    if (!inner) {
      this.report(tp, `unknown type ${JSON.stringify(m[1])}`);
      return;
    }
    const rest: Json = { ...value };
    delete rest['@type'];
    if (SPECIAL_JSON_TYPES.has(m[1])) {
      for (const key of Object.keys(rest)) {
        if (key !== 'value') this.report(joinPath(p, key), `unknown field (Any of ${m[1]} takes only "value")`);
      }
      if (!('value' in rest)) {
        this.report(joinPath(p, 'value'), `missing "value" for Any of ${m[1]}`);
      } else {
        this.message(inner, rest.value, joinPath(p, 'value'));
      }
      return;
    }
    this.message(inner, rest, p);
  }

  private field(field: Protobuf.Field, v: unknown, p: string): void {
    if (field.map) {
      if (!isPlainObject(v)) {
        this.report(p, `expected object (map<${(field as unknown as Protobuf.MapField).keyType}, ${field.type}>), got ${describe(v)}`);
        return;
      }
      const keyType = (field as unknown as Protobuf.MapField).keyType;
      for (const [k, ev] of Object.entries(v)) {
        const ep = joinPath(p, k);
        this.mapKey(keyType, k, ep);
        if (ev === null) {
          this.report(ep, 'null map value');
          continue;
        }
        this.single(field, ev, ep);
      }
      return;
    }
    if (field.repeated) {
      if (!Array.isArray(v)) {
        this.report(p, `expected array (repeated ${field.type}), got ${describe(v)}`);
        return;
      }
      const nullable = field.resolvedType !== null && fqn(field.resolvedType) === 'google.protobuf.Value';
      v.forEach((ev, i) => {
        if (ev === null && !nullable) {
          this.report(`${p}[${i}]`, 'null element in repeated field');
        } else {
          this.single(field, ev, `${p}[${i}]`);
        }
      });
      return;
    }
    this.single(field, v, p);
  }

  private mapKey(keyType: string, k: string, p: string): void {
    if (keyType === 'bool' && k !== 'true' && k !== 'false') {
      this.report(p, `bad map key ${JSON.stringify(k)} (expected "true"/"false")`);
    } else if (/int|fixed/.test(keyType) && !(keyType.startsWith('u') || keyType.startsWith('fixed') ? /^\d+$/ : /^-?\d+$/).test(k)) {
      this.report(p, `bad map key ${JSON.stringify(k)} (expected ${keyType})`);
    }
  }

  private single(field: Protobuf.Field, v: unknown, p: string): void {
    const rt = field.resolvedType;
    if (rt instanceof protobuf.Type) {
      this.message(rt, v, p);
    } else if (rt instanceof protobuf.Enum) {
      this.enumValue(rt, v, p);
    } else {
      this.scalar(field.type, v, p);
    }
  }

  private enumValue(e: Protobuf.Enum, v: unknown, p: string): void {
    const name = fqn(e);
    if (name === 'google.protobuf.NullValue' && v === null) return;
    if (typeof v === 'string') {
      if (!Object.prototype.hasOwnProperty.call(e.values, v)) {
        const names = Object.keys(e.values);
        const shown = names.length > 12 ? `${names.slice(0, 12).join(', ')}, …` : names.join(', ');
        this.report(p, `bad enum value ${JSON.stringify(v)} for ${name} (expected one of ${shown})`);
      } else if (e.valuesOptions?.[v]?.deprecated === true) {
        this.report(p, `deprecated enum value ${JSON.stringify(v)}`);
      }
      return;
    }
    if (typeof v === 'number' && Number.isInteger(v) && v >= -2147483648 && v <= 2147483647) {
      const byNumber = Object.keys(e.values).find((k) => e.values[k] === v);
      if (byNumber !== undefined && e.valuesOptions?.[byNumber]?.deprecated === true) {
        this.report(p, `deprecated enum value ${v} (${byNumber})`);
      }
      return;
    }
    this.report(p, `expected enum ${name} (name or number), got ${describe(v)}`);
  }

  scalar(type: string, v: unknown, p: string): void {
    switch (type) {
      case 'string':
        if (typeof v !== 'string') this.report(p, `expected string, got ${describe(v)}`);
        return;
      case 'bool':
        if (typeof v !== 'boolean') this.report(p, `expected bool, got ${describe(v)}`);
        return;
      case 'bytes':
        if (typeof v !== 'string' || !BASE64_RE.test(v)) this.report(p, `expected base64 bytes, got ${describe(v)}`);
        return;
      case 'double':
      case 'float':
        if (typeof v === 'number' ? !Number.isFinite(v) : !['NaN', 'Infinity', '-Infinity'].includes(v as string)) {
          this.report(p, `expected ${type}, got ${describe(v)}`);
        }
        return;
      case 'int64':
      case 'sint64':
      case 'sfixed64':
      case 'uint64':
      case 'fixed64': {
        const unsigned = type === 'uint64' || type === 'fixed64';
        if (typeof v === 'string') {
          if (!(unsigned ? /^\d+$/ : /^-?\d+$/).test(v)) {
            this.report(p, `expected ${type} (number or decimal string), got ${describe(v)}`);
            return;
          }
          const big = BigInt(v);
          const [lo, hi] = unsigned ? [0n, 2n ** 64n - 1n] : [-(2n ** 63n), 2n ** 63n - 1n];
          if (big < lo || big > hi) this.report(p, `${type} out of range: ${v}`);
        } else if (typeof v === 'number') {
          if (!Number.isSafeInteger(v) || (unsigned && v < 0)) {
            this.report(p, `expected ${type}, got ${describe(v)}${Number.isInteger(v) && !Number.isSafeInteger(v) ? ' (unsafe integer: use a string)' : ''}`);
          }
        } else {
          this.report(p, `expected ${type}, got ${describe(v)}`);
        }
        return;
      }
      default: {
        const range = INT_RANGES[type];
        if (!range) throw new Error(`envoy-proto: unhandled scalar type ${type}`);
        if (typeof v !== 'number' || !Number.isInteger(v)) {
          this.report(p, `expected ${type}, got ${describe(v)}`);
        } else if (v < range[0] || v > range[1]) {
          this.report(p, `${type} out of range: ${v}`);
        }
      }
    }
  }

  // ---- protoc-gen-validate ----

  private absentRules(field: Protobuf.Field, rules: Json, p: string): void {
    // Members of a (real) oneof that is not set are not validated.
    if (field.partOf && !field.partOf.name.startsWith('_')) return;
    for (const kind of ['message', 'duration', 'timestamp', 'any']) {
      if (isPlainObject(rules[kind]) && (rules[kind] as Json).required === true) {
        this.report(p, 'required field missing');
        return;
      }
    }
    if (field.partOf) return; // proto3 `optional`: unset means "no value"
    if (field.map) {
      this.presentRules(field, rules, {}, p, true);
      return;
    }
    if (field.repeated) {
      this.presentRules(field, rules, [], p, true);
      return;
    }
    if (field.resolvedType instanceof protobuf.Type) return; // unset message: only `required` applies
    // proto3 scalars are validated with their default value.
    const defaultValue = field.resolvedType instanceof protobuf.Enum ? 0
      : field.type === 'string' || field.type === 'bytes' ? '' : field.type === 'bool' ? false : 0;
    this.presentRules(field, rules, defaultValue, p, true);
  }

  private presentRules(field: Protobuf.Field, rules: Json, v: unknown, p: string, absent = false): void {
    const fail = (rule: string, detail: string): void => this.report(p, `${absent ? 'missing or default value; ' : ''}violates (validate.rules).${rule} (${detail})`);
    if (field.map) {
      if (!isPlainObject(v)) return;
      const r = isPlainObject(rules.map) ? rules.map : {};
      const n = Object.keys(v).length;
      if (r.min_pairs !== undefined && n < toNumber(r.min_pairs)) fail(`map.min_pairs = ${String(r.min_pairs)}`, `got ${n}`);
      if (r.max_pairs !== undefined && n > toNumber(r.max_pairs)) fail(`map.max_pairs = ${String(r.max_pairs)}`, `got ${n}`);
      for (const [k, ev] of Object.entries(v)) {
        if (isPlainObject(r.keys)) this.valueRules(field, r.keys, k, joinPath(p, k), 'map.keys.', true);
        if (isPlainObject(r.values)) this.valueRules(field, r.values, ev, joinPath(p, k), 'map.values.');
      }
      return;
    }
    if (field.repeated) {
      if (!Array.isArray(v)) return;
      const r = isPlainObject(rules.repeated) ? rules.repeated : {};
      if (r.min_items !== undefined && v.length < toNumber(r.min_items)) fail(`repeated.min_items = ${String(r.min_items)}`, `got ${v.length}`);
      if (r.max_items !== undefined && v.length > toNumber(r.max_items)) fail(`repeated.max_items = ${String(r.max_items)}`, `got ${v.length}`);
      if (r.unique === true && new Set(v.map((e) => JSON.stringify(e))).size !== v.length) fail('repeated.unique', 'duplicate items');
      if (isPlainObject(r.items)) {
        const items = r.items;
        v.forEach((ev, i) => this.valueRules(field, items, ev, `${p}[${i}]`, 'repeated.items.'));
      }
      return;
    }
    this.valueRules(field, rules, v, p, '', false, absent);
  }

  /** Rules on one value (a singular field, a repeated item, a map key or value). */
  private valueRules(field: Protobuf.Field, rules: Json, v: unknown, p: string, prefix: string, isMapKey = false, absent = false): void {
    const fail = (rule: string, detail: string): void => this.report(p, `${absent ? 'missing or default value; ' : ''}violates (validate.rules).${prefix}${rule} (${detail})`);
    for (const [kind, r] of Object.entries(rules)) {
      if (!isPlainObject(r)) continue;
      switch (kind) {
        case 'string':
          if (typeof v === 'string') this.stringRules(r, v, (rule, d) => fail(`string.${rule}`, d));
          break;
        case 'bytes':
          if (typeof v === 'string' && BASE64_RE.test(v)) {
            const len = Buffer.from(v, 'base64').length;
            if (r.min_len !== undefined && len < toNumber(r.min_len)) fail(`bytes.min_len = ${String(r.min_len)}`, `got ${len}`);
            if (r.max_len !== undefined && len > toNumber(r.max_len)) fail(`bytes.max_len = ${String(r.max_len)}`, `got ${len}`);
          }
          break;
        case 'bool':
          if (typeof v === 'boolean' && r.const !== undefined && v !== r.const) fail(`bool.const = ${String(r.const)}`, `got ${v}`);
          break;
        case 'enum': {
          const e = field.resolvedType;
          if (!(e instanceof protobuf.Enum)) break;
          const num = typeof v === 'string' ? e.values[v] : typeof v === 'number' ? v : undefined;
          if (num === undefined) break; // already reported as a bad enum value
          if (r.defined_only === true && !Object.values(e.values).includes(num)) fail('enum.defined_only', `${num} is not a defined value`);
          if (r.const !== undefined && num !== toNumber(r.const)) fail(`enum.const = ${String(r.const)}`, `got ${num}`);
          if (r.in !== undefined && !asArray(r.in).map(toNumber).includes(num)) fail(`enum.in = [${asArray(r.in).join(', ')}]`, `got ${num}`);
          if (r.not_in !== undefined && asArray(r.not_in).map(toNumber).includes(num)) fail(`enum.not_in = [${asArray(r.not_in).join(', ')}]`, `got ${num}`);
          break;
        }
        case 'duration': {
          const nanos = durationNanos(v);
          if (nanos === undefined) break;
          this.rangeRules(r, nanos, ruleDurationNanos, (rule, d) => fail(`duration.${rule}`, d), String(v));
          break;
        }
        case 'any':
          if (isPlainObject(v) && typeof v['@type'] === 'string') {
            if (r.in !== undefined && !asArray(r.in).includes(v['@type'])) fail('any.in', `got ${v['@type']}`);
            if (r.not_in !== undefined && asArray(r.not_in).includes(v['@type'])) fail('any.not_in', `got ${v['@type']}`);
          }
          break;
        case 'message':
        case 'timestamp':
        case 'map':
        case 'repeated':
          break;
        default: {
          // Numeric kinds (int32, uint32, int64, uint64, double, float, ...), also via wrappers and map keys.
          if (typeof v !== 'number' && !(typeof v === 'string' && (isMapKey || /int64|fixed64/.test(kind)) && /^-?\d+(\.\d+)?$/.test(v))) break;
          const num = toNumber(v);
          if (Number.isNaN(num)) break;
          if (r.const !== undefined && num !== toNumber(r.const)) fail(`${kind}.const = ${String(r.const)}`, `got ${num}`);
          if (r.in !== undefined && !asArray(r.in).map(toNumber).includes(num)) fail(`${kind}.in`, `got ${num}`);
          if (r.not_in !== undefined && asArray(r.not_in).map(toNumber).includes(num)) fail(`${kind}.not_in`, `got ${num}`);
          this.rangeRules(r, num, toNumber, (rule, d) => fail(`${kind}.${rule}`, d), String(num));
        }
      }
    }
  }

  /** PGV gt/gte/lt/lte, including the "exclusive range" form where lt < gt. */
  private rangeRules<T extends number | bigint>(
    r: Json, v: T, conv: (x: unknown) => T, fail: (rule: string, detail: string) => void, shown: string,
  ): void {
    const lowerRule = r.gt !== undefined ? 'gt' : r.gte !== undefined ? 'gte' : undefined;
    const upperRule = r.lt !== undefined ? 'lt' : r.lte !== undefined ? 'lte' : undefined;
    const lower = lowerRule ? conv(r[lowerRule]) : undefined;
    const upper = upperRule ? conv(r[upperRule]) : undefined;
    const lowerOk = lower === undefined || (lowerRule === 'gt' ? v > lower : v >= lower);
    const upperOk = upper === undefined || (upperRule === 'lt' ? v < upper : v <= upper);
    const exclusive = lower !== undefined && upper !== undefined && upper < lower;
    const ok = exclusive ? lowerOk || upperOk : lowerOk && upperOk;
    if (!ok) {
      const parts = [lowerRule && `${lowerRule} ${String(lower)}`, upperRule && `${upperRule} ${String(upper)}`].filter(Boolean);
      fail(parts.map((s) => (s as string).split(' ')[0]).join('/'), `${shown} is not ${parts.join(exclusive ? ' or ' : ' and ')}`);
    }
  }

  private stringRules(r: Json, v: string, fail: (rule: string, detail: string) => void): void {
    if (r.ignore_empty === true && v === '') return;
    const chars = [...v].length;
    const bytes = Buffer.byteLength(v, 'utf8');
    const num = (k: string): number | undefined => (r[k] === undefined ? undefined : toNumber(r[k]));
    const check = (k: string, bad: (n: number) => boolean, actual: number): void => {
      const n = num(k);
      if (n !== undefined && bad(n)) fail(`${k} = ${n}`, `got ${actual}`);
    };
    check('len', (n) => chars !== n, chars);
    check('min_len', (n) => chars < n, chars);
    check('max_len', (n) => chars > n, chars);
    check('len_bytes', (n) => bytes !== n, bytes);
    check('min_bytes', (n) => bytes < n, bytes);
    check('max_bytes', (n) => bytes > n, bytes);
    const show = JSON.stringify(v.length > 40 ? v.slice(0, 40) + '…' : v);
    if (typeof r.const === 'string' && v !== r.const) fail(`const = ${JSON.stringify(r.const)}`, `got ${show}`);
    if (typeof r.prefix === 'string' && !v.startsWith(r.prefix)) fail(`prefix = ${JSON.stringify(r.prefix)}`, `got ${show}`);
    if (typeof r.suffix === 'string' && !v.endsWith(r.suffix)) fail(`suffix = ${JSON.stringify(r.suffix)}`, `got ${show}`);
    if (typeof r.contains === 'string' && !v.includes(r.contains)) fail(`contains = ${JSON.stringify(r.contains)}`, `got ${show}`);
    if (typeof r.not_contains === 'string' && v.includes(r.not_contains)) fail(`not_contains = ${JSON.stringify(r.not_contains)}`, `got ${show}`);
    if (r.in !== undefined && !asArray(r.in).includes(v)) fail('in', `got ${show}`);
    if (r.not_in !== undefined && asArray(r.not_in).includes(v)) fail('not_in', `got ${show}`);
    if (typeof r.pattern === 'string') {
      // PGV patterns are RE2; the few Envoy uses are plain enough for JS RegExp.
      let re: RegExp | undefined;
      try {
        re = new RegExp(r.pattern, 'u');
      } catch {
        re = undefined;
      }
      if (re && !re.test(v)) fail(`pattern = ${JSON.stringify(r.pattern)}`, `got ${show}`);
    }
    if (typeof r.well_known_regex === 'string') {
      const strict = r.strict !== false;
      const re = !strict ? /^[^\0\n\r]*$/
        : r.well_known_regex === 'HTTP_HEADER_NAME' ? /^:?[0-9a-zA-Z!#$%&'*+\-.^_|~`]+$/
          : r.well_known_regex === 'HTTP_HEADER_VALUE' ? /^[^\0-\x08\x0A-\x1F\x7F]*$/ : undefined;
      if (re && !re.test(v)) fail(`well_known_regex = ${r.well_known_regex}${strict ? '' : ' (non-strict)'}`, `got ${show}`);
    }
  }

  // ---- semantic checks that need only the value itself ----

  private semantic(name: string, value: Json, p: string): void {
    switch (name) {
      case 'envoy.type.matcher.v3.RegexMatcher':
      case 'xds.type.matcher.v3.RegexMatcher': {
        const re = getField(value, 'regex');
        if (re && typeof re[1] === 'string') {
          const err = compileRe2(re[1]);
          if (err !== undefined) this.report(joinPath(p, re[0]), `invalid RE2 regex ${JSON.stringify(re[1])}: ${err}`);
        }
        break;
      }
      case 'envoy.config.metrics.v3.TagSpecifier': {
        // Stats tag regexes are std::regex (ECMAScript), not RE2; JS RegExp is a close approximation.
        const re = getField(value, 'regex');
        if (re && typeof re[1] === 'string') {
          try {
            new RegExp(re[1]);
          } catch (err) {
            this.report(joinPath(p, re[0]), `invalid (ECMAScript) regex: ${(err as Error).message}`);
          }
        }
        break;
      }
      case 'udpa.type.v1.TypedStruct':
      case 'xds.type.v3.TypedStruct': {
        // Validate the Struct payload against type_url when that type is known (unknown = custom extension).
        const url = getField(value, 'type_url');
        const payload = getField(value, 'value');
        const m = url && typeof url[1] === 'string' ? /^[^/]*\/([A-Za-z_][\w.]*)$/.exec(url[1]) : null;
        const inner = m ? lookupMessageType(m[1]) : undefined;
        if (inner && payload && !SPECIAL_JSON_TYPES.has(m![1])) this.message(inner, payload[1], joinPath(p, payload[0]));
        break;
      }
      default:
        break;
    }
  }
}

// ---------------------------------------------------------------------------
// Public API
// ---------------------------------------------------------------------------

function walk(typeName: string, value: unknown, visitor?: Visitor): string[] {
  const type = lookupMessageType(typeName);
  if (!type) {
    throw new Error(`envoy-proto: unknown message type ${typeName}`);
  }
  const walker = new Walker(visitor);
  walker.message(type, value, '$');
  return walker.problems;
}

/**
 * Strictly validates `value` (proto3 JSON) against the Envoy/xDS message `typeName`,
 * e.g. `'envoy.config.bootstrap.v3.Bootstrap'` or `'envoy.config.cluster.v3.Cluster'`.
 * Returns the problems (`"$.path: problem"`), empty when valid.
 */
export function validateEnvoyMessage(typeName: string, value: unknown): string[] {
  return walk(typeName, value);
}

interface NamedRef {
  kind: 'cluster' | 'secret';
  name: string;
  path: string;
}

/** Is `inner` equal to `outer` or below it (`outer.x`, `outer[0]`)? */
function isUnder(inner: string, outer: string): boolean {
  return inner === outer || inner.startsWith(`${outer}.`) || inner.startsWith(`${outer}[`);
}

/**
 * `validateEnvoyMessage('envoy.config.bootstrap.v3.Bootstrap', config)` plus:
 * - every cluster named by a route (`cluster`, `weightedClusters`, mirror policies),
 *   a TcpProxy, an `envoyGrpc.clusterName` (ADS, SDS, tracers, filters), an
 *   `apiConfigSource.clusterNames`, an `HttpUri.cluster`, Zipkin/Datadog
 *   `collectorCluster` and `clusterManager.localClusterName` exists in
 *   `staticResources.clusters`. When CDS is configured (`dynamicResources.cdsConfig`),
 *   references from routes/filters may be served by CDS and are not checked, but
 *   clusters used by config sources (xDS/SDS), under `dynamicResources`,
 *   `clusterManager` or static clusters must still be static (and not EDS clusters
 *   when used by a config source);
 * - every SDS secret referenced by name without an `sdsConfig` is declared in
 *   `staticResources.secrets` (an `sdsConfig` makes it served, and its cluster is
 *   checked like any other reference);
 * - a config source using `ads: {}` needs `dynamicResources.adsConfig`;
 * - unique listener, cluster and secret names; unique virtual host names and
 *   domains within a route configuration.
 * RE2 validity of every `safeRegex.regex` is part of the message check.
 */
export interface BootstrapCheckOptions {
  /**
   * Deprecated fields to accept, as problem paths (e.g. `$.tracing`). Only for App Mesh-mode
   * bootstraps: App Mesh's own image writes the deprecated bootstrap-level `tracing`, because the
   * listeners whose HCMs would carry a tracer come from the control plane.
   */
  readonly allowDeprecated?: string[];
}

export function validateBootstrap(config: unknown, options: BootstrapCheckOptions = {}): string[] {
  const refs: NamedRef[] = [];
  const configSources: { path: string; ads: string | undefined }[] = [];
  const staticClusters = new Map<string, { path: string; type: unknown }>();
  const staticSecrets = new Set<string>();
  const nameProblems: string[] = [];

  const refField = (kind: NamedRef['kind'], obj: Json, protoName: string, p: string): void => {
    const f = getField(obj, protoName);
    if (f && typeof f[1] === 'string' && f[1] !== '') {
      refs.push({ kind, name: f[1], path: joinPath(p, f[0]) });
    }
  };

  const uniqueNames = (
    list: [string, unknown] | undefined, p: string, what: string, onName?: (name: string, item: Json, ip: string) => void,
  ): void => {
    if (!list || !Array.isArray(list[1])) return;
    const seen = new Map<string, string>();
    list[1].forEach((item, i) => {
      if (!isPlainObject(item)) return;
      const ip = `${joinPath(p, list[0])}[${i}]`;
      const n = getField(item, 'name');
      if (!n || typeof n[1] !== 'string') return;
      const first = seen.get(n[1]);
      if (first !== undefined) {
        nameProblems.push(`${joinPath(ip, n[0])}: duplicate ${what} name ${JSON.stringify(n[1])} (first at ${first})`);
      } else {
        seen.set(n[1], ip);
        onName?.(n[1], item, ip);
      }
    });
  };

  const visitor: Visitor = (typeName, obj, p) => {
    switch (typeName) {
      case 'envoy.config.route.v3.RouteAction':
      case 'envoy.config.route.v3.RouteAction.RequestMirrorPolicy':
      case 'envoy.extensions.filters.network.tcp_proxy.v3.TcpProxy':
      case 'envoy.config.core.v3.HttpUri':
        refField('cluster', obj, 'cluster', p);
        break;
      case 'envoy.config.route.v3.WeightedCluster.ClusterWeight':
      case 'envoy.extensions.filters.network.tcp_proxy.v3.TcpProxy.WeightedCluster.ClusterWeight':
        refField('cluster', obj, 'name', p);
        break;
      case 'envoy.config.core.v3.GrpcService.EnvoyGrpc':
        refField('cluster', obj, 'cluster_name', p);
        break;
      case 'envoy.config.trace.v3.ZipkinConfig':
      case 'envoy.config.trace.v3.DatadogConfig':
        refField('cluster', obj, 'collector_cluster', p);
        break;
      case 'envoy.config.bootstrap.v3.ClusterManager':
        refField('cluster', obj, 'local_cluster_name', p);
        break;
      case 'envoy.config.core.v3.ApiConfigSource': {
        const names = getField(obj, 'cluster_names');
        if (names && Array.isArray(names[1])) {
          names[1].forEach((n, i) => {
            if (typeof n === 'string') refs.push({ kind: 'cluster', name: n, path: `${joinPath(p, names[0])}[${i}]` });
          });
        }
        break;
      }
      case 'envoy.config.core.v3.ConfigSource': {
        const ads = getField(obj, 'ads');
        configSources.push({ path: p, ads: ads ? joinPath(p, ads[0]) : undefined });
        break;
      }
      case 'envoy.extensions.transport_sockets.tls.v3.SdsSecretConfig':
        if (!getField(obj, 'sds_config')) refField('secret', obj, 'name', p);
        break;
      case 'envoy.config.route.v3.RouteConfiguration': {
        uniqueNames(getField(obj, 'virtual_hosts'), p, 'virtual host');
        const vhosts = getField(obj, 'virtual_hosts');
        const domains = new Map<string, string>();
        if (vhosts && Array.isArray(vhosts[1])) {
          vhosts[1].forEach((vh, i) => {
            const d = isPlainObject(vh) ? getField(vh, 'domains') : undefined;
            if (!d || !Array.isArray(d[1])) return;
            d[1].forEach((domain, j) => {
              if (typeof domain !== 'string') return;
              const dp = `${joinPath(`${joinPath(p, vhosts[0])}[${i}]`, d[0])}[${j}]`;
              const first = domains.get(domain.toLowerCase());
              if (first !== undefined) {
                nameProblems.push(`${dp}: duplicate domain ${JSON.stringify(domain)} (first at ${first})`);
              } else {
                domains.set(domain.toLowerCase(), dp);
              }
            });
          });
        }
        break;
      }
      case 'envoy.config.bootstrap.v3.Bootstrap.StaticResources':
        uniqueNames(getField(obj, 'listeners'), p, 'listener');
        uniqueNames(getField(obj, 'clusters'), p, 'cluster', (name, item, ip) => {
          staticClusters.set(name, { path: ip, type: getField(item, 'type')?.[1] });
        });
        uniqueNames(getField(obj, 'secrets'), p, 'secret', (name) => staticSecrets.add(name));
        break;
      default:
        break;
    }
  };

  const problems = walk('envoy.config.bootstrap.v3.Bootstrap', config, visitor);
  problems.push(...nameProblems);
  const allowed = new Set((options.allowDeprecated ?? []).map((allowedPath) => `${allowedPath}: deprecated field`));
  const withoutAllowed = (list: string[]): string[] => list.filter((problem) => !allowed.has(problem));
  if (!isPlainObject(config)) {
    return withoutAllowed(problems);
  }

  const dyn = getField(config, 'dynamic_resources')?.[1];
  const dynamic = isPlainObject(dyn) ? dyn : {};
  const hasCds = getField(dynamic, 'cds_config') !== undefined || getField(dynamic, 'cds_resources_locator') !== undefined;
  const hasAds = getField(dynamic, 'ads_config') !== undefined;
  const staticClusterPaths = (() => {
    const sr = getField(config, 'static_resources');
    const cl = sr && isPlainObject(sr[1]) ? getField(sr[1], 'clusters') : undefined;
    return sr && cl ? joinPath(joinPath('$', sr[0]), cl[0]) : undefined;
  })();

  for (const ref of refs) {
    if (ref.kind === 'secret') {
      if (!staticSecrets.has(ref.name)) {
        problems.push(`${ref.path}: undeclared SDS secret ${JSON.stringify(ref.name)} (not in staticResources.secrets and no sdsConfig)`);
      }
      continue;
    }
    const inConfigSource = configSources.some((cs) => isUnder(ref.path, cs.path));
    const mustBeStatic = inConfigSource
      || isUnder(ref.path, '$.dynamicResources') || isUnder(ref.path, '$.dynamic_resources')
      || isUnder(ref.path, '$.clusterManager') || isUnder(ref.path, '$.cluster_manager')
      || (staticClusterPaths !== undefined && isUnder(ref.path, staticClusterPaths));
    const found = staticClusters.get(ref.name);
    if (!found) {
      if (!hasCds || mustBeStatic) {
        problems.push(`${ref.path}: unknown cluster ${JSON.stringify(ref.name)} (not in staticResources.clusters${hasCds ? '; clusters used by config sources must be static' : ''})`);
      }
    } else if (inConfigSource && (found.type === 'EDS' || found.type === 3)) {
      problems.push(`${ref.path}: cluster ${JSON.stringify(ref.name)} used by a config source must not be an EDS cluster`);
    }
  }
  for (const cs of configSources) {
    if (cs.ads !== undefined && !hasAds) {
      problems.push(`${cs.ads}: ADS config source but dynamicResources.adsConfig is not set`);
    }
  }
  return withoutAllowed(problems);
}
