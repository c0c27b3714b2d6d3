'use client';

import { useMutation } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { useErrorText } from '@/components/i18n/formats';
import { useTRPC } from '@/components/trpc/client';
import { TEAM_NAME_MAX, teamNameError } from '@/server/domain/teams';

type TTeam = { id: string; name: string; archivedAt: Date | null; members: { id: string; name: string }[] };
type TProps = { team: TTeam; people: { id: string; name: string }[]; mayManage: boolean; onChanged: () => unknown };

/** One team: its row (name, members, status, actions) and, when opened, its rename form and members panel. */
export function TeamRow({ team, people, mayManage, onChanged }: TProps) {
  const t = useTranslations('settingsTeams');
  const errorText = useErrorText();
  const trpc = useTRPC();
  const [renaming, setRenaming] = useState(false);
  const [name, setName] = useState(team.name);
  const [nameError, setNameError] = useState<string | null>(null);
  const [showMembers, setShowMembers] = useState(false);
  const [person, setPerson] = useState('');
  const [error, setError] = useState<string | null>(null);
  const options = {
    onSuccess: () => {
      setError(null);
      void onChanged();
    },
    onError: (e: { message: string; data?: unknown }) => setError(errorText(e)),
  };
  const rename = useMutation(trpc.team.rename.mutationOptions({ ...options, onSuccess: () => (setRenaming(false), options.onSuccess()) }));
  const archive = useMutation(trpc.team.archive.mutationOptions(options));
  const unarchive = useMutation(trpc.team.unarchive.mutationOptions(options));
  const add = useMutation(trpc.team.addMember.mutationOptions({ ...options, onSuccess: () => (setPerson(''), options.onSuccess()) }));
  const remove = useMutation(trpc.team.removeMember.mutationOptions(options));
  const archived = team.archivedAt !== null;
  const candidates = people.filter((p) => !team.members.some((m) => m.id === p.id));
  const membersId = `team-members-${team.id}`;
  const button = 'rounded-md border border-slate-300 px-2 py-1 hover:bg-slate-50 disabled:opacity-50';

  return (
    <tbody data-team-id={team.id} data-archived={archived ? 'true' : 'false'} className="border-b border-slate-100">
      <tr aria-label={team.name}>
        <td className="py-2 pe-3 align-top">
          {renaming ? (
            <form
              noValidate
              className="flex flex-wrap items-center gap-2"
              onSubmit={(e) => {
                e.preventDefault();
                const problem = teamNameError(name);
                setNameError(problem);
                if (!problem) rename.mutate({ teamId: team.id, name });
              }}
            >
              <label className="flex items-center gap-1">
                <span className="sr-only">{t('newName')}</span>
                <input
                  value={name}
                  maxLength={TEAM_NAME_MAX}
                  onChange={(e) => setName(e.target.value)}
                  aria-invalid={nameError ? true : undefined}
                  dir="auto"
                  className="w-48 rounded-md border border-slate-300 px-2 py-1"
                />
              </label>
              <button type="submit" disabled={rename.isPending} className={button}>
                {t('saveName')}
              </button>
              <button type="button" onClick={() => (setRenaming(false), setName(team.name), setNameError(null))} className={button}>
                {t('cancel')}
              </button>
              {nameError && (
                <span role="alert" className="w-full text-rose-700">
                  {t(`errors.${nameError}` as never, { max: TEAM_NAME_MAX } as never)}
                </span>
              )}
            </form>
          ) : (
            <span dir="auto" className="font-medium">
              {team.name}
            </span>
          )}
        </td>
        <td className="py-2 pe-3 align-top">{t('memberCount', { n: team.members.length })}</td>
        <td className="py-2 pe-3 align-top">{archived ? t('archived') : t('active')}</td>
        <td className="py-2 align-top">
          <div className="flex flex-wrap gap-2">
            <button
              type="button"
              aria-expanded={showMembers}
              aria-controls={membersId}
              onClick={() => setShowMembers((v) => !v)}
              className={button}
            >
              {t('members')}
            </button>
            {mayManage && !renaming && (
              <button type="button" onClick={() => setRenaming(true)} className={button}>
                {t('rename')}
              </button>
            )}
            {mayManage &&
              (archived ? (
                <button
                  type="button"
                  disabled={unarchive.isPending}
                  onClick={() => unarchive.mutate({ teamId: team.id })}
                  className={button}
                >
                  {t('unarchive')}
                </button>
              ) : (
                <button type="button" disabled={archive.isPending} onClick={() => archive.mutate({ teamId: team.id })} className={button}>
                  {t('archive')}
                </button>
              ))}
          </div>
        </td>
      </tr>
      {error && (
        <tr>
          <td colSpan={4} role="alert" className="pb-2 text-rose-700">
            {error}
          </td>
        </tr>
      )}
      {showMembers && (
        <tr>
          <td colSpan={4} className="pb-3">
            <section id={membersId} aria-label={t('membersOf', { team: team.name })} className="rounded-lg bg-slate-50 p-3">
              {team.members.length === 0 ? (
                <p className="text-slate-500">{t('noMembers')}</p>
              ) : (
                <ul className="flex flex-col gap-1">
                  {team.members.map((m) => (
                    <li key={m.id} data-user-id={m.id} className="flex items-center gap-2">
                      <span dir="auto">{m.name}</span>
                      {mayManage && (
                        <button
                          type="button"
                          aria-label={t('remove', { name: m.name })}
                          disabled={remove.isPending}
                          onClick={() => remove.mutate({ teamId: team.id, userId: m.id })}
                          className="text-xs text-rose-700 underline"
                        >
                          {t('remove', { name: m.name })}
                        </button>
                      )}
                    </li>
                  ))}
                </ul>
              )}
              {mayManage && candidates.length > 0 && (
                <form
                  className="mt-3 flex flex-wrap items-center gap-2"
                  onSubmit={(e) => {
                    e.preventDefault();
                    if (person) add.mutate({ teamId: team.id, userId: person });
                  }}
                >
                  <label htmlFor={`${membersId}-add`}>{t('addMember')}</label>
                  <select
                    id={`${membersId}-add`}
                    value={person}
                    onChange={(e) => setPerson(e.target.value)}
                    className="rounded-md border border-slate-300 bg-white px-2 py-1"
                  >
                    <option value="">{t('choosePerson')}</option>
                    {candidates.map((p) => (
                      <option key={p.id} value={p.id}>
                        {p.name}
                      </option>
                    ))}
                  </select>
                  <button type="submit" disabled={!person || add.isPending} className={button}>
                    {t('add')}
                  </button>
                </form>
              )}
            </section>
          </td>
        </tr>
      )}
    </tbody>
  );
}
