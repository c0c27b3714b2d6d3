'use client';

import { useTranslations } from 'next-intl';
import type { TReplyTarget } from '@/components/conversation/reply-target';
import { revealBidiControls } from '@/server/domain/bidi';

/** Above the text box: the message the reply will quote, with a way to cancel (the reply then quotes nothing). */
export function ReplyingTo({ target, onCancel }: { target: TReplyTarget; onCancel: () => void }) {
  const t = useTranslations('replies');
  const who = target.direction === 'in' ? t('quotedCustomer') : t('quotedUs');
  return (
    <div
      role="status"
      data-replying-to={target.id}
      className="flex items-start gap-2 rounded-md border-s-4 border-brand-500 bg-slate-50 px-3 py-1.5 text-xs text-slate-700"
    >
      <div className="min-w-0 flex-1">
        <p className="font-medium">{t('replyingTo', { who })}</p>
        <p dir="auto" className="truncate">
          {revealBidiControls(target.body) ?? `[${target.kind}]`}
        </p>
      </div>
      <button type="button" onClick={onCancel} className="shrink-0 rounded px-1.5 py-0.5 text-slate-600 underline hover:bg-slate-200">
        {t('cancelReply')}
      </button>
    </div>
  );
}
