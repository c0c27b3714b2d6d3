'use client';

import { useTranslations } from 'next-intl';
import { useRef } from 'react';
import { useFormats } from '@/components/i18n/formats';
import type { TMessage } from '@/components/trpc/types';
import { revealBidiControls } from '@/server/domain/bidi';
import { formatDuration, MEDIA_ICONS } from '@/server/domain/media-preview';
import type { TMediaKind } from '@/server/domain/media-rules';
import { useMediaWords } from './media-words';

type TLocation = { latitude: number | null; longitude: number | null; name: string | null; address: string | null; url: string | null };
type TSharedContact = { name: string | null; phones: { phone: string; waId: string | null }[]; emails: string[] };

const mediaSrc = (id: number) => `/api/media/${id}`;

/**
 * A media message in the timeline (UI-CONTRACT "Media"): photos and stickers as thumbnails that open full size in a
 * modal dialog (native <dialog>: Escape closes it, focus stays inside), native players for voice notes and videos,
 * a document card with a Download link, a location with a map link, contact cards; while the file is being fetched a
 * pending line, and when it cannot be, the reason in words.
 */
export function MessageMedia({ message, kind }: { message: TMessage; kind: TMediaKind }) {
  const words = useMediaWords();
  const t = useTranslations('media');
  const payload = message.payload as { location?: TLocation; contacts?: TSharedContact[] } | null;
  if (kind === 'location') return <LocationCard location={payload?.location ?? null} />;
  if (kind === 'contacts') return <ContactCards contacts={payload?.contacts ?? []} />;
  const media = message.media;
  const word = kind === 'audio' && media?.voice ? words.voice : words[kind];
  if (!media || media.state === 'pending')
    return (
      <p role="status" data-media-state="pending" className="text-xs italic opacity-80">
        {t('pending', { kind: word })}
      </p>
    );
  if (media.state === 'unavailable')
    return (
      <p data-media-state="unavailable" data-media-reason={media.unavailableReason ?? undefined} className="text-xs italic opacity-80">
        {t('unavailable', { kind: word, reason: t(`reason.${media.unavailableReason ?? 'download_failed'}`) })}
      </p>
    );
  if (kind === 'image' || kind === 'sticker')
    return <Thumbnail id={message.id} alt={message.body?.trim() || word} media={media} sticker={kind === 'sticker'} />;
  if (kind === 'audio' || kind === 'video')
    return <Player id={message.id} kind={kind} label={word} durationSeconds={media.durationSeconds} />;
  return <DocumentCard id={message.id} media={media} fallbackName={word} />;
}

type TMedia = NonNullable<TMessage['media']>;

function Thumbnail({ id, alt, media, sticker }: { id: number; alt: string; media: TMedia; sticker: boolean }) {
  const t = useTranslations('media');
  const dialog = useRef<HTMLDialogElement>(null);
  const size = sticker ? 'max-h-32 max-w-32' : 'max-h-64 max-w-full';
  return (
    <>
      <button
        type="button"
        aria-label={t('viewFull', { name: alt })}
        aria-haspopup="dialog"
        onClick={() => dialog.current?.showModal()}
        className="block cursor-zoom-in rounded-lg focus-visible:outline-2 focus-visible:outline-brand-600"
      >
        {/* A plain img: the file is served by /api/media behind the session, not by next/image. */}
        <img
          src={mediaSrc(id)}
          alt={alt}
          width={media.width ?? undefined}
          height={media.height ?? undefined}
          loading="lazy"
          className={`${size} h-auto w-auto rounded-lg object-contain`}
        />
      </button>
      <dialog
        ref={dialog}
        aria-label={alt}
        onClick={(event) => event.target === dialog.current && dialog.current?.close()}
        // Escape closes the picture only, not the conversation behind it (the pane's own shortcut).
        onKeyDown={(event) => event.key === 'Escape' && event.stopPropagation()}
        className="m-auto max-h-[95vh] max-w-[95vw] rounded-lg bg-slate-900 p-2 backdrop:bg-black/70"
      >
        <div className="flex justify-end">
          <button
            type="button"
            onClick={() => dialog.current?.close()}
            className="rounded px-2 py-1 text-sm text-white hover:bg-white/10"
            autoFocus
          >
            {t('exitFull')}
          </button>
        </div>
        <img src={mediaSrc(id)} alt={alt} className="max-h-[85vh] max-w-full object-contain" />
      </dialog>
    </>
  );
}

