import { App, Validations } from 'aws-cdk-lib';
import { buildColorAppServiceConnect } from './app';

// Synthesizes the color app and its Service Connect successor. The cdk CLI (`npx cdk synth`, see
// cdk.json) sets CDK_OUTDIR, which App reads itself; run directly, it writes into the folder
// given as the first argument (default out/).
const outdir = process.env.CDK_OUTDIR ? undefined : process.argv[2] ?? 'out';
const app = new App({ outdir });
// App Mesh is past its end of support and we have read why (appmesh-kit's README): acknowledging
// the built-in validator's W3696 warning lets `cdk synth --strict` pass.
Validations.of(app).acknowledge({ id: 'CloudFormation-Validate::W3696', reason: 'App Mesh is past end of support; we are migrating' });
const { colorApp, serviceConnect } = buildColorAppServiceConnect(app);
const assembly = app.synth();
for (const stack of [colorApp, serviceConnect]) {
  const artifact = assembly.getStackByName(stack.stackName);
  console.log(`synthesized ${artifact.templateFile} (${Object.keys(artifact.template.Resources ?? {}).length} resources)`);
}
console.log(`migration report: ${assembly.directory}/migration/${colorApp.mesh.meshName}.md`);
