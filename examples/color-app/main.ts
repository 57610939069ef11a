import { App } from 'aws-cdk-lib';
import { buildColorApp } from './app';

// Synthesizes the color app into the directory given as the first argument (default out/):
// out/ColorApp.template.json plus the rest of the cloud assembly.
const outdir = process.argv[2] ?? 'out';
const app = new App({ outdir });
const stack = buildColorApp(app);
const assembly = app.synth();
const template = assembly.getStackByName(stack.stackName);
console.log(`synthesized ${template.templateFile} into ${outdir}/ (${Object.keys(template.template.Resources ?? {}).length} resources)`);
for (const warning of stack.mesh.validate()) {
  console.log(`${warning.severity}: ${warning.code} ${warning.constructPath} ${warning.field}: ${warning.message}`);
}
