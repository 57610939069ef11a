import { Diagnostic, DiagnosticSeverity } from './diagnostic';
import { formatDiagnostic } from './format';

/** For an output asked for directly: throws the first error among the diagnostics, if any. */
export function throwFirstError(diagnostics: Diagnostic[]): void {
  const error = diagnostics.find((d) => d.severity === DiagnosticSeverity.ERROR);
  if (error) throw new MeshKitError({ ...error });
}

/** What a thrown finding says: the same parts as a diagnostic. */
export interface MeshKitErrorDetails {
  readonly code: string;
  readonly constructPath: string;
  readonly field: string;
  /** The offending value, already rendered as JSON. */
  readonly value?: string;
  readonly message: string;
  readonly fix: string;
}

/**
 * The one error appmesh-kit throws, for the few findings that cannot wait for synth (an output
 * asked for directly, such as an Envoy configuration that cannot be built). It reads like a
 * diagnostic: code, construct path, field, value, rule and fix.
 */
export class MeshKitError extends Error {
  /** The finding as a diagnostic, for callers that report instead of throwing. */
  public readonly diagnostic: Diagnostic;

  constructor(details: MeshKitErrorDetails) {
    const diagnostic: Diagnostic = { severity: DiagnosticSeverity.ERROR, ...details };
    super(formatDiagnostic(diagnostic));
    this.name = 'MeshKitError';
    this.diagnostic = diagnostic;
  }

  /** The finding's code, for example `AMK_ENVOY_UNRESOLVABLE`. */
  public get code(): string {
    return this.diagnostic.code;
  }
}
