'use client';

import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { signOut } from 'next-auth/react';
import { useTranslations } from 'next-intl';
import { Suspense, useRef, useState } from 'react';
import { usePermissions } from '@/components/auth/use-permissions';
import { ConversationPane } from '@/components/conversation/conversation-pane';
import { LanguageSwitch } from '@/components/i18n/language-switch';
import { ConnectionIndicator } from '@/components/realtime/connection-indicator';
import { useTRPC } from '@/components/trpc/client';
import { WorkspaceSwitch } from '@/components/users/workspace-switch';
import { ShortcutsDialog } from '@/components/keyboard/shortcuts-dialog';
import { isTypingTarget } from '@/components/keyboard/shortcuts';
import { useInboxShortcuts } from '@/components/keyboard/use-inbox-shortcuts';
import { ConversationList } from './conversation-list';
import { ListToolbar } from './list-toolbar';
import { useInboxState } from './use-inbox-state';
import { ViewsNav } from './views-nav';

const BRAND = 'Nafidha';

function Inbox() {
  const t = useTranslations();
  const trpc = useTRPC();
  const me = useQuery(trpc.me.get.queryOptions());
  const { can } = usePermissions();
  const { query, openId, openConversation } = useInboxState();
  const rows = useRef<string[]>([]);
  const [help, setHelp] = useState(false);
  useInboxShortcuts({
    next: () => step(1),
    previous: () => step(-1),
    back: () => {
      // From a text field Escape only leaves it; from the conversation it goes back to the list.
      if (isTypingTarget(document.activeElement)) (document.activeElement as HTMLElement).blur();
      else if (openId) openConversation(null);
      else return false;
      focusList();
    },
    help: () => setHelp(true),
  });
  /** Opens the conversation `delta` rows away from the open one (the first row when none is open). */
  function step(delta: number) {
    const ids = rows.current;
    const at = openId ? ids.indexOf(openId) : -1;
    const next = at === -1 ? ids[0] : ids[at + delta];
    if (!next) return false;
    openConversation(next);
  }

  return (
    <div className="flex h-full">
      {/* The first stop of Tab: straight to the list instead of through the whole sidebar. */}
      <a
        href="#conversations"
        onClick={(e) => {
          e.preventDefault();
          focusList();
        }}
        className="sr-only focus:not-sr-only focus:absolute focus:start-2 focus:top-2 focus:z-50 focus:rounded-md focus:bg-white focus:px-3 focus:py-2 focus:text-sm focus:shadow"
      >
        {t('shortcuts.skipToList')}
      </a>
      {help && <ShortcutsDialog onClose={() => setHelp(false)} />}
      <aside className="flex w-52 shrink-0 flex-col border-e border-slate-200 bg-white">
        <div className="border-b border-slate-200 px-4 py-3">
          <div className="font-semibold text-brand-700">{BRAND}</div>
          <div className="truncate text-xs text-slate-500">{me.data?.workspace.name}</div>
        </div>
        <ViewsNav />
        {can('number.manage') && (
          <Link href="/admin/numbers" className="mx-2 mb-2 rounded-lg px-3 py-2 text-sm text-slate-700 hover:bg-slate-50">
            {t('numbers.nav')}
          </Link>
        )}
        {can('settings.view') && (
          <Link href="/settings" className="mx-2 mb-2 rounded-lg px-3 py-2 text-sm text-slate-700 hover:bg-slate-50">
            {t('settings.title')}
          </Link>
        )}
        {can('simulator.use') && me.data?.features.simulator && (
          <Link href="/admin/simulator" className="mx-2 mb-2 rounded-lg px-3 py-2 text-sm text-slate-700 hover:bg-slate-50">
            {t('simulator.nav')}
          </Link>
        )}
        <div role="group" aria-label={t('account.group')} className="space-y-2 border-t border-slate-200 p-3 text-sm">
          <ConnectionIndicator />
          <div className="truncate text-slate-700">{me.data?.user.name}</div>
          <Link href="/profile" className="block text-xs text-brand-700 underline">
            {t('profile.nav')}
          </Link>
          <button type="button" onClick={() => void signOut({ callbackUrl: '/login' })} className="text-xs text-slate-500 underline">
            {t('auth.signOut')}
          </button>
          <LanguageSwitch />
          <WorkspaceSwitch />
        </div>
      </aside>
      <section
        id="conversations"
        aria-label={t('inbox.region')}
        className="flex w-[26rem] shrink-0 flex-col border-e border-slate-200 bg-white"
      >
        <ListToolbar />
        <ConversationList key={JSON.stringify(query)} rowsRef={rows} />
      </section>
      {openId ? (
        <ConversationPane
          key={openId}
          conversationId={openId}
          me={me.data ? { id: me.data.user.id } : undefined}
          onOpen={openConversation}
        />
      ) : (
        <div className="flex flex-1 items-center justify-center text-sm text-slate-500">{t('inbox.choose')}</div>
      )}
    </div>
  );
}

/** Focus on the list's current row (the open conversation's, or the first). */
function focusList() {
  const row =
    document.querySelector<HTMLElement>('[data-conversation-id][aria-current="true"]') ??
    document.querySelector<HTMLElement>('[data-conversation-id][tabindex="0"]') ??
    document.querySelector<HTMLElement>('[data-conversation-id]');
  row?.focus();
}

export function InboxScreen() {
  return (
    <Suspense>
      <Inbox />
    </Suspense>
  );
}
