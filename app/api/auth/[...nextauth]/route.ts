import NextAuth from 'next-auth';
import type { NextRequest } from 'next/server';
import { authOptions } from '@/server/auth/options';
import { throttledAsTooManyRequests } from '@/server/auth/throttled-response';

export const dynamic = 'force-dynamic';

const handler = NextAuth(authOptions());

type TRouteContext = { params: Promise<{ nextauth: string[] }> };

async function POST(req: NextRequest, context: TRouteContext): Promise<Response> {
  const response = (await handler(req, context)) as Response;
  const [action, provider] = (await context.params).nextauth ?? [];
  return action === 'callback' && provider === 'credentials' ? throttledAsTooManyRequests(response) : response;
}

export { handler as GET, POST };
