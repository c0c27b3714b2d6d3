import pino from 'pino';
import { env } from './env';

function configuredLevel(): string {
  try {
    return env().LOG_LEVEL;
  } catch {
    return 'info'; // an invalid environment is reported by the entry point, naming the variable
  }
}

export const logger = pino({
  level: configuredLevel(),
  base: { service: 'nafidha' },
  redact: ['password', '*.password', 'passwordHash', '*.passwordHash', 'accessToken', '*.accessToken', 'appSecret', '*.appSecret'],
});
