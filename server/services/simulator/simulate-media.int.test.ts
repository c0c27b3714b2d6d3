import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { messageMedia, messages } from '@/db/schema';
import { createFakeGraph } from '@/server/channels/whatsapp/fake-graph';
import { MEDIA_KINDS, isMediaFileKind } from '@/server/domain/media-rules';
import { downloadMedia } from '@/server/services/media/download';
import { LocalMediaStorage } from '@/server/services/media/storage-local';
import { setMediaStorageForTests } from '@/server/services/media/storage-select';
import type { TWorkspaceContext } from '@/server/services/workspaces/context';
import { createTestDatabase, type TTestDatabase } from '@/server/testing/database';
import { createWhatsAppChannel, createWorkspace } from '@/server/testing/factories';
import { serveFakeGraph, type TGraphServer } from '@/server/testing/graph-server';
import { ZSimulateInboundInput } from './schemas';
import { simulateInbound } from './simulate';

let database: TTestDatabase;
let graph: TGraphServer;
let root: string;
let workspace: TWorkspaceContext;
let channelId: string;

beforeAll(async () => {
  database = await createTestDatabase();
  root = await mkdtemp(path.join(tmpdir(), 'nafidha-sim-media-'));
  setMediaStorageForTests(new LocalMediaStorage(root));
  graph = await serveFakeGraph(createFakeGraph({ deliver: async () => {} }));
  const ws = await createWorkspace(database.db, 'Sim media');
  workspace = {
    id: ws.id,
    name: ws.name,
    role: 'admin',
    settings: { unassignOnClose: false, agentsSeeAll: true, defaultCountry: 'SA', arabicIndicDigits: false, closingNote: 'optional', timeZone: null },
  };
  channelId = (await createWhatsAppChannel(database.db, { workspaceId: ws.id, phoneNumberId: '106540352249999', appSecret: 'sim', graphBaseUrl: graph.url })).id;
});
afterAll(async () => {
  setMediaStorageForTests(undefined);
  await graph.close();
  await database.drop();
  await rm(root, { recursive: true, force: true });
});

describe('the customer simulator sends every media kind', () => {
  it.each(MEDIA_KINDS)('%s: through the webhook, and its sample file downloads from the fake', async (kind) => {
    const result = await simulateInbound(
      database.db,
      workspace,
      ZSimulateInboundInput.parse({ channelId, from: '+966 55 000 7777', name: 'Sim', text: `a ${kind}`, media: kind }),
    );
    const [message] = await database.db.select().from(messages).where(eq(messages.id, result.messageId));
    expect(message!.kind).toBe(kind);
    if (!isMediaFileKind(kind)) return;
    expect(await downloadMedia(database.db, result.messageId)).toMatchObject({ outcome: 'stored' });
    const [media] = await database.db.select().from(messageMedia).where(eq(messageMedia.messageId, result.messageId));
    expect(media).toMatchObject({ state: 'stored', voice: kind === 'audio' });
  });
});
