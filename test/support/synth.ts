import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';

/** Every synthesized test template lands here and is linted by build-tools/lint-templates.ts. */
export const TEMPLATE_OUTPUT_DIR = path.join(__dirname, '..', '..', 'test-output', 'templates');

/**
 * An App for tests. The built-in CloudFormation validator costs seconds per
 * synth; cfn-lint covers the same ground once over all templates instead.
 */
export function testApp(): App {
  return new App({ builtinCloudFormationValidation: false });
}

/** The cloud assemblies the tests synthesize into; each test file runs in its own process, which removes them as it exits. */
const ASSEMBLY_DIRS: string[] = [];
process.once('exit', () => ASSEMBLY_DIRS.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

/** A test App that writes its cloud assembly (templates and every file output) into a fresh temporary folder. */
export function assemblyApp(context: Record<string, unknown> = {}): App {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'amk-assembly-'));
  ASSEMBLY_DIRS.push(outdir);
  return new App({ outdir, builtinCloudFormationValidation: false, context });
}

/** Restrict names to a safe file-name alphabet so they cannot escape the output dir. */
export function safeFileName(name: string): string {
  const safe = name.replace(/[^A-Za-z0-9._-]/g, '-').replace(/^\.+/, '');
  if (safe.length === 0) {
    throw new Error(`template name '${name}' is empty after sanitizing`);
  }
  return safe;
}

/**
 * Synthesizes `stack`, writes its template to
 * `test-output/templates/<name>.template.json` for linting, and returns it.
 */
export function synthTemplate(stack: Stack, name: string): Template {
  const template = Template.fromStack(stack);
  fs.mkdirSync(TEMPLATE_OUTPUT_DIR, { recursive: true });
  const file = path.join(TEMPLATE_OUTPUT_DIR, `${safeFileName(name)}.template.json`);
  fs.writeFileSync(file, JSON.stringify(template.toJSON(), null, 2) + '\n');
  return template;
}
