import type { TDb } from '@/db/client';
import { fieldErrors, ZSetupInput, type TSetupResponse } from '@/server/domain/first-run';
import { ERROR_CODES, isAppError } from '@/server/errors';
import { logger } from '@/server/logger';
import { completeSetup } from './first-run';

const STATUS: Record<string, number> = {
  BAD_REQUEST: 400,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  TOO_MANY_REQUESTS: 429,
};
/** Far above any real form; a bigger body is refused before it is parsed. */
const MAX_BODY_CHARS = 16_384;

const answer = (body: TSetupResponse, status: number) =>
  Response.json(body, {
    status,
    headers: {
      'cache-control': 'no-store',
      ...(!body.ok && body.retryAfterSeconds ? { 'retry-after': String(body.retryAfterSeconds) } : {}),
    },
  });

/**
 * The first-run form's endpoint, whatever the client sends: malformed bodies and invalid fields get 400 with the
 * field messages (the form's own keys), refusals their code, and nothing a client sends produces a 500. JSON only,
 * so no other site's plain form can post here.
 */
export async function handleSetupRequest(db: TDb, request: Request, address: string): Promise<Response> {
  if (!(request.headers.get('content-type') ?? '').toLowerCase().startsWith('application/json')) {
    return answer({ ok: false, appCode: 'INVALID_INPUT' }, 415);
  }
  let body: unknown;
  try {
    const text = await request.text();
    if (text.length > MAX_BODY_CHARS) return answer({ ok: false, appCode: 'INVALID_INPUT' }, 413);
    body = JSON.parse(text);
  } catch {
    return answer({ ok: false, appCode: 'INVALID_INPUT' }, 400);
  }
  const parsed = ZSetupInput.safeParse(body);
  if (!parsed.success) return answer({ ok: false, appCode: 'INVALID_INPUT', fields: fieldErrors(parsed.error) }, 400);
  try {
    const result = await completeSetup(db, { form: parsed.data, address });
    logger.info({ workspaceId: result.workspace.id, userId: result.user.id }, 'first-run set-up done: workspace created');
    return answer({ ok: true, email: result.user.email }, 200);
  } catch (error) {
    if (isAppError(error)) {
      if (error.code !== 'SETUP_DONE') logger.info({ reason: error.code }, 'first-run set-up refused');
      const retryAfterSeconds = typeof error.details?.retryAfterSeconds === 'number' ? error.details.retryAfterSeconds : undefined;
      const status = STATUS[ERROR_CODES[error.code].http] ?? 400;
      return answer({ ok: false, appCode: error.code, ...(retryAfterSeconds ? { retryAfterSeconds } : {}) }, status);
    }
    logger.error({ err: error }, 'first-run set-up failed');
    return answer({ ok: false, appCode: 'UNKNOWN' }, 500);
  }
}
