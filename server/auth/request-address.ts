import type { IncomingMessage } from 'node:http';
import { clientAddress } from '@/server/domain/client-address';
import { env } from '@/server/env';

/**
 * Next's route handlers never see the socket, so the custom server writes the client's address into this header on
 * every request it hands to Next, over whatever the client sent under that name.
 */
export const CLIENT_ADDRESS_HEADER = 'x-nafidha-client-address';

export function addressOf(req: IncomingMessage): string {
  return clientAddress({ remoteAddress: req.socket.remoteAddress, forwardedFor: req.headers['x-forwarded-for'], trustProxy: env().TRUST_PROXY });
}

export function stampClientAddress(req: IncomingMessage): void {
  req.headers[CLIENT_ADDRESS_HEADER] = addressOf(req);
}
