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
  INVALID_CREDENTIALS: { http: 'UNAUTHORIZED', message: 'Wrong email or password.' },
  CONFLICT: { http: 'CONFLICT', message: 'Someone else changed this first. Reload and try again.' },
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
