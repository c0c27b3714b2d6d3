/**
 * Play a WhatsApp customer against a running app: posts a correctly signed Cloud API webhook, so the whole real
 * ingest path runs (signature, parsing, idempotency, window from Meta's timestamp, realtime).
 *
 *   npm run simulate:whatsapp -- --text "Is my order ready?" [--from 966551234567] [--name "Noura"]
 *        [--number 106540352242922] [--secret demo-app-secret-wa-riyadh] [--ago 3600] [--url http://localhost:$PORT]
 *        [--ad "Summer sale"]   (the customer wrote from a click-to-WhatsApp ad with this headline: a free entry point)
 *
 * Defaults target the demo's "WhatsApp · Riyadh" number.
 */
import { parseArgs } from 'node:util';
import { adReferral, textMessageEnvelope } from '../server/channels/whatsapp/envelopes';
import { signatureOf } from '../server/channels/whatsapp/signature';
import { localAppUrl } from './lib/app-url';

const { values } = parseArgs({
  options: {
    text: { type: 'string' },
    from: { type: 'string', default: `9665${String(Date.now()).slice(-8)}` },
    name: { type: 'string', default: 'Simulated Customer' },
    number: { type: 'string', default: '106540352242922' },
    secret: { type: 'string', default: 'demo-app-secret-wa-riyadh' },
    ago: { type: 'string', default: '0' },
    ad: { type: 'string' },
    url: { type: 'string', default: localAppUrl() },
  },
});
if (!values.text) {
  console.error('Usage: npm run simulate:whatsapp -- --text "Hello" [--from 9665...] [--name "..."] [--ago seconds] [--ad "headline"]');
  process.exit(2);
}

const id = `wamid.sim.${Date.now()}.${Math.random().toString(36).slice(2, 8)}`;
const body = JSON.stringify(
  textMessageEnvelope({
    phoneNumberId: values.number!,
    from: values.from!,
    name: values.name!,
    id,
    body: values.text,
    timestamp: Math.floor(Date.now() / 1000) - Number(values.ago),
    ...(values.ad ? { referral: adReferral(values.ad) } : {}),
  }),
);
const response = await fetch(`${values.url}/api/webhooks/whatsapp/${values.number}`, {
  method: 'POST',
  headers: { 'content-type': 'application/json', 'x-hub-signature-256': signatureOf(body, values.secret!) },
  body,
});
console.log(`${response.status} ${await response.text()}  (message ${id} from +${values.from})`);
process.exit(response.ok ? 0 : 1);
