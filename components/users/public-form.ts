'use client';

import { signIn } from 'next-auth/react';
import { useTranslations } from 'next-intl';
import { useWaitText } from '@/components/i18n/formats';
import { setWorkspaceCookie } from './workspace-cookie';

/** Signs the person in with the password they just set or proved, in `workspaceId` when given; true on success. */
export async function signInAfterLink(email: string, password: string, workspaceId?: string): Promise<boolean> {
  const result = await signIn('credentials', { email, password, redirect: false });
  if (!result?.ok || result.error) return false;
  if (workspaceId) setWorkspaceCookie(workspaceId);
  return true;
}

type TServerError = { data?: unknown } | null | undefined;

/**
 * A refusal from the invite or reset procedures in words: the field's code (zod issues carry the codes of
 * server/domain/users.ts), else the specific or general error sentence.
 */
export function usePublicErrorText() {
  const fields = useTranslations('invite.errors');
  const errors = useTranslations('errors');
  const details = useTranslations('errorDetails');
  const waitText = useWaitText();
  return (error: TServerError): string => {
    const data = (error?.data ?? {}) as { appCode?: string; appDetail?: string; issues?: { message: string }[] };
    const wait = waitText(data);
    if (wait) return wait;
    const issue = data.issues?.find((i) => fields.has(i.message as never));
    if (issue) return fields(issue.message as never);
    if (data.appDetail && details.has(data.appDetail as never)) return details(data.appDetail as never);
    return data.appCode && errors.has(data.appCode as never) ? errors(data.appCode as never) : errors('UNKNOWN');
  };
}
