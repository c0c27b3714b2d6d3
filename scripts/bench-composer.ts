/**
 * Browser benchmark: how quickly does the composer answer typing in a heavy inbox? Seeds a workspace on a fresh
 * database (500 open conversations in the agent's list, one of them with 2,000 messages in its log), starts the
 * production build on it (`npm run build` first), signs in as the agent in Chromium, opens the long conversation and
 * types in the composer. Per keystroke it records the input latency the way the Event Timing API defines it: from the
 * key event's timestamp to the first frame painted after it. Prints p50 / p95 / max and writes bench/composer.json.
 * Reports numbers; asserts nothing.
 *
 *   npm run build && npm run bench:composer
 *
 * BENCH_SERVER_URL: the PostgreSQL server to create the database on (default the machine's, 127.0.0.1:5432).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { chromium } from '@playwright/test';
import { eq } from 'drizzle-orm';
import postgres from 'postgres';
import { connect } from '../db/client';
import * as s from '../db/schema';
import { createChannel, createConversation, createUser, createWorkspace } from '../server/testing/factories';
import { hashPassword } from '../server/services/workspaces/passwords';
import { spawnApp } from './bench/start-app';
import { percentile } from './bench/stats';

const ROWS = Number(process.env.BENCH_ROWS || 500);
const MESSAGES = Number(process.env.BENCH_MESSAGES || 2000);
const KEYS = Number(process.env.BENCH_KEYS || 200);
const PORT = process.env.BENCH_PORT || '3340';
const base = `http://localhost:${PORT}`;
const server = new URL(process.env.BENCH_SERVER_URL || 'postgres://postgres@127.0.0.1:5432/postgres');
const url = new URL(server);
url.pathname = '/nafidha_bench_composer';
const EMAIL = 'agent@bench.nafidha.test';
const PASSWORD = 'bench-password-composer';

const admin = postgres(server.toString(), { max: 1, onnotice: () => {} });
await admin.unsafe('drop database if exists nafidha_bench_composer with (force)');
await admin.unsafe('create database nafidha_bench_composer');
await admin.end();

const { app, healthy } = spawnApp(base, url);
const stopApp = () => {
  if (app.pid) process.kill(-app.pid, 'SIGTERM');
};
try {
  await healthy; // the app applied the migrations
  const target = await seed();
  const figures = await measure(target);
  const report = { date: new Date().toISOString(), cpus: os.cpus().length, rows: ROWS, messages: MESSAGES, keys: KEYS, ...figures };
  console.table([report]);
  mkdirSync('bench', { recursive: true });
  writeFileSync('bench/composer.json', `${JSON.stringify(report, null, 2)}\n`);
} finally {
  stopApp();
}

async function seed(): Promise<string> {
  const database = connect(url.toString(), { max: 4 });
  const db = database.db;
  const workspace = await createWorkspace(db, 'Composer bench');
  const agent = await createUser(db, workspace.id, 'agent', 'Bench Agent', { email: EMAIL, passwordHash: await hashPassword(PASSWORD) });
  const channel = await createChannel(db, workspace.id, 'whatsapp', { name: 'WhatsApp · Bench' });
  const now = Date.now();
  let target = '';
  for (let i = 0; i < ROWS; i++) {
    const at = new Date(now - i * 60_000);
    const { conversation } = await createConversation(db, {
      workspaceId: workspace.id,
      channel: { id: channel.id, type: 'whatsapp' },
      assigneeId: agent.id,
      lastMessageAt: at,
      lastInboundAt: at,
      firstName: `Customer`,
      lastName: `${i + 1}`,
      previewText: `Order question number ${i + 1}`,
    });
    if (i === 0) target = conversation.id;
  }
  const [conversation] = await db.select().from(s.conversations).where(eq(s.conversations.id, target));
  const rows = Array.from({ length: MESSAGES }, (_, i) => {
    const at = new Date(now - (MESSAGES - i) * 45_000);
    const inbound = i % 2 === 0;
    return {
      workspaceId: workspace.id,
      conversationId: target,
      channelId: conversation!.channelId,
      direction: inbound ? ('in' as const) : ('out' as const),
      kind: 'text' as const,
      body: inbound ? `Customer message ${i}: where is my parcel? طلبي رقم ${i}` : `Agent reply ${i}: it is on its way.`,
      status: inbound ? null : ('read' as const),
      sentAt: at,
      createdAt: at,
      providerMessageId: `bench.${i}`,
    };
  });
  for (let i = 0; i < rows.length; i += 500) await db.insert(s.messages).values(rows.slice(i, i + 500));
  await database.sql.end();
  return target;
}

async function measure(conversationId: string) {
  const browser = await chromium.launch({
    executablePath: process.env.PLAYWRIGHT_CHROMIUM_EXECUTABLE || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update'],
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await page.goto(`${base}/login`);
    await page.locator('input[type="email"]').fill(EMAIL);
    await page.locator('input[type="password"]').fill(PASSWORD);
    await page.locator('button[type="submit"]').click();
    await page.waitForURL(/\/inbox/);
    const opened = Date.now();
    await page.goto(`${base}/inbox?c=${conversationId}`);
    const box = page.getByRole('textbox', { name: 'Message', exact: true });
    await box.waitFor();
    await page.getByRole('log').locator('[data-direction]').first().waitFor();
    const openMs = Date.now() - opened;
    // Scroll the log to its top until all 2,000 are loaded page by page (as an agent reading back would): the log's
    // scroller loads the next older page when scrolled to its top (components/conversation/message-log.tsx).
    const rows = page.getByRole('log').locator('[data-direction]');
    for (let shown = await rows.count(); shown < MESSAGES;) {
      await page.getByRole('log').evaluate((log) => {
        let scroller: HTMLElement | null = log.parentElement;
        while (scroller && getComputedStyle(scroller).overflowY !== 'auto') scroller = scroller.parentElement;
        scroller?.scrollTo(0, 0);
      });
      const before = shown;
      await page.waitForFunction((n) => document.querySelectorAll('[role="log"] [data-direction]').length > n, before, { timeout: 10_000 });
      shown = await rows.count();
    }
    const loaded = await page.getByRole('log').locator('[data-direction]').count();
    await box.click();
    await page.evaluate(`(() => {
      window.__latencies = [];
      document.addEventListener('keydown', (event) => {
        const start = event.timeStamp;
        requestAnimationFrame(() => setTimeout(() => window.__latencies.push(performance.now() - start), 0));
      }, { capture: true });
    })()`);
    const text = 'Thank you for waiting, your parcel left our warehouse today and should reach you tomorrow. ';
    await page.keyboard.type(text.repeat(Math.ceil(KEYS / text.length)).slice(0, KEYS), { delay: 40 });
    // Every keystroke's latency is recorded a frame after it: wait for the last one.
    await page.waitForFunction((n) => (window as unknown as { __latencies: number[] }).__latencies.length >= n, KEYS);
    const latencies = (await page.evaluate('window.__latencies')) as number[];
    const sorted = [...latencies].sort((a, b) => a - b);
    const round = (n: number) => Math.round(n * 10) / 10;
    return {
      openConversationMs: openMs,
      messagesInLog: loaded,
      inputP50: round(percentile(sorted, 50)),
      inputP95: round(percentile(sorted, 95)),
      inputMax: round(sorted.at(-1) ?? 0),
    };
  } finally {
    await browser.close();
  }
}
