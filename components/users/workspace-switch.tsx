'use client';

import { useQuery } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { useTRPC } from '@/components/trpc/client';
import { setWorkspaceCookie } from './workspace-cookie';

/**
 * combobox "Workspace" in the sidebar's Account group, for someone in more than one. Switching writes the workspace
 * cookie every request reads, and reloads the inbox: a fresh socket in the new workspace's room, no cache of the old.
 */
export function WorkspaceSwitch() {
  const t = useTranslations('settingsUsers');
  const trpc = useTRPC();
  const me = useQuery(trpc.me.get.queryOptions());
  if (!me.data || me.data.memberships.length < 2) return null;
  return (
    <label className="block text-xs text-slate-500">
      <span>{t('workspace')}</span>
      <select
        value={me.data.workspace.id}
        onChange={(e) => {
          setWorkspaceCookie(e.target.value);
          window.location.assign('/inbox');
        }}
        className="mt-1 w-full rounded-md border border-slate-300 bg-white px-2 py-1"
      >
        {me.data.memberships.map((m) => (
          <option key={m.id} value={m.id}>
            {m.name}
          </option>
        ))}
      </select>
    </label>
  );
}
