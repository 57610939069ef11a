import { CliError } from './cli-error';
import { listOption, OptionSpec, ParsedArgs } from './command';

/** Options of every command that runs an app. */
export const APP_OPTIONS: Record<string, OptionSpec> = {
  context: { type: 'string', short: 'c', multiple: true, value: '<key=value>', help: 'a context value for the app (repeatable), as with cdk synth -c' },
};

/** The app's `<app>` argument explained once for every command's help. */
export const APP_HELP = '<app> is a .ts file (run with tsx), a .js file, or a folder with cdk.json (its "app" command runs there).';

/** The `-c key=value` options as a context object. */
export function contextOption(args: ParsedArgs): Record<string, string> {
  const context: Record<string, string> = {};
  for (const pair of listOption(args, 'context')) {
    const eq = pair.indexOf('=');
    if (eq <= 0) throw new CliError(`--context takes key=value, not '${pair}'`);
    context[pair.slice(0, eq)] = pair.slice(eq + 1);
  }
  return context;
}
