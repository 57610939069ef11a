import { createHash } from 'node:crypto';

/**
 * VPC Lattice names from App Mesh names. Lattice names are lowercase letters, digits and single
 * hyphens, with no hyphen at either end and no reserved prefix (cfn-lint 1.51 schemas:
 * `^(?!svc-)(?![-])(?!.*[-]$)(?!.*[-]{2})[a-z0-9-]+$`); App Mesh names are 1–255 free characters.
 */

/** The length limits and reserved prefix of one Lattice name kind (cfn-lint 1.51 schemas). */
export interface LatticeNameKind {
  readonly min: number;
  readonly max: number;
  /** The prefix Lattice reserves for its ids (`svc-`, `tg-`, `listener-`, `rule-`, `servicenetwork-`). */
  readonly reserved: string;
}

export const SERVICE_NETWORK_NAME: LatticeNameKind = { min: 3, max: 63, reserved: 'servicenetwork-' };
export const SERVICE_NAME: LatticeNameKind = { min: 3, max: 40, reserved: 'svc-' };
export const TARGET_GROUP_NAME: LatticeNameKind = { min: 3, max: 128, reserved: 'tg-' };
export const LISTENER_NAME: LatticeNameKind = { min: 3, max: 63, reserved: 'listener-' };
export const RULE_NAME: LatticeNameKind = { min: 3, max: 63, reserved: 'rule-' };

/** What every Lattice name must be (the cfn-lint pattern and lengths). */
export function isLatticeName(name: string, kind: LatticeNameKind): boolean {
  return name.length >= kind.min && name.length <= kind.max && !name.startsWith(kind.reserved)
    && /^[a-z0-9]+(-[a-z0-9]+)*$/.test(name);
}

function hashOf(source: string): string {
  return createHash('sha256').update(source).digest('hex').slice(0, 8);
}

/** Lowercase, every run of other characters one hyphen, no hyphen at the ends. */
function clean(source: string): string {
  return source.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
}

/**
 * A Lattice name for `source`: cleaned (`books.shop.local` → `books-shop-local`), and when it is
 * too long, too short or starts with the reserved prefix, cut and ended with `-<8 hex of a hash
 * of source>`. The same source always gives the same name.
 */
export function latticeName(source: string, kind: LatticeNameKind): string {
  const cleaned = clean(source);
  if (isLatticeName(cleaned, kind)) return cleaned;
  return withHash(cleaned, source, kind);
}

function withHash(cleaned: string, source: string, kind: LatticeNameKind): string {
  const hash = hashOf(source);
  // A name that would start with the reserved prefix gets a letter in front.
  const lead = cleaned.startsWith(kind.reserved) ? `x${cleaned}` : cleaned;
  const head = lead.slice(0, kind.max - hash.length - 1).replace(/-+$/, '');
  return `${head.length === 0 ? 'x' : head}-${hash}`;
}

/**
 * Names for several sources of one kind that must not collide (services in a network, target
 * groups, rules of a listener): each source's `latticeName`, except that sources whose names
 * would be equal all get the hash ending. The result depends only on the set of sources.
 */
export function uniqueLatticeNames(sources: readonly string[], kind: LatticeNameKind): Map<string, string> {
  const first = new Map(sources.map((s) => [s, latticeName(s, kind)]));
  const count = new Map<string, number>();
  for (const name of new Set(first.values())) count.set(name, 0);
  for (const s of new Set(sources)) count.set(first.get(s)!, count.get(first.get(s)!)! + 1);
  const out = new Map<string, string>();
  for (const s of sources) {
    const name = first.get(s)!;
    out.set(s, count.get(name)! > 1 ? withHash(clean(s), s, kind) : name);
  }
  return out;
}
