/**
 * The tarball users install, checked as they would use it (a step of `npm test`, after the jsii
 * compile): `npm pack`, then what it holds, then an install into an empty folder where a plain
 * JavaScript app and a TypeScript app (type-checked with the installed declarations) synthesize a
 * mesh with its Envoy and ECS outputs.
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const root = path.join(__dirname, '..');
const bin = (name: string) => path.join(root, 'node_modules', '.bin', name);
const failures: string[] = [];
const check = (ok: boolean, what: string) => {
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${what}`);
  if (!ok) failures.push(what);
};

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'amk-package-'));
try {
  // npm pack runs the prepack task (build-tools/trim-bundled.ts) first.
  const packed = JSON.parse(execFileSync('npm', ['pack', '--json', '--pack-destination', work], { cwd: root, encoding: 'utf8' }))[0];
  const files: string[] = packed.files.map((f: { path: string }) => f.path);
  console.log(`${packed.filename}: ${files.length} files, ${(packed.unpackedSize / 1e6).toFixed(1)} MB unpacked`);
  check(files.includes('lib/index.js') && files.includes('lib/index.d.ts') && files.includes('.jsii'), 'holds the compiled library and the jsii assembly');
  check(['README.md', 'LICENSE', 'API.md', 'RULES.md'].every((f) => files.includes(f)), 'holds README.md, LICENSE, API.md and RULES.md');
  const stray = files.filter((f) => !f.startsWith('node_modules/') && (/\.ts$/.test(f) && !/\.d\.ts$/.test(f)
    || /^(\.ci|\.capture|test|examples|bench|cli|build-tools|test-output)\//.test(f)));
  check(stray.length === 0, `holds no sources, tests, examples or CI files${stray.length ? `: ${stray.slice(0, 5).join(', ')}` : ''}`);
  const bundledSources = files.filter((f) => /\.test\.[cm]?[jt]s$/.test(f));
  check(bundledSources.length === 0, `holds no sources or tests of bundled dependencies${bundledSources.length ? `: ${bundledSources.slice(0, 3).join(', ')}` : ''}`);
  check(files.includes('node_modules/js-yaml/index.js'), 'bundles js-yaml');

  // An empty app folder: the tarball installed, the peer dependencies linked from this checkout.
  const app = path.join(work, 'app');
  fs.mkdirSync(path.join(app, 'node_modules'), { recursive: true });
  fs.writeFileSync(path.join(app, 'package.json'), JSON.stringify({ name: 'amk-package-check', private: true }));
  execFileSync('npm', ['install', path.join(work, packed.filename), '--no-save', '--omit=peer', '--legacy-peer-deps', '--no-audit', '--no-fund', '--offline'],
    { cwd: app, stdio: 'inherit' });
  // Linked after the install, which would remove them as extraneous.
  for (const peer of ['aws-cdk-lib', 'constructs']) fs.symlinkSync(path.join(root, 'node_modules', peer), path.join(app, 'node_modules', peer), 'dir');

  const meshApp = (lang: 'js' | 'ts') => `${lang === 'js'
    ? "const { App, Stack } = require('aws-cdk-lib');\nconst kit = require('appmesh-kit');"
    : "import { App, Stack } from 'aws-cdk-lib';\nimport * as kit from 'appmesh-kit';"}
const app = new App({ outdir: process.argv[2], builtinCloudFormationValidation: false });
const stack = new Stack(app, 'Shop', { env: { account: '111122223333', region: 'us-east-1' } });
const mesh = new kit.Mesh(stack, 'Mesh', { meshName: 'shop' });
const node = mesh.addVirtualNode('Catalog', {
  virtualNodeName: 'catalog',
  serviceDiscovery: kit.ServiceDiscovery.dns('catalog.shop.local'),
  listeners: [kit.VirtualNodeListener.http({ port: 8080 })],
});
mesh.addVirtualService('Service', { virtualServiceName: 'catalog.shop.local', provider: kit.VirtualServiceProvider.virtualNode(node) });
new kit.MeshTaskDefinition(stack, 'Task', { virtualNode: node, appContainers: [{ name: 'app', image: 'catalog:1.0', ports: [8080] }] });
const errors = mesh.validate().filter((d) => d.severity === kit.DiagnosticSeverity.ERROR);
if (errors.length > 0) throw new Error(errors.map((d) => d.message).join('\\n'));
app.synth();
`;
  fs.writeFileSync(path.join(app, 'app.js'), meshApp('js'));
  fs.writeFileSync(path.join(app, 'app.ts'), meshApp('ts'));
  fs.writeFileSync(path.join(app, 'tsconfig.json'), JSON.stringify({
    compilerOptions: {
      strict: true,
      noEmit: true,
      module: 'node16',
      target: 'es2022',
      moduleResolution: 'node16',
      skipLibCheck: false,
      // aws-cdk-lib's own declarations use Disposable; Node's types come from this checkout.
      lib: ['es2022', 'esnext.disposable'],
      types: ['node'],
      typeRoots: [path.join(root, 'node_modules', '@types')],
    },
    files: ['app.ts'],
  }));
  let typeErrors = '';
  try {
    execFileSync(bin('tsc'), ['-p', app], { encoding: 'utf8' });
  } catch (e) {
    typeErrors = String((e as { stdout?: string }).stdout ?? e);
  }
  check(typeErrors === '', `the TypeScript app type-checks against the installed declarations${typeErrors ? `:\n${typeErrors}` : ''}`);

  for (const [runner, args] of [['node', ['app.js']], [bin('tsx'), ['app.ts']]] as const) {
    const out = path.join(work, `out-${path.basename(args[0])}`);
    execFileSync(runner, [...args, out], { cwd: app, stdio: 'inherit' });
    const template = JSON.parse(fs.readFileSync(path.join(out, 'Shop.template.json'), 'utf8'));
    const types = Object.values<{ Type: string }>(template.Resources).map((r) => r.Type);
    check(types.includes('AWS::AppMesh::VirtualNode') && types.includes('AWS::ECS::TaskDefinition'), `${args[0]}: the template has the mesh and the task definition`);
    check(fs.existsSync(path.join(out, 'envoy', 'shop', 'catalog.standalone.yaml')) && fs.existsSync(path.join(out, 'ecs', 'shop')),
      `${args[0]}: the Envoy and ECS files are in the assembly`);
  }
} finally {
  fs.rmSync(work, { recursive: true, force: true });
}
if (failures.length > 0) {
  console.error(`package check: ${failures.length} failed`);
  process.exit(1);
}
console.log('package check: all passed');
