import { z } from 'zod';
import { LOCALES } from './locales';
import { ZEmail, ZPersonName, ZWorkspaceName } from './names';
import { ZNewPassword } from './new-password';
import { isSetupCodeShape, normalizeSetupCode } from './setup-code';

/**
 * The first-run form (/setup), checked in the browser and again by the server. Each message is a key of the
 * catalogs' `setup.errors`, so the form says what is wrong with each field in the reader's language.
 */
export const ZSetupInput = z.strictObject(
  {
    workspaceName: ZWorkspaceName,
    name: ZPersonName,
    email: ZEmail,
    password: ZNewPassword,
    setupCode: z
      .string({ error: 'SETUP_CODE_REQUIRED' })
      .max(64, 'SETUP_CODE_INVALID')
      .transform(normalizeSetupCode)
      .refine((code) => code.length > 0, 'SETUP_CODE_REQUIRED')
      .refine(isSetupCodeShape, 'SETUP_CODE_INVALID'),
    /** The language the form was filled in: the admin's saved language from then on. */
    locale: z.enum(LOCALES).optional(),
  },
  { error: 'INVALID_INPUT' },
);

export type TSetupInput = z.infer<typeof ZSetupInput>;
export type TSetupField = Exclude<keyof TSetupInput, 'locale'>;

/** The first problem of each field, by field: what the form shows under each input. */
export function fieldErrors(error: z.ZodError): Partial<Record<string, string>> {
  const byField: Partial<Record<string, string>> = {};
  for (const issue of error.issues) {
    const field = String(issue.path[0] ?? '');
    byField[field] ??= issue.message;
  }
  return byField;
}

/** What POST /api/setup answers: the new admin's email (the form signs in with it), or why not (an error code). */
export type TSetupResponse =
  { ok: true; email: string } | { ok: false; appCode: string; fields?: Partial<Record<string, string>>; retryAfterSeconds?: number };
