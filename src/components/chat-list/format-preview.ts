import type { Message } from '../../core/protocol/types';
import { formatClock, validDate } from '../shared/time';

/**
 * The one-line preview of a chat's last message: "Message deleted" for a tombstone, "📎 name" for files (the
 * caption when there is one), otherwise the text on one line. Empty without a message.
 *
 * @example
 * formatPreview(chat.last_message); // "📎 report.pdf"
 */
export function formatPreview(message: Message | null): string {
  if (!message) return '';
  if (message.deleted_at) return 'Message deleted';
  const text = message.content.replace(/\s+/gu, ' ').trim();
  const files = message.attachments ?? [];
  if (files.length || /^(file|image)$/.test(message.message_type)) {
    return `📎 ${text || files.map((file) => file.file_name).join(', ') || 'file'}`;
  }
  return text;
}

/**
 * A chat row's time: hours and minutes today, else the date.
 *
 * @example
 * formatActivityTime('2026-11-24T09:30:00Z', new Date()); // "09:30"
 */
export function formatActivityTime(iso: string, now: Date = new Date()): string {
  const date = validDate(iso);
  if (!date) return '';
  return date.toDateString() === now.toDateString() ? formatClock(date) : date.toLocaleDateString(undefined, { month: 'short', day: 'numeric' });
}
