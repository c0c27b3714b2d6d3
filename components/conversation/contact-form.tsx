'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { useErrorText } from '@/components/i18n/formats';
import { useTRPC } from '@/components/trpc/client';
import type { TRouterOutputs } from '@/components/trpc/types';
import {
  CONTACT_FIELD_VALUE_MAX,
  CONTACT_FIELDS_MAX,
  CONTACT_NOTES_MAX,
  fieldEntries,
  normaliseContactPhone,
  ZContactFields,
} from '@/server/domain/contact-edit';
import { LABEL_MAX } from '@/server/domain/limits';
import { EMAIL_MAX, PERSON_NAME_MAX } from '@/server/domain/names';
import { formatPhone } from '@/server/domain/phone';

type TContact = TRouterOutputs['conversation']['get']['contact'];
type TDraft = {
  firstName: string;
  lastName: string;
  email: string;
  phone: string;
  notes: string;
  fields: { key: string; value: string }[];
};

const INPUT = 'mt-0.5 w-full rounded-md border border-slate-300 bg-white px-2 py-1 text-sm focus:border-brand-500 focus:outline-none';

function draftOf(contact: TContact): TDraft {
  return {
    firstName: contact.firstName ?? '',
    lastName: contact.lastName ?? '',
    email: contact.email ?? '',
    phone: contact.phone ? formatPhone(contact.phone) : '',
    notes: contact.notes ?? '',
    fields: fieldEntries(contact.fields),
  };
}

/**
 * The contact's editable details, saved whole over the version they were read at. Another agent's save (heard live)
 * replaces the form while nothing is typed in it; with a draft under way the draft stays, and saving it is refused
 * as a conflict (the form then shows their version, to redo one's change on top of it).
 */
