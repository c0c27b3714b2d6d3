import type en from '@/server/i18n/catalogs/en.json';
import { englishError } from '@/server/i18n/english';

/**
 * Every failure a client can cause has a code. Services throw AppError(code) or AppError(code, detail); the tRPC
 * error formatter turns it into the matching HTTP status, and sends the code (and the detail's key) to the browser,
 * which says it from its catalog (`errors.<CODE>`, `errorDetails.<detail>`). The English message (logs, API
 * clients) is rendered from the en catalog: the sentences exist once, in the catalogs.
 */
export const ERROR_CODES = {
  UNAUTHENTICATED: { http: 'UNAUTHORIZED' },
  FORBIDDEN: { http: 'FORBIDDEN' },
  NO_WORKSPACE: { http: 'FORBIDDEN' },
  NOT_FOUND: { http: 'NOT_FOUND' },
  INVALID_INPUT: { http: 'BAD_REQUEST' },
  MALFORMED_TEXT: { http: 'BAD_REQUEST' },
  INVALID_CREDENTIALS: { http: 'UNAUTHORIZED' },
  CONFLICT: { http: 'CONFLICT' },
  WINDOW_LAPSED: { http: 'PRECONDITION_FAILED' },
  CLOSED_TO_OUTBOUND: { http: 'PRECONDITION_FAILED' },
  TEMPLATES_NOT_SUPPORTED: { http: 'BAD_REQUEST' },
  TEMPLATE_NOT_FOUND: { http: 'BAD_REQUEST' },
  TEMPLATE_NOT_APPROVED: { http: 'BAD_REQUEST' },
  MARKETING_OPTED_OUT: { http: 'PRECONDITION_FAILED' },
  MESSAGING_LIMIT_REACHED: { http: 'TOO_MANY_REQUESTS' },
  CHANNEL_NOT_CONNECTED: { http: 'BAD_REQUEST' },
  TEMPLATE_PARAMS_INVALID: { http: 'BAD_REQUEST' },
  // Replies and reactions by agents (#20)
  QUOTE_NOT_AVAILABLE: { http: 'BAD_REQUEST' },
  REACTIONS_NOT_SUPPORTED: { http: 'BAD_REQUEST' },
  REACTION_TARGET_INVALID: { http: 'BAD_REQUEST' },
  // Media sent by agents (#16)
  MEDIA_NOT_SUPPORTED: { http: 'BAD_REQUEST' },
  TEMPLATE_HEADER_MEDIA_INVALID: { http: 'BAD_REQUEST' },
  // Settings → Channels (#15)
  CHANNEL_DISCONNECTED: { http: 'PRECONDITION_FAILED' },
  CHANNEL_ALREADY_CONNECTED: { http: 'CONFLICT' },
  GRAPH_REFUSED: { http: 'BAD_REQUEST' },
  // First run, accounts and the profile (#15).
  SETUP_DONE: { http: 'CONFLICT' },
  SETUP_CODE_INVALID: { http: 'FORBIDDEN' },
  TOO_MANY_ATTEMPTS: { http: 'TOO_MANY_REQUESTS' },
  EMAIL_TAKEN: { http: 'CONFLICT' },
  CURRENT_PASSWORD_WRONG: { http: 'BAD_REQUEST' },
  // Settings → Users (#15)
  LAST_ADMIN: { http: 'PRECONDITION_FAILED' },
  ALREADY_MEMBER: { http: 'CONFLICT' },
} as const;

export type TErrorCode = keyof typeof ERROR_CODES;
/** A more specific sentence than the code's own, by its key in the catalogs' `errorDetails`. */
export type TErrorDetail = keyof (typeof en)['errorDetails'];

/** The English sentence for a code, or for one of its details. */
export function errorMessage(code: TErrorCode, detail?: TErrorDetail): string {
  return detail ? englishError(`errorDetails.${detail}`) : englishError(`errors.${code}`);
}

export class AppError extends Error {
  readonly code: TErrorCode;
  readonly detail?: TErrorDetail;
  readonly details?: Record<string, unknown>;

  constructor(code: TErrorCode, detail?: TErrorDetail, details?: Record<string, unknown>) {
    super(errorMessage(code, detail));
    this.name = 'AppError';
    this.code = code;
    this.detail = detail;
    this.details = details;
  }
}

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError;
}
