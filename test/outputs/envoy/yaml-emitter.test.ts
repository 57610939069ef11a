import { Duration } from 'aws-cdk-lib';
import fc from 'fast-check';
import { dump, load } from 'js-yaml';
import { describe, expect, it } from 'vitest';
import {
  Backend, EnvoyConfig, EnvoyTracing, HeaderMatch, HealthCheck, HttpRouteMethod, HttpRoutePathMatch, Mesh, QueryParameterMatch, RouteSpec,
  ServiceDiscovery, VirtualGatewayListener, VirtualNode, VirtualNodeListener, VirtualRouterListener, VirtualServiceProvider,
} from '../../../lib';
import { emitYaml, YAML_OPTIONS } from '../../../lib/outputs/envoy/yaml-emitter';
import { ENVOY_ENV, meshFixture } from '../../support/fixtures';

/** What js-yaml writes for the value with the options of every Envoy YAML file: the reference. */
function jsYaml(value: unknown): string {
  return dump(value, YAML_OPTIONS);
}

/**
 * Pieces strings and keys are made of: words and numbers of other YAML types (which must be quoted),
 * indicators at the start, `: ` and ` #` inside, spaces and colons at the end, line breaks, characters
 * js-yaml escapes, non-ASCII, and a piece long enough that two make a key js-yaml writes as `? key`.
 */
const PIECES = [
  'true', 'True', 'FALSE', 'null', 'Null', '~', 'yes', 'No', 'on', 'OFF', 'y', 'N', '<<',
  '0', '7', '-1', '+1', '0x1F', '0o17', '0b101', '1_000', '1e5', '1.5', '.5', '.inf', '-.Inf', '.nan', '1:20', '2001-12-14', '2001-12-14t21:59:43.10-05:00',
  '-', '?', ':', ',', '[', ']', '{', '}', '#', '&', '*', '!', '|', '>', '\'', '"', '%', '@', '`', '=', '\\', '/', '^', '$', '(', ')', '_', '.', '+',
  ' ', '  ', '\t', '\n', '\n\n', '\r', ': ', ' #', 'a', 'b', 'Zz', 'name', 'value', 'type.googleapis.com/envoy.X', 'é', '日本', '😀',
  '\u0000', '\u0007', '\u001b', '\u0085', '\u00a0', '\u2028', '\ufeff', 'k'.repeat(600),
];

const text = fc.oneof(
  { weight: 4, arbitrary: fc.array(fc.constantFrom(...PIECES), { maxLength: 4 }).map((pieces) => pieces.join('')) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 6 }) },
);

const number = fc.oneof(
  fc.integer(),
  fc.integer({ min: -1000, max: 1000 }),
  fc.double(),
  fc.constantFrom(-0, 0.1, -2.5, 1e21, -1e21, 5e-324, 1.7976931348623157e308, 2 ** 53 + 2, Infinity, -Infinity, NaN),
);

/** JSON-shaped values, with undefined in objects (js-yaml drops the pair) and arrays (js-yaml writes null). */
const { value: jsonValue } = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    text, number, fc.boolean(), fc.constant(null), fc.constant(undefined), tie('array'), tie('object'),
  ),
  array: fc.array(tie('value'), { maxLength: 4 }),
  object: fc.dictionary(text, tie('value'), { maxKeys: 4 }),
}));

/** The value js-yaml reads back: no pair whose value is undefined, and null for undefined in an array. */
function normalized(value: unknown): unknown {
  if (Array.isArray(value)) return value.map((item) => (item === undefined ? null : normalized(item)));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined).map(([k, v]) => [k, normalized(v)]));
  }
  return value;
}

