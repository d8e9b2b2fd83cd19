import { useState, type ButtonHTMLAttributes, type HTMLAttributes } from 'react';
import type { ReactionSummary, User } from '../../core/protocol/types';
import type { ChatStoreState } from '../../core/store/chat-store';
import { useChatStore } from '../../react/use-chat-store';
import { useMessageActions } from '../../react/use-message-actions';
import { plural } from '../shared/plural';
import { unlessRefused } from '../shared/refusal';
import { useCurrentUserId } from '../shared/use-current-user-id';
import { bool, flag } from '../slot/data-attributes';
import { definePart } from '../slot/define-part';
import type { AsChildProps } from '../slot/render-part';
import { useMessageContext } from './message-context';

/** Props of `ReactionButton`. */
export interface ReactionButtonProps extends ButtonHTMLAttributes<HTMLButtonElement>, AsChildProps {
  reaction: ReactionSummary;
}

// Members' names by id, built once per member list (the list keeps its identity until it changes), so the selector
// below costs a few map look-ups however large the chat, on every store update.
const namesByList = new WeakMap<readonly User[], Map<string, string>>();
function memberNames(members: readonly User[]): Map<string, string> {
  let names = namesByList.get(members);
  if (!names) namesByList.set(members, (names = new Map(members.map((m) => [m.id, m.username]))));
  return names;
}

/**
 * Who reacted, for a tooltip: "You, ana and ben", "ana, ben, cy and 4 others". Names come from the chat list's
 * members, or the message's author; someone known by neither counts as "someone".
 *
 * @example
 * reactorNames(state, chatId, ['u1', 'u2'], me.id, message.sender); // "You and ana"
 */
export function reactorNames(state: ChatStoreState, chatId: string, userIds: readonly string[], currentUserId: string, author?: User): string {
  const members = state.chatList?.[chatId]?.members;
  const names = members ? memberNames(members) : undefined;
  const nameOf = (id: string) => (id === currentUserId ? 'You' : (names?.get(id) ?? (author?.id === id ? author.username : 'someone')));
  const ordered = [...userIds].sort((a, b) => Number(b === currentUserId) - Number(a === currentUserId));
  const shown = ordered.slice(0, 3).map(nameOf);
  const rest = ordered.length - 3;
  // Past three names, "N others" is the last item of the list.
  if (rest > 0) shown.push(plural(rest, 'other'));
  return shown.length < 2 ? (shown[0] ?? '') : `${shown.slice(0, -1).join(', ')} and ${shown.at(-1)}`;
}

/**
 * One emoji's reactions on the enclosing message: the emoji and its count, who reacted as its title; pressing it
 * adds or removes yours. `aria-pressed`, `data-reacted` (yours is among them), `data-count` and `data-emoji`; a
 * refusal the client can tell at once (the message is not held, or deleted) sets `data-error`, its reason the title.
 *
 * @example
 * {message.reactions.map((r) => <ReactionButton key={r.emoji} reaction={r} />)}
 */
export const ReactionButton = definePart<HTMLButtonElement, ReactionButtonProps>('reaction', 'button', function ReactionButton({ reaction, ...props }) {
  const message = useMessageContext('ReactionButton');
  const me = useCurrentUserId();
  const { toggleReaction } = useMessageActions(message.chat_id);
  const [error, setError] = useState<string | null>(null);
  const { emoji, count, user_ids } = reaction;
  const reacted = user_ids.includes(me);
  // A string, so a change elsewhere in the store re-renders nothing here.
  const who = useChatStore((state) => reactorNames(state, message.chat_id, user_ids, me, message.sender));
  const messageId = message.id;
  const state = {
    'data-reacted': bool(reacted),
    'data-count': count,
    'data-emoji': emoji,
    'data-error': flag(error),
    type: 'button',
    'aria-pressed': reacted,
    'aria-label': `${emoji} ${plural(count, 'reaction')}${reacted ? ', including yours' : ''}`,
    title: error ?? `${emoji} ${who}`,
    disabled: messageId === null,
    onClick: () =>
      unlessRefused(() => {
        toggleReaction(messageId!, emoji);
        setError(null);
      }, setError),
  };
  return [
    state,
    props,
    <span data-natter="reaction-emoji" aria-hidden="true">
      {emoji}
    </span>,
    <span data-natter="reaction-count" aria-hidden="true">
      {count}
    </span>,
  ];
});

/**
 * The enclosing message's reactions, one `ReactionButton` per emoji in the order first used; nothing when there
 * are none (or the message is deleted). `data-count` is the number of distinct emoji.
 *
 * @example
 * <MessageReactions />
 */
export const MessageReactions = definePart<HTMLElement, HTMLAttributes<HTMLElement> & AsChildProps>('message-reactions', 'div', function MessageReactions(props) {
  const message = useMessageContext('MessageReactions');
  const reactions = message.reactions ?? [];
  if (reactions.length === 0 || message.deleted_at) return null;
  const content = reactions.map((reaction) => <ReactionButton key={reaction.emoji} reaction={reaction} />);
  return [{ role: 'group', 'aria-label': 'Reactions', 'data-count': reactions.length }, props, content];
});
