import { encode } from 'next-auth/jwt';
import { env } from '@/server/env';

/** The Cookie header of a session for this user, signed as next-auth signs it (NEXTAUTH_SECRET must be published). */
export async function sessionCookieFor(userId: string, sessionVersion = 1): Promise<string> {
  const token = await encode({ token: { sub: userId, sv: sessionVersion }, secret: env().NEXTAUTH_SECRET! });
  return `next-auth.session-token=${token}`;
}
