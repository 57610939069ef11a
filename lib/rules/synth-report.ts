import { Annotations } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { Diagnostic, DiagnosticSeverity } from './diagnostic';
import { formatDiagnostic } from './format';

/**
 * Reports a construct's diagnostics at synth: warnings as annotations, errors as validation
 * errors. CDK gathers the validation errors of every construct and fails once with all of them.
 */
export function reportAtSynth(construct: IConstruct, collect: () => Diagnostic[]): void {
  construct.node.addValidation({
    validate: () => {
      const diagnostics = collect();
      for (const d of diagnostics) {
        if (d.severity === DiagnosticSeverity.WARNING) {
          Annotations.of(construct).addWarningV2(`appmesh-kit:${d.code}`, formatDiagnostic(d));
        }
      }
      return diagnostics.filter((d) => d.severity === DiagnosticSeverity.ERROR).map(formatDiagnostic);
    },
  });
}
