import { describe, expect, it } from 'vitest';
import { defaultPrefixRewrite } from '../../../lib/outputs/explain/rewrite';
import { fullMatch, headerFailure, httpMatchFailures } from '../../../lib/outputs/explain/route-matching';
import { hostOf, normalizePath, routedRequest } from '../../../lib/outputs/explain/routed-request';

/**
 * The match rules no construct of this library can write today, but a mesh brought in from
 * CloudFormation or the API can hold: a header or query parameter match without a value
 * (presence), RE2-only syntax. And the small pieces of the request the rules read.
 */

describe('explain match rules: presence', () => {
  it('a header match without a match method: the header must be present; inverted, absent', () => {
    expect(headerFailure('header', { name: 'x-debug' }, 'anything')).toBeUndefined();
    expect(headerFailure('header', { name: 'x-debug' }, undefined)).toBe('header x-debug: expected present, got absent');
    expect(headerFailure('header', { name: 'x-debug', invert: true }, undefined)).toBeUndefined();
    expect(headerFailure('header', { name: 'x-debug', invert: true }, '1')).toBe('header x-debug: expected absent, got \'1\'');
    expect(headerFailure('metadata', { name: 'tenant', match: {} }, undefined)).toBe('metadata tenant: expected present, got absent');
  });

  it('a query parameter match without a value: the parameter must be present', () => {
    const match = { queryParameters: [{ name: 'debug' }] };
    expect(httpMatchFailures(match, routedRequest({ path: '/?debug' }, undefined))).toEqual([]);
    expect(httpMatchFailures(match, routedRequest({ path: '/?debug=0' }, undefined))).toEqual([]);
    expect(httpMatchFailures(match, routedRequest({ path: '/' }, undefined))).toEqual(['query parameter debug: expected present, got absent']);
  });
});

describe('explain match rules: regular expressions (RE2, whole value)', () => {
  it('matches the whole value', () => {
    expect(fullMatch('v[0-9]+', 'v12')).toBe(true);
    expect(fullMatch('v[0-9]+', 'xv12')).toBe(false);
    expect(fullMatch('a|b', 'ab')).toBe(false);
  });

  it('reads RE2\'s named groups and a leading (?i)', () => {
    expect(fullMatch('/(?P<id>[0-9]+)', '/42')).toBe(true);
    expect(fullMatch('(?i)abc', 'ABC')).toBe(true);
  });

  it('an expression it cannot read cannot be evaluated, and the condition says so', () => {
    expect(fullMatch('(', 'x')).toBeUndefined();
    expect(headerFailure('header', { name: 'x', match: { regex: '(' } }, 'x'))
      .toBe('header x: regex \'(\' cannot be evaluated (not a valid regular expression, or only known after deployment)');
  });
});

describe('explain: the request as routed', () => {
  it('normalizes paths: merged slashes, dot segments', () => {
    expect(normalizePath('/a//b')).toBe('/a/b');
    expect(normalizePath('/a/./b/../c')).toBe('/a/c');
    expect(normalizePath('/a/..')).toBe('/');
    expect(normalizePath('/../a')).toBe('/a');
    expect(normalizePath('/a/')).toBe('/a/');
    expect(normalizePath('/')).toBe('/');
  });

  it('takes the host from an authority: no port, lower case, IPv6 in brackets', () => {
    expect(hostOf('WWW.Example.com:8443')).toBe('www.example.com');
    expect(hostOf('example.com')).toBe('example.com');
    expect(hostOf('[::1]:8080')).toBe('::1');
  });

  it('fills in the defaults and derives gRPC service and method from the path', () => {
    const req = routedRequest({ path: '/shop.Catalog/Get?x=1&y=%2F' }, 'catalog.shop.local');
    expect(req).toMatchObject({
      method: 'GET',
      scheme: 'http',
      path: '/shop.Catalog/Get',
      authority: 'catalog.shop.local',
      grpcService: 'shop.Catalog',
      grpcMethod: 'Get',
      query: { x: '1', y: '/' },
    });
    expect(routedRequest({ grpcService: 'shop.Cart' }, undefined)).toMatchObject({ grpcService: 'shop.Cart', grpcMethod: undefined });
  });

  it('the default prefix rewrite keeps one slash between / and the rest', () => {
    expect(defaultPrefixRewrite('/chapter', '/chapter/1')).toBe('/1');
    expect(defaultPrefixRewrite('/chapter', '/chapter1')).toBe('/1');
    expect(defaultPrefixRewrite('/chapter', '/chapter')).toBe('/');
    expect(defaultPrefixRewrite('/chapter/', '/chapter/1')).toBe('/1');
    expect(defaultPrefixRewrite('/', '/a/b')).toBe('/a/b');
  });
});
