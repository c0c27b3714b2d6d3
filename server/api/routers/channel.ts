import {
  ZAddSimulatorChannelInput,
  ZChannelRef,
  ZConnectWhatsAppInput,
  ZDefaultTeamInput,
  ZRenameChannelInput,
  ZRotateTokenInput,
} from '@/server/domain/channel-settings';
import { connectWhatsApp } from '@/server/services/channels/connect';
import { listChannels } from '@/server/services/channels/list';
import {
  addSimulatorChannel,
  disconnectChannel,
  reconnectChannel,
  renameChannel,
  rotateToken,
  setDefaultTeam,
} from '@/server/services/channels/manage';
import { requirePermission, router } from '../trpc';

/** Settings → Channels (admins). No procedure here ever answers with a channel's secrets. */
const manage = requirePermission('channel.manage');

export const channelRouter = router({
  list: manage.query(({ ctx }) => listChannels(ctx.db, ctx.workspace)),
  connectWhatsApp: manage.input(ZConnectWhatsAppInput).mutation(({ ctx, input }) => connectWhatsApp(ctx.db, ctx.workspace, ctx.userId, input)),
  rename: manage.input(ZRenameChannelInput).mutation(({ ctx, input }) => renameChannel(ctx.db, ctx.workspace, ctx.userId, input)),
  rotateToken: manage.input(ZRotateTokenInput).mutation(({ ctx, input }) => rotateToken(ctx.db, ctx.workspace, ctx.userId, input)),
  disconnect: manage.input(ZChannelRef).mutation(({ ctx, input }) => disconnectChannel(ctx.db, ctx.workspace, ctx.userId, input.channelId)),
  reconnect: manage.input(ZChannelRef).mutation(({ ctx, input }) => reconnectChannel(ctx.db, ctx.workspace, ctx.userId, input.channelId)),
  setDefaultTeam: manage.input(ZDefaultTeamInput).mutation(({ ctx, input }) => setDefaultTeam(ctx.db, ctx.workspace, ctx.userId, input)),
  addSimulator: manage
    .input(ZAddSimulatorChannelInput)
    .mutation(({ ctx, input }) => addSimulatorChannel(ctx.db, ctx.workspace, ctx.userId, input)),
});
