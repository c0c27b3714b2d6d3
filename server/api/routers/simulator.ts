import { simulatorEnabled } from '@/server/env';
import { AppError } from '@/server/errors';
import { ZSimulateInboundInput } from '@/server/services/simulator/schemas';
import { simulateInbound, simulatorChannels } from '@/server/services/simulator/simulate';
import { requirePermission, router } from '../trpc';

const simulatorProcedure = requirePermission('simulator.use').use(({ next }) => {
  if (!simulatorEnabled()) throw new AppError('FORBIDDEN', 'simulatorOff');
  return next();
});

export const simulatorRouter = router({
  channels: simulatorProcedure.query(({ ctx }) => simulatorChannels(ctx.db, ctx.workspace)),
  inbound: simulatorProcedure.input(ZSimulateInboundInput).mutation(({ ctx, input }) => simulateInbound(ctx.db, ctx.workspace, input)),
});
