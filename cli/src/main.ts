import { CliError } from './cli-error';
import { Command, commandHelp, parseCommandArgs } from './command';
import { driftCommand } from './commands/drift';
import { explainCommand } from './commands/explain';
import { graphCommand } from './commands/graph';
import { importCommand } from './commands/import';
import { migrateCommand } from './commands/migrate';
import { synthCommand } from './commands/synth';
import { validateCommand } from './commands/validate';

const COMMANDS: Command[] = [synthCommand, validateCommand, explainCommand, migrateCommand, graphCommand, importCommand, driftCommand];

function usage(): string {
  const lines = ['Usage: appmesh-kit <command> [options]', '', 'Commands:'];
  for (const c of COMMANDS) lines.push(`  ${c.name.padEnd(10)} ${c.brief}`);
  lines.push('', 'appmesh-kit <command> --help shows the options of a command; --debug shows the stack trace of a failure.');
  return lines.join('\n') + '\n';
}

/** Runs the command line; sets the process exit code (one line and no stack trace on an error, unless --debug). */
export async function main(argv: string[]): Promise<void> {
  const debug = argv.includes('--debug');
  try {
    const [name, ...rest] = argv;
    if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
      process.stdout.write(usage());
      process.exitCode = name === undefined ? 2 : 0;
      return;
    }
    const command = COMMANDS.find((c) => c.name === name);
    if (!command) throw new CliError(`unknown command '${name}' (commands: ${COMMANDS.map((c) => c.name).join(', ')})`);
    const args = parseCommandArgs(command, rest);
    if (args.values.help) {
      process.stdout.write(commandHelp(command));
      return;
    }
    process.exitCode = await command.run(args);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`appmesh-kit: error: ${message.split('\n')[0]}\n`);
    if (debug && error instanceof Error && error.stack) process.stderr.write(`${error.stack}\n`);
    process.exitCode = error instanceof CliError ? error.exitCode : 1;
  }
}
