import { describe, expect, it } from 'vitest';
import { DiagnosticSeverity, HttpRoutePathMatch, HttpRouteProtocol, RouteSpec } from '../../lib';
import { lineStart, routeFixture } from '../support/fixtures';

describe('route errors at synth', () => {
  it('fail one app.synth() whose message names every code, construct path and field', () => {
    const f = routeFixture();
    const a = f.router.addRoute('A', {
      routeSpec: RouteSpec.http({ priority: 1001, match: { path: HttpRoutePathMatch.startsWith('api') } }),
    }).to(f.v1).canary(f.v2, 120);
    const b = f.router.addRoute('B', {
      routeName: 'b'.repeat(256),
      routeSpec: RouteSpec.http({ match: { port: 9090, scheme: HttpRouteProtocol.HTTP } }),
    });

    const expected = [
      { code: 'AMK_WEIGHT_RANGE', at: a, field: 'spec.httpRoute.action.weightedTargets' },
      { code: 'AMK_PRIORITY_RANGE', at: a, field: 'spec.priority' },
      { code: 'AMK_PATH_PREFIX', at: a, field: 'spec.httpRoute.match.prefix' },
      { code: 'AMK_NAME_LENGTH', at: b, field: 'routeName' },
      { code: 'AMK_TARGET_COUNT', at: b, field: 'spec.httpRoute.action.weightedTargets' },
      { code: 'AMK_ROUTE_MATCH_PORT_UNKNOWN', at: b, field: 'spec.httpRoute.match.port' },
    ];

    // validate() holds exactly these errors (and the scheme warning), without throwing
    const diagnostics = f.mesh.validate();
    expect(diagnostics.filter((d) => d.severity === DiagnosticSeverity.ERROR).map((d) => `${d.code} ${d.constructPath} ${d.field}`).sort())
      .toEqual(expected.map((x) => `${x.code} ${x.at.node.path} ${x.field}`).sort());
    expect(diagnostics.filter((d) => d.severity === DiagnosticSeverity.WARNING).map((d) => d.code)).toEqual(['AMK_SCHEME_HTTP2_ONLY']);

    let thrown = 0;
    let message = '';
    try {
      f.app.synth();
    } catch (e) {
      thrown++;
      message = (e as Error).message;
    }
    expect(thrown).toBe(1);
    for (const x of expected) {
      expect(message).toContain(lineStart(x));
    }
    // warnings do not fail synthesis, so they are not in the error
    expect(message).not.toContain('AMK_SCHEME_HTTP2_ONLY');
  });
});
