import * as fs from 'node:fs';
import * as path from 'node:path';
import { CliError, progress } from '../cli-error';
import { Command, stringOption } from '../command';
import { readDescribeFolder, readLiveMesh } from '../import/api-source';
import { AppWriter } from '../import/app-writer';
import { MeshSource, readMeshSource } from '../import/template-source';

/** Where a mesh comes from: one of --template, --describe, --mesh. */
async function sourceOf(args: Parameters<Command['run']>[0]): Promise<MeshSource> {
  const template = stringOption(args, 'template');
  const given = ['template', 'describe', 'mesh'].filter((o) => stringOption(args, o) !== undefined);
  if (given.length !== 1) throw new CliError('import: give one of --template, --describe or --mesh');
  if (template !== undefined) return readMeshSource(template);
  const describe = stringOption(args, 'describe');
  if (describe !== undefined) return readDescribeFolder(describe);
  return readLiveMesh(stringOption(args, 'mesh')!, { region: stringOption(args, 'region'), endpoint: stringOption(args, 'endpoint') });
}

export const importCommand: Command = {
  name: 'import',
  usage: 'import --template <file|cdk.out> | --describe <folder> | --mesh <name> [--region R] [--endpoint URL] [-o <app.ts>]',
  brief: 'turn an existing mesh into a TypeScript CDK app that uses appmesh-kit',
  summary: 'Writes a complete TypeScript CDK app (new App(), one stack, the mesh, app.synth()) that builds an existing mesh '
    + 'with appmesh-kit\'s public API. A field appmesh-kit cannot express is an error naming the resource and the field.',
  description: '--template reads a CloudFormation template (JSON or YAML) with AWS::AppMesh::* resources, or every stack '
    + 'template of a cdk.out folder; Ref and Fn::GetAtt between the App Mesh resources are resolved.\n'
    + '--describe reads a folder of saved `aws appmesh describe-*` outputs (and list-* outputs, whose every resource must be described).\n'
    + '--mesh reads a mesh from the App Mesh API (credentials as for the AWS CLI): every resource type, every page, the tags.',
  options: {
    template: { type: 'string', value: '<file|dir>', help: 'a CloudFormation template, or a cdk.out folder' },
    describe: { type: 'string', value: '<folder>', help: 'a folder of aws appmesh describe-* outputs' },
    mesh: { type: 'string', value: '<name>', help: 'a mesh of the App Mesh API' },
    endpoint: { type: 'string', value: '<url>', help: 'the App Mesh API endpoint (default: the Region\'s)' },
    region: { type: 'string', value: '<region>', help: 'the App Mesh API\'s Region; the Region of a mesh shared from another account (default us-east-1)' },
    output: { type: 'string', short: 'o', value: '<app.ts>', help: 'the file to write (default: standard output)' },
  },
  positionals: [0, 0],
  async run(args) {
    const source = await sourceOf(args);
    const code = new AppWriter(source, stringOption(args, 'region') ?? process.env.AWS_REGION).write();
    const output = stringOption(args, 'output');
    if (output === undefined) {
      process.stdout.write(code);
      return 0;
    }
    fs.mkdirSync(path.dirname(path.resolve(output)), { recursive: true });
    fs.writeFileSync(output, code);
    progress(`wrote ${output} (${source.resources.length} App Mesh resources)`);
    return 0;
  },
};
