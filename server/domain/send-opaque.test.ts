import { describe, expect, it } from 'vitest';
import { parseSendOpaque, sendOpaque } from './send-opaque';

describe('send opaque data', () => {
  it('round-trips a message and its attempt', () => {
    expect(parseSendOpaque(sendOpaque(812, 9001))).toEqual({ messageId: 812, attemptId: 9001 });
  });

  it('reads the plain message id of sends made before the namespacing, without an attempt', () => {
    expect(parseSendOpaque('812')).toEqual({ messageId: 812, attemptId: null });
  });

  it.each(['', 'nafidha', 'nafidha:812', 'nafidha:812:', 'nafidha:x:1', 'nafidha:812:9:1', 'other:812:9', '0', '08', '-1', '1e3', '1234567890123456', 'nafidha:812:0'])(
    'rejects %j',
    (opaque) => {
      expect(parseSendOpaque(opaque)).toBeNull();
    },
  );
});
