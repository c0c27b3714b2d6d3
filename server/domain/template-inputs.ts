import { examplesOf } from './template-preview';
import { templateInputs, type TTemplateLike } from './templates';

/**
 * What tells an agent what a template variable is for, beside its `{{1}}`: the example Meta was given for it (the
 * template's own `example` in its component), or else the few words written just before it ("your order {{2}}").
 * Pure, so the composer's labels are tested once.
 */
export type TInputHint = { example: string | null; before: string | null };

const VARIABLE = /\{\{\s*([A-Za-z0-9_]+)\s*\}\}/g;
const WORDS_BEFORE = 3;

function componentOf(template: TTemplateLike, part: 'HEADER' | 'BODY') {
  return template.components.find((c) => c.type.toUpperCase() === part);
}

/** Up to three words before the variable's first use, other variables and punctuation at the edges left out. */
function wordsBefore(text: string, name: string): string | null {
  for (const match of text.matchAll(VARIABLE)) {
    if (match[1] !== name) continue;
    const before = text.slice(0, match.index).split(VARIABLE).filter((_, i) => i % 2 === 0).at(-1) ?? '';
    const words = before
      .split(/\s+/)
      .map((w) => w.replace(/^[\p{P}\p{S}]+|[\p{P}\p{S}]+$/gu, ''))
      .filter(Boolean)
      .slice(-WORDS_BEFORE);
    return words.length ? words.join(' ') : null;
  }
  return null;
}

/** The hint of every input of `templateInputs`, by its key (`body.1`, `header.customer_name`). */
export function templateInputHints(template: TTemplateLike): Map<string, TInputHint> {
  const hints = new Map<string, TInputHint>();
  for (const input of templateInputs(template)) {
    const component = componentOf(template, input.part);
    const example = examplesOf(component, input.part === 'HEADER' ? 'header' : 'body').get(input.name)?.trim() || null;
    hints.set(input.key, { example, before: example ? null : wordsBefore(component?.text ?? '', input.name) });
  }
  return hints;
}
