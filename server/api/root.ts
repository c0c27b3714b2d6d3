import { conversationRouter } from './routers/conversation';
import { messageRouter } from './routers/message';
import { meRouter } from './routers/me';
import { numberRouter } from './routers/number';
import { simulatorRouter } from './routers/simulator';
import { templateRouter } from './routers/template';
// Settings → Users, and the invite and reset-password pages (#15)
import { inviteRouter, passwordResetRouter } from './routers/invite';
import { userRouter } from './routers/user';
import { createCallerFactory, router } from './trpc';

export const appRouter = router({
  conversation: conversationRouter,
  me: meRouter,
  message: messageRouter,
  number: numberRouter,
  simulator: simulatorRouter,
  template: templateRouter,
  // Settings → Users (#15)
  user: userRouter,
  invite: inviteRouter,
  passwordReset: passwordResetRouter,
});

export type AppRouter = typeof appRouter;
export const createCaller = createCallerFactory(appRouter);
