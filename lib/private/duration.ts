import { Duration } from 'aws-cdk-lib';
import { hasMethod } from './render';
import { InvalidInput } from '../model/invalid-input';
import { DurationModel } from '../model/spec';

function isDuration(value: unknown): value is Duration {
  return value instanceof Duration || (hasMethod(value, 'toMilliseconds') && hasMethod(value, 'unitLabel'));
}

/**
 * A Duration as App Mesh's `{ unit, value }`, in milliseconds as aws-cdk-lib/aws-appmesh renders it
 * (so a template written with it does not change). A token duration in seconds keeps its unit.
 */
export function durationModel(value: unknown): DurationModel | InvalidInput | undefined {
  if (value === undefined || value === null) return undefined;
  if (!isDuration(value)) return new InvalidInput(value, 'a Duration (for example Duration.seconds(15))');
  try {
    return { unit: 'ms', value: value.toMilliseconds() };
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
