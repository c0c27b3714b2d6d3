'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { useErrorText } from '@/components/i18n/formats';
import { useTRPC } from '@/components/trpc/client';
import { settingsFieldErrors } from '@/server/domain/workspace-settings';
import { WorkspaceFields, type TSettingsDraft } from './workspace-fields';
import { SaveFooter } from './save-footer';

/**
 * Settings → Workspace: the whole form saved at once over the version it was read at. When another admin saved in
 * between, the server refuses with a conflict: the form keeps what this admin typed, says so, and offers to reload.
 */
/** Each field's control, by the id workspace-fields gives it. */
const FIELD_IDS: Record<string, string> = {
  name: 'ws-name',
  defaultCountry: 'ws-country',
  timeZone: 'ws-timezone',
  closingNote: 'ws-closing-note',
  closingCategories: 'ws-categories',
  autoCloseHours: 'ws-auto-close',
  closingAlertMinutes: 'ws-first-alert',
};

export function WorkspaceSettingsForm() {
  const errorText = useErrorText();
  const trpc = useTRPC();
  const settings = useQuery(trpc.workspaceSettings.get.queryOptions());
  // Bumped by "Reload settings": the editor starts again from the server's settings.
  const [loads, setLoads] = useState(0);
  if (settings.isError) {
    return (
      <p role="alert" className="text-sm text-rose-700">
        {errorText(settings.error)}
      </p>
    );
  }
  if (!settings.data) return null;
  return (
    <SettingsEditor
      key={loads}
      initial={settings.data}
      onReload={async () => {
        await settings.refetch();
        setLoads((n) => n + 1);
      }}
    />
  );
}

function SettingsEditor({ initial, onReload }: { initial: TSettingsDraft; onReload: () => Promise<void> }) {
  const t = useTranslations('settingsWorkspace');
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [draft, setDraft] = useState<TSettingsDraft>(initial);
  const [fieldErrors, setFieldErrors] = useState<Partial<Record<string, string>>>({});
  const [saved, setSaved] = useState(false);
  const [conflict, setConflict] = useState(false);

  const save = useMutation(
    trpc.workspaceSettings.update.mutationOptions({
      onSuccess: (next) => {
        setDraft(next);
        setSaved(true);
        // The settings feed the whole app (permissions, digits, time zone): refetch what this tab shows.
        void queryClient.invalidateQueries();
      },
      onError: (error) => {
        const data = error.data as { appCode?: string; issues?: { path: string; message: string }[] } | undefined;
        if (data?.appCode === 'CONFLICT') setConflict(true);
        if (data?.issues) setFieldErrors(Object.fromEntries(data.issues.map((i) => [i.path.split('.')[0]!, i.message])));
      },
    }),
  );

  return (
    <form
      noValidate
      aria-labelledby="workspace-title"
      className="max-w-2xl"
      onSubmit={(e) => {
        e.preventDefault();
        setSaved(false);
        const errors = settingsFieldErrors(draft);
        setFieldErrors(errors);
        if (Object.keys(errors).length === 0) save.mutate(draft);
        // The first field in error may be scrolled out of sight: take the reader to it.
        else document.getElementById(FIELD_IDS[Object.keys(errors)[0]!] ?? '')?.focus();
      }}
    >
      <h2 id="workspace-title" className="text-xl font-semibold">
        {t('title')}
      </h2>
      <p className="mt-1 text-sm text-slate-600">{t('intro')}</p>
      <WorkspaceFields
        draft={draft}
        errors={fieldErrors}
        onChange={(patch) => {
          setSaved(false);
          setDraft({ ...draft, ...patch });
        }}
      />
      <SaveFooter save={save} conflict={conflict} saved={saved} onReload={onReload} messages="settingsWorkspace" />
    </form>
  );
}
