import type { HTMLAttributes } from 'react';
import type { ChatNotification } from '../../core/store/chat-store';
import { useChatStore } from '../../react/use-chat-store';
import { useNotifications } from '../../react/use-notifications';
import { formatPreview } from '../chat-list/format-preview';
import { definePart } from '../slot/define-part';
import type { AsChildProps } from '../slot/render-part';

/** Props of `Notifications`. */
export interface NotificationsProps extends HTMLAttributes<HTMLElement>, AsChildProps {
  /** The user chose a notification: open its chat (and jump to its message). It is dismissed afterwards. */
  onOpen?: (notification: ChatNotification) => void;
  /** The text of one notification; default "ben: hi" for a direct message, "ben mentioned you in #general: hi". */
  format?: (notification: ChatNotification, chatName: string | null) => string;
  /** The region's accessible name. Default "Notifications". */
  label?: string;
}

/**
 * The default text of a notification.
 *
 * @example
 * formatNotification(notification, 'general'); // "ben mentioned you in #general: @ana look"
 */
export function formatNotification(notification: ChatNotification, chatName: string | null): string {
  const { message } = notification;
  const where = notification.kind === 'mention' ? ` mentioned you${chatName ? ` in #${chatName}` : ''}` : '';
  return `${message.sender.username}${where}: ${formatPreview(message)}`;
}

/**
 * Direct messages and mentions of you in chats not on screen, newest last: a polite live region list (announced as
 * they arrive), each with an open button and a dismiss button. `data-kind="direct_message|mention"` per item,
 * `data-count` on the list.
 *
 * @example
 * <Notifications onOpen={(n) => openChat(n.chat_id, n.message.id)} />
 */
export const Notifications = definePart<HTMLElement, NotificationsProps>('notifications', 'ul', function Notifications({
  onOpen,
  format = formatNotification,
  label = 'Notifications',
  ...props
}) {
  const { notifications, dismiss } = useNotifications();
  const chatNames = useChatStore((state) => state.chatList);
  const content = notifications.map((notification) => {
    const text = format(notification, chatNames?.[notification.chat_id]?.name ?? null);
    return (
      <li key={notification.id} data-natter="notification" data-kind={notification.kind} data-chat-id={notification.chat_id}>
        <button
          type="button"
          data-natter="notification-open"
          onClick={() => {
            onOpen?.(notification);
            dismiss(notification.id);
          }}
        >
          {text}
        </button>
        <button type="button" data-natter="notification-dismiss" aria-label={`Dismiss: ${text}`} onClick={() => dismiss(notification.id)}>
          ×
        </button>
      </li>
    );
  });
  return [{ 'data-count': notifications.length, 'aria-live': 'polite', 'aria-relevant': 'additions', 'aria-label': label }, props, content];
});
