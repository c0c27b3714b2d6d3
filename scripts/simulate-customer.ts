/**
 * Play a customer on any channel of a running app (demo or dev; the server must have CUSTOMER_SIMULATOR on). Signs in
 * as an admin and calls the simulator, which on a WhatsApp number posts a correctly signed Cloud API webhook through
 * the real ingest path, and on other channels goes through the simulator adapter into the same ingest.
 *
 *   npm run simulate -- --channel telegram --text "Is my order ready?" [--from 966551234567] [--name "Noura"]
 *        [--ago 3600] [--url http://localhost:$PORT] [--email admin@nafidha.test] [--password nafidha-demo]
 *
 * --channel: a channel type (whatsapp, messenger, telegram, ...), part of a channel's name, or its id.
 * Without --channel it lists the channels.
 */
import { parseArgs } from 'node:util';
import { DEMO_PASSWORD } from '../db/seed/demo-users';
import { signIn, trpcBatchQuery, trpcMutation } from './lib/http-client';
import { localAppUrl } from './lib/app-url';

const { values } = parseArgs({
  options: {
    channel: { type: 'string' },
    text: { type: 'string' },
    from: { type: 'string', default: `+9665${String(Date.now()).slice(-8)}` },
    name: { type: 'string' },
    ago: { type: 'string', default: '0' },
    url: { type: 'string', default: localAppUrl() },
    email: { type: 'string', default: 'admin@nafidha.test' },
    password: { type: 'string', default: DEMO_PASSWORD },
  },
});

type TChannel = { id: string; name: string; type: string };
const base = values.url!.replace(/\/$/, '');
const cookie = await signIn(base, values.email!, values.password!);
const [channels] = (await trpcBatchQuery(base, cookie, [{ path: 'simulator.channels' }])) as [TChannel[]];

if (!values.channel || !values.text) {
  console.log('Channels (use --channel with a type, part of a name, or an id, and --text):');
  for (const c of channels) console.log(`  ${c.type.padEnd(10)} ${c.name.padEnd(34)} ${c.id}`);
  process.exit(values.channel || values.text ? 2 : 0);
}
const wanted = values.channel.toLowerCase();
const channel =
  channels.find((c) => c.id === values.channel) ??
  channels.find((c) => c.type === wanted) ??
  channels.find((c) => c.name.toLowerCase().includes(wanted));
if (!channel) {
  console.error(`No channel matches "${values.channel}". Run without --channel to list them.`);
  process.exit(2);
}
const result = (await trpcMutation(base, cookie, 'simulator.inbound', {
  channelId: channel.id,
  from: values.from,
  name: values.name,
  text: values.text,
  sentSecondsAgo: Number(values.ago) || 0,
})) as { conversationId: string; messageId: number };
console.log(`${channel.name}: message ${result.messageId} from ${values.from} → ${base}/inbox?view=all&c=${result.conversationId}`);
