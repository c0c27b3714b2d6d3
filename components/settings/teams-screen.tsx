'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { usePermissions } from '@/components/auth/use-permissions';
import { useErrorText } from '@/components/i18n/formats';
import { useTRPC } from '@/components/trpc/client';
import { TEAM_NAME_MAX, teamNameError } from '@/server/domain/teams';
import { TeamRow } from './team-row';

/** Settings → Teams: one row per team; admins create, rename, archive and change members, supervisors read. */
export function TeamsScreen() {
  const t = useTranslations('settingsTeams');
  const errorText = useErrorText();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { can } = usePermissions();
  const mayManage = can('team.manage');
  const teams = useQuery(trpc.team.list.queryOptions());
  const [name, setName] = useState('');
  const [nameError, setNameError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.team.list.queryKey() });
  const create = useMutation(
    trpc.team.create.mutationOptions({
      onSuccess: () => {
        setNotice(t('created', { name: name.trim() }));
        setName('');
        void refresh();
      },
    }),
  );

  return (
    <section aria-labelledby="teams-title" className="max-w-4xl">
      <h2 id="teams-title" className="text-xl font-semibold">
        {t('title')}
      </h2>
      <p className="mt-1 text-sm text-slate-600">{t('intro')}</p>
      {!mayManage && teams.isSuccess && <p className="mt-2 text-sm text-slate-500">{t('readOnly')}</p>}
      {mayManage && (
        <form
          noValidate
          className="mt-4 flex flex-wrap items-start gap-2"
          onSubmit={(e) => {
            e.preventDefault();
            setNotice(null);
            const error = teamNameError(name);
            setNameError(error);
            if (!error) create.mutate({ name });
          }}
        >
          <label className="flex flex-col text-sm">
            <span className="mb-1 font-medium">{t('teamName')}</span>
            <input
              value={name}
              maxLength={TEAM_NAME_MAX}
              onChange={(e) => setName(e.target.value)}
              aria-invalid={nameError ? true : undefined}
              aria-describedby={nameError || create.isError ? 'team-name-error' : undefined}
              dir="auto"
              className="w-64 rounded-md border border-slate-300 px-2 py-1.5"
            />
          </label>
          <button type="submit" disabled={create.isPending} className="mt-6 rounded-md bg-slate-900 px-3 py-1.5 text-sm text-white">
            {t('create')}
          </button>
          {(nameError || create.isError) && (
            <p id="team-name-error" role="alert" className="w-full text-sm text-rose-700">
              {nameError ? t(`errors.${nameError}` as never, { max: TEAM_NAME_MAX } as never) : errorText(create.error)}
            </p>
          )}
          {notice && (
            <p role="status" className="w-full text-sm text-emerald-700">
              {notice}
            </p>
          )}
        </form>
      )}
      {teams.isError && (
        <p role="alert" className="mt-4 text-sm text-rose-700">
          {errorText(teams.error)}
        </p>
      )}
      {teams.data?.teams.length === 0 && <p className="mt-4 text-sm text-slate-500">{t('empty')}</p>}
      {teams.data && teams.data.teams.length > 0 && (
        <table className="mt-6 w-full border-collapse text-sm">
          <thead>
            <tr className="border-b border-slate-200 text-start text-xs text-slate-500">
              <th scope="col" className="py-2 text-start font-medium">
                {t('name')}
              </th>
              <th scope="col" className="py-2 text-start font-medium">
                {t('membersColumn')}
              </th>
              <th scope="col" className="py-2 text-start font-medium">
                {t('status')}
              </th>
              <th scope="col" className="py-2 text-start font-medium">
                {t('actions')}
              </th>
            </tr>
          </thead>
          {teams.data.teams.map((team) => (
            <TeamRow key={team.id} team={team} people={teams.data.people} mayManage={mayManage} onChanged={refresh} />
          ))}
        </table>
      )}
    </section>
  );
}
