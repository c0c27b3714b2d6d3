'use client';

import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { signOut } from 'next-auth/react';
import { useTranslations } from 'next-intl';
import { Suspense, useEffect, useRef, useState } from 'react';
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
  const [menu, setMenu] = useState(false);
  const menuButton = useRef<HTMLButtonElement>(null);
  const closeButton = useRef<HTMLButtonElement>(null);
  const closeMenu = () => {
    setMenu(false);
    menuButton.current?.focus();
  };
  const queryKey = JSON.stringify(query);
  // Choosing a view (or anything that changes the list) closes the drawer: the list is what was asked for.
  const [menuQuery, setMenuQuery] = useState(queryKey);
  if (menuQuery !== queryKey) {
    setMenuQuery(queryKey);
    setMenu(false);
  }
  useEffect(() => {
    if (menu) closeButton.current?.focus();
  }, [menu]);
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
      {menu && <div aria-hidden="true" onClick={() => setMenu(false)} className="fixed inset-0 z-30 bg-slate-900/30 xl:hidden" />}
      {/* Below 1280 px the sidebar is a drawer from the start side (the right in Arabic), opened by "Menu". */}
      <aside
        id="inbox-menu"
        role={menu ? 'dialog' : undefined}
        aria-modal={menu ? true : undefined}
        aria-label={menu ? t('layout.menu') : undefined}
        onKeyDown={(event) => {
          if (menu && event.key === 'Escape') {
            event.stopPropagation();
            closeMenu();
          }
        }}
        className={`${menu ? 'fixed inset-y-0 start-0 z-40 flex w-72 max-w-[85vw] shadow-xl' : 'hidden'} shrink-0 flex-col overflow-y-auto border-e border-slate-200 bg-white xl:static xl:z-auto xl:flex xl:w-52 xl:shadow-none`}
      >
        <div className="flex items-start justify-between gap-2 border-b border-slate-200 px-4 py-3">
          <div className="min-w-0">
            <div className="font-semibold text-brand-700">{BRAND}</div>
            <div className="truncate text-xs text-slate-500">{me.data?.workspace.name}</div>
          </div>
          {menu && (
            <button
              ref={closeButton}
              type="button"
              onClick={closeMenu}
              aria-label={t('layout.closeMenu')}
              className="-me-2 -mt-2 rounded-lg px-2 text-lg text-slate-600 hover:bg-slate-100 xl:hidden"
            >
              <span aria-hidden="true">{'\u00d7'}</span>
            </button>
          )}
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
      {/* One pane at a time below 768 px (the list, or the open conversation), two up to 1280 px, then the sidebar too. */}
      <main className="flex min-w-0 flex-1">
        <h1 className="sr-only">{t('inbox.region')}</h1>
        <section
          id="conversations"
          aria-label={t('inbox.region')}
          className={`${openId ? 'hidden md:flex' : 'flex'} w-full min-w-0 shrink-0 flex-col border-e border-slate-200 bg-white md:w-80 xl:w-[26rem]`}
        >
          <div className="flex items-center gap-2 border-b border-slate-200 px-3 py-1 xl:hidden">
            <button
              ref={menuButton}
              type="button"
              aria-expanded={menu}
              aria-controls="inbox-menu"
              onClick={() => setMenu(true)}
              className="flex items-center gap-2 rounded-lg px-2 py-1 text-sm font-medium text-slate-700 hover:bg-slate-100"
            >
              <span aria-hidden="true" className="text-lg leading-none">
                {'\u2630'}
              </span>
              {t('layout.menu')}
            </button>
            <span className="truncate text-sm font-semibold text-brand-700">{BRAND}</span>
          </div>
          <ListToolbar />
          <ConversationList key={queryKey} rowsRef={rows} />
        </section>
        {openId ? (
          <ConversationPane
            key={openId}
            conversationId={openId}
            me={me.data ? { id: me.data.user.id } : undefined}
            onOpen={openConversation}
            onBack={() => {
              openConversation(null);
              requestAnimationFrame(focusList);
            }}
          />
        ) : (
          <div className="hidden flex-1 items-center justify-center text-sm text-slate-500 md:flex">{t('inbox.choose')}</div>
        )}
      </main>
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
