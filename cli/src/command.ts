import { parseArgs, ParseArgsConfig } from 'node:util';
import { CliError } from './cli-error';

/** One option of a command, for the parser and the help text. */
export interface OptionSpec {
  readonly type: 'string' | 'boolean';
  readonly short?: string;
  readonly multiple?: boolean;
  /** The value's placeholder in the help (`<dir>`). */
  readonly value?: string;
  readonly help: string;
}

/** A sub-command: its usage line, its options, and what it does with them. */
export interface Command {
  readonly name: string;
  /** `synth <app> [-o <dir>]`. */
  readonly usage: string;
  /** One line for the list of commands. */
  readonly brief: string;
  readonly summary: string;
  /** Longer help, printed under the usage. */
  readonly description?: string;
  readonly options: Record<string, OptionSpec>;
  /** How many positional arguments it takes (at least, at most). */
  readonly positionals: readonly [number, number];
  /** Runs the command; returns the exit code. */
  run(args: ParsedArgs): Promise<number>;
}

/** What the parser found: the positionals and the options by name. */
export interface ParsedArgs {
  readonly positionals: string[];
  readonly values: Record<string, string | boolean | string[] | undefined>;
}

/** Options every command takes. */
export const COMMON_OPTIONS: Record<string, OptionSpec> = {
  help: { type: 'boolean', short: 'h', help: 'show this help' },
  debug: { type: 'boolean', help: 'on failure, print the stack trace and the app\'s own output' },
};

/** Parses a command's arguments; a bad one is a `CliError` naming it. */
export function parseCommandArgs(command: Command, argv: string[]): ParsedArgs {
  const options: ParseArgsConfig['options'] = {};
  for (const [name, spec] of Object.entries({ ...command.options, ...COMMON_OPTIONS })) {
    options[name] = { type: spec.type, ...(spec.short && { short: spec.short }), ...(spec.multiple && { multiple: true }) };
  }
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options, allowPositionals: true, strict: true });
  } catch (error) {
    throw new CliError(`${command.name}: ${(error as Error).message.split('\n')[0]} (see appmesh-kit ${command.name} --help)`);
  }
  const values = parsed.values as ParsedArgs['values'];
  if (values.help) return { positionals: parsed.positionals, values };
  const [min, max] = command.positionals;
  if (parsed.positionals.length < min) {
    throw new CliError(`${command.name}: missing argument (usage: appmesh-kit ${command.usage})`);
  }
  if (parsed.positionals.length > max) {
    throw new CliError(`${command.name}: unexpected argument '${parsed.positionals[max]}' (usage: appmesh-kit ${command.usage})`);
  }
  return { positionals: parsed.positionals, values };
}

/** The help text of a command. */
export function commandHelp(command: Command): string {
  const lines = [`Usage: appmesh-kit ${command.usage}`, '', command.summary];
  if (command.description) lines.push('', command.description);
  lines.push('', 'Options:');
  for (const [name, spec] of Object.entries({ ...command.options, ...COMMON_OPTIONS })) {
    const flag = `${spec.short ? `-${spec.short}, ` : '    '}--${name}${spec.value ? ` ${spec.value}` : ''}`;
    lines.push(`  ${flag.padEnd(28)} ${spec.help}`);
  }
  return lines.join('\n') + '\n';
}

/** A string option's value, or undefined. */
export function stringOption(args: ParsedArgs, name: string): string | undefined {
  const value = args.values[name];
  return typeof value === 'string' ? value : undefined;
}

/** A repeatable string option's values. */
export function listOption(args: ParsedArgs, name: string): string[] {
  const value = args.values[name];
  return Array.isArray(value) ? value : [];
}
