import { lengthRange, list, optional, report, required, struct } from '../field-rules';

/** Access log to a file, with an optional text or JSON format. */
export const logging = struct('logging', {
  accessLog: struct('access log', {
    file: struct('file access log', {
      path: required('access log path', lengthRange('AMK_ACCESS_LOG_PATH', 'access log path', 1, 255)),
      format: struct('access log format', {
        text: optional('text format', lengthRange('AMK_ACCESS_LOG_FORMAT', 'text log format', 1, 1000)),
        json: list('JSON format', struct('JSON format entry', {
          key: required('JSON log key', lengthRange('AMK_ACCESS_LOG_JSON_KEY', 'JSON log key', 1, 100)),
          value: required('JSON log value', lengthRange('AMK_ACCESS_LOG_JSON_VALUE', 'JSON log value', 1, 100)),
        }), (entries, ctx) => {
          if (entries.length === 0) {
            report(ctx, {
              code: 'AMK_ACCESS_LOG_JSON_KEY',
              message: 'a JSON log format needs at least one key',
              fix: 'pass at least one key/value pair to LoggingFormat.fromJson(...)',
            }, entries);
          }
        }),
      }, (format, ctx) => {
        if (format.text === undefined && format.json === undefined) {
          report(ctx, {
            code: 'AMK_ACCESS_LOG_FORMAT',
            message: 'an access log format has neither text nor JSON (LoggingFormat.fromText() without a format)',
            fix: 'pass a format to LoggingFormat.fromText(...) or LoggingFormat.fromJson(...), or leave the format out for Envoy\'s default',
          }, format);
        }
      }),
    }),
  }),
});
