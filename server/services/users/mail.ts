import { createTranslator } from 'next-intl';
import nodemailer, { type Transporter } from 'nodemailer';
import type { TLocale } from '@/server/domain/locales';
import { env, type TEnv } from '@/server/env';
import ar from '@/server/i18n/catalogs/ar.json' with { type: 'json' };
import en from '@/server/i18n/catalogs/en.json' with { type: 'json' };
import { formattingLocale } from '@/server/i18n/locales';
import { logger } from '@/server/logger';

/** Invitation emails go out only when both SMTP_URL and SMTP_FROM are set; otherwise the link is shown only. */
export function mailConfigured(config: TEnv = env()): config is TEnv & { SMTP_URL: string; SMTP_FROM: string } {
  return !!config.SMTP_URL && !!config.SMTP_FROM;
}

const transports = new Map<string, Transporter>();
function transportFor(url: string): Transporter {
  let transport = transports.get(url);
  if (!transport) {
    // Bounded waits: the admin's "Create invite" waits for this answer.
    transport = nodemailer.createTransport(url, { connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 20_000 });
    transports.set(url, transport);
  }
  return transport;
}

export type TInviteEmail = {
  to: string;
  url: string;
  workspaceName: string;
  inviterName: string;
  locale: TLocale;
  expiresAt: Date;
  /** The workspace's clock and digits (its settings), so the expiry reads as the team reads every other time. */
  timeZone: string | null;
  arabicIndicDigits: boolean;
};

/** The invitation in the inviter's chosen language, from the catalogs (`invite.mail`). */
export function inviteEmailText(mail: TInviteEmail) {
  const t = createTranslator({ locale: mail.locale, messages: mail.locale === 'ar' ? ar : en, namespace: 'invite.mail' });
  // The zone is named in the text: a mail is read anywhere, and without a workspace zone the time is UTC.
  const expires = new Intl.DateTimeFormat(formattingLocale(mail.locale, mail.arabicIndicDigits), {
    dateStyle: 'long',
    timeStyle: 'long',
    timeZone: mail.timeZone ?? 'UTC',
  }).format(mail.expiresAt);
  const values = { workspace: mail.workspaceName, inviter: mail.inviterName, expires };
  return {
    subject: t('subject', values),
    text: `${t('body', values)}\n\n${mail.url}\n\n${t('footer', values)}\n`,
  };
}

/**
 * Sends the invitation; 'sent', or 'failed' (logged without the link, which is a credential): the invite stands
 * either way and the admin still has the link to pass on.
 */
export async function sendInviteEmail(mail: TInviteEmail, config: TEnv = env()): Promise<'sent' | 'failed' | 'off'> {
  if (!mailConfigured(config)) return 'off';
  const { subject, text } = inviteEmailText(mail);
  try {
    await transportFor(config.SMTP_URL).sendMail({
      from: config.SMTP_FROM,
      to: mail.to,
      subject,
      text,
      headers: { 'Content-Language': mail.locale },
    });
    return 'sent';
  } catch (error) {
    logger.warn({ err: error instanceof Error ? { message: error.message, code: (error as { code?: unknown }).code } : String(error) }, 'invitation email not sent');
    return 'failed';
  }
}
