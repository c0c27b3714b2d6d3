/**
 * WhatsApp template rules, pure so the composer's preview and the server's validation are the same code.
 * Variables are `{{1}}`, `{{2}}` (positional) or `{{customer_name}}` (named), in the header and body text.
 */
export type TTemplateComponent = { type: string; format?: string; text?: string; buttons?: unknown[] };
export const TEMPLATE_CATEGORIES = ['MARKETING', 'UTILITY', 'AUTHENTICATION'] as const;
export type TTemplateCategory = (typeof TEMPLATE_CATEGORIES)[number];
export const TEMPLATE_PARAMETER_FORMATS = ['POSITIONAL', 'NAMED'] as const;
export type TTemplateParameterFormat = (typeof TEMPLATE_PARAMETER_FORMATS)[number];
export type TTemplateLike = { parameterFormat: TTemplateParameterFormat; components: TTemplateComponent[] };

const VARIABLE = /\{\{\s*([A-Za-z0-9_]+)\s*\}\}/g;

function textOf(template: TTemplateLike, type: 'HEADER' | 'BODY' | 'FOOTER'): string | null {
  const component = template.components.find((c) => c.type.toUpperCase() === type);
  if (!component?.text) return null;
  if (type === 'HEADER' && component.format && component.format.toUpperCase() !== 'TEXT') return null;
  return component.text;
}

/** The variables of one part (header or body), in order of first appearance. */
export function partVariables(template: TTemplateLike, part: 'HEADER' | 'BODY'): string[] {
  const text = textOf(template, part);
  if (!text) return [];
  const names: string[] = [];
  for (const match of text.matchAll(VARIABLE)) if (!names.includes(match[1]!)) names.push(match[1]!);
  return template.parameterFormat === 'POSITIONAL' ? names.sort((a, b) => Number(a) - Number(b)) : names;
}

/** Every input the composer shows, keyed `header.1` / `body.customer_name`. */
export function templateInputs(template: TTemplateLike): { key: string; part: 'HEADER' | 'BODY'; name: string }[] {
  return (['HEADER', 'BODY'] as const).flatMap((part) =>
    partVariables(template, part).map((name) => ({ key: `${part.toLowerCase()}.${name}`, part, name })),
  );
}

export type TTemplateParams = Record<string, string>;

export type TTemplateProblem = { code: 'TEMPLATE_PARAM_MISSING' | 'TEMPLATE_PARAM_UNKNOWN'; key: string };

/** Every variable needs a non-blank value, and nothing else may be given. */
export function validateTemplateParams(template: TTemplateLike, params: TTemplateParams): TTemplateProblem[] {
  const expected = templateInputs(template).map((i) => i.key);
  const problems: TTemplateProblem[] = [];
  for (const key of expected) if (!params[key]?.trim()) problems.push({ code: 'TEMPLATE_PARAM_MISSING', key });
  for (const key of Object.keys(params)) if (!expected.includes(key)) problems.push({ code: 'TEMPLATE_PARAM_UNKNOWN', key });
  return problems;
}

/** The text the customer will read: header, body and footer with variables filled (blank ones left visible). */
export function renderTemplate(template: TTemplateLike, params: TTemplateParams): string {
  const fill = (part: 'HEADER' | 'BODY', text: string | null) =>
    text?.replace(VARIABLE, (whole, name: string) => params[`${part.toLowerCase()}.${name}`]?.trim() || whole) ?? null;
  return [fill('HEADER', textOf(template, 'HEADER')), fill('BODY', textOf(template, 'BODY')), textOf(template, 'FOOTER')]
    .filter(Boolean)
    .join('\n\n');
}

/** Contact fields a variable can be pre-filled from, by the variable's name. */
export function prefillFor(
  name: string,
  contact: { firstName: string | null; lastName: string | null; fields: Record<string, string> },
): string {
  const key = name.toLowerCase();
  if (['customer_name', 'first_name', 'name'].includes(key)) return contact.firstName ?? '';
  if (key === 'last_name') return contact.lastName ?? '';
  return contact.fields[key] ?? '';
}

/**
 * Meta's template statuses (stored verbatim; only APPROVED may be sent), as Settings → Templates filters and names
 * them. DELETED is ours too: a template Meta no longer lists is kept under it (messages that used it still name it).
 */
export const TEMPLATE_STATUSES = [
  'APPROVED',
  'PENDING',
  'REJECTED',
  'PAUSED',
  'DISABLED',
  'IN_APPEAL',
  'LIMIT_EXCEEDED',
  'PENDING_DELETION',
  'ARCHIVED',
  'DELETED',
] as const;
export type TTemplateStatus = (typeof TEMPLATE_STATUSES)[number];
