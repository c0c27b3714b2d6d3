import { z } from 'zod';
import { MAX_PASSWORD_LENGTH } from './credentials';

/**
 * A password someone chooses (first-run set-up, profile, the user:create script). Eight characters at least, as
 * NIST SP 800-63B asks of user-chosen secrets, with no composition rules; at most what sign-in accepts, so a chosen
 * password can always be signed in with. Not only spaces: a form autofill of blanks is no password.
 */
export const MIN_PASSWORD_LENGTH = 8;

export const ZNewPassword = z
  .string({ error: 'PASSWORD_REQUIRED' })
  .min(1, 'PASSWORD_REQUIRED')
  .min(MIN_PASSWORD_LENGTH, 'PASSWORD_TOO_SHORT')
  .max(MAX_PASSWORD_LENGTH, 'PASSWORD_TOO_LONG')
  .refine((value) => value.trim().length > 0, 'PASSWORD_BLANK');
