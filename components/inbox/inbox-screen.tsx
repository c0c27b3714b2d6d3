'use client';

import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { useSearchParams } from 'next/navigation';
import { signOut } from 'next-auth/react';
import { Suspense } from 'react';
import { ConnectionIndicator } from '@/components/realtime/connection-indicator';
import { useTRPC } from '@/components/trpc/client';
import { INBOX_VIEWS, type TInboxView } from '@/server/domain/inbox-views';
import { ConversationList } from './conversation-list';

const VIEW_LABELS: Record<TInboxView, string> = { mine: 'Mine', unassigned: 'Unassigned', all: 'All' };

function readView(value: string | null): TInboxView {
  return (INBOX_VIEWS as readonly string[]).includes(value ?? '') ? (value as TInboxView) : 'mine';
}

function Inbox() {
  const params = useSearchParams();
  const view = readView(params.get('view'));
  const status = params.get('status') === 'closed' ? 'closed' : 'open';
  const trpc = useTRPC();
  const me = useQuery(trpc.me.get.queryOptions());
  const counts = useQuery(trpc.conversation.counts.queryOptions());
  const href = (next: { view?: TInboxView; status?: 'open' | 'closed' }) =>
    `/inbox?view=${next.view ?? view}&status=${next.status ?? status}`;

  return (
    <div className="flex h-full">
      <aside className="flex w-56 shrink-0 flex-col border-e border-slate-200 bg-white">
        <div className="border-b border-slate-200 px-4 py-3">
          <div className="font-semibold text-brand-700">Nafidha</div>
          <div className="truncate text-xs text-slate-500">{me.data?.workspace.name}</div>
        </div>
        <nav aria-label="Views" className="flex-1 p-2">
          {INBOX_VIEWS.filter((v) => v !== 'all' || counts.data?.all !== null).map((v) => (
            <Link
              key={v}
              href={href({ view: v })}
              aria-current={v === view ? 'page' : undefined}
              className={`flex items-center justify-between rounded-lg px-3 py-2 text-sm ${v === view ? 'bg-brand-50 font-medium text-brand-700' : 'hover:bg-slate-50'}`}
            >
              <span>{VIEW_LABELS[v]}</span>
              <span className="text-xs text-slate-500">{counts.data?.[v] ?? ''}</span>
            </Link>
          ))}
        </nav>
        <div role="group" aria-label="Account" className="space-y-2 border-t border-slate-200 p-3 text-sm">
          <ConnectionIndicator />
          <div className="truncate text-slate-700">{me.data?.user.name}</div>
          <button type="button" onClick={() => void signOut({ callbackUrl: '/login' })} className="text-xs text-slate-500 underline">
            Sign out
          </button>
        </div>
      </aside>
      <section className="flex min-w-0 flex-1 flex-col">
        <header className="flex items-center gap-4 border-b border-slate-200 bg-white px-4 py-2">
          <h1 className="text-lg font-semibold">{VIEW_LABELS[view]}</h1>
          <div role="tablist" aria-label="Status" className="flex gap-1">
            {(['open', 'closed'] as const).map((s) => (
              <Link
                key={s}
                role="tab"
                aria-selected={s === status}
                href={href({ status: s })}
                className={`rounded-md px-3 py-1 text-sm ${s === status ? 'bg-slate-900 text-white' : 'text-slate-600 hover:bg-slate-100'}`}
              >
                {s === 'open' ? 'Open' : 'Closed'}
              </Link>
            ))}
          </div>
        </header>
        <ConversationList key={`${view}-${status}`} view={view} status={status} />
      </section>
    </div>
  );
}

export function InboxScreen() {
  return (
    <Suspense>
      <Inbox />
    </Suspense>
  );
}
