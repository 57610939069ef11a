/**
 * The walk of a field rule set over a model value (lib/rules/field-rules.ts), on hand-made rule
 * sets: where each finding is placed, which parts are judged, and what is skipped.
 */
import { Lazy } from 'aws-cdk-lib';
import { describe, expect, it } from 'vitest';
import { intRange, list, optional, report, required, requiredStruct, runFieldRules, struct } from '../../lib/rules/field-rules';

const port = intRange('AMK_PORT_RANGE', 'port', 1, 65535);

/** A listener list whose rule sees the whole list, inside an object whose rule sees the whole object. */
const rules = requiredStruct('thing', {
  name: required('name'),
  listeners: list('listeners', struct('listener', { port: required('port', port) }), (listeners, ctx) => {
    if (listeners.length > 1) report(ctx, { code: 'LIST_RULE', message: 'one listener at most', fix: 'remove one' }, listeners.length, [1]);
  }),
  extra: optional('extra'),
}, (thing, ctx) => {
  if (thing.name === 'rule') report(ctx, { code: 'STRUCT_RULE', message: 'not rule', fix: 'rename' }, thing.name);
});

function found(model: unknown) {
  return runFieldRules(rules, model, 'App/Thing').map((d) => `${d.code} ${d.field} ${d.value}`);
}

describe('field rule walk', () => {
  it('places member findings at their field path, in the order of the shape, before the rules of the object and list', () => {
    expect(found({ name: 'rule', listeners: [{ port: 0 }, {}] })).toEqual([
      'AMK_PORT_RANGE listeners[0].port 0',
      'AMK_REQUIRED listeners[1].port undefined',
      'LIST_RULE listeners[1] 2',
      'STRUCT_RULE  "rule"',
    ]);
  });

  it('reports a value of the wrong kind where an object or a list belongs, and does not look inside it', () => {
    expect(found('a string')).toEqual(['AMK_WRONG_TYPE  "a string"']);
    expect(found([{ name: 'x' }])).toEqual(['AMK_WRONG_TYPE  [{"name":"x"}]']);
    expect(found({ name: 'x', listeners: { port: 1 } })).toEqual(['AMK_WRONG_TYPE listeners {"port":1}']);
    expect(found({ name: 'x', listeners: ['8080'] })).toEqual(['AMK_WRONG_TYPE listeners[0] "8080"']);
  });

  it('tells a missing required value from a null one, and an absent optional one is fine', () => {
    const diagnostics = runFieldRules(rules, { name: null }, 'App/Thing');
    expect(diagnostics.map((d) => [d.code, d.field, d.message])).toEqual([['AMK_REQUIRED', 'name', 'name is null']]);
    expect(found(undefined)).toEqual(['AMK_REQUIRED  undefined']);
    expect(found({ name: 'x' })).toEqual([]);
  });

  it('skips unresolved tokens, leaves and objects alike, and leaves keys outside the shape alone', () => {
    const token = Lazy.any({ produce: () => 1 });
    expect(found({ name: Lazy.string({ produce: () => 'rule' }), listeners: token, unknownKey: 'anything' })).toEqual([]);
    expect(found({ name: 'x', listeners: [{ port: Lazy.number({ produce: () => 0 }) }] })).toEqual([]);
  });

  it('does not change the model it walks', () => {
    const model = { name: 'rule', listeners: [{ port: 0 }, {}] };
    const before = JSON.stringify(model);
    found(model);
    expect(JSON.stringify(model)).toBe(before);
  });
});
