import { memo, type ReactNode } from 'react';
import type { ChatMessage } from '../../core/store/chat-slice';
import { Message } from '../message/message';
import { DateSeparator } from './date-separator';
import type { GroupPosition } from './grouping';

/** Draws a date separator for a day (midnight, local time, in ms). */
export type RenderDay = (day: Date) => ReactNode;

/** Props of `MessageRow`: primitives and identity-stable values only, so `memo` skips every unchanged row. */
export interface MessageRowProps {
  message: ChatMessage;
  position: GroupPosition;
  /** The day this row opens (the first message of the history), drawn before it; else null. */
  leadingDay: number | null;
  /** The day the next message opens, drawn after this one; else null. */
  trailingDay: number | null;
  /** The unread line before this message, or null. */
  unread: ReactNode;
  renderMessage?: (message: ChatMessage) => ReactNode;
  /** Null: no date separators. */
  renderDay: RenderDay | null;
}

/**
 * One item of `MessageList`: the message and the lines around it, in a wrapper carrying `data-group-position`.
 * A new day's separator ends the row before it rather than starting its own: a row's height then never changes
 * when an older page goes in above it, so the page goes in without moving what the reader sees.
 *
 * @example
 * <MessageRow message={m} position="single" leadingDay={null} trailingDay={null} unread={null} renderDay={null} />
 */
export const MessageRow = memo(function MessageRow({ message, position, leadingDay, trailingDay, unread, renderMessage, renderDay }: MessageRowProps) {
  const day = (at: number | null) => renderDay && at !== null && renderDay(new Date(at));
  return (
    <div data-natter="message-row" data-group-position={position} data-message-key={message.key}>
      {day(leadingDay)}
      {unread}
      {renderMessage ? renderMessage(message) : <Message message={message} />}
      {day(trailingDay)}
    </div>
  );
});

/** The date separator `MessageList` draws by default. */
export const DEFAULT_RENDER_DAY: RenderDay = (day) => <DateSeparator date={day} />;
