import { Token } from 'aws-cdk-lib';
import { Diagnostic } from './diagnostic';

/** One line per diagnostic: code, construct path, field, value, rule, fix. */
export function formatDiagnostic(d: Diagnostic): string {
  const value = d.value === undefined ? '' : ` (got ${d.value})`;
  return `${d.code} ${d.constructPath} ${d.field}: ${d.message}${value}. Fix: ${d.fix}`;
}

/** Renders a value for a diagnostic: JSON, cut short so one bad list cannot flood the report. */
export function renderValue(value: unknown): string | undefined {
  if (value === undefined) return undefined;
  // A token's encoding (${Token[…]} or -1.888e+289) means nothing to the reader.
  if (Token.isUnresolved(value)) return 'a value known at deploy time (a token)';
  // JSON would print NaN and Infinity as null.
  if (typeof value === 'number' && !Number.isFinite(value)) return String(value);
  let text: string;
  try {
    text = typeof value === 'string' ? JSON.stringify(value) : JSON.stringify(value) ?? String(value);
  } catch {
    text = String(value);
  }
  return text.length > 200 ? `${text.slice(0, 197)}...` : text;
}

/** Stable order: by construct path, then field, then code. */
export function sortDiagnostics(diagnostics: Diagnostic[]): Diagnostic[] {
  return [...diagnostics].sort((a, b) =>
    a.constructPath.localeCompare(b.constructPath) || a.field.localeCompare(b.field) || a.code.localeCompare(b.code));
}

/** "a" or "an" before a word as it is read aloud: an http route, an unhealthy threshold, a grpc route. */
export function withArticle(word: string): string {
  return `${/^(?:[aeiou]|https?\b|http2|html|hour)/i.test(word) ? 'an' : 'a'} ${word}`;
}
