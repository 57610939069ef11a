import { describe, expect, it } from 'vitest';
import { evaluateLattice, httpMatchHolds } from './lattice-evaluator';

/** The evaluator against the Lattice documentation's rules, on hand-written templates. */
const getAtt = (id: string) => ({ 'Fn::GetAtt': [id, 'Arn'] });
const forward = (...tgs: [string, number][]) =>
  ({ Forward: { TargetGroups: tgs.map(([id, w]) => ({ TargetGroupIdentifier: getAtt(id), Weight: w })) } });

const template = {
  Resources: {
    Svc: { Type: 'AWS::VpcLattice::Service', Properties: { Name: 'svc' } },
    Listener: { Type: 'AWS::VpcLattice::Listener', Properties: { ServiceIdentifier: getAtt('Svc'), Port: 80, Protocol: 'HTTP', DefaultAction: { FixedResponse: { StatusCode: 404 } } } },
    // Defined out of priority order: evaluation goes by Priority, not by template order.
    Late: { Type: 'AWS::VpcLattice::Rule', Properties: { Name: 'late', ListenerIdentifier: getAtt('Listener'), Priority: 9, Match: { HttpMatch: { PathMatch: { Match: { Prefix: '/' } } } }, Action: forward(['B', 1]) } },
    Early: {
      Type: 'AWS::VpcLattice::Rule',
      Properties: { Name: 'early', ListenerIdentifier: getAtt('Listener'), Priority: 2, Match: { HttpMatch: { PathMatch: { Match: { Prefix: '/api' } } } }, Action: forward(['A', 3], ['B', 1]) },
    },
  },
};

describe('Lattice rule evaluator', () => {
  it('takes the lowest priority rule that matches, then the default action; no listener on another port', () => {
    expect(evaluateLattice(template, 'Svc', { port: 80, method: 'GET', path: '/api/x', headers: {} }))
      .toEqual({ kind: 'forward', targets: [{ targetGroup: 'A', weight: 3 }, { targetGroup: 'B', weight: 1 }], rule: 'early' });
    expect(evaluateLattice(template, 'Svc', { port: 80, method: 'GET', path: '/other', headers: {} })).toMatchObject({ rule: 'late' });
    const noRules = { Resources: { Svc: template.Resources.Svc, Listener: template.Resources.Listener } };
    expect(evaluateLattice(noRules, 'Svc', { port: 80, method: 'GET', path: '/', headers: {} })).toEqual({ kind: 'fixed', status: 404, rule: undefined });
    expect(evaluateLattice(template, 'Svc', { port: 81, method: 'GET', path: '/', headers: {} })).toEqual({ kind: 'no-listener' });
  });

  it('compares case-insensitively unless CaseSensitive is true (CloudFormation: "Default: false")', () => {
    const request = (path: string, headers: Record<string, string> = {}) => ({ port: 80, method: 'GET', path, headers });
    expect(httpMatchHolds({ PathMatch: { Match: { Prefix: '/api' } } }, request('/API/x'))).toBe(true);
    expect(httpMatchHolds({ PathMatch: { CaseSensitive: true, Match: { Prefix: '/api' } } }, request('/API/x'))).toBe(false);
    expect(httpMatchHolds({ PathMatch: { CaseSensitive: true, Match: { Exact: '/api' } } }, request('/api/'))).toBe(false);
    const header = (match: object, caseSensitive?: boolean) => ({ HeaderMatches: [{ Name: 'X-Tier', CaseSensitive: caseSensitive, Match: match }] });
    expect(httpMatchHolds(header({ Exact: 'gold' }), request('/', { 'x-tier': 'GOLD' }))).toBe(true);
    expect(httpMatchHolds(header({ Exact: 'gold' }, true), request('/', { 'x-tier': 'GOLD' }))).toBe(false);
    expect(httpMatchHolds(header({ Contains: 'ol' }, true), request('/', { 'X-TIER': 'gold' }))).toBe(true);
    expect(httpMatchHolds(header({ Prefix: 'go' }, true), request('/', {}))).toBe(false);
  });

  it('needs every condition: method, path and each header', () => {
    const match = { Method: 'POST', PathMatch: { Match: { Prefix: '/' } }, HeaderMatches: [{ Name: 'a', Match: { Exact: '1' } }, { Name: 'b', Match: { Prefix: '2' } }] };
    expect(httpMatchHolds(match, { port: 80, method: 'POST', path: '/', headers: { a: '1', b: '23' } })).toBe(true);
    expect(httpMatchHolds(match, { port: 80, method: 'GET', path: '/', headers: { a: '1', b: '23' } })).toBe(false);
    expect(httpMatchHolds(match, { port: 80, method: 'POST', path: '/', headers: { a: '1' } })).toBe(false);
  });
});
