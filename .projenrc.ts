import { awscdk, javascript } from 'projen';

// aws-cdk-lib: we develop and test against 2.276.0 and declare it as the peer floor.
// App Mesh reached end of support on 2026-09-30, so we track current aws-cdk-lib
// rather than promise compatibility with releases nothing here tests.
const CDK_VERSION = '2.276.0';

const project = new awscdk.AwsCdkConstructLibrary({
  name: 'appmesh-kit',
  description:
    'Typed CDK constructs for AWS App Mesh: CloudFormation, Envoy configuration (App Mesh and standalone) and ECS task definitions from one mesh model',
  author: 'appmesh-kit maintainers',
  authorAddress: 'maintainers@appmesh-kit.invalid',
  repositoryUrl: 'https://github.com/appmesh-kit/appmesh-kit.git',
  defaultReleaseBranch: 'main',
  cdkVersion: CDK_VERSION,
  jsiiVersion: '~6.0.0',
  projenrcTs: true,
  packageManager: javascript.NodePackageManager.NPM,
  keywords: ['awscdk', 'aws-cdk', 'appmesh', 'app-mesh', 'envoy', 'ecs', 'service-mesh'],
  license: 'Apache-2.0',

  // Sources live in lib/ and compile in place (as aws-cdk-lib does).
  srcdir: 'lib',
  libdir: 'lib',
  // No source maps in the compiled files: Node reads them only with --enable-source-maps, yet the
  // inline ones tripled what every app loads (2.6 MB against 0.8 MB) and took a fifth of the library's load time.
  tsconfig: { compilerOptions: { inlineSourceMap: false, inlineSources: false } },

  // Non-jsii runtime dependencies must be bundled and never appear in a public signature.
  // js-yaml defines the Envoy YAML: the library's own emitter (lib/outputs/envoy/yaml-emitter.ts)
  // writes the same bytes about 7x faster and hands js-yaml every scalar it does not write plain.
  bundledDeps: ['js-yaml@^4.1.0'],
  devDeps: [
    '@types/js-yaml@^4.0.9',
    // Tests parse the YAML back with a second, independent implementation.
    'yaml@^2.9.1',
    'vitest@^4.1.12',
    'tsx@^4.23.15',
    // Envoy's own v3 .proto files (vendored by grpc-js-xds) loaded with protobufjs: the tests
    // check every emitted Envoy config against them.
    '@grpc/grpc-js-xds@1.14.1',
    '@grpc/grpc-js@~1.14.5',
    'protobufjs@^8.8.1',
    // Tests type-check the plain task definition JSON against the ECS API's own input type and
    // register it with moto_server (a local ECS API) through this client.
    '@aws-sdk/client-ecs@^3.1162.0',
    // The command line's import/drift tests mock the App Mesh API calls moto does not implement
    // (virtual services, gateways, gateway routes).
    'aws-sdk-client-mock@^4.1.0',
    // Property-based tests of generated meshes (test/properties).
    'fast-check@^4.11.0',
  ],

  // Python bindings: jsii-pacmak generates them from the .jsii assembly (the wheel build itself
  // needs setuptools from PyPI; `npm run package:python-code` generates the sources offline).
  publishToPypi: { distName: 'appmesh-kit', module: 'appmesh_kit' },

  jest: false,
  github: false,
  release: false,
  docgen: true,
  docgenFilePath: 'API.md',
  // The npm workspace package cli/ (the command line) is not part of this jsii package.
  excludeTypescript: ['cli/**'],
});

// The command line is its own npm package in the workspace cli/ (appmesh-kit-cli, bin appmesh-kit):
// `npm ci` links it, so node_modules/.bin/appmesh-kit works in a fresh clone without a build.
project.package.addField('workspaces', ['cli']);

// eslint-import-resolver-typescript 4 depends on unrs-resolver, whose per-platform binaries are
// not all on the registry mirror we install from, so `npm ci` rejects any lockfile holding it.
// 3.6.3 resolves with enhanced-resolve instead.
project.addDevDeps('eslint-import-resolver-typescript@3.6.3');

// Keep .ts sources (but not declarations) out of the npm package.
project.addPackageIgnore('*.ts');
project.addPackageIgnore('!*.d.ts');
project.addPackageIgnore('/examples/');
project.addPackageIgnore('/bench/');
project.addPackageIgnore('/cli/');
project.addPackageIgnore('/build-tools/');
project.addPackageIgnore('/test-output/');
project.addPackageIgnore('/out/');
project.addPackageIgnore('vitest.config.ts');
project.addPackageIgnore('/.ci/');
project.addPackageIgnore('/.capture/');
project.addPackageIgnore('/.projenrc.ts');

