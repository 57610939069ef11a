import { Duration } from 'aws-cdk-lib';
import { hasMethod } from './render';
import { InvalidInput } from '../model/invalid-input';
import { DurationModel } from '../model/spec';

function isDuration(value: unknown): value is Duration {
  return value instanceof Duration || (hasMethod(value, 'toMilliseconds') && hasMethod(value, 'unitLabel'));
}

/**
 * A Duration as App Mesh's `{ unit, value }`: whole seconds stay in seconds (readable),
 * anything finer is milliseconds. Durations built from tokens keep their unit when App Mesh has it.
 */
export function durationModel(value: unknown): DurationModel | InvalidInput | undefined {
  if (value === undefined || value === null) return undefined;
  if (!isDuration(value)) return new InvalidInput(value, 'a Duration (for example Duration.seconds(15))');
  const unit = value.unitLabel();
  try {
    if (unit === 'millis') return { unit: 'ms', value: value.toMilliseconds() };
    const millis = value.toMilliseconds();
    if (millis % 1000 === 0) return { unit: 's', value: value.toSeconds() };
    return { unit: 'ms', value: millis };
  } catch (error) {
    // A token duration in minutes, hours or days cannot be converted without resolving it;
    // a fractional amount of milliseconds cannot be converted at all.
    try {
      return { unit: 's', value: value.toSeconds() };
    } catch {
      return new InvalidInput(value.toString(), `a Duration of whole milliseconds (${(error as Error).message})`);
    }
  }
}

/** A Duration as milliseconds (health-check fields are `intervalMillis` / `timeoutMillis`). */
export function durationMillis(value: unknown): number | InvalidInput | undefined {
  if (value === undefined || value === null) return undefined;
  if (!isDuration(value)) return new InvalidInput(value, 'a Duration (for example Duration.seconds(5))');
  try {
    return value.toMilliseconds();
  } catch (error) {
    return new InvalidInput(value.toString(), `a Duration of whole milliseconds (${(error as Error).message})`);
  }
}
