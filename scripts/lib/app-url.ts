import { parseEnv } from '../../server/env';

/**
 * Where the dev scripts find a running app when --url is not given: this machine, on the PORT the app itself would
 * listen on (validated the same way), so `PORT=3100 npm run simulate` talks to `PORT=3100 npm run demo`.
 */
export function localAppUrl(source: Record<string, string | undefined> = process.env): string {
  return `http://localhost:${parseEnv({ PORT: source.PORT }).PORT}`;
}
