import { useId, type ButtonHTMLAttributes } from 'react';
import type { Chat } from '../../core/protocol/types';
import { Avatar } from '../presence-badge/avatar';
import { afterUnlessPrevented } from '../shared/events';
import { plural } from '../shared/plural';
import { useCurrentUserId } from '../shared/use-current-user-id';
import { bool, flag } from '../slot/data-attributes';
import { definePart } from '../slot/define-part';
import type { AsChildProps } from '../slot/render-part';
import { formatActivityTime, formatPreview } from './format-preview';

/** Props of `ChatListItem`. */
export interface ChatListItemProps extends Omit<ButtonHTMLAttributes<HTMLButtonElement>, 'onSelect'>, AsChildProps {
  chat: Chat;
  selected?: boolean;
  onSelect?: (chat: Chat) => void;
}

/**
 * A chat's display name: its name, or the other members' for a direct chat.
 *
 * @example
 * chatTitle(chat, me.id); // "ben"
 */
export function chatTitle(chat: Chat, currentUserId: string): string {
  if (chat.name) return chat.name;
  const others = chat.members.filter((member) => member.id !== currentUserId);
  return others.map((member) => member.username).join(', ') || 'Just you';
}

/**
 * One row of `ChatList`: a button with the chat's avatar (the other member's, with presence, for a direct
 * chat), name, last message and time, and an unread badge. `data-selected` (and `aria-current`), `data-unread`,
 * `data-direct`, `data-chat-id`.
 *
 * @example
 * <ChatListItem chat={chat} selected={chat.id === openId} onSelect={(c) => open(c.id)} />
 */
export const ChatListItem = definePart<HTMLButtonElement, ChatListItemProps>('chat-list-item', 'button', function ChatListItem({
  chat,
  selected = false,
  onSelect,
  onClick,
  ...props
}) {
  const me = useCurrentUserId();
  const title = chatTitle(chat, me);
  const other = chat.is_direct ? chat.members.find((member) => member.id !== me) : undefined;
  const last = chat.last_message;
  const author = !last || last.deleted_at ? '' : last.sender_id === me ? 'You: ' : chat.is_direct ? '' : `${last.sender.username}: `;
  const unread = chat.unread_count;
  const activeAt = last?.created_at ?? chat.created_at;
  const avatarId = `${useId()}-avatar`;
  const state = {
    'data-chat-id': chat.id,
    'data-selected': bool(selected),
    'data-unread': bool(unread > 0),
    'data-direct': bool(chat.is_direct),
    type: 'button',
    'aria-current': flag(selected),
    'aria-describedby': other && avatarId,
    onClick: afterUnlessPrevented(onClick, () => onSelect?.(chat)),
  };
  // Named by its content (the spaces keep the parts apart for assistive technology); the avatar only repeats the
  // name, so it is hidden, and for a direct chat it describes the row with the other person's presence.
  return [
    state,
    props,
    <Avatar id={avatarId} aria-hidden="true" userId={other?.id ?? chat.id} name={title} showPresence={!!other} />,
    <span data-natter="chat-list-name">{title}</span>,
    ' ',
    <time data-natter="chat-list-time" dateTime={activeAt}>
      {formatActivityTime(activeAt)}
    </time>,
    ' ',
    <span data-natter="chat-list-preview" data-deleted={flag(last?.deleted_at)}>
      {author}
      {formatPreview(last)}
    </span>,
    ' ',
    unread > 0 && (
      <span data-natter="chat-list-badge" data-unread="true" role="img" aria-label={plural(unread, 'unread message')}>
        {unread > 99 ? '99+' : unread}
      </span>
    ),
  ];
});
