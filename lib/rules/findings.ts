import { Diagnostic, DiagnosticSeverity } from './diagnostic';
import { renderValue } from './format';

/** The findings of a rule about one resource: `add` reports one, `diagnostics` holds them in order. */
export class Findings {
  public readonly diagnostics: Diagnostic[] = [];

  constructor(private readonly constructPath: string) {}

  /** Reports a finding: the rule's code, the field, the offending value (rendered as JSON), what is wrong and the fix. */
  public add(code: string, field: string, value: unknown, message: string, fix: string, severity = DiagnosticSeverity.ERROR): void {
    this.diagnostics.push({ severity, code, constructPath: this.constructPath, field, value: renderValue(value), message, fix });
  }
}
