import { auditRouter } from './routers/audit';
import { conversationRouter } from './routers/conversation';
import { messageRouter } from './routers/message';
import { meRouter } from './routers/me';
import { numberRouter } from './routers/number';
import { simulatorRouter } from './routers/simulator';
import { templateRouter } from './routers/template';
import { createCallerFactory, router } from './trpc';

export const appRouter = router({
  audit: auditRouter,
  conversation: conversationRouter,
  me: meRouter,
  message: messageRouter,
  number: numberRouter,
  simulator: simulatorRouter,
  template: templateRouter,
});

export type AppRouter = typeof appRouter;
export const createCaller = createCallerFactory(appRouter);
