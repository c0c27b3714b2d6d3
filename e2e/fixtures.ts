import { expect, test as base, type Page } from '@playwright/test';
import { connect, type TDatabase } from '../db/client';
import { DEMO_PASSWORD } from '../db/seed/demo-users';
import { hashPassword } from '../server/services/workspaces/passwords';
import { e2eDatabaseUrl } from './database-url';
import { seedWorkspace, type TSeededWorkspace } from './seed-workspace';

export { expect };
export type {
  TChannelKey,
  TPersonKey,
  TSeededChannel,
  TSeededConversation,
  TSeededUser,
  TSeededWorkspace,
  TStoryKey,
} from './seed-workspace';

/** Everyone the fixtures create signs in with this password (the demo's, so the default of signIn fits both). */
export const E2E_PASSWORD = DEMO_PASSWORD;

export async function signIn(page: Page, email: string, password = E2E_PASSWORD) {
  await page.goto('/login');
  await page.getByRole('textbox', { name: 'Email' }).fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

/** signIn for a browser in any language: the sign-in form found by its fields, not by its English names. */
export async function signInInAnyLanguage(page: Page, email: string, password = E2E_PASSWORD) {
  await page.goto('/login');
  await page.locator('input[type="email"]').fill(email);
  await page.locator('input[type="password"]').fill(password);
  await page.locator('button[type="submit"]').click();
  await expect(page).toHaveURL(/\/inbox/);
}

export async function signInAndOpenInbox(page: Page, email: string) {
  await signIn(page, email);
  await expect(page).toHaveURL(/\/inbox/);
  await expect(page.getByRole('navigation', { name: 'Views' })).toBeVisible();
}

/** Collects every response of 500 or more, so a test can assert that bad input never produced one. */
export function watchServerErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('response', (response) => {
    if (response.status() >= 500) errors.push(`${response.status()} ${response.url()}`);
  });
  return errors;
}

type TWorkerFixtures = { seedDatabase: TDatabase; seedPasswordHash: string };

/**
 * `test` with a `workspace` fixture: a fresh, seeded workspace for each test that asks for it (tests that do not ask
 * pay nothing). Import `test` and `expect` from here instead of '@playwright/test' and sign in as
 * `workspace.users.agent1.email` (and friends) with the default password.
 */
export const test = base.extend<{ workspace: TSeededWorkspace }, TWorkerFixtures>({
  seedDatabase: [
    // eslint-disable-next-line no-empty-pattern -- Playwright requires the destructuring pattern even with no dependencies
    async ({}, provide) => {
      const database = connect(e2eDatabaseUrl(), { max: 4 });
      await provide(database);
      await database.sql.end();
    },
    { scope: 'worker' },
  ],
  seedPasswordHash: [
    // eslint-disable-next-line no-empty-pattern -- as above
    async ({}, provide) => provide(await hashPassword(E2E_PASSWORD)),
    { scope: 'worker' },
  ],
  workspace: async ({ seedDatabase, seedPasswordHash, playwright, baseURL }, provide) => {
    // A request context of its own: the test's `request` keeps its cookies to itself.
    const control = await playwright.request.newContext({ baseURL });
    try {
      await provide(await seedWorkspace(seedDatabase, control, seedPasswordHash));
    } finally {
      await control.dispose();
    }
  },
});
