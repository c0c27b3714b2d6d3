'use client';

import { useQuery } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { useId, useMemo, useRef, useState, type KeyboardEvent, type ReactNode, type RefObject, type TextareaHTMLAttributes } from 'react';
import { useTRPC } from '@/components/trpc/client';
import { TEXT_MAX } from '@/server/domain/limits';
import { activeMention, encodeMentions, matchTeammates, type TMentionedUser } from '@/server/domain/mentions';
import { normalizeSearchText } from '@/server/domain/search-normalize';
import { placeInTextarea } from './insert-at-caret';
import { SubmitButton } from './submit-button';

const SHOWN = 8;

type TProps = {
  label: string;
  buttonLabel: string;
  pendingLabel: string;
  placeholder: string;
  value: string;
  onChange: (value: string) => void;
  /** The note as sent: each chosen "@Name" as its mention token (server/domain/mentions.ts). */
  onSubmit: (text: string) => void;
  pending: boolean;
  /** The composer's shared tools (saved replies, emoji) work on the note too: its box, its list and its row. */
  textareaRef?: RefObject<HTMLTextAreaElement | null>;
  textareaProps?: TextareaHTMLAttributes<HTMLTextAreaElement>;
  above?: ReactNode;
  below?: ReactNode;
  /** An open saved-replies list takes the arrows, Enter and Escape before the mentions do. */
  onKeyDownFirst?: (event: KeyboardEvent<HTMLTextAreaElement>) => boolean;
};

/**
 * The internal note's text box, with @mentions: an "@" starting a word opens a listbox of the workspace's teammates
 * filtered by what follows it (arrows move, Enter or Tab choose, Escape closes); the choice reads "@Name" in the box
 * and goes out as its token, so the server learns who was meant from the text and checks them itself.
 */
export function NoteBox(props: TProps) {
  const t = useTranslations('composer');
  const trpc = useTRPC();
  const options = useQuery(trpc.conversation.filterOptions.queryOptions());
  const me = useQuery(trpc.me.get.queryOptions());
  const listId = useId();
  const ownBox = useRef<HTMLTextAreaElement>(null);
  // The composer's ref when it lends one (its tools insert at this box's caret), else our own.
  const box = props.textareaRef ?? ownBox;
  const [caret, setCaret] = useState(0);
  const [active, setActive] = useState(0);
  const [dismissedAt, setDismissedAt] = useState<number | null>(null);
  const [chosen, setChosen] = useState<TMentionedUser[]>([]);
  const { value, onChange } = props;
  // A sent (emptied) note forgets whom it mentioned: adjusted while rendering, as React advises for derived resets.
  const [previous, setPrevious] = useState(value);
  if (value !== previous) {
    setPrevious(value);
    if (!value && chosen.length > 0) setChosen([]);
  }

  const teammates = useMemo(
    () => (options.data?.members ?? []).filter((member) => member.id !== me.data?.user.id),
    [options.data, me.data],
  );
  const mention = activeMention(value, caret);
  // A mention chosen (or closed with Escape) stays closed while the text goes on after it; a new "@" opens anew.
  const dismissed = mention !== null && dismissedAt === mention.start;
  const matches = mention && !dismissed ? matchTeammates(teammates, mention.query, normalizeSearchText).slice(0, SHOWN) : [];
  // Past the first word with nobody matching, it is just text with an "@" in it.
  const open = mention !== null && !dismissed && (matches.length > 0 || !/\s/.test(mention.query));
  const current = Math.min(active, Math.max(matches.length - 1, 0));

  const choose = (person: { id: string; name: string }) => {
    if (!mention) return;
    const inserted = `@${person.name} `;
    const next = value.slice(0, mention.start) + inserted + value.slice(caret);
    const position = mention.start + inserted.length;
    placeInTextarea(box.current, next, position, onChange);
    setChosen((list) => (list.some((p) => p.id === person.id) ? list : [...list, { id: person.id, name: person.name }]));
    setCaret(position);
    setActive(0);
    setDismissedAt(mention.start);
  };

  const submit = () => {
    if (!value.trim() || props.pending) return;
    props.onSubmit(encodeMentions(value, chosen));
  };

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (props.onKeyDownFirst?.(event)) return;
    if (open && matches.length > 0) {
      if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
        event.preventDefault();
        const step = event.key === 'ArrowDown' ? 1 : -1;
        setActive((current + step + matches.length) % matches.length);
        return;
      }
      if ((event.key === 'Enter' && !event.shiftKey) || event.key === 'Tab') {
        event.preventDefault();
        choose(matches[current]!);
        return;
      }
    }
    if (open && mention && event.key === 'Escape') {
      // Closes the list only; a second Escape is the page's again.
      event.preventDefault();
      event.stopPropagation();
      setDismissedAt(mention.start);
      return;
    }
    if (event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing) {
      event.preventDefault();
      submit();
    }
  };

  const optionId = (index: number) => `${listId}-option-${index}`;
  return (
    <div className="relative space-y-1">
      {props.above}
      {open && (
        <ul
          id={listId}
          role="listbox"
          aria-label={t('teammates')}
          className="absolute bottom-full start-0 z-20 mb-1 max-h-60 w-64 overflow-y-auto rounded-lg border border-slate-200 bg-white py-1 text-sm shadow-lg"
        >
          {matches.length === 0 ? (
            <li role="option" aria-selected={false} aria-disabled="true" className="px-3 py-1.5 text-slate-500">
              {t('noTeammate')}
            </li>
          ) : (
            matches.map((person, index) => (
              <li
                key={person.id}
                id={optionId(index)}
                role="option"
                aria-selected={index === current}
                data-user-id={person.id}
                // Keeps the focus (and the caret) in the text box.
                onMouseDown={(event) => event.preventDefault()}
                onClick={() => choose(person)}
                className={`cursor-pointer px-3 py-1.5 ${index === current ? 'bg-amber-100 text-amber-950' : 'text-slate-700 hover:bg-slate-50'}`}
              >
                <span dir="auto">{person.name}</span>
              </li>
            ))
          )}
        </ul>
      )}
      <div className="flex items-end gap-2">
        <textarea
          {...props.textareaProps}
          ref={box}
          aria-label={props.label}
          aria-autocomplete="list"
          aria-controls={open ? listId : props.textareaProps?.['aria-controls']}
          aria-activedescendant={open && matches.length > 0 ? optionId(current) : props.textareaProps?.['aria-activedescendant']}
          data-shortcut="reply"
          dir="auto"
          rows={2}
          maxLength={TEXT_MAX}
          value={value}
          onChange={(event) => {
            onChange(event.target.value);
            setCaret(event.target.selectionStart);
            setActive(0);
            // The dismissed "@" was deleted: one typed there again is a new mention.
            if (dismissedAt !== null && event.target.value[dismissedAt] !== '@') setDismissedAt(null);
          }}
          onSelect={(event) => setCaret(event.currentTarget.selectionStart)}
          onKeyDown={onKeyDown}
          placeholder={props.placeholder}
          className="block min-h-10 flex-1 resize-y rounded-lg border border-amber-300 bg-amber-50 px-3 py-2 text-sm focus:outline-none focus:ring-2 focus:ring-amber-200"
        />
        <SubmitButton
          label={props.buttonLabel}
          pendingLabel={props.pendingLabel}
          pending={props.pending}
          disabled={!value.trim()}
          onClick={submit}
        />
      </div>
      {props.below}
    </div>
  );
}
