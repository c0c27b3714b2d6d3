/**
 * What the Graph API fake knows about the business on Meta's side: each number's fields (as
 * `GET /{phone_number_id}?fields=…` returns them) and each WABA's templates (as `GET /{waba_id}/message_templates`
 * lists them). Tests and the demo fill it; `POST …/_fake/…` control calls change it, like Meta changing its mind.
 */
export type TFakeNumber = {
  id: string;
  display_phone_number: string;
  verified_name?: string;
  quality_rating?: string;
  status?: string;
  name_status?: string;
  code_verification_status?: string;
  whatsapp_business_manager_messaging_limit?: string;
  messaging_limit_tier?: string;
  throughput?: { level: string };
  platform_type?: string;
  account_mode?: string;
  /** Test hook: every read of this number (and of its WABA's templates) fails with this Graph error code. */
  fail_with?: number;
  /** Test hook: sends from this number are never answered (a hung Graph API) until it is set back to false. */
  hang_sends?: boolean;
  /** The WABA the number belongs to (not a Graph field of the number; used to fail template reads too). */
  waba_id?: string;
  /** The business portfolio owning that WABA (`GET /{waba_id}?fields=owner_business_info` answers it). */
  business_id?: string;
};

export type TFakeTemplate = {
  id: string;
  name: string;
  language: string;
  status: string;
  category: string;
  parameter_format?: string;
  components: Record<string, unknown>[];
  quality_score?: { score: string; date?: number };
  rejected_reason?: string;
};

export type TFakeMeta = {
  numbers: Map<string, TFakeNumber>;
  templates: Map<string, TFakeTemplate[]>;
};

export function emptyFakeMeta(): TFakeMeta {
  return { numbers: new Map(), templates: new Map() };
}

const DEFAULT_NUMBER_FIELDS = ['id', 'display_phone_number', 'verified_name', 'quality_rating'];
const HIDDEN = new Set(['fail_with', 'waba_id', 'hang_sends', 'business_id']);

/** The number's fields as Meta would answer them: only what was asked for (or the default four). */
export function numberFields(number: TFakeNumber, fields: string | null): Record<string, unknown> {
  const wanted = fields ? fields.split(',').map((f) => f.trim()) : DEFAULT_NUMBER_FIELDS;
  return Object.fromEntries(
    wanted.filter((f) => !HIDDEN.has(f) && number[f as keyof TFakeNumber] !== undefined).map((f) => [f, number[f as keyof TFakeNumber]]),
  );
}

/** One page of a WABA's templates with Meta's cursor paging (`after` is an opaque cursor, here an encoded offset). */
export function templatePage(all: TFakeTemplate[], limit: number, after: string | null, nextUrl: (cursor: string) => string) {
  const start = after ? Number(Buffer.from(after, 'base64url').toString('utf8')) || 0 : 0;
  const data = all.slice(start, start + limit);
  const cursor = (offset: number) => Buffer.from(String(offset), 'utf8').toString('base64url');
  const more = start + limit < all.length;
  return {
    data,
    paging: {
      cursors: { before: cursor(start), after: cursor(start + data.length) },
      ...(more ? { next: nextUrl(cursor(start + data.length)) } : {}),
    },
  };
}
