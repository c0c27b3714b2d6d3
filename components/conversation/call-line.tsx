'use client';

import { useTranslations } from 'next-intl';
import { useFormats } from '@/components/i18n/formats';
import type { TMessage } from '@/components/trpc/types';

type TCall = { direction: 'in' | 'out'; state: 'ringing' | 'ended'; durationSeconds: number | null };
type TPermission = { response: 'accept' | 'reject'; expiresAt: string | null };

/**
 * A WhatsApp call with the customer, or their answer to a call permission request, as a line of the timeline:
 * who called, and whether it was answered and for how long (Nafidha places and takes no calls itself).
 */
export function CallLine({ message }: { message: TMessage }) {
  const t = useTranslations('messageMeanings');
  const { n, time, dateTime } = useFormats();
  const payload = (message.payload ?? {}) as { meaning?: string; call?: TCall; callPermission?: TPermission };
  const at = time(message.sentAt ?? message.createdAt);
  let text: string;
  let state: string;
  if (payload.meaning === 'call_permission' && payload.callPermission) {
    const { response, expiresAt } = payload.callPermission;
    state = response;
    text =
      response === 'reject'
        ? t('callPermissionRejected')
        : expiresAt
          ? t('callPermissionAcceptedUntil', { until: dateTime(new Date(expiresAt)) })
          : t('callPermissionAccepted');
  } else {
    const call = payload.call ?? { direction: 'in', state: 'ringing', durationSeconds: null };
    const seconds = call.durationSeconds ?? 0;
    const duration = `${n(Math.floor(seconds / 60))}:${n(seconds % 60, 2)}`;
    const answered = call.state === 'ended' && seconds > 0;
    state = call.state === 'ringing' ? 'ringing' : answered ? 'answered' : 'missed';
    const key = `${call.direction === 'in' ? 'callFrom' : 'callTo'}.${state}` as const;
    text = t(key, { duration });
  }
  return (
    <li
      data-direction="system"
      data-message-id={message.id}
      data-meaning={payload.meaning}
      data-call-state={state}
      className="my-2 text-center text-xs text-slate-500"
    >
      <span aria-hidden="true">{'📞 '}</span>
      <span>{text}</span> · {at}
    </li>
  );
}