describe('emitYaml', () => {
  it('writes every JSON-shaped value byte for byte as js-yaml does, and js-yaml reads it back', () => {
    fc.assert(fc.property(jsonValue, (value) => {
      expect(emitYaml(value)).toBe(jsYaml(value));
      // Read back inside a sequence: js-yaml cannot read its own document that is a bare block scalar
      // of only line breaks ("|+" with no content line) or that starts with a space; in a collection it can.
      const yaml = emitYaml([value]);
      expect(yaml).toBe(jsYaml([value]));
      expect(load(yaml)).toEqual(normalized([value]));
    }), { numRuns: 400 });
  });

  it('writes strings js-yaml writes plain without quotes, and quotes the rest as js-yaml does', () => {
    fc.assert(fc.property(text, (s) => {
      expect(emitYaml({ [s]: s, list: [s] })).toBe(jsYaml({ [s]: s, list: [s] }));
    }), { numRuns: 400 });
  });

  it.each<[string, unknown, string]>([
    ['empty mapping', {}, '{}\n'],
    ['empty sequence', [], '[]\n'],
    ['empty collections as values', { a: {}, b: [] }, 'a: {}\nb: []\n'],
    ['empty collections as items', [{}, [], [[]]], '- {}\n- []\n- - []\n'],
    ['sequences in a sequence', [[1, 2], [3]], '- - 1\n  - 2\n- - 3\n'],
    ['mappings in a sequence', [{ a: 1, b: { c: [true] } }], '- a: 1\n  b:\n    c:\n      - true\n'],
    ['nested mappings', { a: { b: { c: 'd' } } }, 'a:\n  b:\n    c: d\n'],
    ['a pair whose value is undefined is dropped', { a: undefined, b: 1 }, 'b: 1\n'],
    ['a mapping of only undefined values', { a: { b: undefined } }, 'a: {}\n'],
    ['undefined and holes in a sequence', [undefined, null, , 1], '- null\n- null\n- null\n- 1\n'], // eslint-disable-line no-sparse-arrays
    ['undefined', undefined, ''],
    ['null', { a: null }, 'a: null\n'],
    ['booleans', [true, false], '- true\n- false\n'],
    ['integers', [0, -7, 8080, 1e21], '- 0\n- -7\n- 8080\n- 1e+21\n'],
    ['floats', [0.25, -0, 5e-324, NaN, Infinity, -Infinity], '- 0.25\n- -0.0\n- 5.e-324\n- .nan\n- .inf\n- -.inf\n'],
    ['strings of other types', ['true', 'Yes', 'off', 'null', '~', '8080', '0x1F', '1e5', '.inf', '2001-12-14', '1:20', '<<'],
      '- "true"\n- "Yes"\n- "off"\n- "null"\n- "~"\n- "8080"\n- "0x1F"\n- "1e5"\n- ".inf"\n- "2001-12-14"\n- "1:20"\n- "<<"\n'],
    ['strings of no other type', ['5s', '10.0.0.1', '0.0.0.0', 'trueish', '/health', 'a:b', 'a#b', 'a, [b]', '^/api(/.*)?$'],
      '- 5s\n- 10.0.0.1\n- 0.0.0.0\n- trueish\n- /health\n- a:b\n- a#b\n- a, [b]\n- ^/api(/.*)?$\n'],
    ['strings that need quotes', ['', ' a', 'a ', 'a: b', 'a #b', 'a:', '*', '@type', '-x', ':authority', 'tab\there', 'bom\ufeff'],
      '- ""\n- " a"\n- "a "\n- "a: b"\n- "a #b"\n- "a:"\n- "*"\n- "@type"\n- "-x"\n- ":authority"\n- "tab\\there"\n- "bom\\uFEFF"\n'],
    ['keys that need quotes', { '@type': 'x', 'true': 1, '': 2, 'a: b': 3 }, '"@type": x\n"true": 1\n"": 2\n"a: b": 3\n'],
    ['non-ASCII, which js-yaml writes plain', { clé: '日本 😀' }, 'clé: 日本 😀\n'],
    ['a multi-line string, a literal block indented by its level', { a: { b: 'x\n\ny\n' }, c: ['p\nq'] },
      'a:\n  b: |\n    x\n\n    y\nc:\n  - |-\n    p\n    q\n'],
    ['a multi-line string beginning with spaces gets an indentation indicator', { a: ['  x\ny'] }, 'a:\n  - |2-\n      x\n    y\n'],
    ['a multi-line key, double-quoted', { 'a\nb': 1 }, '"a\\nb": 1\n'],
    ['a string with a carriage return, double-quoted', { a: 'x\r\ny' }, 'a: "x\\r\\ny"\n'],
  ])('%s', (_name, value, expected) => {
    expect(emitYaml(value)).toBe(expected);
    expect(emitYaml(value)).toBe(jsYaml(value));
  });

  it('leaves a key over 1024 characters (an explicit `? key` pair) to js-yaml', () => {
    const value = { ['k'.repeat(1025)]: { a: 1 }, b: 2 };
    expect(emitYaml(value)).toBe(`? ${'k'.repeat(1025)}\n: a: 1\nb: 2\n`);
    expect(emitYaml(value)).toBe(jsYaml(value));
  });

  it('leaves values that are not JSON-shaped to js-yaml', () => {
    const date = { at: new Date(Date.UTC(2026, 0, 2)) };
    expect(emitYaml(date)).toBe('at: 2026-01-02T00:00:00.000Z\n');
    expect(emitYaml(date)).toBe(jsYaml(date));
    expect(() => emitYaml({ f: () => 1 })).toThrow(/unacceptable kind of an object to dump/);
  });

  it('writes a repeated object twice, without anchors (noRefs)', () => {
    const shared = { a: 1 };
    expect(emitYaml({ x: shared, z: [shared] })).toBe('x:\n  a: 1\nz:\n  - a: 1\n');
  });
});

