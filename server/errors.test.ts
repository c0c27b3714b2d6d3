import { describe, expect, it } from 'vitest';
import ar from '@/server/i18n/catalogs/ar.json';
import en from '@/server/i18n/catalogs/en.json';
import { AppError, ERROR_CODES, type TErrorCode } from './errors';

describe('AppError', () => {
  it('says its code in the English of the catalog', () => {
    for (const code of Object.keys(ERROR_CODES) as TErrorCode[]) expect(new AppError(code).message).toBe(en.errors[code]);
    expect(new AppError('WINDOW_LAPSED').message).toBe('The 24-hour window has closed: send an approved template instead.');
  });

  it('says a specific detail instead, by its catalog key, which every language has', () => {
    const error = new AppError('INVALID_INPUT', 'retryCannotHelp');
    expect(error).toMatchObject({ code: 'INVALID_INPUT', detail: 'retryCannotHelp', message: 'A retry cannot help this message.' });
    expect(ar.errorDetails.retryCannotHelp).toBe('لن تفيد إعادة المحاولة مع هذه الرسالة.');
  });
});
