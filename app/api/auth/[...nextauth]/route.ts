import NextAuth from 'next-auth';
import { refuseHostileCallback } from '@/server/auth/callback-guard';
import { authOptions } from '@/server/auth/options';
import { throttledAsTooManyRequests } from '@/server/auth/throttled-response';

export const dynamic = 'force-dynamic';

const handler = NextAuth(authOptions());

type TRouteContext = { params: Promise<{ nextauth: string[] }> };

async function GET(request: Request, context: TRouteContext): Promise<Response> {
  return refuseHostileCallback(request) ?? (handler(request, context) as Promise<Response>);
}

async function POST(request: Request, context: TRouteContext): Promise<Response> {
  const refused = refuseHostileCallback(request);
  if (refused) return refused;
  const response = (await handler(request, context)) as Response;
  const [action, provider] = (await context.params).nextauth ?? [];
  return action === 'callback' && provider === 'credentials' ? throttledAsTooManyRequests(response) : response;
}

export { GET, POST };
