import { z } from 'zod';

/**
 * Bounds for sign-in input. Hashing is deliberately slow, so an unbounded password would let anyone burn CPU;
 * 256 characters is far above any real password and far below anything costly.
 */
export const MAX_PASSWORD_LENGTH = 256;

export const ZCredentialsInput = z.object(
  {
    email: z
      .string({ error: 'EMAIL_REQUIRED' })
      .trim()
      .toLowerCase()
      .min(1, 'EMAIL_REQUIRED')
      .max(254, 'EMAIL_TOO_LONG')
      .pipe(z.email('EMAIL_INVALID')),
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