export function ContactForm({ conversationId, contact }: { conversationId: string; contact: TContact }) {
  const t = useTranslations('contact');
  const errorText = useErrorText();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const me = useQuery(trpc.me.get.queryOptions());
  const country = me.data?.workspace.defaultCountry ?? 'SA';
  const [base, setBase] = useState({ version: contact.version, draft: draftOf(contact) });
  const [draft, setDraft] = useState(base.draft);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const dirty = JSON.stringify(draft) !== JSON.stringify(base.draft);
  // A newer contact (someone's save, heard live, or ours): follow it unless the agent is typing over the old one.
  if (contact.version !== base.version && !dirty) {
    const next = draftOf(contact);
    setBase({ version: contact.version, draft: next });
    setDraft(next);
  }

  const save = useMutation(
    trpc.contact.update.mutationOptions({
      onSuccess: () => {
        setSaved(true);
        // The form stays at the version it was read at until the saved contact arrives (refetched just below):
        // then, nothing being typed, it shows what the server stored (the phone in its international form).
        setBase({ version: base.version, draft });
        void queryClient.invalidateQueries({ queryKey: trpc.conversation.get.queryKey({ id: conversationId }) });
      },
      onError: (error) => {
        const data = error.data as { appCode?: string; appDetail?: string; issues?: { path: string; message: string }[] } | undefined;
        if (data?.appDetail === 'contactPhoneInvalid') return setErrors({ phone: 'phoneInvalid' });
        if (data?.issues?.length) return setErrors(issuesByField(data.issues));
        setFailure(errorText(error));
        if (data?.appCode === 'CONFLICT') {
          // Their version replaces the draft: the agent sees what changed and makes their edit again.
          void queryClient.invalidateQueries({ queryKey: trpc.conversation.get.queryKey({ id: conversationId }) }).then(() => {
            const fresh = queryClient.getQueryData<TRouterOutputs['conversation']['get']>(
              trpc.conversation.get.queryKey({ id: conversationId }),
            );
            if (fresh) {
              setBase({ version: fresh.contact.version, draft: draftOf(fresh.contact) });
              setDraft(draftOf(fresh.contact));
            }
          });
        }
      },
    }),
  );

  const set = (patch: Partial<TDraft>) => {
    setDraft((d) => ({ ...d, ...patch }));
    setSaved(false);
  };
  const setField = (index: number, patch: Partial<TDraft['fields'][number]>) =>
    set({ fields: draft.fields.map((f, i) => (i === index ? { ...f, ...patch } : f)) });

  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    setFailure(null);
    // The same rules as the server, first here: the agent hears at once what to fix, in their language.
    const parsed = ZContactFields.safeParse(draft);
    const found: Record<string, string> = parsed.success
      ? {}
      : issuesByField(parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })));
    if (!found.phone && !normaliseContactPhone(draft.phone, country).ok) found.phone = 'phoneInvalid';
    setErrors(found);
    if (Object.keys(found).length === 0) save.mutate({ ...draft, conversationId, version: base.version });
  };

  const error = (field: string) =>
    errors[field] && (
      <p id={`contact-${field}-error`} className="mt-0.5 text-xs text-rose-700">
        {t.has(`errors.${errors[field]}` as never) ? t(`errors.${errors[field]}` as never) : errors[field]}
      </p>
    );
  const described = (field: string) => (errors[field] ? { 'aria-invalid': true, 'aria-describedby': `contact-${field}-error` } : {});

  return (
    <form onSubmit={submit} noValidate className="space-y-2">
      <div className="grid grid-cols-2 gap-2">
        <label className="block text-xs text-slate-600">
          {t('firstName')}
          <input
            value={draft.firstName}
            maxLength={PERSON_NAME_MAX}
            dir="auto"
            onChange={(e) => set({ firstName: e.target.value })}
            className={INPUT}
            {...described('firstName')}
          />
          {error('firstName')}
        </label>
        <label className="block text-xs text-slate-600">
          {t('lastName')}
          <input
            value={draft.lastName}
            maxLength={PERSON_NAME_MAX}
            dir="auto"
            onChange={(e) => set({ lastName: e.target.value })}
            className={INPUT}
            {...described('lastName')}
          />
          {error('lastName')}
        </label>
      </div>
      <label className="block text-xs text-slate-600">
        {t('email')}
        <input
          type="email"
          value={draft.email}
          maxLength={EMAIL_MAX}
          dir="ltr"
          onChange={(e) => set({ email: e.target.value })}
          className={INPUT}
          {...described('email')}
        />
        {error('email')}
      </label>
      <label className="block text-xs text-slate-600">
        {t('phone')}
        {/* Phone numbers read left to right with Latin digits in every language. */}
        <input
          type="tel"
          value={draft.phone}
          maxLength={40}
          dir="ltr"
          onChange={(e) => set({ phone: e.target.value })}
          className={`${INPUT} text-start`}
          {...described('phone')}
        />
        <span className="mt-0.5 block text-[11px] text-slate-600">{t('phoneHint', { country })}</span>
        {error('phone')}
      </label>
      <label className="block text-xs text-slate-600">
        {t('notes')}
        <textarea
          value={draft.notes}
          maxLength={CONTACT_NOTES_MAX}
          rows={3}
          dir="auto"
          onChange={(e) => set({ notes: e.target.value })}
          className={INPUT}
          {...described('notes')}
        />
        {error('notes')}
      </label>
      <fieldset className="space-y-1.5">
        <legend className="text-xs font-medium text-slate-700">{t('customFields')}</legend>
        {draft.fields.map((field, index) => (
          <div key={index} className="flex items-start gap-1">
            <input
              aria-label={t('fieldKey', { n: index + 1 })}
              value={field.key}
              maxLength={LABEL_MAX}
              dir="auto"
              onChange={(e) => setField(index, { key: e.target.value })}
              className={`${INPUT} w-2/5`}
            />
            <input
              aria-label={t('fieldValue', { n: index + 1 })}
              value={field.value}
              maxLength={CONTACT_FIELD_VALUE_MAX}
              dir="auto"
              onChange={(e) => setField(index, { value: e.target.value })}
              className={`${INPUT} min-w-0 flex-1`}
            />
            <button
              type="button"
              aria-label={t('removeField', { n: index + 1 })}
              onClick={() => set({ fields: draft.fields.filter((_, i) => i !== index) })}
              className="mt-0.5 rounded-md px-2 py-1 text-slate-600 hover:bg-slate-100"
            >
              <span aria-hidden="true">{'\u00d7'}</span>
            </button>
          </div>
        ))}
        {error('fields')}
        {draft.fields.length < CONTACT_FIELDS_MAX && (
          <button
            type="button"
            onClick={() => set({ fields: [...draft.fields, { key: '', value: '' }] })}
            className="rounded-md px-2 py-1 text-xs font-medium text-brand-700 hover:bg-slate-100"
          >
            {t('addField')}
          </button>
        )}
      </fieldset>
      <div className="flex items-center gap-3">
        <button
          type="submit"
          disabled={save.isPending || !dirty}
          className="rounded-md bg-brand-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-brand-700 disabled:opacity-60"
        >
          {save.isPending ? t('saving') : t('save')}
        </button>
        {saved && !dirty && (
          <p role="status" className="text-xs text-emerald-700">
            {t('saved')}
          </p>
        )}
      </div>
      {failure && (
        <p role="alert" className="text-xs text-rose-700">
          {failure}
        </p>
      )}
    </form>
  );
}

/** The first refusal of each form field (`fields.2.key` belongs to the custom fields). */
function issuesByField(issues: { path: string; message: string }[]): Record<string, string> {
  const found: Record<string, string> = {};
  for (const issue of issues) {
    const field = issue.path.split('.')[0] || 'form';
    found[field] ??= issue.message;
  }
  return found;
}
