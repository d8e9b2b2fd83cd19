import type { ConnectedInfo, HistoryMessage, Message, ServerFrame, User } from 'natter';

/** A wire user. */
export function user(id: string, username = id): User {
  return { id, username, email: `${username}@natter.invalid`, is_active: true, created_at: '2026-01-01T00:00:00.000Z' };
}

/**
 * The fields of docs/protocol.md section 9.1 of a message nobody has edited, deleted, reacted to or replied to
 * (`rev` aside: it depends on the chat's history).
 */
export const FRESH_FIELDS: Pick<Required<Message>, 'edited_at' | 'deleted_at' | 'reactions' | 'reply_count' | 'last_reply_at' | 'attachments' | 'mentions'> = {
  edited_at: null,
  deleted_at: null,
  reactions: [],
  reply_count: 0,
  last_reply_at: null,
  attachments: [],
  mentions: [],
};

/** A wire message at `seq` in chat `c1`. */
export function message(seq: number, overrides: Partial<Message> = {}): Message {
  const sender = overrides.sender ?? user(overrides.sender_id ?? 'bo');
  return {
    id: `m${seq}`,
    chat_id: 'c1',
    sender_id: sender.id,
    content: `message ${seq}`,
    message_type: 'text',
    parent_message_id: null,
    created_at: new Date(Date.UTC(2026, 0, 1, 0, 0, seq)).toISOString(),
    updated_at: new Date(Date.UTC(2026, 0, 1, 0, 0, seq)).toISOString(),
    sender,
    seq,
    client_id: null,
    ...FRESH_FIELDS,
    rev: seq,
    ...overrides,
  };
}

/** A history message. */
export function historyMessage(seq: number, readBy: string[] = [], overrides: Partial<Message> = {}): HistoryMessage {
  return { ...message(seq, overrides), read_by: readBy };
}

/** The server's `connected` frame for chat `c1` and user `ana`, with the reference server's limits. */
export function connected(data: Partial<ConnectedInfo> = {}): ServerFrame {
  return {
    type: 'connected',
    data: {
      socket: 'chat',
      user_id: 'ana',
      chat_id: 'c1',
      last_seq: 0,
      server_time: '2026-11-24T09:30:00.000Z',
      heartbeat_ms: 25_000,
      limits: { max_content_bytes: 16 * 1024, max_frame_bytes: 64 * 1024, rate_limit: { burst: 30, refill_per_second: 10 } },
      ...data,
    },
  };
}
