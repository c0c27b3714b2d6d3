import { z } from 'zod';

/**
 * What people type as names and email addresses, checked one way everywhere: /setup, accepting an invite, the
 * profile, workspace settings, inviting, signing in and the user:create script. Pure, so the forms bundle it too.
 * Each message is an error key every catalog namespace that shows the field has (names.test.ts checks).
 */

export const PERSON_NAME_MAX = 120;
export const WORKSPACE_NAME_MAX = 100;
/** RFC 5321's limit on a path: longer is no deliverable address. */
export const EMAIL_MAX = 254;

export const ZPersonName = z.string({ error: 'NAME_REQUIRED' }).trim().min(1, 'NAME_REQUIRED').max(PERSON_NAME_MAX, 'NAME_TOO_LONG');

export const ZWorkspaceName = z
  .string({ error: 'WORKSPACE_NAME_REQUIRED' })
  .trim()
  .min(1, 'WORKSPACE_NAME_REQUIRED')
  .max(WORKSPACE_NAME_MAX, 'WORKSPACE_NAME_TOO_LONG');

/** Lower-cased: accounts are found by email, and people type their address in any case. */
export const ZEmail = z
  .string({ error: 'EMAIL_REQUIRED' })
  .trim()
  .toLowerCase()
  .min(1, 'EMAIL_REQUIRED')
  .max(EMAIL_MAX, 'EMAIL_TOO_LONG')
  .pipe(z.email('EMAIL_INVALID'));

export const PERSON_NAME_ERRORS = ['NAME_REQUIRED', 'NAME_TOO_LONG'] as const;
export const WORKSPACE_NAME_ERRORS = ['WORKSPACE_NAME_REQUIRED', 'WORKSPACE_NAME_TOO_LONG'] as const;
export const EMAIL_ERRORS = ['EMAIL_REQUIRED', 'EMAIL_TOO_LONG', 'EMAIL_INVALID'] as const;
