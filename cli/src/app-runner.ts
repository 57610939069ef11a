import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { CliError, progress } from './cli-error';

/** What the CLI asks the app's own meshes (hook/probe.js answers it inside the app's process). */
export interface ProbeTask {
  readonly op: 'synth' | 'validate' | 'explain';
  readonly from?: string;
  readonly to?: string;
  readonly request?: Record<string, unknown>;
}

/** What the probe wrote, plus what the app printed. */
export interface AppRun {
  /** The cloud assembly the app wrote (its root App's outdir). */
  readonly assemblyDir?: string;
  readonly answer: Record<string, unknown>;
  readonly exitCode: number;
  readonly output: string;
}

export interface RunAppOptions {
  /** Where the app writes its cloud assembly (CDK_OUTDIR). */
  readonly outdir: string;
  readonly task: ProbeTask;
  /** Context values (`-c key=value`), over those of cdk.json. */
  readonly context?: Record<string, string>;
  /** Print the app's own output as it runs. */
  readonly debug?: boolean;
}

const PROBE = path.join(__dirname, '..', 'hook', 'probe.js');
const TS_EXTENSIONS = ['.ts', '.mts', '.cts', '.tsx'];
const JS_EXTENSIONS = ['.js', '.mjs', '.cjs'];

/** How to start an app: the command, its working directory and the context cdk.json gives. */
interface Launch {
  readonly command: string;
  readonly args: string[];
  readonly shell: boolean;
  readonly cwd: string;
  readonly context: Record<string, unknown>;
}

function readJson(file: string): Record<string, unknown> {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>;
  } catch (error) {
    throw new CliError(`cannot read ${file}: ${(error as Error).message}`);
  }
}

/**
 * A `.ts` file runs with tsx (this package's dependency), a `.js` file with node, and a folder with
 * cdk.json runs its `app` command in that folder with the cdk.json and cdk.context.json context, as
 * the cdk CLI does.
 */
function launchOf(app: string): Launch {
  const file = path.resolve(app);
  if (!fs.existsSync(file)) throw new CliError(`no such app: ${app}`);
  if (fs.statSync(file).isDirectory()) {
    const cdkJson = path.join(file, 'cdk.json');
    if (!fs.existsSync(cdkJson)) throw new CliError(`${app} is a folder without cdk.json: give a .ts or .js app, or a CDK project folder`);
    const config = readJson(cdkJson);
    if (typeof config.app !== 'string') throw new CliError(`${cdkJson} has no "app" command`);
    const contextFile = path.join(file, 'cdk.context.json');
    const context = { ...(fs.existsSync(contextFile) ? readJson(contextFile) : {}), ...(config.context as object | undefined) };
    return { command: config.app, args: [], shell: true, cwd: file, context };
  }
  const ext = path.extname(file);
  if (TS_EXTENSIONS.includes(ext)) {
    return { command: process.execPath, args: [require.resolve('tsx/cli'), file], shell: false, cwd: process.cwd(), context: {} };
  }
  if (JS_EXTENSIONS.includes(ext)) return { command: process.execPath, args: [file], shell: false, cwd: process.cwd(), context: {} };
  throw new CliError(`cannot run ${app}: give a .ts or .js file, or a folder with cdk.json`);
}

/** The line of an app's output that says why it failed. */
export function failureLine(output: string): string {
  const lines = output.split('\n').map((l) => l.trim()).filter((l) => l.length > 0);
  const error = lines.find((l) => /^(\w+)?(Error|Exception)\b.*:/.test(l) && !l.startsWith('at '));
  return error ?? lines[lines.length - 1] ?? 'no output';
}

/**
 * Runs a CDK app in its own process, as `cdk synth` would, with the probe preloaded. The CLI never
 * loads the app itself: the app keeps its own aws-cdk-lib and appmesh-kit, whatever their versions.
 */
export async function runApp(app: string, options: RunAppOptions): Promise<AppRun> {
  const launch = launchOf(app);
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'appmesh-kit-'));
  const resultFile = path.join(scratch, 'probe.json');
  const context = { ...launch.context, ...options.context };
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    CDK_OUTDIR: options.outdir,
    APPMESH_KIT_PROBE: JSON.stringify({ ...options.task, result: resultFile }),
    NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --require ${JSON.stringify(PROBE)}`.trim(),
  };
  if (Object.keys(context).length > 0) env.CDK_CONTEXT_JSON = JSON.stringify(context);
  progress(`running ${app}…`);
  try {
    const { exitCode, output } = await spawnApp(launch, env, options.debug ?? false);
    if (!fs.existsSync(resultFile)) {
      if (exitCode !== 0) throw new CliError(`the app failed: ${failureLine(output)}`, 1);
      throw new CliError(`${app} did not synthesize: it never called app.synth()`, 1);
    }
    const answer = JSON.parse(fs.readFileSync(resultFile, 'utf8')) as Record<string, unknown>;
    const assemblyDir = typeof answer.assemblyDir === 'string' ? answer.assemblyDir : undefined;
    return { assemblyDir, answer, exitCode, output };
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }
}

function spawnApp(launch: Launch, env: NodeJS.ProcessEnv, debug: boolean): Promise<{ exitCode: number; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(launch.command, launch.args, { cwd: launch.cwd, env, shell: launch.shell, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    const collect = (chunk: Buffer) => {
      output += chunk.toString();
      if (debug) process.stderr.write(chunk);
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    child.once('error', (error) => reject(new CliError(`cannot start the app (${launch.command}): ${error.message}`)));
    child.once('close', (code, signal) => resolve({ exitCode: code ?? (signal ? 1 : 0), output }));
  });
}
