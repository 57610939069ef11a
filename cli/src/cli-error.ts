/**
 * An error the user can act on: the command line prints its message as one line and exits non-zero,
 * without a stack trace (`--debug` shows it).
 */
export class CliError extends Error {
  /** The process exit code. */
  public readonly exitCode: number;

  constructor(message: string, exitCode = 2) {
    super(message);
    this.name = 'CliError';
    this.exitCode = exitCode;
  }
}

/** Writes a progress line on standard error (standard output stays the command's result). */
export function progress(message: string): void {
  process.stderr.write(`appmesh-kit: ${message}\n`);
}
