'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { useId, useState } from 'react';
import { useErrorText } from '@/components/i18n/formats';
import { useTRPC } from '@/components/trpc/client';
import { CopyValue } from '@/components/ui/copy-value';
import type { TRouterOutputs } from '@/components/trpc/types';
import { ZRenameChannelInput, ZRotateTokenInput } from '@/server/domain/channel-settings';
import { Field } from './field';

export type TChannelRow = TRouterOutputs['channel']['list']['channels'][number];
type TTeam = TRouterOutputs['channel']['list']['teams'][number];

/** One channel on Settings → Channels: what Meta's dashboard needs, its secrets masked, and what an admin can change. */
export function ChannelRow({ channel, teams, baseUrl, justConnected }: { channel: TChannelRow; teams: TTeam[]; baseUrl: string; justConnected: boolean }) {
  const t = useTranslations('settingsChannels');
  const types = useTranslations('channels');
  const errorText = useErrorText();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const teamId = useId();
  const [editing, setEditing] = useState<'rename' | 'rotate' | null>(null);
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.channel.list.queryKey() });
  const options = { onSuccess: async () => (await refresh(), setEditing(null)) };
  const disconnect = useMutation(trpc.channel.disconnect.mutationOptions(options));
  const reconnect = useMutation(trpc.channel.reconnect.mutationOptions(options));
  const defaultTeam = useMutation(trpc.channel.setDefaultTeam.mutationOptions({ onSuccess: refresh }));
  const failed = [disconnect, reconnect, defaultTeam].find((m) => m.isError);
  const wa = channel.whatsapp;
  const disconnected = channel.status === 'disconnected';

  return (
    <li
      data-channel-id={channel.id}
      data-channel-type={channel.type}
      data-channel-status={channel.status}
      aria-label={channel.name}
      className={`rounded-xl border bg-white p-4 shadow-sm ${justConnected ? 'border-emerald-400' : 'border-slate-200'}`}
    >
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div className="min-w-0">
          <h2 className="truncate font-semibold">{channel.name}</h2>
          <p className="text-sm text-slate-500">
            {types(channel.type)} · <span data-testid="channel-status">{t(`status.${channel.status}`)}</span>
            {wa?.displayPhone && (
              <>
                {' · '}
                <span dir="ltr">{wa.displayPhone}</span>
              </>
            )}
          </p>
          {channel.verifiedName && <p className="text-xs text-slate-500">{t('verifiedName', { name: channel.verifiedName })}</p>}
        </div>
        <div className="flex flex-wrap gap-2">
          <button type="button" onClick={() => setEditing(editing === 'rename' ? null : 'rename')} className="rounded border border-slate-300 px-2 py-0.5 text-xs hover:bg-slate-50">
            {t('rename')}
          </button>
          {wa && (!disconnected || !wa.secretsReadable) && (
            <button type="button" onClick={() => setEditing(editing === 'rotate' ? null : 'rotate')} className="rounded border border-slate-300 px-2 py-0.5 text-xs hover:bg-slate-50">
              {wa.secretsReadable ? t('rotateToken') : t('replaceSecrets')}
            </button>
          )}
          {disconnected ? (
            <button type="button" disabled={reconnect.isPending} onClick={() => reconnect.mutate({ channelId: channel.id })} className="rounded border border-slate-300 px-2 py-0.5 text-xs hover:bg-slate-50">
              {t('reconnect')}
            </button>
          ) : (
            <button
              type="button"
              disabled={disconnect.isPending}
              onClick={() => window.confirm(t('disconnectConfirm', { name: channel.name })) && disconnect.mutate({ channelId: channel.id })}
              className="rounded border border-rose-300 px-2 py-0.5 text-xs text-rose-700 hover:bg-rose-50"
            >
              {t('disconnect')}
            </button>
          )}
        </div>
      </div>
      {wa && !wa.secretsReadable && (
        // Sealed under another SECRETS_KEY: said in words, with the way out (both secrets replaced) one click away.
        <p role="status" data-testid="secrets-unreadable" className="mt-3 rounded-lg border border-amber-300 bg-amber-50 p-2 text-sm text-amber-900">
          {t('secretsUnreadable')}
        </p>
      )}
      {wa && (
        <div className="mt-3 grid gap-2">
          {wa.webhookPath && <CopyValue label={t('webhookUrl')} value={`${baseUrl}${wa.webhookPath}`} attribute="data-webhook-url" />}
          {wa.verifyToken && <CopyValue label={t('verifyToken')} value={wa.verifyToken} attribute="data-verify-token" />}
          <p className="text-xs text-slate-500">
            {t('accessTokenMasked')} <span dir="ltr" data-testid="token-hint">{wa.accessTokenHint ? `••••${wa.accessTokenHint}` : wa.secretsReadable ? t('set') : t('unreadable')}</span>
            {' · '}
            {t('appSecretMasked')} <span data-testid="secret-hint">{wa.appSecretSet ? t('set') : t('unreadable')}</span>
          </p>
        </div>
      )}
      <div className="mt-3 flex items-center gap-2 text-sm">
        <label htmlFor={teamId} className="text-xs text-slate-500">
          {t('defaultTeam')}
        </label>
        <select
          id={teamId}
          value={channel.defaultTeamId ?? ''}
          disabled={defaultTeam.isPending}
          onChange={(e) => defaultTeam.mutate({ channelId: channel.id, teamId: e.target.value || null, from: channel.defaultTeamId })}
          className="rounded border border-slate-300 px-2 py-0.5 text-sm"
        >
          <option value="">{t('noDefaultTeam')}</option>
          {teams.map((team) => (
            <option key={team.id} value={team.id}>
              {team.name}
            </option>
          ))}
        </select>
      </div>
      {failed && (
        <p role="alert" className="mt-2 text-sm text-rose-700">
          {errorText(failed.error)}
        </p>
      )}
      {editing === 'rename' && <RenameForm channel={channel} onDone={options.onSuccess} />}
      {editing === 'rotate' && <RotateForm channelId={channel.id} bothNeeded={!wa?.secretsReadable} onDone={options.onSuccess} />}
    </li>
  );
}