/** A node with a health check and timeout, calling a service whose router matches headers, a method and a query parameter. */
function catalog(): { mesh: Mesh; node: VirtualNode } {
  const { mesh } = meshFixture({}, { env: ENVOY_ENV });
  const node = (name: string) => mesh.addVirtualNode(name, {
    virtualNodeName: name,
    serviceDiscovery: ServiceDiscovery.dns(`${name}.shop.local`),
    listeners: [VirtualNodeListener.http({
      port: 8080, healthCheck: HealthCheck.http({ path: '/ping' }), timeout: { perRequest: Duration.seconds(30) },
    })],
  });
  const [front, v1, v2] = [node('front'), node('catalog-v1'), node('catalog-v2')];
  const router = mesh.addVirtualRouter('Router', { virtualRouterName: 'catalog', listeners: [VirtualRouterListener.http(8080)] });
  router.addRoute('Route', {
    routeSpec: RouteSpec.http({
      match: {
        path: HttpRoutePathMatch.regex('^/items/[0-9]+$'),
        headers: [HeaderMatch.valueIs('x-version', 'true'), HeaderMatch.valuesIsInRange('x-shard', 1, 100)],
        method: HttpRouteMethod.POST,
        queryParameters: [QueryParameterMatch.valueIs('lang', 'en: GB')],
      },
    }),
  }).to(v1).canary(v2, 10);
  const service = mesh.addVirtualService('Service', {
    virtualServiceName: 'catalog.shop.local', provider: VirtualServiceProvider.virtualRouter(router),
  });
  front.addBackend(Backend.virtualService(service));
  mesh.addVirtualGateway('Gateway', { virtualGatewayName: 'ingress', listeners: [VirtualGatewayListener.http()] });
  return { mesh, node: front };
}

describe('toYaml of real Envoy configurations', () => {
  it('writes every standalone configuration of a mesh as js-yaml does', () => {
    const { configs } = EnvoyConfig.standaloneForMesh(catalog().mesh);
    expect(configs.length).toBe(4);
    for (const config of configs) expect(config.toYaml()).toBe(jsYaml(config.toObject()));
  });

  it('writes an App Mesh bootstrap with tracing as js-yaml does', () => {
    const config = EnvoyConfig.appMesh(catalog().node, { tracing: EnvoyTracing.xray() });
    expect(config.toYaml()).toBe(jsYaml(config.toObject()));
  });
});
