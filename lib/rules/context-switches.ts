import { IConstruct } from 'constructs';
import { Diagnostic, DiagnosticSeverity } from './diagnostic';
import { renderValue } from './format';

/**
 * The app's on/off context switches as a construct sees them: each takes true or false (from
 * `cdk synth -c`, the strings "true" and "false"). Any other value was read as "not set" before,
 * so a typo (`-c appmesh-kit:envoyOutput=flase`) silently kept the default.
 */
export function contextSwitchDiagnostics(scope: IConstruct, keys: readonly string[]): Diagnostic[] {
  return keys.flatMap((key): Diagnostic[] => {
    const value: unknown = scope.node.tryGetContext(key);
    if (value === undefined || value === true || value === false || value === 'true' || value === 'false') return [];
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
