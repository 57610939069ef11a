/**
 * Benchmark: construct + synth of an N-service mesh with appmesh-kit, aws-cdk-lib/aws-appmesh and
 * the plain-L1 floor, every measurement in a fresh process, the variants alternating.
 *
 * Run: npm run bench -- [--n 100,500,1000] [--runs 5] [--extra-n 2000] [--out bench/RESULTS.json]
 *      npm run bench -- --profile 1000   (CPU profiles of appmesh-kit, outputs off and on)
 *      npm run bench -- --profile 1000 --profile-variants l1,aws-appmesh,kit-off   (any variants)
 *      npx tsx bench/synth.ts --report bench/RESULTS.json [--write-md]   (the tables again from saved runs; into RESULTS.md)
 *
 * The workload (bench/README.md), per service: a virtual node (DNS discovery, HTTP 8080 listener
 * with an HTTP health check, a backend to the next service), a virtual router (HTTP 8080), a route
 * 90/10 between this node and the next, a virtual service provided by the router: 4N+1 resources.
 * Every app: context '@aws-cdk/core:stackResourceLimit' = 0, builtinCloudFormationValidation off.
 *
 * Prints Markdown tables (medians, min–max) and writes the raw runs as JSON.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as ts from 'typescript';
import type { RunResult } from './runner';

const ROOT = path.resolve(__dirname, '..');
const VARIANTS = ['aws-appmesh', 'l1', 'l2-shape', 'kit-off', 'kit-on', 'kit-phases'] as const;
type Variant = typeof VARIANTS[number];
const LABEL: Record<Variant, string> = {
  'aws-appmesh': 'aws-appmesh (L2)',
  'l1': 'plain L1 floor',
  'l2-shape': 'appmesh-kit\'s tree and template, no logic',
  'kit-off': 'appmesh-kit, outputs off',
  'kit-on': 'appmesh-kit, outputs on',
  'kit-phases': 'appmesh-kit validate/standalone',
};

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

/** runner.ts as plain CommonJS in a temporary folder: node runs it with no loader in the way. */
function compileRunner(): string {
  const source = fs.readFileSync(path.join(__dirname, 'runner.ts'), 'utf8');
  const { outputText } = ts.transpileModule(source, {
    compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true },
  });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'appmesh-kit-bench-runner-'));
  const file = path.join(dir, 'runner.js');
  fs.writeFileSync(file, outputText);
  return file;
}

