import { z } from 'zod';
import { LOCALES } from '@/server/domain/locales';
import { ZNewPassword } from '@/server/domain/new-password';
import { ZEmail, ZPersonName } from '@/server/domain/names';
import { ZLinkToken, ZRole } from '@/server/domain/users';

/** Input schemas of Settings → Users and of the invite and reset pages, validated once at the router. */
export const ZCreateInviteInput = z.object({
  email: ZEmail,
  role: ZRole,
  /** The language of the invitation email (when SMTP is configured): the inviter's choice. */
  locale: z.enum(LOCALES).default('en'),
  /** Where the browser reached the app; the link is built on it unless NEXTAUTH_URL says otherwise. */
  origin: z.url({ protocol: /^https?$/ }).max(2048).optional(),
});
export const ZInviteIdInput = z.object({ id: z.uuid() });
export const ZMemberInput = z.object({ userId: z.uuid() });
export const ZChangeRoleInput = z.object({ userId: z.uuid(), role: ZRole });
export const ZDeactivateInput = z.object({
  userId: z.uuid(),
  /** Who takes over their open conversations; null leaves them unassigned. */
  handOverTo: z.uuid().nullable().default(null),
});
export const ZIssueResetInput = z.object({ userId: z.uuid(), origin: z.url({ protocol: /^https?$/ }).max(2048).optional() });

/** The token is checked for shape only; an ill-formed one is simply an unknown link. */
export const ZTokenInput = z.object({ token: z.string().max(200) });
export const ZAcceptInviteInput = z.discriminatedUnion('kind', [
  /** A new account: name and password (twice, compared in the form and here). */
  z
    .object({ kind: z.literal('new'), token: z.string().max(200), name: ZPersonName, password: ZNewPassword, confirmPassword: z.string().max(512) })
    .refine((v) => v.password === v.confirmPassword, { message: 'PASSWORDS_DIFFER', path: ['confirmPassword'] }),
  /** The email already has an account (in another workspace): its password proves it is theirs. */
  z.object({ kind: z.literal('existing'), token: z.string().max(200), password: z.string().min(1, 'PASSWORD_REQUIRED').max(512) }),
]);
export const ZCompleteResetInput = z
  .object({ token: z.string().max(200), password: ZNewPassword, confirmPassword: z.string().max(512) })
  .refine((v) => v.password === v.confirmPassword, { message: 'PASSWORDS_DIFFER', path: ['confirmPassword'] });

export { ZLinkToken };
export type TCreateInviteInput = z.output<typeof ZCreateInviteInput>;
export type TAcceptInviteInput = z.output<typeof ZAcceptInviteInput>;
export type TCompleteResetInput = z.output<typeof ZCompleteResetInput>;
export type TDeactivateInput = z.output<typeof ZDeactivateInput>;
