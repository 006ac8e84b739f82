import pino, { type DestinationStream, type Logger } from 'pino';

/** Never written to logs: the API key in either of the headers the SDK may send it in. */
const REDACTED_PATHS = ['headers["x-api-key"]', 'headers.authorization', 'apiKey'];

/** JSON-lines logger, shaped like the other services' (ISO time, level as a word, `service` field). */
export function createLogger(options: { level?: string; destination?: DestinationStream } = {}): Logger {
  return pino(
    {
      level: options.level ?? 'info',
      base: { service: 'model-sim' },
      redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
    },
    options.destination,
  );
}