function runOnce(runner: string, variant: Variant, n: number, nodeArgs: string[] = []): RunResult {
  const child = spawnSync(process.execPath, [...nodeArgs, runner, ROOT, variant, String(n)], {
    encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, cwd: ROOT,
  });
  const line = (child.stdout ?? '').split('\n').find((l) => l.startsWith('@@RESULT@@'));
  if (!line) throw new Error(`${variant} N=${n} failed (status ${child.status}):\n${(child.stderr ?? '').slice(-3000)}`);
  return JSON.parse(line.slice('@@RESULT@@'.length)) as RunResult;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

type Metric = 'loadMs' | 'constructMs' | 'synthMs' | 'maxRssMiB' | 'templateBytes' | 'validateMs' | 'standaloneMs' | 'outputBytes' | 'outputWriteMs';

function stat(runs: RunResult[], metric: Metric): { med: number; min: number; max: number } | undefined {
  const xs = runs.map((r) => r[metric]).filter((x): x is number => typeof x === 'number');
  if (!xs.length) return undefined;
  return { med: median(xs), min: Math.min(...xs), max: Math.max(...xs) };
}

function total(r: RunResult): number {
  return r.constructMs + (r.synthMs ?? 0);
}

function fmt(runs: RunResult[], metric: Metric | 'total' | 'all', digits = 0): string {
  const derived = metric === 'total' ? runs.map(total) : metric === 'all' ? runs.map((r) => r.loadMs + total(r)) : undefined;
  const s = derived ? { med: median(derived), min: Math.min(...derived), max: Math.max(...derived) } : stat(runs, metric as Metric);
  if (!s) return '-';
  const f = (x: number) => x.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
  return s.min === s.max ? f(s.med) : `${f(s.med)} (${f(s.min)}–${f(s.max)})`;
}

function medianOf(runs: RunResult[], metric: Metric | 'total' | 'all'): number {
  if (metric === 'all') return median(runs.map((r) => r.loadMs + total(r)));
  return metric === 'total' ? median(runs.map(total)) : stat(runs, metric)?.med ?? NaN;
}

function report(results: Map<string, RunResult[]>, ns: number[]): string {
  const key = (v: Variant, n: number) => `${v}@${n}`;
  const out: string[] = [];
  out.push('| N | variant | load ms | construct ms | synth ms | construct+synth ms | load+construct+synth ms | peak RSS MiB | template bytes | other files (bytes) |');
  out.push('|---|---|---|---|---|---|---|---|---|---|');
  for (const n of ns) {
    for (const v of ['aws-appmesh', 'l1', 'l2-shape', 'kit-off', 'kit-on'] as const) {
      const runs = results.get(key(v, n));
      if (!runs?.length) continue;
      const files = runs[0].outputFiles ? `${runs[0].outputFiles} (${medianOf(runs, 'outputBytes').toLocaleString('en-US')})` : '0';
      out.push(`| ${n} | ${LABEL[v]} | ${fmt(runs, 'loadMs')} | ${fmt(runs, 'constructMs')} | ${fmt(runs, 'synthMs')} | ${fmt(runs, 'total')} `
        + `| ${fmt(runs, 'all')} | ${fmt(runs, 'maxRssMiB')} | ${medianOf(runs, 'templateBytes').toLocaleString('en-US')} | ${files} |`);
    }
  }
  out.push('');
  out.push('Ratios of medians (÷ aws-appmesh, and ÷ the L1 floor); the tree-and-template row is what any library writing '
    + 'appmesh-kit\'s template through L2-shaped constructs pays to CDK itself:');
  out.push('');
  out.push('| N | variant | load | construct | synth | construct+synth | construct+synth, fastest runs | load+construct+synth | ÷ L1 construct+synth | peak RSS |');
  out.push('|---|---|---|---|---|---|---|---|---|---|');
  for (const n of ns) {
    const anchor = results.get(key('aws-appmesh', n));
    const floor = results.get(key('l1', n));
    for (const v of ['l2-shape', 'kit-off', 'kit-on'] as const) {
      const runs = results.get(key(v, n));
      if (!runs?.length || !anchor?.length) continue;
      // Under load from other processes the fastest run is the least disturbed one.
      const fastest = (base: RunResult[]) => `${(Math.min(...runs.map(total)) / Math.min(...base.map(total))).toFixed(2)}×`;
      const r = (metric: Metric | 'total' | 'all', base?: RunResult[]) => (base?.length ? `${(medianOf(runs, metric) / medianOf(base, metric)).toFixed(2)}×` : '-');
      out.push(`| ${n} | ${LABEL[v]} | ${r('loadMs', anchor)} | ${r('constructMs', anchor)} | ${r('synthMs', anchor)} | ${r('total', anchor)} | ${fastest(anchor)} | ${r('all', anchor)} `
        + `| ${r('total', floor)} | ${r('maxRssMiB', anchor)} |`);
    }
  }
  out.push('');
  out.push('Outputs on: the file system\'s share. Time inside `fs.writeFileSync` for the outputs\' files during the synthesis '
    + '(the runner times the calls where they happen), beside everything the outputs add to the synthesis:');
  out.push('');
  out.push('| N | files | writing them ms | synth on − synth off ms | construct+synth on, less the writing ÷ aws-appmesh |');
  out.push('|---|---|---|---|---|');
  for (const n of ns) {
    const on = results.get(key('kit-on', n));
    const off = results.get(key('kit-off', n));
    const anchor = results.get(key('aws-appmesh', n));
    if (!on?.length || stat(on, 'outputWriteMs') === undefined) continue;
    const lessWrites = anchor?.length ? `${((medianOf(on, 'total') - medianOf(on, 'outputWriteMs')) / medianOf(anchor, 'total')).toFixed(2)}×` : '-';
    const added = off?.length ? (medianOf(on, 'synthMs') - medianOf(off, 'synthMs')).toLocaleString('en-US', { maximumFractionDigits: 0 }) : '-';
    out.push(`| ${n} | ${on[0].outputFiles} | ${fmt(on, 'outputWriteMs')} | ${added} | ${lessWrites} |`);
  }
  out.push('');
  out.push('appmesh-kit whole-mesh calls (outputs off, no synthesis, fresh process):');
  out.push('');
  out.push('| N | construct ms | mesh.validate() ms | EnvoyConfig.standaloneForMesh(mesh) ms | µs per node (standalone) |');
  out.push('|---|---|---|---|---|');
  for (const n of ns) {
    const runs = results.get(key('kit-phases', n));
    if (!runs?.length) continue;
    out.push(`| ${n} | ${fmt(runs, 'constructMs')} | ${fmt(runs, 'validateMs')} | ${fmt(runs, 'standaloneMs')} | ${(medianOf(runs, 'standaloneMs') * 1000 / n).toFixed(0)} |`);
  }
  return out.join('\n');
}

/** Self time per function and per file of a .cpuprofile. */
function summarizeProfile(file: string, top = 25): string {
  interface ProfileNode { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; children?: number[] }
  const profile = JSON.parse(fs.readFileSync(file, 'utf8')) as { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] };
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const self = new Map<number, number>();
  profile.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000));
  const totalMs = [...self.values()].reduce((a, b) => a + b, 0);
  const where = (url: string) => {
    const rel = url.replace(/^file:\/\//, '').replace(/^.*\/node_modules\//, 'node_modules/').replace(`${ROOT}/`, '');
    return rel || '(native)';
  };
  const group = (url: string) => {
    const rel = where(url);
    const pkg = rel.match(/^node_modules\/((?:@[^/]+\/)?[^/]+)(?:\/([^/]+))?/);
    if (pkg) return pkg[1] === 'aws-cdk-lib' ? `aws-cdk-lib/${pkg[2] ?? ''}` : pkg[1];
    if (rel.startsWith('node:')) return 'node internals';
    return rel;
  };
  const fns = new Map<string, number>();
  const files = new Map<string, number>();
  for (const [id, ms] of self) {
    const { functionName, url, lineNumber } = byId.get(id)!.callFrame;
    const name = `${functionName || '(anonymous)'} ${url ? `${where(url)}:${lineNumber + 1}` : ''}`.trim();
    fns.set(name, (fns.get(name) ?? 0) + ms);
    const g = url ? group(url) : functionName;
    files.set(g, (files.get(g) ?? 0) + ms);
  }
  // Inclusive time of the library's own functions (a recursive call counted once).
  const inclusive = new Map<string, number>();
  const onPath = new Map<string, number>();
  const nameOf = (node: ProfileNode) => {
    const { functionName, url, lineNumber } = node.callFrame;
    return `${functionName || '(anonymous)'} ${url ? `${where(url)}:${lineNumber + 1}` : ''}`.trim();
  };
  const walk = (node: ProfileNode): number => {
    const name = nameOf(node);
    onPath.set(name, (onPath.get(name) ?? 0) + 1);
    let sum = self.get(node.id) ?? 0;
    for (const child of node.children ?? []) sum += walk(byId.get(child)!);
    onPath.set(name, onPath.get(name)! - 1);
    if (onPath.get(name) === 0 && node.callFrame.url.includes(`${ROOT}/lib/`)) inclusive.set(name, (inclusive.get(name) ?? 0) + sum);
    return sum;
  };
  walk(profile.nodes[0]);
  const rows = (m: Map<string, number>, count: number) => [...m].sort((a, b) => b[1] - a[1]).slice(0, count)
    .map(([name, ms]) => `| ${name.replace(/\|/g, '\\|')} | ${ms.toFixed(0)} | ${(100 * ms / totalMs).toFixed(1)} % |`);
  return [
    `Sampled ${totalMs.toFixed(0)} ms.`, '',
    '| function (file:line) | self ms | share |', '|---|---|---|', ...rows(fns, top), '',
    '| package or file | self ms | share |', '|---|---|---|', ...rows(files, 20), '',
    '| appmesh-kit function, inclusive | total ms | share |', '|---|---|---|', ...rows(inclusive, 25),
  ].join('\n');
}

