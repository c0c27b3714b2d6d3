import pino, { type LoggerOptions } from 'pino';
import { env } from './env';
import { scrubLogFields } from './log-url';

function configuredLevel(): string {
  try {
    return env().LOG_LEVEL;
  } catch {
    return 'info'; // an invalid environment is reported by the entry point, naming the variable
  }
}

/** Exported for the test that reads real log lines (server/log-url.test.ts). */
export const LOGGER_OPTIONS: LoggerOptions = {
  base: { service: 'nafidha' },
  // Every line's fields pass through the URL rule (server/log-url.ts): no query string, no link token, ever.
  formatters: { log: (fields) => scrubLogFields(fields) },
  redact: ['password', '*.password', 'passwordHash', '*.passwordHash', 'accessToken', '*.accessToken', 'appSecret', '*.appSecret'],
};

export const logger = pino({ ...LOGGER_OPTIONS, level: configuredLevel() });
