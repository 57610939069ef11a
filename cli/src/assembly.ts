import * as fs from 'node:fs';
import * as path from 'node:path';
import { CliError } from './cli-error';

/** A CloudFormation template of a stack in a cloud assembly. */
export interface StackTemplate {
  readonly stackName: string;
  readonly file: string;
  readonly template: { Resources?: Record<string, { Type: string; Properties?: Record<string, unknown> }> };
}

/** One synth-time annotation (`Annotations.of(x).addWarning…`) from the assembly manifest. */
export interface Annotation {
  readonly level: 'error' | 'warning' | 'info';
  readonly constructPath: string;
  readonly message: string;
}

interface Manifest {
  readonly artifacts?: Record<string, {
    readonly type: string;
    readonly properties?: { readonly templateFile?: string; readonly directoryName?: string };
    readonly metadata?: Metadata;
    /** Where newer aws-cdk-lib versions write the metadata instead. */
    readonly additionalMetadataFile?: string;
  }>;
}

type Metadata = Record<string, Array<{ readonly type: string; readonly data: unknown }>>;

/** The report of aws-cdk-lib's built-in policy validation (validation-report.json). */
interface ValidationReportFile {
  readonly pluginReports?: Array<{
    readonly violations?: Array<{
      readonly ruleName: string;
      readonly description: string;
      readonly severity?: string;
      readonly violatingConstructs?: Array<{ readonly constructPath: string }>;
    }>;
  }>;
}

const LEVELS: Record<string, Annotation['level']> = { 'aws:cdk:error': 'error', 'aws:cdk:warning': 'warning', 'aws:cdk:info': 'info' };

/** A cloud assembly on disk (and its nested assemblies, for apps with Stages). */
export class CloudAssembly {
  public static read(dir: string): CloudAssembly {
    const file = path.join(dir, 'manifest.json');
    if (!fs.existsSync(file)) throw new CliError(`${dir} is not a cloud assembly (no manifest.json)`);
    return new CloudAssembly(dir, JSON.parse(fs.readFileSync(file, 'utf8')) as Manifest);
  }

  private constructor(public readonly dir: string, private readonly manifest: Manifest) {}

  private nested(): CloudAssembly[] {
    return Object.values(this.manifest.artifacts ?? {})
      .filter((a) => a.type === 'cdk:cloud-assembly' && a.properties?.directoryName)
      .map((a) => CloudAssembly.read(path.join(this.dir, a.properties!.directoryName!)));
  }

  public templates(): StackTemplate[] {
    const own = Object.entries(this.manifest.artifacts ?? {})
      .filter(([, a]) => a.type === 'aws:cloudformation:stack' && a.properties?.templateFile)
      .map(([stackName, a]) => {
        const file = path.join(this.dir, a.properties!.templateFile!);
        return { stackName, file, template: JSON.parse(fs.readFileSync(file, 'utf8')) as StackTemplate['template'] };
      });
    return [...own, ...this.nested().flatMap((n) => n.templates())];
  }

  /** The annotations of every stack, then the violations the built-in policy validation reported. */
  public annotations(): Annotation[] {
    const own: Annotation[] = [];
    for (const artifact of Object.values(this.manifest.artifacts ?? {})) {
      const extra = artifact.additionalMetadataFile ? this.json<Metadata>(artifact.additionalMetadataFile) : undefined;
      for (const metadata of [artifact.metadata, extra]) {
        for (const [constructPath, entries] of Object.entries(metadata ?? {})) {
          for (const entry of entries) {
            const level = LEVELS[entry.type];
            if (level) own.push({ level, constructPath: constructPath.replace(/^\//, ''), message: String(entry.data) });
          }
        }
      }
    }
    const report = this.json<ValidationReportFile>('validation-report.json');
    for (const violation of (report?.pluginReports ?? []).flatMap((r) => r.violations ?? [])) {
      for (const construct of violation.violatingConstructs ?? []) {
        own.push({
          level: violation.severity === 'error' ? 'error' : 'warning',
          constructPath: construct.constructPath,
          message: `${violation.ruleName} ${violation.description}`,
        });
      }
    }
    return [...own, ...this.nested().flatMap((n) => n.annotations())];
  }

  private json<T>(file: string): T | undefined {
    const full = path.join(this.dir, file);
    return fs.existsSync(full) ? JSON.parse(fs.readFileSync(full, 'utf8')) as T : undefined;
  }

  /** Every file below the assembly folder, relative to it. */
  public files(): string[] {
    const out: string[] = [];
    const walk = (dir: string) => {
      for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
        const full = path.join(dir, entry.name);
        if (entry.isDirectory()) walk(full);
        else out.push(path.relative(this.dir, full));
      }
    };
    walk(this.dir);
    return out.sort();
  }
}

/** What kind of output a file of the assembly is: its top folder (envoy, ecs, …), else by its name. */
export function fileKind(relative: string): string {
  const parts = relative.split(path.sep);
  if (parts.length > 1 && !parts[0].startsWith('assembly-')) return parts[0];
  const name = parts[parts.length - 1];
  if (name.endsWith('.template.json')) return 'CloudFormation templates';
  if (name.endsWith('.assets.json')) return 'asset manifests';
  return 'cloud assembly metadata';
}
