import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { APP_HELP, APP_OPTIONS, contextOption } from '../app-options';
import { runApp } from '../app-runner';
import { CliError } from '../cli-error';
import { Command, listOption, ParsedArgs, stringOption } from '../command';
import { table } from '../table';

const METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'CONNECT', 'OPTIONS', 'TRACE', 'PATCH'];

/** The parts of appmesh-kit's `RoutingExplanation` printed here (durations in milliseconds). */
interface Explanation {
  readonly matched: boolean;
  readonly outcome: string;
  readonly summary: string;
  readonly steps: string[];
  readonly targets: Array<{ readonly virtualNodeName: string; readonly port?: number; readonly weight: number }>;
  readonly reasons: Array<{ readonly kind: string; readonly name: string; readonly failedConditions: string[] }>;
}

function pairs(values: string[], separator: string, option: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const value of values) {
    const at = value.indexOf(separator);
    if (at <= 0) throw new CliError(`${option} takes name${separator}value, not '${value}'`);
    out[value.slice(0, at).trim()] = value.slice(at + 1).trim();
  }
  return out;
}

/** The request fields of `Mesh.explain` from the options. */
function requestOf(args: ParsedArgs): Record<string, unknown> {
  const method = stringOption(args, 'method')?.toUpperCase();
  if (method !== undefined && !METHODS.includes(method)) throw new CliError(`--method must be one of ${METHODS.join(', ')}, not '${method}'`);
  const headers = pairs(listOption(args, 'header'), ':', '-H');
  const queryParameters = pairs(listOption(args, 'query'), '=', '--query');
  return {
    ...(method && { method }),
    ...(stringOption(args, 'path') !== undefined && { path: stringOption(args, 'path') }),
    ...(Object.keys(headers).length > 0 && { headers }),
    ...(Object.keys(queryParameters).length > 0 && { queryParameters }),
  };
}

function render(e: Explanation): string {
  const out = [`${e.outcome}: ${e.summary}`, '', ...e.steps.map((s, i) => `${i + 1}. ${s}`)];
  if (e.targets.length > 0) {
    out.push('', table(['Target', 'Port', 'Weight'], e.targets.map((t) => [t.virtualNodeName, t.port ?? '', t.weight])).trimEnd());
  }
  for (const reason of e.reasons) {
    out.push('', `${reason.kind} ${reason.name} did not match:`, ...reason.failedConditions.map((c) => `  - ${c}`));
  }
  return out.join('\n') + '\n';
}

export const explainCommand: Command = {
  name: 'explain',
  usage: 'explain <app> --from <node|gateway> --to <service[:port]|gateway-port> [--method M] [--path P] [-H name:value]… [--query k=v]…',
  brief: 'where one request goes through the mesh, and why',
  summary: 'Where App Mesh sends one request, and why (Mesh.explain): the gateway route and its rewrites, the route, the targets '
    + 'with their weights, retries and timeouts; or why nothing matches. Exit code 1 when the request is not routed.',
  description: `${APP_HELP}\n--from names a virtual node or virtual gateway by its name or construct path. From a node, --to is the `
    + 'virtual service it calls (with :port when the service listens on several); from a gateway, --to is its listener port.',
  options: {
    ...APP_OPTIONS,
    from: { type: 'string', value: '<name>', help: 'the virtual node or virtual gateway the request starts at' },
    to: { type: 'string', value: '<service[:port]>', help: 'the virtual service called (from a node), or the listener port (gateway)' },
    method: { type: 'string', value: '<method>', help: 'the HTTP method (default GET)' },
    path: { type: 'string', value: '<path>', help: 'the request path, with a query string if you like (default /)' },
    header: { type: 'string', short: 'H', multiple: true, value: '<name:value>', help: 'a request header (repeatable)' },
    query: { type: 'string', multiple: true, value: '<k=v>', help: 'a query parameter (repeatable)' },
    json: { type: 'boolean', help: 'print the whole explanation as JSON (durations in milliseconds)' },
  },
  positionals: [1, 1],
  async run(args) {
    const from = stringOption(args, 'from');
    if (!from) throw new CliError('explain: --from is required (a virtual node or virtual gateway)');
    const to = stringOption(args, 'to');
    const request = requestOf(args);
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'appmesh-kit-explain-'));
    try {
      const run = await runApp(args.positionals[0], {
        outdir, task: { op: 'explain', from, to, request }, context: contextOption(args), debug: args.values.debug === true,
      });
      if (typeof run.answer.error === 'string') throw new CliError(run.answer.error);
      const explanation = run.answer.explanation as Explanation;
      process.stdout.write(args.values.json ? `${JSON.stringify(explanation, null, 2)}\n` : render(explanation));
      return explanation.matched ? 0 : 1;
    } finally {
      fs.rmSync(outdir, { recursive: true, force: true });
    }
  },
};
