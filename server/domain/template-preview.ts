/**
 * What a WhatsApp template looks like to the customer, for Settings → Templates' preview: its header (text or a media
 * placeholder), body and footer cut into text and variables (each with the example Meta was given for it, when it
 * was), and its buttons. Pure and defensive: components are Meta's JSON as synced, and a field of an unexpected
 * shape is skipped rather than breaking the page.
 */

export type TPreviewSegment = { kind: 'text'; text: string } | { kind: 'variable'; name: string; example: string | null };

export type TPreviewHeader =
  | { kind: 'text'; segments: TPreviewSegment[] }
  | { kind: 'media'; format: 'IMAGE' | 'VIDEO' | 'DOCUMENT' | 'LOCATION' | 'OTHER' };

export type TPreviewButton =
  | { kind: 'quick_reply'; text: string }
  | { kind: 'url'; text: string; url: string }
  | { kind: 'phone'; text: string; phone: string }
  | { kind: 'copy_code'; text: string }
  | { kind: 'other'; type: string; text: string };

export type TTemplatePreview = {
  header: TPreviewHeader | null;
  body: TPreviewSegment[];
  footer: string | null;
  buttons: TPreviewButton[];
  direction: 'rtl' | 'ltr';
};

const VARIABLE = /\{\{\s*([A-Za-z0-9_]+)\s*\}\}/g;
const MEDIA_FORMATS = ['IMAGE', 'VIDEO', 'DOCUMENT', 'LOCATION'] as const;
/** Languages WhatsApp templates are written right to left in (Meta's codes: ar, ar_EG, he, fa, ur...). */
const RTL_LANGUAGES = new Set(['ar', 'he', 'fa', 'ur']);

type TJson = Record<string, unknown>;
const isObject = (v: unknown): v is TJson => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);
/** Examples may be numbers in Meta's JSON (`"10"` and `10` alike). */
const exampleText = (v: unknown): string | null => (typeof v === 'number' ? String(v) : str(v));

/** The direction a template's text runs in, from its language code (`ar`, `ar_EG`, `en_US`). */
export function templateDirection(language: string): 'rtl' | 'ltr' {
  return RTL_LANGUAGES.has(language.split(/[_-]/)[0]!.toLowerCase()) ? 'rtl' : 'ltr';
}

/**
 * Meta's examples of one part, keyed by variable name: positional ones by their number (`header_text: ['Pablo']`,
 * `body_text: [['Sara', 'A-1187']]`), named ones by name (`body_text_named_params: [{ param_name, example }]`).
 */
export function examplesOf(component: unknown, part: 'header' | 'body'): Map<string, string> {
  const found = new Map<string, string>();
  const example = isObject(component) ? component.example : undefined;
  if (!isObject(example)) return found;
  const positional = example[`${part}_text`];
  // The body's examples are one list per sample (Meta asks for one); the header's are a flat list.
  const first = part === 'body' && Array.isArray(positional) ? positional[0] : positional;
  if (Array.isArray(first))
    first.forEach((value, i) => {
      const text = exampleText(value);
      if (text !== null) found.set(String(i + 1), text);
    });
  const named = example[`${part}_text_named_params`];
  if (Array.isArray(named))
    for (const param of named) {
      const name = isObject(param) ? str(param.param_name) : null;
      const value = isObject(param) ? exampleText(param.example) : null;
      if (name && value !== null) found.set(name, value);
    }
  return found;
}

/** A text cut into plain runs and variables, each variable with its example (null when Meta was given none). */
export function segmentsOf(text: string, examples: Map<string, string>): TPreviewSegment[] {
  const segments: TPreviewSegment[] = [];
  let at = 0;
  for (const match of text.matchAll(VARIABLE)) {
    if (match.index > at) segments.push({ kind: 'text', text: text.slice(at, match.index) });
    segments.push({ kind: 'variable', name: match[1]!, example: examples.get(match[1]!) ?? null });
    at = match.index + match[0].length;
  }
  if (at < text.length) segments.push({ kind: 'text', text: text.slice(at) });
  return segments;
}

/** A URL with its variable (Meta allows one, at the end) replaced by its example when there is one. */
function filledUrl(url: string, example: unknown): string {
  const value = exampleText(Array.isArray(example) ? example[0] : example);
  if (value === null) return url;
  // Meta's example is the whole URL for a dynamic one; keep ours when it is only the variable's value.
  if (/^https?:\/\//i.test(value)) return value;
  return url.replace(VARIABLE, value);
}

function buttonOf(raw: unknown): TPreviewButton | null {
  if (!isObject(raw)) return null;
  const type = (str(raw.type) ?? '').toUpperCase();
  const text = str(raw.text) ?? '';
  if (type === 'QUICK_REPLY') return { kind: 'quick_reply', text };
  if (type === 'URL') return { kind: 'url', text, url: filledUrl(str(raw.url) ?? '', raw.example) };
  if (type === 'PHONE_NUMBER') return { kind: 'phone', text, phone: str(raw.phone_number) ?? '' };
  if (type === 'COPY_CODE') return { kind: 'copy_code', text: exampleText(Array.isArray(raw.example) ? raw.example[0] : raw.example) ?? text };
  return type ? { kind: 'other', type, text } : null;
}

/** The preview of a synced template: its components as the customer's WhatsApp would show them. */
export function templatePreview(template: { language: string; components: unknown }): TTemplatePreview {
  const components = Array.isArray(template.components) ? template.components.filter(isObject) : [];
  const of = (type: string) => components.find((c) => str(c.type)?.toUpperCase() === type);
  const headerRaw = of('HEADER');
  const bodyRaw = of('BODY');
  const footerRaw = of('FOOTER');
  const buttonsRaw = of('BUTTONS');

  let header: TPreviewHeader | null = null;
  if (headerRaw) {
    const format = (str(headerRaw.format) ?? 'TEXT').toUpperCase();
    const text = str(headerRaw.text);
    if (format === 'TEXT') header = text ? { kind: 'text', segments: segmentsOf(text, examplesOf(headerRaw, 'header')) } : null;
    else header = { kind: 'media', format: MEDIA_FORMATS.find((f) => f === format) ?? 'OTHER' };
  }
  const bodyText = bodyRaw ? str(bodyRaw.text) : null;
  return {
    header,
    body: bodyText ? segmentsOf(bodyText, examplesOf(bodyRaw, 'body')) : [],
    footer: (footerRaw && str(footerRaw.text)) || null,
    buttons: buttonsRaw && Array.isArray(buttonsRaw.buttons) ? buttonsRaw.buttons.map(buttonOf).filter((b) => b !== null) : [],
    direction: templateDirection(template.language),
  };
}
