import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { contextOption } from './app-options';
import { runApp } from './app-runner';
import { CliError } from './cli-error';
import { ParsedArgs } from './command';
import { MeshSource, readMeshSource } from './import/template-source';

/** Synthesizes the app into a scratch folder and reads the App Mesh resources of its templates. */
export async function appMeshSource(args: ParsedArgs): Promise<MeshSource> {
  const app = args.positionals[0];
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'appmesh-kit-synth-'));
  try {
    const run = await runApp(app, { outdir, task: { op: 'synth' }, context: contextOption(args), debug: args.values.debug === true });
    if (run.exitCode !== 0 || typeof run.answer.synthError === 'string') {
      throw new CliError(`synthesis failed (appmesh-kit validate ${app} lists every finding)`, 1);
    }
    return readMeshSource(run.assemblyDir ?? outdir);
  } finally {
    fs.rmSync(outdir, { recursive: true, force: true });
  }
}
