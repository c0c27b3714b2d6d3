import { z } from 'zod';

/**
 * Bounds for sign-in input. Hashing is deliberately slow, so an unbounded password would let anyone burn CPU;
 * 256 characters is far above any real password and far below anything costly.
 */
export const MAX_PASSWORD_LENGTH = 256;

export const ZCredentialsInput = z.object({
  email: z.string().trim().toLowerCase().min(1, 'EMAIL_REQUIRED').max(254, 'EMAIL_TOO_LONG').pipe(z.email('EMAIL_INVALID')),
  password: z.string().min(1, 'PASSWORD_REQUIRED').max(MAX_PASSWORD_LENGTH, 'PASSWORD_TOO_LONG'),
});

export type TCredentialsInput = z.infer<typeof ZCredentialsInput>;

/** Sign-in failure codes; the login page maps each to a translated sentence. */
export type TSignInError = 'EMAIL_REQUIRED' | 'EMAIL_TOO_LONG' | 'EMAIL_INVALID' | 'PASSWORD_REQUIRED' | 'PASSWORD_TOO_LONG' | 'INVALID_CREDENTIALS';

export function parseCredentials(input: unknown): { ok: true; value: TCredentialsInput } | { ok: false; error: TSignInError } {
  const result = ZCredentialsInput.safeParse(input);
  if (result.success) return { ok: true, value: result.data };
  return { ok: false, error: (result.error.issues[0]?.message as TSignInError | undefined) ?? 'INVALID_CREDENTIALS' };
}
