import { RegionInfo } from 'aws-cdk-lib/region-info';
import { Diagnostic } from '../diagnostic';
import { isUnresolved } from '../field-rules';
import { Findings } from '../findings';
import { APP_MESH_ENVOY_OPTION_KEYS, STANDALONE_ENVOY_OPTION_KEYS, reportUnknownKeys } from '../option-keys';

/** The Envoy options these rules read, as plain JavaScript may give them (the rules do not import the outputs). */
export interface EnvoyOptionsInput {
  readonly adminPort?: unknown;
  readonly statsdPort?: unknown;
  readonly ingressPort?: unknown;
  readonly egressPort?: unknown;
  readonly region?: unknown;
  /** An EnvoyTracing: its internal settings hold the tracer's port. */
  readonly tracing?: unknown;
}

/** Envoy's own ports in a task: admin 9901, and the proxy redirect's ingress 15000 and egress 15001. */
export const DEFAULT_ADMIN_PORT = 9901;
export const DEFAULT_INGRESS_PORT = 15000;
export const DEFAULT_EGRESS_PORT = 15001;

/** Whether a value is literally a port (tokens are checked at deploy time). */
export function isLiteralPort(value: unknown): boolean {
  return typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= 65535;
}

/** Reports a port option that is not an integer 1–65535 (absent and token values pass). */
export function checkPort(findings: Findings, field: string, value: unknown, what: string): void {
  if (value === undefined || value === null || isUnresolved(value)) return;
  if (typeof value !== 'number' || Number.isNaN(value)) {
    findings.add('AMK_WRONG_TYPE', field, value, `${what} must be a number`, `pass ${what} as a number from 1 to 65535`);
  } else if (!isLiteralPort(value)) {
    findings.add('AMK_PORT_RANGE', field, value, `${what} must be an integer between 1 and 65535`, `choose ${what} between 1 and 65535`);
  }
}

/**
 * Rules of the Envoy options (App Mesh mode and standalone): every port option is a port, the admin,
 * ingress and egress ports differ, and a given Region is one AWS knows.
 */
export function envoyOptionRules(constructPath: string, appMesh: EnvoyOptionsInput | undefined, standalone: EnvoyOptionsInput | undefined,
  inTask = false): Diagnostic[] {
  const findings = new Findings(constructPath);
  const a: EnvoyOptionsInput = typeof appMesh === 'object' && appMesh !== null ? appMesh : {};
  const s: EnvoyOptionsInput = typeof standalone === 'object' && standalone !== null ? standalone : {};
  // In a task the options sit under envoyOptions / standaloneOptions; given to EnvoyConfig they are the argument itself.
  const at = (options: string, field: string) => (inTask ? `${options}.${field}` : field);
  const appMeshField = (field: string) => at('envoyOptions', field);
  const standaloneField = (field: string) => at('standaloneOptions', field);

  reportUnknownKeys(findings, inTask ? 'envoyOptions.' : '', appMesh, APP_MESH_ENVOY_OPTION_KEYS, 'the App Mesh Envoy options object');
  reportUnknownKeys(findings, inTask ? 'standaloneOptions.' : '', standalone, STANDALONE_ENVOY_OPTION_KEYS, 'the standalone Envoy options object');
  checkPort(findings, appMeshField('adminPort'), a.adminPort, 'the Envoy admin port');
  checkPort(findings, appMeshField('statsdPort'), a.statsdPort, 'the statsd port');
  checkPort(findings, standaloneField('adminPort'), s.adminPort, 'the Envoy admin port');
  checkPort(findings, standaloneField('ingressPort'), s.ingressPort, 'the proxy ingress port');
  checkPort(findings, standaloneField('egressPort'), s.egressPort, 'the proxy egress port');
  for (const [tracing, field] of [[a.tracing, appMeshField('tracing')], [s.tracing, standaloneField('tracing')]] as const) {
    const settings = (tracing as { _settings?: { kind: string; port: unknown } } | undefined)?._settings;
    if (settings) checkPort(findings, field, settings.port, `the ${settings.kind} tracer port`);
  }

  const ports: [string, unknown][] = [
    ['admin', s.adminPort ?? DEFAULT_ADMIN_PORT], ['ingress', s.ingressPort ?? DEFAULT_INGRESS_PORT], ['egress', s.egressPort ?? DEFAULT_EGRESS_PORT],
  ];
  for (let i = 0; i < ports.length; i++) {
    for (let j = i + 1; j < ports.length; j++) {
      const [first, firstPort] = ports[i];
      const [second, secondPort] = ports[j];
      if (isLiteralPort(firstPort) && firstPort === secondPort) {
        findings.add('AMK_ENVOY_PORT_CONFLICT', standaloneField(`${second}Port`), secondPort,
          `the proxy ${first} and ${second} ports are both ${String(secondPort)}; Envoy cannot bind one port twice`,
          `give the ${second} port another value (defaults: admin ${DEFAULT_ADMIN_PORT}, ingress ${DEFAULT_INGRESS_PORT}, egress ${DEFAULT_EGRESS_PORT})`);
      }
    }
  }

  const region = a.region;
  if (region !== undefined && region !== null && !isUnresolved(region)) {
    if (typeof region !== 'string' || !RegionInfo.regions.some((r) => r.name === region)) {
      findings.add('AMK_ENVOY_REGION', appMeshField('region'), region,
        `${JSON.stringify(region)} is not an AWS Region that aws-cdk-lib knows, so the App Mesh endpoint and the ARN would be wrong`,
        'pass a Region name such as us-east-1, or leave region out to use the stack\'s');
    }
  }
  return findings.diagnostics;
}
