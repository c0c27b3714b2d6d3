import { channelRouter } from './routers/channel';
import { auditRouter } from './routers/audit';
import { contactRouter } from './routers/contact';
import { conversationRouter } from './routers/conversation';
import { messageRouter } from './routers/message';
import { meRouter } from './routers/me';
import { numberRouter } from './routers/number';
import { pricingRouter } from './routers/pricing';
import { profileRouter } from './routers/profile';
import { simulatorRouter } from './routers/simulator';
import { templateRouter } from './routers/template';
import { teamRouter } from './routers/team';
import { workspaceSettingsRouter } from './routers/workspace-settings';
// Settings → Users, and the invite and reset-password pages (#15)
import { inviteRouter, passwordResetRouter } from './routers/invite';
import { userRouter } from './routers/user';
// Saved replies (#17)
import { savedReplyRouter } from './routers/saved-reply';
import { createCallerFactory, router } from './trpc';

export const appRouter = router({
  channel: channelRouter,
  audit: auditRouter,
  conversation: conversationRouter,
  // The contact panel (#17)
  contact: contactRouter,
  me: meRouter,
  message: messageRouter,
  number: numberRouter,
  pricing: pricingRouter,
  profile: profileRouter,
  simulator: simulatorRouter,
  template: templateRouter,
  team: teamRouter,
  workspaceSettings: workspaceSettingsRouter,
  // Settings → Users (#15)
  user: userRouter,
  invite: inviteRouter,
  passwordReset: passwordResetRouter,
  // Saved replies (#17)
  savedReply: savedReplyRouter,
});

export type AppRouter = typeof appRouter;
export const createCaller = createCallerFactory(appRouter);
