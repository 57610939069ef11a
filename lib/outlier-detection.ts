import { Duration } from 'aws-cdk-lib';

/**
 * Passive health checking: hosts that keep failing are ejected from the pool for a while.
 * Effective only with Cloud Map discovery or DNS discovery of response type ENDPOINTS.
 * @see https://docs.aws.amazon.com/app-mesh/latest/userguide/virtual_nodes.html
 */
export interface OutlierDetection {
  /** Consecutive 5xx answers (or connection failures) before a host is ejected (at least 1). */
  readonly maxServerErrors: number;
  /** How often hosts are evaluated. */
  readonly interval: Duration;
  /** Base time a host stays ejected; it grows with every ejection. */
  readonly baseEjectionDuration: Duration;
  /** Highest percentage of hosts that may be ejected at once (0–100). */
  readonly maxEjectionPercent: number;
}
