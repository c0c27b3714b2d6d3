'use client';

import { useTranslations } from 'next-intl';
import { useMemo } from 'react';
import { templatePreview, type TPreviewButton, type TPreviewSegment } from '@/server/domain/template-preview';

/**
 * A template as the customer's WhatsApp shows it: a bubble on the chat wallpaper with its header (text, or a
 * placeholder for its image, video, document or location), body, footer and, below, its buttons. Variables show
 * Meta's example values (marked) or, without one or when examples are off, as `{{1}}` chips. The bubble runs in the
 * template's own direction (an Arabic template reads right to left in an English interface too). The composer's
 * picker passes `values` (the agent's, by part and variable name): filled variables then show what the customer
 * will read.
 */
export function TemplatePreview({
  template,
  showExamples,
  values,
}: {
  template: { name: string; language: string; components: unknown };
  showExamples: boolean;
  values?: { header: Record<string, string>; body: Record<string, string> };
}) {
  const t = useTranslations('settingsTemplates');
  const preview = useMemo(() => templatePreview(template), [template]);
  const lang = template.language.split(/[_-]/)[0];
  return (
    <figure
      aria-label={t('preview', { name: template.name })}
      data-template-preview
      dir={preview.direction}
      lang={lang}
      className="rounded-lg bg-[#efeae2] p-3"
    >
      <div className="max-w-sm rounded-lg rounded-ss-none bg-white px-3 py-2 text-sm text-slate-900 shadow-sm">
        {preview.header?.kind === 'media' && (
          <div
            data-header-media={preview.header.format}
            className="mb-2 flex h-24 items-center justify-center rounded-md bg-slate-200 text-xs font-medium text-slate-600"
          >
            {t('mediaHeader', { kind: t(`media.${preview.header.format}`) })}
          </div>
        )}
        {preview.header?.kind === 'text' && (
          <p data-part="header" className="mb-1 font-semibold">
            <Segments segments={preview.header.segments} showExamples={showExamples} values={values?.header} />
          </p>
        )}
        {preview.body.length > 0 && (
          <p data-part="body" className="whitespace-pre-wrap break-words">
            <Segments segments={preview.body} showExamples={showExamples} values={values?.body} />
          </p>
        )}
        {preview.footer && (
          <p data-part="footer" className="mt-1 text-xs text-slate-500">
            {preview.footer}
          </p>
        )}
      </div>
      {preview.buttons.length > 0 && (
        <ul aria-label={t('buttons')} className="mt-1 grid max-w-sm gap-1">
          {preview.buttons.map((button, i) => (
            <PreviewButton key={i} button={button} />
          ))}
        </ul>
      )}
    </figure>
  );
}

function Segments({
  segments,
  showExamples,
  values,
}: {
  segments: TPreviewSegment[];
  showExamples: boolean;
  values?: Record<string, string>;
}) {
  const t = useTranslations('settingsTemplates');
  return segments.map((segment, i) => {
    if (segment.kind === 'text') return <span key={i}>{segment.text}</span>;
    const chip = `{{${segment.name}}}`;
    const value = values?.[segment.name]?.trim();
    if (value)
      return (
        <mark key={i} data-variable={segment.name} data-filled="" title={chip} className="rounded bg-emerald-100 px-0.5 text-inherit">
          {value}
        </mark>
      );
    if (showExamples && segment.example !== null)
      return (
        <mark
          key={i}
          data-variable={segment.name}
          title={chip}
          aria-label={t('exampleOf', { value: segment.example, name: chip })}
          className="rounded bg-emerald-100 px-0.5 text-emerald-900"
        >
          {segment.example}
        </mark>
      );
    return (
      <span
        key={i}
        data-variable={segment.name}
        aria-label={t('variable', { name: chip })}
        dir="ltr"
        className="mx-0.5 inline-block rounded bg-sky-100 px-1 font-mono text-xs text-sky-900"
      >
        {chip}
      </span>
    );
  });
}

/** A button as WhatsApp draws it under the bubble; what it does (the URL, the number) is said beside its label. */
function PreviewButton({ button }: { button: TPreviewButton }) {
  const t = useTranslations('settingsTemplates');
  const detail =
    button.kind === 'url'
      ? t('opensUrl', { url: button.url })
      : button.kind === 'phone'
        ? t('callsPhone', { phone: button.phone })
        : button.kind === 'copy_code'
          ? t('copyCode', { code: button.text })
          : null;
  const icon = button.kind === 'url' ? '↗' : button.kind === 'phone' ? '☎' : button.kind === 'copy_code' ? '⧉' : '↩';
  return (
    <li
      data-button-kind={button.kind}
      title={detail ?? undefined}
      className="flex items-center justify-center gap-1.5 rounded-lg bg-white px-3 py-1.5 text-center text-sm font-medium text-sky-700 shadow-sm"
    >
      <span aria-hidden="true">{icon}</span>
      <span>{button.kind === 'copy_code' ? t('copyCode', { code: button.text }) : button.text}</span>
      {button.kind === 'url' && (
        <span dir="ltr" className="truncate text-xs font-normal text-slate-500">
          {button.url}
        </span>
      )}
      {button.kind === 'phone' && (
        <span dir="ltr" className="text-xs font-normal text-slate-500">
          {button.phone}
        </span>
      )}
    </li>
  );
}
