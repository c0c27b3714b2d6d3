import type { NextAuthOptions } from 'next-auth';
import CredentialsProvider from 'next-auth/providers/credentials';
import { db } from '@/db/client';
import { sameOriginCallbackUrl } from '@/server/domain/callback-url';
import { env } from '@/server/env';
import { logger } from '@/server/logger';
import { verifyCredentials } from '@/server/services/auth';

export const SESSION_MAX_AGE_SECONDS = 30 * 24 * 60 * 60;

export function authOptions(): NextAuthOptions {
  return {
    secret: env().NEXTAUTH_SECRET,
    session: { strategy: 'jwt', maxAge: SESSION_MAX_AGE_SECONDS },
    pages: { signIn: '/login' },
    providers: [
      CredentialsProvider({
        name: 'Email',
        credentials: { email: { type: 'email' }, password: { type: 'password' } },
        async authorize(credentials) {
          const result = await verifyCredentials(db(), { email: credentials?.email ?? '', password: credentials?.password ?? '' });
          if (!result.ok) {
            logger.info({ reason: result.error }, 'sign-in refused');
            // next-auth passes the thrown message to the client as `error`: the code the form translates.
            throw new Error(result.error);
          }
          return result.user;
        },
      }),
    ],
    callbacks: {
      // next-auth's own check throws on a callbackUrl that is not a URL ("inbox"), a 500 for the client's input.
      redirect({ url, baseUrl }) {
        return sameOriginCallbackUrl(url, baseUrl) ?? baseUrl;
      },
      jwt({ token, user }) {
        if (user) token.sub = user.id;
        return token;
      },
      session({ session, token }) {
        if (session.user && token.sub) session.user.id = token.sub;
        return session;
      },
    },
    logger: {
      error: (code, metadata) => logger.error({ code, metadata }, 'next-auth error'),
      warn: (code) => logger.warn({ code }, 'next-auth warning'),
      debug: () => {},
    },
  };
}
