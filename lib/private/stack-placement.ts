import { createHash } from 'node:crypto';

/**
 * Where the services of a spread mesh go: a binary trie over the SHA-256 of each service key.
 * A bucket (a stack) holds at most `capacity` services; a service goes to the first bucket on its
 * hash path that has room when it is placed. So a bucket is never emptied to make room: services
 * placed earlier stay where they are, appending services moves none, and placement depends only on
 * the keys and the order they are placed in, never on the size of the services or the run.
 */
export class StackPlacement {
  private readonly counts = new Map<string, number>();
  private readonly placed = new Map<string, string>();

  constructor(private readonly capacity: number) {}

  /** The bucket of a service: a string of hash bits ('' for the root), the same each time for one key. */
  public bucketOf(key: string): string {
    const known = this.placed.get(key);
    if (known !== undefined) return known;
    const bits = hashBits(key);
    let bucket = '';
    while ((this.counts.get(bucket) ?? 0) >= this.capacity) bucket = bits.slice(0, bucket.length + 1);
    this.counts.set(bucket, (this.counts.get(bucket) ?? 0) + 1);
    this.placed.set(key, bucket);
    return bucket;
  }
}

/** The 256 bits of a key's SHA-256, as '0' and '1' characters. */
function hashBits(key: string): string {
  return [...createHash('sha256').update(key).digest()].map((byte) => byte.toString(2).padStart(8, '0')).join('');
}
