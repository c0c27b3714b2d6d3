import NextAuth from 'next-auth';
import { refuseHostileCallback } from '@/server/auth/callback-guard';
import { authOptions } from '@/server/auth/options';

export const dynamic = 'force-dynamic';

const handler = NextAuth(authOptions());

async function guarded(request: Request, context: { params: Promise<{ nextauth: string[] }> }): Promise<Response> {
  return refuseHostileCallback(request) ?? handler(request, context);
}

export { guarded as GET, guarded as POST };
