import { describe, expect, it } from 'vitest';
import {
  LISTENER_NAME, RULE_NAME, SERVICE_NAME, SERVICE_NETWORK_NAME, TARGET_GROUP_NAME, isLatticeName, latticeName, uniqueLatticeNames,
} from '../../../lib/outputs/lattice/lattice-names';

/** The cfn-lint 1.51 name patterns of the Lattice types, as written in its schemas. */
const CFN_PATTERNS = [
  [SERVICE_NAME, /^(?!svc-)(?![-])(?!.*[-]$)(?!.*[-]{2})[a-z0-9-]+$/],
  [SERVICE_NETWORK_NAME, /^(?!servicenetwork-)(?![-])(?!.*[-]$)(?!.*[-]{2})[a-z0-9-]+$/],
  [TARGET_GROUP_NAME, /^(?!tg-)(?![-])(?!.*[-]$)(?!.*[-]{2})[a-z0-9-]+$/],
  [LISTENER_NAME, /^(?!listener-)(?![-])(?!.*[-]$)(?!.*[-]{2})[a-z0-9-]+$/],
  [RULE_NAME, /^(?!rule-)(?![-])(?!.*[-]$)(?!.*[-]{2})[a-z0-9-]+$/],
] as const;

const SOURCES = [
  'books.shop.local', 'Books.Shop.Local', 'a', 'x', '--edge--', 'svc-catalog', 'tg-orders', 'rule-1', 'listener-http', 'servicenetwork-shop',
  'a..b__c', `${'very-long-service-name.'.repeat(12)}local`, '日本語', '---', 'colorteller-white-vn',
];

describe('Lattice names', () => {
  it('are valid for every Lattice type: the cfn-lint pattern and lengths', () => {
    for (const [kind, pattern] of CFN_PATTERNS) {
      for (const source of SOURCES) {
        const name = latticeName(source, kind);
        expect(name, `${source} → ${name}`).toMatch(pattern);
        expect(name.length).toBeGreaterThanOrEqual(kind.min);
        expect(name.length).toBeLessThanOrEqual(kind.max);
        expect(isLatticeName(name, kind)).toBe(true);
      }
    }
  });

  it('keep a name that is already valid, clean the rest, and hash what they cut or must change', () => {
    expect(latticeName('colorteller-white-vn', SERVICE_NAME)).toBe('colorteller-white-vn');
    expect(latticeName('books.shop.local', SERVICE_NAME)).toBe('books-shop-local');
    expect(latticeName('svc-catalog', SERVICE_NAME)).toMatch(/^xsvc-catalog-[0-9a-f]{8}$/);
    expect(latticeName('a', SERVICE_NAME)).toMatch(/^a-[0-9a-f]{8}$/);
    const long = latticeName(SOURCES[11], SERVICE_NAME);
    expect(long).toHaveLength(40);
    expect(long).toMatch(/^very-long-service-name-very-lon-[0-9a-f]{8}$/);
    expect(latticeName(SOURCES[11], SERVICE_NAME)).toBe(long);
  });

  it('never collide: sources that clean to the same name all get their hash', () => {
    const names = uniqueLatticeNames(['books.shop.local', 'books-shop-local', 'Books.Shop.Local', 'orders.shop.local'], SERVICE_NAME);
    expect(names.get('orders.shop.local')).toBe('orders-shop-local');
    const colliding = ['books.shop.local', 'books-shop-local', 'Books.Shop.Local'].map((s) => names.get(s)!);
    expect(new Set(colliding).size).toBe(3);
    colliding.forEach((n) => expect(n).toMatch(/^books-shop-local-[0-9a-f]{8}$/));
    // The same sources give the same names, whatever their order.
    const again = uniqueLatticeNames(['orders.shop.local', 'Books.Shop.Local', 'books-shop-local', 'books.shop.local'], SERVICE_NAME);
    expect([...again.entries()].sort()).toEqual([...names.entries()].sort());
  });
});
