/**
 * Evaluates the VPC Lattice resources of a synthesized CloudFormation template on one request,
 * as the Lattice documentation describes it (User Guide, "Listener rules for your VPC Lattice
 * service"; CloudFormation reference, AWS::VpcLattice::Rule):
 *
 * - the listener is the service's listener on the request's port;
 * - "Rules are evaluated in priority order, from the lowest value to the highest value. The
 *   default rule is evaluated last": the first rule whose match holds takes the request, and
 *   when none does the listener's DefaultAction does;
 * - a rule's `HttpMatch` holds when all of its conditions hold: `Method` equals the request's,
 *   `PathMatch` `Exact` equals the path or `Prefix` starts it (a string prefix: the docs say "A prefix
 *   match of the path" and not whether it stops at `/`; App Mesh's prefix is a string prefix), every `HeaderMatches` entry names
 *   a header the request has (names are case-insensitive, as in HTTP) whose value is `Exact`,
 *   starts with `Prefix` or contains `Contains`;
 * - `CaseSensitive` of a path or header match defaults to false (CloudFormation reference,
 *   PathMatch and HeaderMatch: "Default: false"): then both sides compare lowercased;
 * - a `Forward` action sends to its target groups by weight; `FixedResponse` answers with its status.
 *
 * It reads only the template: identifiers are the `Fn::GetAtt`/`Ref` of the resources it names.
 */

export interface LatticeRequest {
  readonly port: number;
  readonly method: string;
  readonly path: string;
  /** Header values by name (any case). */
  readonly headers: Readonly<Record<string, string>>;
}

export type LatticeDecision =
  | { readonly kind: 'forward'; readonly targets: { readonly targetGroup: string; readonly weight: number }[]; readonly rule?: string }
  | { readonly kind: 'fixed'; readonly status: number; readonly rule?: string }
  | { readonly kind: 'no-listener' };

interface Resource {
  readonly Type: string;
  readonly Properties?: any;
}

/** The logical id an identifier (`{ Fn::GetAtt: [id, 'Arn'] }`, `{ Ref: id }`) names. */
function logicalIdOf(identifier: unknown): string | undefined {
  const value = identifier as { 'Fn::GetAtt'?: [string, string]; 'Ref'?: string } | undefined;
  return value?.['Fn::GetAtt']?.[0] ?? value?.Ref;
}

function compare(caseSensitive: boolean | undefined, value: string, wanted: string, how: 'exact' | 'prefix' | 'contains'): boolean {
  const [a, b] = caseSensitive ? [value, wanted] : [value.toLowerCase(), wanted.toLowerCase()];
  return how === 'exact' ? a === b : how === 'prefix' ? a.startsWith(b) : a.includes(b);
}

/** Whether a rule's `Match.HttpMatch` holds for the request. */
export function httpMatchHolds(httpMatch: any, request: LatticeRequest): boolean {
  const m = httpMatch ?? {};
  if (m.Method !== undefined && m.Method !== request.method) return false;
  const path = m.PathMatch;
  if (path) {
    const how = path.Match?.Exact !== undefined ? 'exact' : 'prefix';
    if (!compare(path.CaseSensitive, request.path, path.Match?.Exact ?? path.Match?.Prefix, how)) return false;
  }
  const headers = new Map(Object.entries(request.headers).map(([k, v]) => [k.toLowerCase(), v]));
  for (const h of m.HeaderMatches ?? []) {
    const value = headers.get(String(h.Name).toLowerCase());
    if (value === undefined) return false;
    const how = h.Match?.Exact !== undefined ? 'exact' : h.Match?.Prefix !== undefined ? 'prefix' : 'contains';
    const wanted = h.Match?.Exact ?? h.Match?.Prefix ?? h.Match?.Contains;
    if (!compare(h.CaseSensitive, value, wanted, how)) return false;
  }
  return true;
}

function decide(action: any, rule?: string): LatticeDecision {
  if (action?.FixedResponse) return { kind: 'fixed', status: action.FixedResponse.StatusCode, rule };
  const targets = (action?.Forward?.TargetGroups ?? []).map((t: any) => ({
    targetGroup: logicalIdOf(t.TargetGroupIdentifier)!,
    weight: t.Weight ?? 1,
  }));
  return { kind: 'forward', targets, rule };
}

/** Where the Lattice service `serviceLogicalId` of the template sends a request. */
export function evaluateLattice(
  template: { Resources: Record<string, Resource> }, serviceLogicalId: string, request: LatticeRequest,
): LatticeDecision {
  const entries = Object.entries(template.Resources);
  const listener = entries.find(([, r]) => r.Type === 'AWS::VpcLattice::Listener'
    && logicalIdOf(r.Properties?.ServiceIdentifier) === serviceLogicalId && r.Properties?.Port === request.port);
  if (!listener) return { kind: 'no-listener' };
  const rules = entries
    .filter(([, r]) => r.Type === 'AWS::VpcLattice::Rule' && logicalIdOf(r.Properties?.ListenerIdentifier) === listener[0])
    .sort(([, a], [, b]) => a.Properties.Priority - b.Properties.Priority);
  for (const [id, rule] of rules) {
    if (httpMatchHolds(rule.Properties.Match?.HttpMatch, request)) return decide(rule.Properties.Action, rule.Properties.Name ?? id);
  }
  return decide(listener[1].Properties.DefaultAction);
}
