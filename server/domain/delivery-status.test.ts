import { describe, expect, it } from 'vitest';
import { canMoveTo, failureAction, mayRetry, statusesBefore, WINDOW_CLOSED_CODE } from './delivery-status';

describe('delivery status only moves forward', () => {
  it.each([
    ['queued', 'sent', true],
    ['sent', 'delivered', true],
    ['delivered', 'read', true],
    ['queued', 'read', true],
    ['read', 'delivered', false],
    ['delivered', 'sent', false],
    ['read', 'read', false],
    ['queued', 'failed', true],
    ['sent', 'failed', true],
    ['delivered', 'failed', false],
    ['read', 'failed', false],
    ['failed', 'delivered', true],
    ['failed', 'sent', false],
  ] as const)('%s → %s: %s', (from, to, allowed) => {
    expect(canMoveTo(from, to)).toBe(allowed);
  });

  it('lists the statuses each update may start from', () => {
    expect(statusesBefore('delivered')).toEqual(['queued', 'sent', 'failed']);
    expect(statusesBefore('read')).toEqual(['queued', 'sent', 'delivered', 'failed']);
    expect(statusesBefore('sent')).toEqual(['queued']);
  });
});

describe('mayRetry', () => {
  it('offers a retry only where the adapter said one can help: a failed message with a transient failure', () => {
    expect(mayRetry({ status: 'failed', failureKind: 'transient' })).toBe(true);
    expect(mayRetry({ status: 'failed', failureKind: 'permanent' })).toBe(false);
    expect(mayRetry({ status: 'failed', failureKind: null })).toBe(false);
    for (const status of ['queued', 'sent', 'delivered', 'read', null] as const) {
      expect(mayRetry({ status, failureKind: 'transient' })).toBe(false);
    }
  });
  it('never offers one for a message the business sent from its phone (an echo): the inbox did not send it', () => {
    expect(mayRetry({ status: 'failed', failureKind: 'transient', payload: { sentFrom: 'phone' } })).toBe(false);
    expect(mayRetry({ status: 'failed', failureKind: 'transient', payload: { whatsapp: {} } })).toBe(true);
    expect(mayRetry({ status: 'failed', failureKind: 'transient', payload: null })).toBe(true);
  });
});

describe('errors that need their own handling are never retried', () => {
  it.each(['131049', '130472', '131026'])('%s: no retry, whatever verdict was stored', (errorCode) => {
    expect(mayRetry({ status: 'failed', failureKind: 'permanent', errorCode })).toBe(false);
    // Even a transient verdict (a stale row, another adapter's table) does not make these retryable.
    expect(mayRetry({ status: 'failed', failureKind: 'transient', errorCode })).toBe(false);
  });
  it('leaves other codes to the verdict', () => {
    expect(mayRetry({ status: 'failed', failureKind: 'transient', errorCode: '130429' })).toBe(true);
    expect(mayRetry({ status: 'failed', failureKind: 'transient', errorCode: null })).toBe(true);
  });
});

describe('failureAction: what a failed message offers beside its reason', () => {
  const failed = { status: 'failed' as const };
  it('Retry exactly where mayRetry says so', () => {
    expect(failureAction({ ...failed, failureKind: 'transient', errorCode: '80007' })).toBe('retry');
    expect(failureAction({ ...failed, failureKind: 'transient', errorCode: 'TIMEOUT' })).toBe('retry');
    expect(failureAction({ ...failed, failureKind: 'transient', errorCode: '131049' })).toBeNull();
  });
  it('a template for a closed window (131047), never a Retry: the same text would fail again', () => {
    expect(WINDOW_CLOSED_CODE).toBe('131047');
    expect(failureAction({ ...failed, failureKind: 'permanent', errorCode: '131047' })).toBe('template');
    // Even if a stored verdict said transient, the code decides: re-sending free-form text cannot help.
    expect(failureAction({ ...failed, failureKind: 'permanent', errorCode: '131047', payload: { sentFrom: 'phone' } })).toBeNull();
  });
  it('nothing for other permanent failures, and nothing unless failed', () => {
    for (const errorCode of ['131026', '132001', '190', 'SIM_REJECTED', null])
      expect(failureAction({ ...failed, failureKind: 'permanent', errorCode })).toBeNull();
    expect(failureAction({ status: 'sent', failureKind: null, errorCode: '131047' })).toBeNull();
    expect(failureAction({ status: null, failureKind: 'transient', errorCode: null })).toBeNull();
  });
});
