import { IConstruct } from 'constructs';
import { Diagnostic, DiagnosticSeverity } from './diagnostic';
import { renderValue } from './format';

/**
 * An on/off context switch as a construct sees it: true or false (from `cdk synth -c`, the strings
 * "true" and "false"), undefined when it is not set or has any other value (which
 * `contextSwitchDiagnostics` reports).
 */
export function contextSwitch(scope: IConstruct, key: string): boolean | undefined {
  const value: unknown = scope.node.tryGetContext(key);
  return value === true || value === 'true' ? true : value === false || value === 'false' ? false : undefined;
}

/**
 * The app's on/off context switches that hold neither true nor false. Such a value used to be read
 * as "not set", so a typo (`-c appmesh-kit:envoyOutput=flase`) silently kept the default.
 */
export function contextSwitchDiagnostics(scope: IConstruct, keys: readonly string[]): Diagnostic[] {
  return keys.flatMap((key): Diagnostic[] => {
    const value: unknown = scope.node.tryGetContext(key);
    if (value === undefined || contextSwitch(scope, key) !== undefined) return [];
    return [{
      severity: DiagnosticSeverity.ERROR,
      code: 'AMK_CONTEXT_SWITCH',
      constructPath: scope.node.path,
      field: `context ${key}`,
      value: renderValue(value),
      message: `the context value ${key} takes true or false`,
      fix: `set it to true or false (cdk synth -c ${key}=false), or leave it out for the default`,
    }];
  });
}
