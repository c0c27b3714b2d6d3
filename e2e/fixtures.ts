import { expect, type Page } from '@playwright/test';
import { DEMO_PASSWORD } from '../db/seed/demo-users';

export async function signIn(page: Page, email: string, password = DEMO_PASSWORD) {
  await page.goto('/login');
  await page.getByRole('textbox', { name: 'Email' }).fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
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
