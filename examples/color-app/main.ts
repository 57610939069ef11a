import { App, Validations } from 'aws-cdk-lib';
import { buildColorApp } from './app';

// Synthesizes the color app. Run by the cdk CLI (`npx cdk synth`, see cdk.json), it writes where
// the CLI says (CDK_OUTDIR, which App reads itself); run by `npm run example`, into the directory
// given as the first argument (default out/): out/ColorApp.template.json and the rest of the assembly.
const outdir = process.env.CDK_OUTDIR ? undefined : process.argv[2] ?? 'out';
const app = new App({ outdir });
// App Mesh is past its end of support and we have read why (appmesh-kit's README): acknowledging
// the built-in validator's W3696 warning lets `cdk synth --strict` pass.
Validations.of(app).acknowledge({ id: 'CloudFormation-Validate::W3696', reason: 'App Mesh is past end of support; we are migrating' });
const stack = buildColorApp(app);
const assembly = app.synth();
const template = assembly.getStackByName(stack.stackName);
console.log(`synthesized ${template.templateFile} into ${assembly.directory} (${Object.keys(template.template.Resources ?? {}).length} resources)`);
for (const warning of stack.mesh.validate()) {
  console.log(`${warning.severity}: ${warning.code} ${warning.constructPath} ${warning.field}: ${warning.message}`);
}
