import { describe, expect, it } from 'vitest';
import { AccessLog, LoggingFormat } from '../../../lib';
import { expectError, nodeWithProps } from '../../support/fixtures';
import { synthTemplate } from '../../support/synth';

const FILE = 'spec.logging.accessLog.file';

describe('access log', () => {
  it('AMK_ACCESS_LOG_PATH: rejects an empty path', () => {
    const fixture = nodeWithProps({ accessLog: AccessLog.fromFilePath('') });
    expectError(fixture, { code: 'AMK_ACCESS_LOG_PATH', at: fixture.node, field: `${FILE}.path` });
  });

  it('AMK_ACCESS_LOG_PATH: rejects a 256-character path, accepts 255', () => {
    const bad = nodeWithProps({ accessLog: AccessLog.fromFilePath(`/${'p'.repeat(255)}`) });
    expectError(bad, { code: 'AMK_ACCESS_LOG_PATH', at: bad.node, field: `${FILE}.path` });
    const good = nodeWithProps({ accessLog: AccessLog.fromFilePath(`/${'p'.repeat(254)}`) });
    expect(good.mesh.validate()).toEqual([]);
  });

  it('AMK_ACCESS_LOG_JSON_KEY: rejects a JSON format without keys', () => {
    const fixture = nodeWithProps({ accessLog: AccessLog.fromFilePath('/dev/stdout', LoggingFormat.fromJson({})) });
    expectError(fixture, { code: 'AMK_ACCESS_LOG_JSON_KEY', at: fixture.node, field: `${FILE}.format.json` });
  });

  it('AMK_ACCESS_LOG_JSON_KEY: rejects an empty key', () => {
    const fixture = nodeWithProps({ accessLog: AccessLog.fromFilePath('/dev/stdout', LoggingFormat.fromJson({ '': '%START_TIME%' })) });
    expectError(fixture, { code: 'AMK_ACCESS_LOG_JSON_KEY', at: fixture.node, field: `${FILE}.format.json[0].key` });
  });

  it('AMK_ACCESS_LOG_JSON_KEY: rejects a 101-character key, at its position in the order written', () => {
    const fixture = nodeWithProps({
      accessLog: AccessLog.fromFilePath('/dev/stdout', LoggingFormat.fromJson({ method: '%REQ(:METHOD)%', ['k'.repeat(101)]: '%START_TIME%' })),
    });
    expectError(fixture, { code: 'AMK_ACCESS_LOG_JSON_KEY', at: fixture.node, field: `${FILE}.format.json[1].key` });
  });

  it('AMK_ACCESS_LOG_FORMAT: rejects an empty text format', () => {
    const fixture = nodeWithProps({ accessLog: AccessLog.fromFilePath('/dev/stdout', LoggingFormat.fromText('')) });
    expectError(fixture, { code: 'AMK_ACCESS_LOG_FORMAT', at: fixture.node, field: `${FILE}.format.text` });
  });

  it('accepts a text format, a JSON format and no format', () => {
    for (const [name, format] of [
      ['text', LoggingFormat.fromText('[%START_TIME%] %REQ(:METHOD)%\n')],
      ['json', LoggingFormat.fromJson({ start: '%START_TIME%', method: '%REQ(:METHOD)%' })],
      ['none', undefined],
    ] as const) {
      const fixture = nodeWithProps({ accessLog: AccessLog.fromFilePath('/dev/stdout', format) });
      expect(fixture.mesh.validate()).toEqual([]);
      synthTemplate(fixture.stack, `rules-access-log-${name}`);
    }
  });
});

describe('AMK_ACCESS_LOG_JSON_VALUE', () => {
  it('rejects an empty value of a JSON format', () => {
    const fixture = nodeWithProps({ accessLog: AccessLog.fromFilePath('/dev/stdout', LoggingFormat.fromJson({ start: '' })) });
    const d = expectError(fixture, { code: 'AMK_ACCESS_LOG_JSON_VALUE', at: fixture.node, field: `${FILE}.format.json[0].value` });
    expect(d.value).toBe('""');
  });

  it('rejects a 101-character value at its position in the order written, accepts 100', () => {
    const bad = nodeWithProps({
      accessLog: AccessLog.fromFilePath('/dev/stdout', LoggingFormat.fromJson({ start: '%START_TIME%', method: 'm'.repeat(101) })),
    });
    // keys stay in the order written: start, method
    expectError(bad, { code: 'AMK_ACCESS_LOG_JSON_VALUE', at: bad.node, field: `${FILE}.format.json[1].value` });
    const good = nodeWithProps({ accessLog: AccessLog.fromFilePath('/dev/stdout', LoggingFormat.fromJson({ method: 'm'.repeat(100) })) });
    expect(good.mesh.validate()).toEqual([]);
  });
});
