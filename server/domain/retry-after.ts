/**
 * How long a throttled person is told to wait: whole minutes, rounded up ("1 minute" while any wait is left, never
 * "0 minutes"). One rule for every form that says "try again in N minutes" (sign-in, set-up, invites, profile).
 */
export function waitMinutes(retryAfterSeconds: number | undefined): number {
  const seconds = typeof retryAfterSeconds === 'number' && Number.isFinite(retryAfterSeconds) ? retryAfterSeconds : 60;
  return Math.max(1, Math.ceil(seconds / 60));
}

/** The wait an error's data carries (tRPC error data, a /api/setup answer), when it carries one. */
export function retryAfterOf(data: unknown): number | undefined {
  const value = (data as { retryAfterSeconds?: unknown } | null | undefined)?.retryAfterSeconds;
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : undefined;
}
