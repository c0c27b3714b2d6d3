'use client';

import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { useTRPC } from '@/components/trpc/client';
import { can, type TAction, type TPermissionActor, type TSubjectArgs } from '@/server/domain/permissions';

/**
 * The signed-in user's permissions in the workspace they act in, from the `me` query every screen loads anyway:
 * the same `can` the server enforces, so the interface offers exactly what the server will accept. Until `me` has
 * loaded, nothing is allowed (a control appears a moment later rather than one the server would refuse).
 */
export function usePermissions() {
  const trpc = useTRPC();
  const me = useQuery(trpc.me.get.queryOptions());
  const userId = me.data?.user.id;
  const role = me.data?.workspace.role;
  const agentsSeeAll = me.data?.workspace.agentsSeeAll;
  return useMemo(() => {
    const actor: TPermissionActor | null =
      userId && role && agentsSeeAll !== undefined ? { userId, role, agentsSeeAll } : null;
    return {
      /** Who the rules are asked for; null while loading. */
      actor,
      can: <A extends TAction>(action: A, ...subject: TSubjectArgs<A>) => (actor ? can(actor, action, ...subject) : false),
    };
  }, [userId, role, agentsSeeAll]);
}