function RenameForm({ channel, onDone }: { channel: TChannelRow; onDone: () => void }) {
  const t = useTranslations('settingsChannels');
  const errorText = useErrorText();
  const trpc = useTRPC();
  const [name, setName] = useState(channel.name);
  const [invalid, setInvalid] = useState(false);
  const rename = useMutation(trpc.channel.rename.mutationOptions({ onSuccess: onDone }));
  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    const parsed = ZRenameChannelInput.safeParse({ channelId: channel.id, name, from: channel.name });
    setInvalid(!parsed.success);
    if (parsed.success) rename.mutate(parsed.data);
  };
  return (
    <form onSubmit={submit} noValidate className="mt-3 flex flex-wrap items-end gap-2">
      <Field label={t('channelName')} value={name} onChange={setName} error={invalid ? t('validation.name') : null} />
      <button type="submit" disabled={rename.isPending} className="rounded-lg bg-brand-600 px-3 py-1.5 text-sm text-white disabled:opacity-50">
        {t('save')}
      </button>
      {rename.isError && (
        <p role="alert" className="w-full text-sm text-rose-700">
          {errorText(rename.error)}
        </p>
      )}
    </form>
  );
}

/**
 * Replace-only: the current secrets are never shown, only new ones typed (and tried against Meta before saving).
 * `bothNeeded`: the stored secrets cannot be read, so the app secret is replaced too, not kept.
 */
function RotateForm({ channelId, bothNeeded, onDone }: { channelId: string; bothNeeded: boolean; onDone: () => void }) {
  const t = useTranslations('settingsChannels');
  const errorText = useErrorText();
  const trpc = useTRPC();
  const [accessToken, setAccessToken] = useState('');
  const [appSecret, setAppSecret] = useState('');
  const [invalid, setInvalid] = useState<'accessToken' | 'appSecret' | null>(null);
  const rotate = useMutation(trpc.channel.rotateToken.mutationOptions({ onSuccess: onDone }));
  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    const parsed = ZRotateTokenInput.safeParse({ channelId, accessToken, ...(appSecret || bothNeeded ? { appSecret } : {}) });
    setInvalid(parsed.success ? null : (parsed.error.issues[0]?.path[0] as 'accessToken' | 'appSecret'));
    if (parsed.success) rotate.mutate(parsed.data);
  };
  return (
    <form onSubmit={submit} noValidate className="mt-3 grid max-w-md gap-2">
      <Field label={t('newAccessToken')} value={accessToken} onChange={setAccessToken} error={invalid === 'accessToken' ? t('validation.accessToken') : null} />
      <Field label={bothNeeded ? t('newAppSecretRequired') : t('newAppSecret')} value={appSecret} onChange={setAppSecret} error={invalid === 'appSecret' ? t('validation.appSecret') : null} />
      {rotate.isError && (
        <p role="alert" className="text-sm text-rose-700">
          {errorText(rotate.error)}
        </p>
      )}
      <button type="submit" disabled={rotate.isPending} className="justify-self-start rounded-lg bg-brand-600 px-3 py-1.5 text-sm text-white disabled:opacity-50">
        {rotate.isPending ? t('testing') : t('saveToken')}
      </button>
    </form>
  );
}
