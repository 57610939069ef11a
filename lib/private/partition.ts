import { RegionInfo } from 'aws-cdk-lib/region-info';

/**
 * A Region of the commercial partition (`aws`): every such Region is named `<area>-<direction>-<n>`.
 * Other partitions' Regions have other first parts (`cn-`, `us-gov-`, `us-iso-`, `eu-isoe-`, `eusc-`, …).
 */
const COMMERCIAL_REGION = /^(af|ap|ca|eu|il|me|mx|sa|us)-(central|east|north|northeast|northwest|south|southeast|southwest|west)-\d+$/;

/**
 * The partition of a Region, or undefined for a Region aws-cdk-lib does not know. Commercial
 * Regions are told by name: aws-cdk-lib's Region facts take about 100 ms to load on first use,
 * which every synthesis with Envoy files would pay for one answer.
 */
export function partitionOf(region: string): string | undefined {
  return COMMERCIAL_REGION.test(region) ? 'aws' : RegionInfo.get(region).partition;
}
