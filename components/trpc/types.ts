import type { inferRouterOutputs } from '@trpc/server';
import type { AppRouter } from '@/server/api/root';

export type TRouterOutputs = inferRouterOutputs<AppRouter>;
export type TListPage = TRouterOutputs['conversation']['list'];
export type TListRow = TListPage['items'][number];
export type TMessage = TRouterOutputs['message']['list']['items'][number];
