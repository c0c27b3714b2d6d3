/**
 * What a Graph API error means for a send: retry later (transient), or fail now with a sentence an agent can act on
 * (permanent). Codes from Meta's error table; anything unknown is permanent unless the HTTP status says the server
 * had a problem.
 */
export type TGraphErrorMeaning = { retry: 'transient' | 'permanent'; reason: string; channelNeedsAttention?: boolean };

const TABLE: Record<number, TGraphErrorMeaning> = {
  130429: { retry: 'transient', reason: 'WhatsApp throughput limit reached; retrying.' },
  131056: { retry: 'transient', reason: 'Too many messages to this customer in a short time; retrying.' },
  80007: { retry: 'transient', reason: 'WhatsApp account rate limit reached; retrying.' },
  4: { retry: 'transient', reason: 'Graph API rate limit reached; retrying.' },
  131000: { retry: 'transient', reason: 'WhatsApp had an internal error; retrying.' },
  131057: { retry: 'transient', reason: 'The WhatsApp account is in maintenance; retrying.' },
  131047: { retry: 'permanent', reason: 'Window closed; send a template.' },
  131026: { retry: 'permanent', reason: 'Message undeliverable: the number may not be on WhatsApp.' },
  131049: { retry: 'permanent', reason: 'Meta chose not to deliver this message; wait 24 hours before trying again.' },
  131050: { retry: 'permanent', reason: 'The customer stopped marketing messages.' },
  131051: { retry: 'permanent', reason: 'Unsupported message type.' },
  132000: { retry: 'permanent', reason: 'The template’s variables do not match what Meta expects.' },
  132001: { retry: 'permanent', reason: 'The template does not exist in this language (or is not approved).' },
  132015: { retry: 'permanent', reason: 'The template is paused.' },
  132016: { retry: 'permanent', reason: 'The template is disabled.' },
  368: { retry: 'permanent', reason: 'The WhatsApp account is temporarily blocked for policy violations.', channelNeedsAttention: true },
  131031: { retry: 'permanent', reason: 'The WhatsApp account is locked.', channelNeedsAttention: true },
  190: { retry: 'permanent', reason: 'The access token has expired: reconnect this WhatsApp number.', channelNeedsAttention: true },
  100: { retry: 'permanent', reason: 'WhatsApp refused a parameter of this message.' },
};

export function meaningOf(code: number | null, httpStatus: number): TGraphErrorMeaning {
  if (code !== null && TABLE[code]) return TABLE[code]!;
  if (httpStatus >= 500 || httpStatus === 429) return { retry: 'transient', reason: `WhatsApp answered ${httpStatus}; retrying.` };
  return { retry: 'permanent', reason: `WhatsApp refused the message${code !== null ? ` (error ${code})` : ''}.` };
}
