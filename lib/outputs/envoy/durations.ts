import { DurationModel, durationModelMillis } from '../../model/spec';

/** An App Mesh duration as Envoy's proto3 JSON Duration (`"15s"`, `"1.5s"`). */
export function envoyDuration(d: DurationModel | undefined): string | undefined {
  const ms = durationModelMillis(d);
  return ms === undefined ? undefined : millisDuration(ms);
}

/** Milliseconds as Envoy's proto3 JSON Duration. */
export function millisDuration(ms: number): string {
  const seconds = Math.floor(ms / 1000);
  const rest = ms - seconds * 1000;
  return rest === 0 ? `${seconds}s` : `${seconds}.${String(rest).padStart(3, '0').replace(/0+$/, '')}s`;
}
