import { initTRPC, TRPCError } from '@trpc/server';
import { ZodError } from 'zod';
import type { TDb } from '@/db/client';
import { retryAfterOf } from '@/server/domain/retry-after';
import { hasMalformedText } from '@/server/domain/well-formed-text';
import { AppError, ERROR_CODES, errorMessage, isAppError, type TErrorCode, type TErrorDetail } from '@/server/errors';
import { logger } from '@/server/logger';
import { answerTransformer } from './wire';
import { resolveActor } from '@/server/auth/request-actor';
import { can, type TActorAction } from '@/server/domain/permissions';
import { isSessionCurrent, type TSessionClaim } from '@/server/services/workspaces/sessions';

export type TContext = {
  db: TDb;
  /** What the session cookie claims; whether its version is still current is checked by the layers below. */
  session: TSessionClaim | null;
  /** Workspace the client asked to act in (cookie); membership is checked by workspaceProcedure. */
  requestedWorkspaceId: string | null;
  /**
   * One HTTP request's memo: a batch (the inbox asks for its list and its counts together) resolves its actor once,
   * not once per procedure. Only the HTTP context has one; it lives as long as the request.
   */
  perRequest?: { actor?: ReturnType<typeof resolveActor> };
};

const t = initTRPC.context<TContext>().create({
  // superjson both ways on the wire; answers are written by a faster writer of the same format (./wire.ts).
  transformer: answerTransformer,
  errorFormatter({ shape, error }) {
    const cause = error.cause;
    let appCode: TErrorCode | undefined;
    let appDetail: TErrorDetail | undefined;
    let issues: { path: string; message: string }[] | undefined;
    // A throttle's wait, so the form can say "try again in N minutes" rather than "a few".
    let retryAfterSeconds: number | undefined;
    if (isAppError(cause)) {
      appCode = cause.code;
      appDetail = cause.detail;
      retryAfterSeconds = retryAfterOf(cause.details);
    } else if (cause instanceof ZodError) {
      appCode = 'INVALID_INPUT';
      issues = cause.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message }));
    } else if (error.code === 'UNAUTHORIZED') appCode = 'UNAUTHENTICATED';
    return {
      ...shape,
      message: appCode ? (appCode === 'INVALID_INPUT' ? errorMessage('INVALID_INPUT') : error.message) : shape.message,
      data: { ...shape.data, stack: undefined, appCode, appDetail, issues, ...(retryAfterSeconds ? { retryAfterSeconds } : {}) },
    };
  },
});

/** Maps AppError to the matching tRPC error and keeps unexpected failures out of client-visible messages. */
const errorBoundary = t.middleware(async ({ next, path }) => {
  const result = await next();
  if (!result.ok) {
    const cause = result.error.cause;
    if (isAppError(cause)) {
      result.error = new TRPCError({ code: ERROR_CODES[cause.code].http, message: cause.message, cause });
    } else if (result.error.code === 'INTERNAL_SERVER_ERROR') {
      logger.error({ err: cause ?? result.error, path }, 'unexpected error in procedure');
      result.error = new TRPCError({ code: 'INTERNAL_SERVER_ERROR', message: 'Something went wrong on our side.' });
    }
  }
  return result;
});

/**
 * Our users' text must be stored as they typed it, and PostgreSQL cannot store a NUL nor (in jsonb) a lone surrogate
 * (a text column would silently turn it into U+FFFD): such input is refused at the door, for every procedure, with
 * its own translated error. The rule, and why providers' text is repaired instead: server/domain/well-formed-text.
 */
const rejectMalformedText = t.middleware(async ({ getRawInput, next }) => {
  if (hasMalformedText(await getRawInput())) throw new AppError('MALFORMED_TEXT');
  return next();
});

export const router = t.router;
export const createCallerFactory = t.createCallerFactory;
export const publicProcedure = t.procedure.use(errorBoundary).use(rejectMalformedText);

const signedInProcedure = publicProcedure.use(({ ctx, next }) => {
  if (!ctx.session) throw new AppError('UNAUTHENTICATED');
  return next({ ctx: { ...ctx, session: ctx.session, userId: ctx.session.userId } });
});

/** A signed-in user whose session has not been revoked (sign-out, revokeSessions). */
export const protectedProcedure = signedInProcedure.use(async ({ ctx, next }) => {
  if (!(await isSessionCurrent(ctx.db, ctx.session))) throw new AppError('UNAUTHENTICATED');
  return next();
});

/**
 * Also a member of the workspace they act in (the session is checked in the same query as the membership):
 * `ctx.actor` is who acts where, for `can`; `ctx.workspace` and `ctx.userId` are its parts, as services take them.
 */
export const workspaceProcedure = signedInProcedure.use(async ({ ctx, next }) => {
  const resolve = () => resolveActor(ctx.db, ctx.session, ctx.requestedWorkspaceId);
  const resolved = await (ctx.perRequest ? (ctx.perRequest.actor ??= resolve()) : resolve());
  if (resolved.status === 'revoked') throw new AppError('UNAUTHENTICATED');
  if (resolved.status !== 'ok') throw new AppError('NO_WORKSPACE');
  return next({ ctx: { ...ctx, actor: resolved.actor, workspace: resolved.actor.workspace } });
});

/** For actions whose rule depends on the actor alone; subject-dependent rules are asked by the service, which has the row. */
export function requirePermission(action: TActorAction) {
  return workspaceProcedure.use(({ ctx, next }) => {
    if (!can(ctx.actor, action)) throw new AppError('FORBIDDEN');
    return next();
  });
}