function Player({
  id,
  kind,
  label,
  durationSeconds,
}: {
  id: number;
  kind: 'audio' | 'video';
  label: string;
  durationSeconds: number | null;
}) {
  const t = useTranslations('media');
  const duration = formatDuration(durationSeconds);
  return (
    <div className="flex flex-col gap-1">
      {kind === 'audio' ? (
        <audio controls preload="metadata" src={mediaSrc(id)} aria-label={label} className="max-w-full" />
      ) : (
        <video controls preload="metadata" src={mediaSrc(id)} aria-label={label} className="max-h-64 max-w-full rounded-lg" />
      )}
      {duration && (
        <span className="text-[11px] opacity-80" data-testid="media-duration">
          {t('duration', { time: duration })}
        </span>
      )}
    </div>
  );
}

function DocumentCard({ id, media, fallbackName }: { id: number; media: TMedia; fallbackName: string }) {
  const t = useTranslations('media');
  const { n } = useFormats();
  const name = media.fileName ?? fallbackName;
  const bytes = media.sizeBytes ?? 0;
  const size =
    bytes >= 1024 * 1024
      ? t('megabytes', { n: n(Math.round((bytes / 1024 / 1024) * 10) / 10) })
      : bytes >= 1024
        ? t('kilobytes', { n: n(Math.round(bytes / 1024)) })
        : t('bytes', { n: n(bytes) });
  const type = (media.fileName?.split('.').pop() ?? media.mimeType?.split('/').pop() ?? '').toUpperCase();
  return (
    <div data-testid="document-card" className="flex items-center gap-3 rounded-lg border border-current/20 px-3 py-2">
      <span aria-hidden="true" className="text-2xl">
        {MEDIA_ICONS.document}
      </span>
      <div className="min-w-0">
        <p dir="auto" className="truncate font-medium">
          {revealBidiControls(name)}
        </p>
        <p className="text-[11px] opacity-80">{t('documentMeta', { type, size })}</p>
        <a href={mediaSrc(id)} download={name} className="text-xs font-medium underline">
          {t('download', { name })}
        </a>
      </div>
    </div>
  );
}

function LocationCard({ location }: { location: TLocation | null }) {
  const t = useTranslations('media');
  const place = location?.name ?? location?.address ?? t('unnamedPlace');
  const map =
    location?.latitude !== null && location?.latitude !== undefined && location.longitude !== null
      ? `https://www.openstreetmap.org/?mlat=${location.latitude}&mlon=${location.longitude}#map=17/${location.latitude}/${location.longitude}`
      : null;
  return (
    <div data-testid="location-card" className="flex flex-col gap-0.5">
      <p className="font-medium">
        <span aria-hidden="true">{`${MEDIA_ICONS.location} `}</span>
        <bdi>{revealBidiControls(location?.name ?? null) ?? t('unnamedPlace')}</bdi>
      </p>
      {location?.address && (
        <p dir="auto" className="text-xs opacity-80">
          {revealBidiControls(location.address)}
        </p>
      )}
      {map && (
        <a href={map} target="_blank" rel="noopener noreferrer" className="text-xs font-medium underline">
          {t('mapLink', { name: place })}
        </a>
      )}
    </div>
  );
}

function ContactCards({ contacts }: { contacts: TSharedContact[] }) {
  const t = useTranslations('media');
  return (
    <ul data-testid="contact-cards" className="flex flex-col gap-2">
      {contacts.map((contact, index) => (
        <li key={index} className="rounded-lg border border-current/20 px-3 py-2">
          <p dir="auto" className="font-medium">
            <span aria-hidden="true">{`${MEDIA_ICONS.contacts} `}</span>
            {revealBidiControls(contact.name) ?? contact.phones[0]?.phone}
          </p>
          {contact.phones.map((phone) => (
            <p key={phone.phone} className="text-xs">
              <a
                href={`tel:${phone.phone.replace(/[^\d+]/g, '')}`}
                aria-label={t('contactPhone', { phone: phone.phone })}
                className="underline"
              >
                <bdi dir="ltr">{phone.phone}</bdi>
              </a>
            </p>
          ))}
          {contact.emails.map((email) => (
            <p key={email} className="text-xs opacity-80">
              <bdi dir="ltr">{email}</bdi>
            </p>
          ))}
        </li>
      ))}
    </ul>
  );
}
