'use client';

import { useQueryClient } from '@tanstack/react-query';
import { createContext, useContext, useEffect, useState, type ReactNode } from 'react';
import { io, type Socket } from 'socket.io-client';
import { useTRPC } from '@/components/trpc/client';
import type { TClientToServerEvents, TServerToClientEvents } from '@/server/realtime/events';

export type TConnectionState = 'connecting' | 'connected' | 'disconnected';

const ConnectionContext = createContext<TConnectionState>('connecting');

export function useConnectionState(): TConnectionState {
  return useContext(ConnectionContext);
}

/**
 * One socket per tab. Events are hints: they invalidate exactly the queries they touch. After a reconnect
 * everything on screen is refetched, because events sent while offline were missed.
 */
export function RealtimeProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<TConnectionState>('connecting');
  const queryClient = useQueryClient();
  const trpc = useTRPC();

  useEffect(() => {
    const socket: Socket<TServerToClientEvents, TClientToServerEvents> = io({ path: '/socket.io', withCredentials: true });
    let connectedBefore = false;
    socket.on('ready', () => {
      setState('connected');
      if (connectedBefore) void queryClient.invalidateQueries();
      connectedBefore = true;
    });
    socket.on('disconnect', () => setState('disconnected'));
    socket.on('connect_error', () => setState('disconnected'));
    socket.on('event', (event) => {
      if (event.type === 'conversation.changed' || event.type === 'message.created') {
        void queryClient.invalidateQueries({ queryKey: trpc.conversation.list.pathKey() });
        void queryClient.invalidateQueries({ queryKey: trpc.conversation.counts.queryKey() });
      }
    });
    return () => {
      socket.disconnect();
    };
  }, [queryClient, trpc]);

  return <ConnectionContext.Provider value={state}>{children}</ConnectionContext.Provider>;
}
