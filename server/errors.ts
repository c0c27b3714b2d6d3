/**
 * Every failure a client can cause has a code. Services throw AppError(code); the tRPC error formatter turns it
 * into the matching HTTP status and the browser translates the code (the message here is for logs and English).
 */
export const ERROR_CODES = {
  UNAUTHENTICATED: { http: 'UNAUTHORIZED', message: 'Please sign in.' },
  FORBIDDEN: { http: 'FORBIDDEN', message: 'You do not have permission to do that.' },
  NO_WORKSPACE: { http: 'FORBIDDEN', message: 'You are not a member of this workspace.' },
  NOT_FOUND: { http: 'NOT_FOUND', message: 'Not found.' },
  INVALID_INPUT: { http: 'BAD_REQUEST', message: 'Some of the input is not valid.' },
  MALFORMED_TEXT: {
    http: 'BAD_REQUEST',
    message: 'The text contains a character that cannot be saved (a NUL or half of an emoji). Remove it and try again.',
  },
  INVALID_CREDENTIALS: { http: 'UNAUTHORIZED', message: 'Wrong email or password.' },
  CONFLICT: { http: 'CONFLICT', message: 'Someone else changed this first. Reload and try again.' },
  WINDOW_LAPSED: { http: 'PRECONDITION_FAILED', message: 'The 24-hour window has closed: send an approved template instead.' },
  CLOSED_TO_OUTBOUND: { http: 'PRECONDITION_FAILED', message: 'Nothing can be sent until the customer writes again.' },
  TEMPLATES_NOT_SUPPORTED: { http: 'BAD_REQUEST', message: 'Templates can only be sent on WhatsApp.' },
  TEMPLATE_NOT_FOUND: { http: 'BAD_REQUEST', message: 'That template does not exist for this number.' },
  TEMPLATE_NOT_APPROVED: { http: 'BAD_REQUEST', message: 'Only approved templates can be sent.' },
  MESSAGING_LIMIT_REACHED: {
    http: 'TOO_MANY_REQUESTS',
    message: 'Messaging limit reached: this number cannot start conversations with new customers until capacity frees up.',
  },
  CHANNEL_NOT_CONNECTED: { http: 'BAD_REQUEST', message: 'This number is not connected to the WhatsApp Cloud API.' },
  TEMPLATE_PARAMS_INVALID: { http: 'BAD_REQUEST', message: 'Fill in every template variable (and nothing else).' },
} as const;

export type TErrorCode = keyof typeof ERROR_CODES;

export class AppError extends Error {
  readonly code: TErrorCode;
  readonly details?: Record<string, unknown>;

  constructor(code: TErrorCode, message?: string, details?: Record<string, unknown>) {
    super(message ?? ERROR_CODES[code].message);
    this.name = 'AppError';
    this.code = code;
    this.details = details;
  }
}

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError;
}
