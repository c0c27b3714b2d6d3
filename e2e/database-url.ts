/**
 * The database the e2e server runs on (one per port, so two runs on one machine never share one), on the test
 * PostgreSQL server. The server creates it; the fixtures seed their workspaces straight into it.
 */
export const e2eServerUrl = () => process.env.TEST_DATABASE_URL || process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';

export function e2eDatabaseName(port = process.env.E2E_PORT || '3200'): string {
  return `nafidha_e2e_${port}`;
}

export function e2eDatabaseUrl(port?: string): string {
  const url = new URL(e2eServerUrl());
  url.pathname = `/${e2eDatabaseName(port)}`;
  return url.toString();
}
