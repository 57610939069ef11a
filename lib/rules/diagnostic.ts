/**
 * How serious a diagnostic is.
 */
export enum DiagnosticSeverity {
  /** The mesh cannot be synthesized as described: synthesis fails. */
  ERROR = 'error',
  /** The mesh synthesizes, but probably does not behave as intended. */
  WARNING = 'warning',
}

/**
 * One finding of appmesh-kit's validation: a field rule or a mesh rule that a resource breaks.
 *
 * Every rule reports through this one shape, so the same finding reads the same in a
 * synth error, a warning annotation and the list `Mesh.validate()` returns.
 */
export interface Diagnostic {
  /** Whether synthesis fails (error) or only warns. */
  readonly severity: DiagnosticSeverity;
  /** Stable code of the rule, for example `AMK_PORT_RANGE`. */
  readonly code: string;
  /** Construct path of the resource the finding is about. */
  readonly constructPath: string;
  /** Field path in the App Mesh API shape, for example `spec.listeners[0].portMapping.port`. */
  readonly field: string;
  /**
   * The offending value, rendered as JSON.
   * @default - no single value is at fault (for example a missing field)
   */
  readonly value?: string;
  /** What is wrong: the rule that the value breaks. */
  readonly message: string;
  /** How to fix it. */
  readonly fix: string;
}
