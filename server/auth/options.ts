import type { NextAuthOptions } from 'next-auth';
import CredentialsProvider from 'next-auth/providers/credentials';
import { db } from '@/db/client';
import { sameOriginCallbackUrl } from '@/server/domain/callback-url';
import { throttledSignInMessage } from '@/server/domain/credentials';
import { env } from '@/server/env';
import { scrubLogFields } from '@/server/log-url';
import { logger } from '@/server/logger';
import { attemptSignIn } from '@/server/services/workspaces/auth';
import { isSessionCurrent, revokeSessions } from '@/server/services/workspaces/sessions';
import { CLIENT_ADDRESS_HEADER } from './request-address';
import { claimOf, sessionMaxAgeSeconds, type TSessionToken } from './session';
import { createSignInThrottle, type TSignInThrottle } from './sign-in-throttle';

/** Thrown by the jwt callback for a revoked session: next-auth then clears the cookie and reports no session. */
const SESSION_REVOKED = 'SESSION_REVOKED';

let throttle: TSignInThrottle | undefined;

export function authOptions(): NextAuthOptions {
  return {
    secret: env().NEXTAUTH_SECRET,
    session: { strategy: 'jwt', maxAge: sessionMaxAgeSeconds() },
    pages: { signIn: '/login' },
    providers: [
      CredentialsProvider({
        name: 'Email',
        credentials: { email: { type: 'email' }, password: { type: 'password' } },
        async authorize(credentials, req) {
          const header = req.headers?.[CLIENT_ADDRESS_HEADER];
          throttle ??= createSignInThrottle(db());
          const result = await attemptSignIn(db(), throttle, {
            credentials: { email: credentials?.email ?? '', password: credentials?.password ?? '' },
            address: typeof header === 'string' && header ? header : 'unknown',
          });
          if (!result.ok) {
            logger.info({ reason: result.error }, 'sign-in refused');
            // next-auth passes the thrown message to the client as `error`: the code the form translates.
            throw new Error(result.error === 'TOO_MANY_ATTEMPTS' ? throttledSignInMessage(result.retryAfterSeconds ?? 60) : result.error);
          }
          return { id: result.user.id, email: result.user.email, name: result.user.name, sessionVersion: result.user.sessionVersion };
        },
      }),
    ],
    callbacks: {
      // next-auth's own check throws on a callbackUrl that is not a URL ("inbox"), a 500 for the client's input.
      redirect({ url, baseUrl }) {
        return sameOriginCallbackUrl(url, baseUrl) ?? baseUrl;
      },
      async jwt({ token, user }) {
        if (user) {
          token.sub = user.id;
          token.sv = (user as { sessionVersion?: number }).sessionVersion;
          return token;
        }
        // Every later read of the session (pages, /api/auth/session) checks that it has not been revoked since.
        const claim = claimOf(token as TSessionToken);
        if (!claim || !(await isSessionCurrent(db(), claim))) throw new Error(SESSION_REVOKED);
        return token;
      },
      session({ session, token }) {
        if (session.user && token.sub) session.user.id = token.sub;
        return session;
      },
    },
    events: {
      // Signing out ends the session on the server too (every device of the user), not only in this browser.
      async signOut({ token }) {
        const claim = claimOf(token as TSessionToken);
        if (claim) await revokeSessions(db(), claim.userId);
      },
    },
    logger: {
      error: (code, metadata) => {
        if (code === 'JWT_SESSION_ERROR' && (metadata as { message?: string } | undefined)?.message === SESSION_REVOKED) {
          logger.info('revoked session refused');
          return;
        }
        // The metadata can hold a URL (the browser's own reports come in through /api/auth/_log with its page's).
        logger.error({ code, metadata: scrubLogFields(metadata) }, 'next-auth error');
      },
      warn: (code) => logger.warn({ code: scrubLogFields(code) }, 'next-auth warning'),
      debug: () => {},
    },
  };
}
