import { db } from '@/db/client';
import { CLIENT_ADDRESS_HEADER } from '@/server/auth/request-address';
import { handleSetupRequest } from '@/server/services/workspaces/setup-request';

export const dynamic = 'force-dynamic';

/** The first-run form (/setup) posts here; gone (409 SETUP_DONE) once any user exists. */
export async function POST(request: Request): Promise<Response> {
  return handleSetupRequest(db(), request, request.headers.get(CLIENT_ADDRESS_HEADER) || 'unknown');
}
