// Structured JSON logs on stdout, one line per event; the log shipper adds host and container fields.

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

/** Anything JSON-serializable; an `err` field is expanded into name, message and stack. */
export type LogFields = Record<string, unknown>;

export interface Logger {
  debug(message: string, fields?: LogFields): void;
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
  child(fields: LogFields): Logger;
}

const LEVEL_ORDER: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

function minLevel(): LogLevel {
  const level = process.env.LOG_LEVEL;
  return level === 'debug' || level === 'info' || level === 'warn' || level === 'error' ? level : 'info';
}

function serializeError(err: unknown): LogFields {
  if (err instanceof Error) {
    return { errorName: err.name, errorMessage: err.message, stack: err.stack };
  }
  return { errorMessage: String(err) };
}

export function createLogger(service: string, base: LogFields = {}): Logger {
  const threshold = LEVEL_ORDER[minLevel()];

  const write = (level: LogLevel, message: string, fields: LogFields = {}) => {
    if (LEVEL_ORDER[level] < threshold) return;
    const { err, ...rest } = fields;
    const line = {
      time: new Date().toISOString(),
      level,
      service,
      message,
      ...base,
      ...rest,
      ...(err === undefined ? {} : serializeError(err)),
    };
    (level === 'error' ? process.stderr : process.stdout).write(`${JSON.stringify(line)}\n`);
  };

  return {
    debug: (message, fields) => write('debug', message, fields),
    info: (message, fields) => write('info', message, fields),
    warn: (message, fields) => write('warn', message, fields),
    error: (message, fields) => write('error', message, fields),
    child: (fields) => createLogger(service, { ...base, ...fields }),
  };
}
