import { App, Validations } from 'aws-cdk-lib';
import { buildTcpService } from './app';

// Run by the cdk CLI (`npx cdk synth`, see cdk.json), it writes where the CLI says (CDK_OUTDIR, which
// App reads itself); run directly (`npx tsx main.ts`), into cdk.out/.
const app = new App({ outdir: process.env.CDK_OUTDIR ? undefined : 'cdk.out' });
// App Mesh is past its end of support and we have read why (appmesh-kit's README): acknowledging
// the built-in validator's W3696 warning lets `cdk synth --strict` pass.
Validations.of(app).acknowledge({ id: 'CloudFormation-Validate::W3696', reason: 'App Mesh is past end of support; we are migrating' });
buildTcpService(app);
app.synth();
