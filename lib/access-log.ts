import { InvalidInput } from './model/invalid-input';
import { LoggingModel } from './model/spec';
import { renderPart } from './private/render';

/** The format of a file access log, as the model has it. */
type FormatModel = NonNullable<NonNullable<NonNullable<LoggingModel['accessLog']>['file']>['format']>;

/**
 * The format of access log lines.
 * @see https://docs.aws.amazon.com/app-mesh/latest/userguide/envoy-logs.html
 */
export abstract class LoggingFormat {
  /**
   * A text line built from Envoy command operators, for example `[%START_TIME%] %REQ(:METHOD)%`.
   * @param text the format string (1–1,000 characters), ending in `\n` for one line per request
   */
  public static fromText(text: string): LoggingFormat {
    return new ModelLoggingFormat({ text });
  }

  /**
   * One JSON object per line; keys in the order given, values are Envoy command operators.
   * @param jsonLoggingFormat the log line's keys, each mapped to an Envoy command operator such as `%RESPONSE_CODE%` (keys and values 1–100 characters)
   */
  public static fromJson(jsonLoggingFormat: { [key: string]: string }): LoggingFormat {
    if (!jsonLoggingFormat || typeof jsonLoggingFormat !== 'object' || Array.isArray(jsonLoggingFormat)) {
      return new ModelLoggingFormat({ json: new InvalidInput(jsonLoggingFormat, 'an object of key/value pairs') as unknown as FormatModel['json'] });
    }
    const keys = Object.keys(jsonLoggingFormat);
    return new ModelLoggingFormat({ json: keys.map((key) => ({ key, value: jsonLoggingFormat[key] })) });
  }

  /** @internal */
  public abstract _toModel(): { text?: string; json?: { key: string; value: string }[] };
}

class ModelLoggingFormat extends LoggingFormat {
  constructor(private readonly model: { text?: string; json?: { key: string; value: string }[] }) { super(); }
  public _toModel() { return this.model; }
}

/**
 * Where Envoy writes its access log.
 */
export abstract class AccessLog {
  /**
   * Write to a file in the Envoy container (`/dev/stdout` ships with the container's log driver).
   * @param filePath the file Envoy writes to, for example `/dev/stdout` (1–255 characters, and Envoy fails to bootstrap
   * if it cannot write there)
   * @param format the format of each line (default: Envoy's default text format)
   */
  public static fromFilePath(filePath: string, format?: LoggingFormat): AccessLog {
    return new FileAccessLog(filePath, format);
  }

  /** @internal */
  public abstract _toModel(): LoggingModel;
}

class FileAccessLog extends AccessLog {
  constructor(private readonly path: string, private readonly format?: LoggingFormat) { super(); }

  public _toModel(): LoggingModel {
    const format = renderPart(this.format, 'a LoggingFormat (LoggingFormat.fromText or .fromJson)');
    return { accessLog: { file: { path: this.path, format: format as FormatModel | undefined } } };
  }
}
