import postgres from 'postgres';

/**
 * Integration tests run against a real PostgreSQL server: TEST_DATABASE_URL, else DATABASE_URL, else the local
 * server on 127.0.0.1:5432. Only databases this harness creates (named nafidha_t_*) are ever touched.
 */
export function testServerUrl(): string {
  return process.env.TEST_DATABASE_URL || process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
}

export function urlForDatabase(name: string): string {
  const url = new URL(testServerUrl());
  url.pathname = `/${name}`;
  return url.toString();
}

export async function withAdmin<T>(fn: (sql: postgres.Sql) => Promise<T>): Promise<T> {
  const sql = postgres(testServerUrl(), { max: 1, onnotice: () => {} });
  try {
    return await fn(sql);
  } finally {
    await sql.end();
  }
}