// npm runs this before every `npm pack` (jsii-pacmak's included): the bundled dependencies'
// sources and tests stay out of the tarball.
// No release workflow here (release: false): the version is set by hand at each release.
project.package.addVersion('0.1.0');

project.addTask('package:python-code', { description: 'Generate the Python bindings\' sources into dist/python-code (no wheel: that needs PyPI)' })
  .exec('jsii-pacmak --target python --code-only --outdir dist/python-code');

project.addTask('prepack', { description: 'Leave bundled dependencies\' sources and tests out of the tarball' })
  .exec('tsx build-tools/trim-bundled.ts');

// Outputs of the example job and of the test suite.
project.gitignore.exclude('/out/', '/test-output/', '/coverage/', '/test-reports/', 'cdk.out/', '/bench/*.cpuprofile');

// Tests and examples are type-checked by the dev tsconfig (test/tsconfig.json: paths relative to test/).
project.tsconfigDev.addInclude('../examples/**/*.ts');
project.tsconfigDev.addInclude('../build-tools/**/*.ts');
project.tsconfigDev.addInclude('../bench/**/*.ts');
project.tsconfigDev.addInclude('../vitest.config.ts');
project.tsconfigDev.addInclude('../cli/**/*.ts');
project.eslint?.addLintPattern('examples');
project.eslint?.addLintPattern('bench');
project.eslint?.addLintPattern('cli/src');
project.eslint?.addLintPattern('cli/test');
// cli/src may import only what cli/package.json declares (its nearest package.json); the CLI's tests
// run from the root and use the root's dev dependencies (vitest, aws-cdk-lib) too.
project.eslint?.addOverride({
  files: ['cli/test/**'],
  rules: { 'import/no-extraneous-dependencies': ['error', { packageDir: ['.', 'cli'], devDependencies: true }] },
});

// The main job: synthesize the bundled example app into out/.
// It compiles first: tsx would otherwise load stale jsii output (lib/*.js) over the sources.
const example = project.addTask('example', {
  description: 'Synthesize the bundled example (the App Mesh color app) into out/',
});
example.spawn(project.compileTask);
example.exec('rm -rf out');
example.exec('tsx examples/color-app/main.ts out');

// Benchmarks (bench/README.md): compiled first, for the same reason as the example.
const benchEnvoy = project.addTask('bench:envoy', { description: 'Benchmark standalone Envoy config compilation' });
benchEnvoy.spawn(project.compileTask);
benchEnvoy.exec('tsx bench/envoy-standalone.ts', { receiveArgs: true });
// Construct + synth against aws-cdk-lib/aws-appmesh and the plain-L1 floor, each run a fresh node
// process on the compiled library; writes the raw runs to bench/RESULTS.json (RESULTS.md cites them).
const bench = project.addTask('bench', { description: 'Benchmark construct + synth against aws-cdk-lib/aws-appmesh (bench/README.md)' });
bench.spawn(project.compileTask);
bench.exec('tsx bench/synth.ts', { receiveArgs: true });
// bench/synth.ts transpiles its runner with the TypeScript compiler (a dev dependency).
project.eslint?.allowDevDeps('bench/**');

// RULES.md is generated from the rule catalogue (lib/rules/catalogue.ts).
const rulesDoc = project.addTask('rules-doc', {
  description: 'Generate RULES.md from the rule catalogue (lib/rules/catalogue.ts)',
});
rulesDoc.exec('tsx build-tools/rules-doc.ts');

// The test command (README): type-check, regenerate RULES.md, vitest, cfn-lint over every
// synthesized template, then the jsii compile (which regenerates API.md) and eslint.
const test = project.testTask;
test.reset();
test.exec('rm -rf test-output', { name: 'start from an empty test-output/' });
test.exec(`tsc --noEmit -p ${project.tsconfigDev.fileName}`, { name: 'type-check lib, test and examples' });
test.spawn(rulesDoc);
test.exec('vitest run', { receiveArgs: true });
test.exec('tsx build-tools/lint-templates.ts test-output', { name: 'cfn-lint every synthesized template' });
test.spawn(project.compileTask);
test.spawn(project.tasks.tryFind('post-compile')!);
test.exec('tsx build-tools/check-api-docs.ts', { name: 'every public API element documented' });
test.exec('tsx build-tools/check-package.ts', { name: 'pack the tarball, install it into an empty folder, synthesize from JavaScript and TypeScript' });
test.spawn(project.tasks.tryFind('eslint')!);

(project.tasks.tryFind('test:watch') ?? project.addTask('test:watch')).reset('vitest');

// jsii does not clean lib/: stale .js from a deleted source would otherwise be packaged.
project.preCompileTask.exec("find lib \\( -name '*.js' -o -name '*.d.ts' \\) -delete", {
  name: 'remove stale compiled output',
});

project.synth();