function profileVariants(runner: string, n: number, variants: readonly Variant[]): void {
  for (const variant of variants) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'appmesh-kit-prof-'));
    const result = runOnce(runner, variant, n, ['--cpu-prof', '--cpu-prof-interval', '200', `--cpu-prof-dir=${dir}`]);
    const file = path.join(dir, fs.readdirSync(dir).find((f) => f.endsWith('.cpuprofile'))!);
    const keep = path.join(ROOT, 'bench', `.profile-${variant}-${n}.cpuprofile`);
    fs.copyFileSync(file, keep);
    console.log(`\n### ${LABEL[variant]}, N=${n} (load ${result.loadMs.toFixed(0)} ms, construct ${result.constructMs.toFixed(0)} ms, `
      + `synth ${result.synthMs?.toFixed(0)} ms under the profiler; ${path.relative(ROOT, keep)})\n`);
    console.log(summarizeProfile(file));
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** The issue's targets ("Speed and scale", section 2), each with what this run measured and the verdict. */
function targets(results: Map<string, RunResult[]>, ns: number[]): string {
  const runsOf = (v: Variant, n: number) => results.get(`${v}@${n}`) ?? [];
  const ratio = (v: Variant, base: Variant, n: number, metric: Metric | 'total') => {
    const a = runsOf(v, n);
    const b = runsOf(base, n);
    return a.length && b.length ? medianOf(a, metric) / medianOf(b, metric) : NaN;
  };
  const compared = ns.filter((n) => runsOf('aws-appmesh', n).length > 0);
  const list = (values: number[]) => values.map((x, i) => `${x.toFixed(2)}× (N=${compared[i]})`).join(', ');
  const verdict = (values: number[], limit: number) => {
    const known = values.filter((x) => !Number.isNaN(x));
    if (!known.length) return 'not measured';
    const worst = Math.max(...known);
    return worst <= limit ? 'met' : `missed by ${(worst - limit).toFixed(2)}×`;
  };
  const rows: string[] = [];
  const row = (target: string, values: number[], limit: number) => rows.push(`| ${target} | ${list(values)} | ${verdict(values, limit)} |`);
  row('outputs off: construct+synth ≤ 0.8× aws-appmesh at every N', compared.map((n) => ratio('kit-off', 'aws-appmesh', n, 'total')), 0.8);
  row('outputs off: construct+synth ≤ 1.3× the L1 floor', compared.map((n) => ratio('kit-off', 'l1', n, 'total')), 1.3);
  const at1000 = compared.includes(1000) ? [ratio('kit-on', 'aws-appmesh', 1000, 'total')] : [];
  rows.push(`| every output on: ≤ 1.2× aws-appmesh at N=1000 | ${at1000.map((x) => `${x.toFixed(2)}×`).join('') || '-'} | ${verdict(at1000, 1.2)} |`);
  row('peak RSS, outputs off: ≤ 1.0× aws-appmesh', compared.map((n) => ratio('kit-off', 'aws-appmesh', n, 'maxRssMiB')), 1.0);
  row('peak RSS, outputs on: ≤ 1.5× aws-appmesh', compared.map((n) => ratio('kit-on', 'aws-appmesh', n, 'maxRssMiB')), 1.5);
  const growth = (['kit-off', 'kit-on'] as const).map((v) => medianOf(runsOf(v, 1000), 'total') / medianOf(runsOf(v, 100), 'total'));
  rows.push(`| every phase linear: construct+synth at N=1000 ≤ 12× N=100 | ${growth.map((x, i) => `${x.toFixed(1)}× ${i === 0 ? 'off' : 'on'}`).join(', ')} `
    + `| ${growth.some(Number.isNaN) ? 'not measured' : growth.every((x) => x <= 12) ? 'met' : 'missed'} |`);
  return ['| Target | Measured | Verdict |', '|---|---|---|', ...rows].join('\n');
}

