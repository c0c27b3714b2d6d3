import { z } from 'zod';
import { ZEmail } from './names';

/**
 * Bounds for sign-in input. Hashing is deliberately slow, so an unbounded password would let anyone burn CPU;
 * 256 characters is far above any real password and far below anything costly.
 */
export const MAX_PASSWORD_LENGTH = 256;

export const ZCredentialsInput = z.object(
  {
    email: ZEmail,
    password: z.string({ error: 'PASSWORD_REQUIRED' }).min(1, 'PASSWORD_REQUIRED').max(MAX_PASSWORD_LENGTH, 'PASSWORD_TOO_LONG'),
  },
  { error: 'EMAIL_REQUIRED' },
);

export type TCredentialsInput = z.infer<typeof ZCredentialsInput>;

/** Sign-in failure codes; the login page maps each to a translated sentence. */
export const SIGN_IN_ERRORS = [
  'EMAIL_REQUIRED',
  'EMAIL_TOO_LONG',
  'EMAIL_INVALID',
  'PASSWORD_REQUIRED',
  'PASSWORD_TOO_LONG',
  'INVALID_CREDENTIALS',
  'TOO_MANY_ATTEMPTS',
  /** The right password, but every workspace of the account has deactivated it. */
  'ACCOUNT_DEACTIVATED',
] as const;
export type TSignInError = (typeof SIGN_IN_ERRORS)[number];

function isSignInError(value: unknown): value is TSignInError {
  return (SIGN_IN_ERRORS as readonly unknown[]).includes(value);
}

export function parseCredentials(input: unknown): { ok: true; value: TCredentialsInput } | { ok: false; error: TSignInError } {
  const result = ZCredentialsInput.safeParse(input);
  if (result.success) return { ok: true, value: result.data };
  const message = result.error.issues[0]?.message;
  return { ok: false, error: isSignInError(message) ? message : 'INVALID_CREDENTIALS' };
}

/**
 * next-auth hands the browser only the message of what authorize threw, so a throttled sign-in carries its wait in
 * it: "TOO_MANY_ATTEMPTS:840". The credentials route turns that into a 429 with Retry-After; the form reads the
 * minutes from it.
 */
export function throttledSignInMessage(retryAfterSeconds: number): string {
  return `TOO_MANY_ATTEMPTS:${Math.max(1, Math.ceil(retryAfterSeconds))}`;
}

export function readSignInError(message: string | null | undefined): { code: TSignInError | 'UNAVAILABLE'; retryAfterSeconds?: number } {
  const throttled = /^TOO_MANY_ATTEMPTS:(\d{1,7})$/.exec(message ?? '');
  if (throttled) return { code: 'TOO_MANY_ATTEMPTS', retryAfterSeconds: Number(throttled[1]) };
  return { code: isSignInError(message) ? message : 'UNAVAILABLE' };
}
