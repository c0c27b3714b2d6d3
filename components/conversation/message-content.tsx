'use client';

import { useTranslations } from 'next-intl';
import { useFormats } from '@/components/i18n/formats';
import type { TMessage } from '@/components/trpc/types';
import { revealBidiControls } from '@/server/domain/bidi';
import { humaniseKey, type TFlowReply, type TOrder } from '@/server/domain/flows-orders';
import { formatMoney } from '@/server/i18n/money';
import type { TMentionedUser } from '@/server/domain/mentions';
import { NoteText } from './note-text';
import { isMediaKind } from '@/server/domain/media-rules';
import { MessageMedia } from './message-media';

/**
 * What a message says: its text, or what a customer submitted with a WhatsApp Flow (its answers as a list) or
 * ordered from the catalog (items, quantities and the total in the reader's formats). A Flow reply or an order
 * that could not be read shows its stored text, like any other message.
 */
export function MessageContent({ message }: { message: TMessage }) {
  const payload = message.payload as { flow?: TFlowReply; order?: TOrder; mentions?: TMentionedUser[] } | null;
  if (message.direction === 'note' && payload?.mentions && message.body) return <NoteText body={message.body} mentions={payload.mentions} />;
  if (payload?.flow) return <FlowReply flow={payload.flow} />;
  if (payload?.order) return <OrderSummary order={payload.order} />;
  if (isMediaKind(message.kind)) {
    // A location's body repeats its name and address (the card shows them); other media show their caption below.
    const caption = message.kind === 'location' ? null : revealBidiControls(message.body);
    return (
      <div className="flex flex-col gap-1">
        <MessageMedia message={message} kind={message.kind} />
        {caption && (
          <p dir="auto" className="whitespace-pre-wrap break-words">
            {caption}
          </p>
        )}
      </div>
    );
  }
  return (
    <p dir="auto" className="whitespace-pre-wrap break-words">
      {revealBidiControls(message.body) ?? `[${message.kind}]`}
    </p>
  );
}

function FlowReply({ flow }: { flow: TFlowReply }) {
  const t = useTranslations('messageMeanings');
  return (
    <div data-testid="flow-reply">
      <p className="mb-1 text-[11px] font-medium opacity-80">{t('flowSubmitted')}</p>
      {flow.fields.length === 0 ? (
        <p className="italic opacity-80">{t('flowEmpty')}</p>
      ) : (
        <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-0.5">
          {flow.fields.map((field) => (
            <div key={field.key} className="contents" data-flow-field={field.key}>
              <dt dir="auto" className="font-medium opacity-80">
                {revealBidiControls(humaniseKey(field.key))}
              </dt>
              <dd dir="auto" className="whitespace-pre-wrap break-words">
                {revealBidiControls(field.value)}
              </dd>
            </div>
          ))}
        </dl>
      )}
    </div>
  );
}

function OrderSummary({ order }: { order: TOrder }) {
  const t = useTranslations('messageMeanings');
  const { tag, n } = useFormats();
  return (
    <div data-testid="order" data-order-total={order.total ? `${order.total.amount} ${order.total.currency}` : undefined}>
      <p className="mb-1 text-[11px] font-medium opacity-80">{t('order', { units: order.units, count: n(order.units) })}</p>
      <table className="w-full text-start">
        <tbody>
          {order.items.map((item, index) => (
            <tr key={`${item.productRetailerId}-${index}`} data-order-item={item.productRetailerId}>
              {/* bdi, not dir on the cell: the cell keeps the page's direction, so its end padding faces the next one. */}
              <td className="pe-3 align-top">
                <bdi>{revealBidiControls(item.productRetailerId)}</bdi>
              </td>
              <td className="pe-3 align-top whitespace-nowrap">{t('orderQuantity', { count: n(item.quantity) })}</td>
              <td className="text-end align-top whitespace-nowrap">
                <bdi>{formatMoney(tag, item.itemPrice, item.currency)}</bdi>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {order.total ? (
        <p className="mt-1 flex justify-between gap-3 border-t border-current/20 pt-1 font-semibold">
          <span>{t('orderTotal')}</span>
          <bdi data-testid="order-total">{formatMoney(tag, order.total.amount, order.total.currency)}</bdi>
        </p>
      ) : (
        <p className="mt-1 text-[11px] italic opacity-80">{t('orderNoTotal')}</p>
      )}
      {order.text && (
        <p dir="auto" className="mt-1 whitespace-pre-wrap break-words">
          {revealBidiControls(order.text)}
        </p>
      )}
    </div>
  );
}
