import { Check, intRange, isNumber, lengthRange, list, oneOf, optional, report, required, requiredStruct, struct } from '../field-rules';

/** Resource names: 1–255 characters (the API's ResourceName). */
/** A slash would split the resource's ARN (`mesh/<mesh>/virtualNode/<name>`) into other parts. */
const noSlash = (what: string): Check => (name: string) => (typeof name === 'string' && name.includes('/') ? {
  code: 'AMK_NAME_SLASH',
  message: `${what} cannot contain / (App Mesh ARNs separate the mesh, the resource and its parts with /)`,
  fix: 'use another character, for example - or .',
} : undefined);

export const resourceName = (what: string) => required(what, lengthRange('AMK_NAME_LENGTH', what, 1, 255), noSlash(what));

export const port = (what = 'port') => intRange('AMK_PORT_RANGE', what, 1, 65535);

/** The `aws:` prefix is reserved for AWS's own tags (CloudFormation refuses it in user tags). */
const notAwsReserved: Check = (key: string) => (typeof key === 'string' && key.toLowerCase().startsWith('aws:') ? {
  code: 'AMK_TAG_KEY_RESERVED', message: 'tag keys starting with aws: are reserved for AWS', fix: 'use a key without the aws: prefix',
} : undefined);

/** Tags: at most 50; key 1–128 characters, value 0–256. */
export const tags = list('tags', struct('tag', {
  key: required('tag key', lengthRange('AMK_TAG_KEY_LENGTH', 'tag key', 1, 128), notAwsReserved),
  value: optional('tag value', lengthRange('AMK_TAG_VALUE_LENGTH', 'tag value', 0, 256)),
}), (value, ctx) => {
  if (value.length > 50) {
    report(ctx, {
      code: 'AMK_TAG_COUNT',
      message: `a resource takes at most 50 tags, not ${value.length}`,
      fix: 'remove tags until at most 50 remain',
    }, value.length);
  }
});

const nonNegative: Check = (v) => (v >= 0 ? undefined : {
  code: 'AMK_DURATION_NEGATIVE', message: 'a duration cannot be negative', fix: 'use a duration of zero or more',
});

/** App Mesh Duration: `{ unit: s | ms, value ≥ 0 }`. */
export const duration = (what: string, isRequired = false) => (isRequired ? requiredStruct : struct)(what, {
  unit: required(`${what} unit`, oneOf('AMK_ENUM', `${what} unit`, ['s', 'ms'])),
  value: required(what, isNumber(what), nonNegative),
});

export const ipPreference = optional('IP preference',
  oneOf('AMK_ENUM', 'IP preference', ['IPv4_ONLY', 'IPv4_PREFERRED', 'IPv6_ONLY', 'IPv6_PREFERRED']));
