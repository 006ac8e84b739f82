import pino, { type DestinationStream, type Logger } from 'pino';
import { redactNestedSecrets } from './redact-nested-secrets.ts';

/**
 * Paths never written to logs: credentials and the customer identity token. Personal data stays out of
 * log calls in the first place (tool calls log argument field names, never values).
 */
export const REDACTED_PATHS = ['authorization', 'token', 'customerToken', 'headers.authorization', 'headers.cookie'];

export interface CreateLoggerOptions {
  service: string;
  level?: string;
  /** Where JSON lines go; stdout by default, stderr for stdio servers (stdout carries the protocol). */
  destination?: DestinationStream | number;
}

/** JSON-lines logger of one service. */
export function createLogger(options: CreateLoggerOptions): Logger {
  return pino(
    {
      level: options.level ?? 'info',
      base: { service: options.service },
      redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
      timestamp: pino.stdTimeFunctions.isoTime,
      // The paths above are fixed positions; this catches the same keys wherever a log object nests them.
      formatters: { level: (label) => ({ level: label }), log: redactNestedSecrets },
    },
    typeof options.destination === 'number' ? pino.destination(options.destination) : options.destination,
  );
}
