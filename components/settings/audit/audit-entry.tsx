'use client';

import { useTranslations } from 'next-intl';
import type { ReactNode } from 'react';
import { useFormats } from '@/components/i18n/formats';
import type { TRouterOutputs } from '@/components/trpc/types';
import { AUDIT_REDACTED, auditChanges } from '@/server/domain/audit-log';

export type TAuditRow = TRouterOutputs['audit']['list']['items'][number];

/** Catalog keys are dotted paths: only a name made of plain words may be looked up as one. */
const KEY_LIKE = /^[A-Za-z0-9_]+(\.[A-Za-z0-9_]+)*$/;

/** Who did it, in words: their name, "System" for acts nobody did by hand. */
export function useActorText() {
  const t = useTranslations('auditLog');
  return (row: Pick<TAuditRow, 'actorId' | 'actorName'>) => (row.actorId === null ? t('system') : (row.actorName ?? t('formerMember')));
}

/**
 * An act's sentence from the catalogs' `audit.actions` (the act's own facts may fill its placeholders); an action
 * this build has no sentence for (recorded by a newer one) is shown by its raw name.
 */
export function useActionText() {
  const t = useTranslations('audit');
  const tl = useTranslations('auditLog');
  return (action: string, values: Record<string, string> = {}) =>
    KEY_LIKE.test(action) && t.has(`actions.${action}` as never)
      ? t(`actions.${action}` as never, values as never)
      : tl('unknownAction', { action });
}

/**
 * Each value in its own bidi isolate: "Riyadh → WhatsApp · Riyadh" in an Arabic line would otherwise run as one
 * left-to-right stretch, its arrow pointing back at the old value.
 */
const isolated = (chunks: ReactNode) => <bdi>{chunks}</bdi>;

/** One row of the log: when, who, what (translated), to what, and what changed. */
export function AuditEntry({ row, names }: { row: TAuditRow; names: Record<string, string> }) {
  const t = useTranslations('auditLog');
  const { dateTime } = useFormats();
  const actorText = useActorText();
  const actionText = useActionText();
  const who = actorText(row);
  const type = KEY_LIKE.test(row.subjectType) && t.has(`subjects.${row.subjectType}` as never) ? t(`subjects.${row.subjectType}` as never) : row.subjectType;
  const subject = row.subjectName ?? (row.subjectId && row.subjectType !== 'workspace' ? t('subjectGone', { type }) : type);
  const changes = auditChanges(row.data, names);
  const facts = Object.fromEntries(changes.flatMap((c) => ('value' in c.change ? [[c.field, c.change.value]] : [])));
  const field = (name: string) => (KEY_LIKE.test(name) && t.has(`fields.${name}` as never) ? t(`fields.${name}` as never) : name);
  const shown = (value: string) => (value === AUDIT_REDACTED ? t('secretChanged') : value);
  return (
    <tr data-audit-id={row.id} data-action={row.action} className="border-t border-slate-100 align-top">
      <td className="whitespace-nowrap py-2 pe-4 text-slate-600">
        <time dateTime={row.createdAt.toISOString()}>{dateTime(row.createdAt)}</time>
      </td>
      <td data-testid="audit-actor" className="py-2 pe-4">
        {who}
      </td>
      <td data-testid="audit-action" className="py-2 pe-4 font-medium">
        {actionText(row.action, { ...facts, actor: who, subject })}
      </td>
      <td data-testid="audit-subject" className="py-2 pe-4">
        {subject}
      </td>
      <td data-testid="audit-changes" className="py-2 text-slate-700">
        {changes.length > 0 && (
          <ul className="space-y-0.5">
            {changes.map((c) => (
              <li key={c.field} dir="auto">
                {'value' in c.change
                  ? t.rich('fact', { field: field(c.field), value: shown(c.change.value), v: isolated })
                  : t.rich('change', { field: field(c.field), before: shown(c.change.before), after: shown(c.change.after), v: isolated })}
              </li>
            ))}
          </ul>
        )}
      </td>
    </tr>
  );
}
