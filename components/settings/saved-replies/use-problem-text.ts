'use client';

import { useTranslations } from 'next-intl';
import {
  SAVED_REPLY_BODY_MAX,
  SAVED_REPLY_FALLBACK_MAX,
  SAVED_REPLY_SHORTCUT_MAX,
  SAVED_REPLY_VARIABLES,
  savedReplyProblems,
  ZSavedReplyBody,
  ZSavedReplyShortcut,
} from '@/server/domain/saved-replies';

const chip = (variable: string) => `{{${variable}}}`;
const EXAMPLE = '{{contact.first_name | there}}';

/**
 * The form's problems in the reader's language, from the same rules the server applies (server/domain/saved-replies.ts):
 * one sentence per field, naming the variable that is wrong.
 */
export function useSavedReplyProblems() {
  const t = useTranslations('savedReplies');
  const values = { max: SAVED_REPLY_SHORTCUT_MAX, variables: SAVED_REPLY_VARIABLES.map(chip).join(', '), example: EXAMPLE };
  return (shortcut: string, body: string): { shortcut: string | null; body: string | null } => {
    const shortcutIssue = ZSavedReplyShortcut.safeParse(shortcut).error?.issues[0]?.message ?? null;
    const [problem] = savedReplyProblems(body.trim());
    const bodyIssue = ZSavedReplyBody.safeParse(body).error?.issues[0]?.message ?? null;
    let bodyText: string | null = null;
    if (problem?.code === 'unknownVariable') bodyText = t('errors.unknownVariable', { ...values, chip: chip(problem.variable) });
    else if (problem?.code === 'malformedVariable') bodyText = t('errors.malformedVariable', { ...values, text: problem.text });
    else if (problem?.code === 'fallbackTooLong')
      bodyText = t('errors.fallbackTooLong', { ...values, chip: chip(problem.variable), max: SAVED_REPLY_FALLBACK_MAX });
    else if (bodyIssue) bodyText = t(`errors.${bodyIssue}` as never, { ...values, max: SAVED_REPLY_BODY_MAX } as never);
    return { shortcut: shortcutIssue ? t(`errors.${shortcutIssue}` as never, values as never) : null, body: bodyText };
  };
}
