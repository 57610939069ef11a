import type { EndpointModel } from './service-connect-model';
import { Diagnostic, DiagnosticSeverity } from '../../rules/diagnostic';

/**
 * The Service Connect rules cfn-lint cannot check (it checks shapes only, migration-targets.md
 * §0 item 6): one client alias per dnsName:port, dnsName and discoveryName syntax and length,
 * no per-request timeout on a TCP port. The port name rule is `checkPortNames`.
 */

/** ECS: a client alias dnsName is at most 127 characters, lowercase, and may contain dots. */
const DNS_NAME = /^[a-z0-9]([a-z0-9_-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9_-]*[a-z0-9])?)*$/;
/** ECS: a discovery name is at most 64 characters of [a-z0-9_-] (migration-targets.md §1.1). */
const DISCOVERY_NAME = /^[a-z0-9_-]+$/;

export function checkEndpoints(constructPath: string, endpoints: EndpointModel[]): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const error = (code: string, field: string, value: unknown, message: string, fix: string) => diagnostics.push({
    severity: DiagnosticSeverity.ERROR, code, constructPath, field, value: JSON.stringify(value), message, fix,
  });
  const aliases = new Map<string, EndpointModel>();
  for (const endpoint of endpoints) {
    const { field, dnsName, discoveryName } = endpoint;
    if (dnsName !== undefined) {
      const key = `${dnsName}:${endpoint.aliasPort}`;
      const first = aliases.get(key);
      if (first) {
        error('AMK_SC_CLIENT_ALIAS_DUPLICATE', `${field}.clientAliases[0]`, key,
          `the client alias ${key} is already the alias of port ${first.port}: a dnsName:port names one Service Connect service`,
          'Give each listener its own virtual service name or port.');
      }
      aliases.set(key, first ?? endpoint);
      if (dnsName.length > 127 || !DNS_NAME.test(dnsName)) {
        error('AMK_SC_DNS_NAME', `${field}.clientAliases[0].dnsName`, dnsName,
          'a client alias dnsName is 1 to 127 characters: lowercase DNS labels of letters, digits, hyphens and underscores, separated by dots',
          'Rename the virtual service to a lowercase DNS name of at most 127 characters.');
      }
    }
    if (discoveryName.length > 64 || !DISCOVERY_NAME.test(discoveryName)) {
      error('AMK_SC_DISCOVERY_NAME', `${field}.discoveryName`, discoveryName,
        'a Service Connect discoveryName is 1 to 64 characters of lowercase letters, digits, hyphens and underscores',
        'Pass discoveryName: ServiceConnectConfig.forVirtualNode(node, { discoveryName: \'colorteller\' }).');
    }
    if (endpoint.protocol === 'tcp' && endpoint.perRequestTimeoutSeconds !== undefined) {
      diagnostics.push({
        severity: DiagnosticSeverity.WARNING,
        code: 'AMK_SC_PER_REQUEST_TCP',
        constructPath,
        field: `${field}.timeout.perRequestTimeoutSeconds`,
        value: JSON.stringify(endpoint.perRequestTimeoutSeconds),
        message: 'ECS takes a per-request timeout only for a port with an appProtocol (http, http2, grpc), and this port is TCP: the timeout is left out',
        fix: 'Set only an idle timeout on a TCP port.',
      });
    }
  }
  return diagnostics;
}

/** Every Service Connect service's portName must name a port mapping of the task definition. */
export function checkPortNames(constructPath: string, endpoints: EndpointModel[], portMappingNames: (string | undefined)[]): Diagnostic[] {
  return endpoints.filter((e) => !portMappingNames.includes(e.portName)).map((e) => ({
    severity: DiagnosticSeverity.ERROR,
    code: 'AMK_SC_PORT_NAME',
    constructPath,
    field: `${e.field}.portName`,
    value: JSON.stringify(e.portName),
    message: `the Service Connect service of port ${e.port} names the port mapping ${e.portName}, and the task definition has no port mapping of that name`,
    fix: 'Add the port mappings of ServiceConnectConfig.portMappings() to the app container.',
  }));
}
