import { RegionInfo } from 'aws-cdk-lib/region-info';
import { describe, expect, it } from 'vitest';
import { partitionOf } from '../../lib/private/partition';

describe('partitionOf', () => {
  it('agrees with aws-cdk-lib\'s Region facts on every Region they know', () => {
    const regions = RegionInfo.regions.map((r) => r.name);
    expect(regions.length).toBeGreaterThan(30);
    const disagreements = regions.filter((r) => partitionOf(r) !== RegionInfo.get(r).partition);
    expect(disagreements).toEqual([]);
    // The other partitions are among them, so the name rule is not the only path taken.
    expect(new Set(regions.map(partitionOf))).toEqual(new Set(['aws', 'aws-cn', 'aws-us-gov', 'aws-iso', 'aws-iso-b', 'aws-iso-e', 'aws-iso-f', 'aws-eusc']));
  });

  it('leaves a Region aws-cdk-lib does not know, and not named like a commercial one, without a partition', () => {
    expect(partitionOf('xx-moon-1')).toBeUndefined();
    expect(partitionOf('us-gov-moon-1')).toBeUndefined();
  });
});