/** Where `npm run bench` writes its figures in RESULTS.md; the analysis around them is written by hand. */
const GENERATED_BEGIN = '<!-- written by `npm run bench`: do not edit between these lines -->';
const GENERATED_END = '<!-- end of what `npm run bench` writes -->';

/** Replaces the generated part of RESULTS.md (or puts it after the title when the file has none). */
function writeResultsMarkdown(file: string, generated: string): void {
  const block = `${GENERATED_BEGIN}\n\n${generated.trim()}\n\n${GENERATED_END}`;
  const current = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '# Benchmark results\n';
  const begin = current.indexOf(GENERATED_BEGIN);
  const end = current.indexOf(GENERATED_END);
  const next = begin >= 0 && end > begin ? `${current.slice(0, begin)}${block}${current.slice(end + GENERATED_END.length)}`
    : current.replace(/^(# .*\n)/, `$1\n${block}\n`);
  fs.writeFileSync(file, next);
}

/** The measured part of RESULTS.md: conditions, the tables and the targets' verdicts. */
function generatedMarkdown(results: Map<string, RunResult[]>, ns: number[], conditions: string): string {
  return [conditions, '', report(results, ns), '', '### Targets (issue "Speed and scale", section 2), from this run', '', targets(results, ns)].join('\n');
}

function main(): void {
  const runner = compileRunner();
  process.on('exit', () => fs.rmSync(path.dirname(runner), { recursive: true, force: true }));
  const profileN = arg('profile');
  if (profileN) {
    // `--profile-variants l1,kit-off` profiles others too (the floor's profile shows what CDK itself costs).
    const variants = (arg('profile-variants') ?? 'kit-off,kit-on').split(',') as Variant[];
    profileVariants(runner, Number(profileN), variants);
    return;
  }
  const saved = arg('report');
  if (saved) {
    // Re-render the tables from a RESULTS.json without measuring again.
    const data = JSON.parse(fs.readFileSync(saved, 'utf8')) as Record<string, RunResult[]> & { conditions?: string };
    const loaded = new Map(Object.entries(data).filter((entry): entry is [string, RunResult[]] => Array.isArray(entry[1])));
    const sizes = [...new Set([...loaded.values()].flat().map((r) => r.n))].sort((a, b) => a - b);
    const generated = generatedMarkdown(loaded, sizes, data.conditions ?? '(conditions not recorded with these runs)');
    console.log(generated);
    // `--write-md` puts them into RESULTS.md again, as the measuring run does.
    if (process.argv.includes('--write-md')) writeResultsMarkdown(path.join(ROOT, 'bench', 'RESULTS.md'), generated);
    return;
  }
  const ns = (arg('n') ?? '100,500,1000').split(',').map(Number);
  const extra = (arg('extra-n') ?? '').split(',').filter(Boolean).map(Number);
  const runs = Number(arg('runs') ?? '5');
  const outFile = arg('out') ?? path.join(ROOT, 'bench', 'RESULTS.json');
  const [load1, load5] = os.loadavg();
  const machine = `${os.cpus().length} cores (${os.cpus()[0]?.model}), node ${process.version}, `
    + `aws-cdk-lib ${(JSON.parse(fs.readFileSync(path.join(ROOT, 'node_modules/aws-cdk-lib/package.json'), 'utf8')) as { version: string }).version}`;
  const started = `load average ${load1.toFixed(2)} / ${load5.toFixed(2)} at start, ${new Date().toISOString()}`;
  console.log(`${machine}, ${started}`);
  const results = new Map<string, RunResult[]>();
  const plan: Array<[number, Variant[]]> = [
    ...ns.map((n): [number, Variant[]] => [n, [...VARIANTS]]),
    ...extra.map((n): [number, Variant[]] => [n, ['kit-off', 'kit-on', 'kit-phases']]),
  ];
  for (const [n, variants] of plan) {
    for (let r = 0; r < runs; r++) {
      // Alternating, and rotated each round so no variant always runs first (or after the same one).
      const order = variants.map((_, i) => variants[(i + r) % variants.length]);
      for (const variant of order) {
        const result = runOnce(runner, variant, n);
        const list = results.get(`${variant}@${n}`) ?? [];
        list.push(result);
        results.set(`${variant}@${n}`, list);
        process.stderr.write(`N=${n} run ${r + 1}/${runs} ${variant}: construct ${result.constructMs.toFixed(0)} ms, `
          + `synth ${result.synthMs?.toFixed(0) ?? '-'} ms, ${result.maxRssMiB.toFixed(0)} MiB\n`);
      }
    }
  }
  const [end1, end5] = os.loadavg();
  const ended = `load average ${end1.toFixed(2)} / ${end5.toFixed(2)} at end, ${new Date().toISOString()}`;
  console.log(`${ended}\n`);
  const commit = spawnSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT, encoding: 'utf8' }).stdout.trim() || 'unknown';
  const conditions = `\`npm run bench -- ${process.argv.slice(2).join(' ')}\` on commit ${commit}: ${machine}; ${started}; ${ended}.`;
  const generated = generatedMarkdown(results, [...ns, ...extra], conditions);
  console.log(generated);
  fs.writeFileSync(outFile, `${JSON.stringify({ conditions, ...Object.fromEntries(results) }, null, 1)}\n`);
  // The default run keeps RESULTS.md's figures current; a run with --out elsewhere leaves it alone.
  if (arg('out') === undefined) writeResultsMarkdown(path.join(ROOT, 'bench', 'RESULTS.md'), generated);
}

main();
