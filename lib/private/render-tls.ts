import { InvalidInput } from '../model/invalid-input';
import { ClientPolicyModel, ListenerTlsModel } from '../model/spec';
import { ListenerTlsOptions, TlsClientPolicy, TlsMode } from '../tls';
import { renderPart } from './render';

/** Listener TLS as the model has it; DISABLED without a certificate is the same as no TLS. */
export function listenerTlsModel(options: ListenerTlsOptions | undefined): ListenerTlsModel | InvalidInput | undefined {
  if (options === undefined || options === null) return undefined;
  if (typeof options !== 'object') return new InvalidInput(options, 'ListenerTlsOptions ({ mode, certificate })');
  if (options.mode === TlsMode.DISABLED && !options.certificate && !options.mutualTlsValidation) return undefined;
  const validation = options.mutualTlsValidation;
  return {
    mode: options.mode,
    certificate: renderPart(options.certificate, 'a TlsCertificate'),
    validation: validation ? {
      trust: renderPart(validation.trust, 'a MutualTlsValidationTrust (TlsValidationTrust.file or .sds)'),
      subjectAlternativeNames: renderPart(validation.subjectAlternativeNames, 'SubjectAlternativeNames'),
    } : undefined,
  } as ListenerTlsModel;
}

/** A client policy as the model has it. */
export function clientPolicyModel(policy: TlsClientPolicy | undefined): ClientPolicyModel | InvalidInput | undefined {
  if (policy === undefined || policy === null) return undefined;
  if (typeof policy !== 'object') return new InvalidInput(policy, 'a TlsClientPolicy ({ validation, ... })');
  const validation = policy.validation;
  return {
    tls: {
      // Unset, App Mesh enforces TLS: render only what the user wrote.
      enforce: policy.enforce,
      ports: policy.ports,
      certificate: renderPart(policy.mutualTlsCertificate, 'a MutualTlsCertificate (TlsCertificate.file or .sds)'),
      validation: validation && typeof validation === 'object' ? {
        trust: renderPart(validation.trust, 'a TlsValidationTrust'),
        subjectAlternativeNames: renderPart(validation.subjectAlternativeNames, 'SubjectAlternativeNames'),
      } : validation,
    },
  } as ClientPolicyModel;
}
