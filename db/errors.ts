/**
 * PostgreSQL's unique_violation (SQLSTATE 23505), as postgres.js raises it or as drizzle wraps it (DrizzleQueryError
 * keeps the driver's error as `cause`). With `constraint`, only a violation of that constraint or unique index: a
 * caller that turns one index's race into a sentence must not say it for another's.
 */
export function isUniqueViolation(error: unknown, constraint?: string): boolean {
  for (let e: unknown = error, depth = 0; e && typeof e === 'object' && depth < 4; e = (e as { cause?: unknown }).cause, depth++) {
    const { code, constraint_name: name } = e as { code?: unknown; constraint_name?: unknown };
    if (code === '23505') return constraint === undefined || name === constraint;
  }
  return false;
}
