import { z } from 'zod';
import { MAX_PASSWORD_LENGTH } from './credentials';
import { ZPersonName } from './names';
import { ZNewPassword } from './new-password';

/**
 * The profile's forms (/profile), checked in the browser and by the `profile` procedures. None of them names a user:
 * the procedures act on whoever is signed in, and strict objects refuse any other key (a `userId` included).
 */
export const ZUpdateNameInput = z.strictObject({ name: ZPersonName });

export const ZChangePasswordInput = z.strictObject({
  currentPassword: z
    .string({ error: 'CURRENT_PASSWORD_REQUIRED' })
    .min(1, 'CURRENT_PASSWORD_REQUIRED')
    .max(MAX_PASSWORD_LENGTH, 'PASSWORD_TOO_LONG'),
  newPassword: ZNewPassword,
});

/** The form's own rule on top: the new password typed twice alike, and different from the current one. */
export const ZChangePasswordForm = ZChangePasswordInput.extend({ confirmPassword: z.string() })
  .refine((form) => form.newPassword === form.confirmPassword, { message: 'PASSWORDS_DIFFER', path: ['confirmPassword'] })
  .refine((form) => form.newPassword !== form.currentPassword, { message: 'SAME_PASSWORD', path: ['newPassword'] });

export type TChangePasswordInput = z.infer<typeof ZChangePasswordInput>;
