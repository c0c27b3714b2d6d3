'use client';

import { useQuery } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { useErrorText } from '@/components/i18n/formats';
import { useTRPC } from '@/components/trpc/client';
import { CreatedInvite, InvitePanel, type TCreatedInvite } from './invite-panel';
import { MembersTable } from './members-table';
import { PendingInvites } from './pending-invites';

/** Settings → Users: invite people, pending invites, and the members with their roles and state. */
export function UsersScreen() {
  const t = useTranslations('settingsUsers');
  const errorText = useErrorText();
  const trpc = useTRPC();
  const list = useQuery(trpc.user.list.queryOptions());
  const me = useQuery(trpc.me.get.queryOptions());
  const [created, setCreated] = useState<TCreatedInvite | null>(null);

  return (
    <div className="max-w-4xl">
      <h2 className="text-xl font-semibold">{t('title')}</h2>
      <p className="mt-1 text-sm text-slate-500">{t('intro')}</p>
      <div className="mt-4">
        <InvitePanel mail={list.data?.mail ?? false} onCreated={setCreated} />
        {created && <CreatedInvite invite={created} />}
      </div>
      {list.isError && (
        <p role="alert" className="mt-4 text-sm text-rose-700">
          {errorText(list.error)}
        </p>
      )}
      {list.data && (
        <>
          <section aria-labelledby="members-heading" className="mt-8">
            <h3 id="members-heading" className="text-base font-semibold">
              {t('members')}
            </h3>
            <MembersTable members={list.data.members} meId={me.data?.user.id} />
          </section>
          <PendingInvites invites={list.data.invites} onCreated={setCreated} />
        </>
      )}
    </div>
  );
}
