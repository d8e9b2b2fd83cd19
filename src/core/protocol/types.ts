/**
 * The wire shapes of docs/protocol.md, spelled exactly as on the wire (the seed's snake_case). The reference server
 * imports these types too, so client and server cannot drift apart.
 */

/** The seed's `sender` object; every user on the wire has this shape. */
export interface User {
  id: string;
  username: string;
  email: string;
  is_active: boolean;
  created_at: string;
}

/** The `data` of `new_message` and `new_direct_message`. */
export interface Message {
  id: string;
  chat_id: string;
  sender_id: string;
  content: string;
  message_type: string;
  parent_message_id: string | null;
  created_at: string;
  updated_at: string;
  sender: User;
  /** Position in the chat, from 1, strictly increasing: order by this, never by time. */
  seq: number;
  client_id: string | null;
  /** When the author last edited the content; null if never (docs/protocol.md, section 9.1). */
  edited_at?: string | null;
  /** When the author deleted it; a deleted message is a tombstone: empty content, no attachments or reactions. */
  deleted_at?: string | null;
  /** Reactions, one entry per emoji, in the order each emoji was first used. */
  reactions?: ReactionSummary[];
  /** How many live (not deleted) messages reply to this one. */
  reply_count?: number;
  /** When the newest reply was sent; null without replies. */
  last_reply_at?: string | null;
  /** Files of a `file` or `image` message (docs/protocol.md, section 9.5). */
  attachments?: Attachment[];
  /** Ids of the chat members the content mentions as `@username`. */
  mentions?: string[];
  /** The chat's revision when this message last changed: a newer copy of the same message has a higher `rev`. */
  rev?: number;
}

/** One emoji's reactions on a message. */
export interface ReactionSummary {
  emoji: string;
  count: number;
  /** Who reacted, in the order they did. */
  user_ids: string[];
}

/** A file uploaded to a chat (`POST /api/v1/chats/{chatId}/uploads`). */
export interface Attachment {
  id: string;
  file_name: string;
  content_type: string;
  /** Bytes. */
  size: number;
  /** Pixels, for images the server could measure; null otherwise. */
  width: number | null;
  height: number | null;
  /** Where to download it, relative to the server's origin; works without a bearer token (a capability URL). */
  url: string;
}

/** A message as the history route returns it. */
export interface HistoryMessage extends Message {
  read_by: string[];
}

/** A page of `GET /api/v1/chats/{chatId}/messages`. */
export interface HistoryPage {
  messages: HistoryMessage[];
  has_more: boolean;
  /** With `around`: whether newer messages than the page exist. */
  has_newer?: boolean;
  /** The chat's revision when the page was read (docs/protocol.md, section 9.4). */
  last_rev?: number;
}

/** One hit of `GET /api/v1/chats/{chatId}/search`. */
export interface SearchResult {
  message: HistoryMessage;
  /** The matched ranges in `message.content`: `[start, end)` in UTF-16 code units, ascending. */
  highlights: Array<[number, number]>;
}

/** A page of search results, newest first. */
export interface SearchPage {
  results: SearchResult[];
  has_more: boolean;
}

/** Someone's presence (docs/protocol.md, section 9.6). */
export type PresenceStatus = 'online' | 'away' | 'offline';

/** The `data` of `presence`, and the entries of `connected.presence`. */
export interface Presence {
  user_id: string;
  status: PresenceStatus;
  /** When the user was last online (or away); null if never seen. */
  last_seen_at: string | null;
}

/** The `data` of `message_updated` and `message_deleted`: the message as it now is, and who changed it. */
export interface MessageChange {
  message: Message;
  /** The `client_id` of the frame that made the change, so its sender can match it; null if it had none. */
  client_id: string | null;
  /** Who made the change (for `reply`: the replier). */
  user_id: string;
  change: 'edit' | 'delete' | 'reaction' | 'reply';
}

/** The `data` of `chat_read`: the current user read `chat_id` up to `last_read_seq` (on any device). */
export interface ChatReadInfo {
  chat_id: string;
  last_read_seq: number;
  unread_count: number;
}

/** The `data` of a relayed `read_receipt`. */
export interface ReadReceipt {
  message_id: string;
  user_id: string;
  chat_id: string;
  seq: number;
  read_at: string;
}

/** The `data` of a relayed `typing_indicator`. */
export interface TypingEvent {
  user_id: string;
  is_typing: boolean;
  chat_id: string;
  username: string;
}

/** A chat as REST returns it, from the caller's point of view. */
export interface Chat {
  id: string;
  name: string | null;
  is_direct: boolean;
  created_by: string;
  created_at: string;
  members: User[];
  last_seq: number;
  last_message: Message | null;
  last_read_seq: number;
  /** _(Natter)_ Live messages of others after `last_read_seq`. */
  unread_count: number;
}

/** `POST /api/v1/auth/login` and `/refresh`. */
export interface Session {
  access_token: string;
  refresh_token: string;
  token_type: 'bearer';
  expires_in: number;
  user: User;
}

/** The `data` of the `connected` frame. */
export interface ConnectedInfo {
  socket: 'chat' | 'personal';
  user_id: string;
  chat_id: string | null;
  last_seq: number | null;
  /** The highest seq any other member has received: your messages up to it are delivered. Null on a personal socket. */
  delivered_seq?: number | null;
  /** The chat's revision (null on a personal socket): changes after a revision you hold come from `?changed_after=`. */
  last_rev?: number | null;
  /** Your own `last_read_seq` in this chat (null on a personal socket). */
  last_read_seq?: number | null;
  /** Chat socket: the members' presence. Personal socket: everyone who shares a chat with you, you included. */
  presence?: Presence[];
  server_time: string;
  heartbeat_ms: number;
  limits: {
    max_content_bytes: number;
    max_frame_bytes: number;
    rate_limit: { burst: number; refill_per_second: number };
  };
}

/** Codes of the `error` frame (docs/protocol.md, section 3.6). */
export type ServerErrorCode =
  | 'invalid_frame'
  | 'unknown_type'
  | 'wrong_socket'
  | 'payload_too_large'
  | 'rate_limited'
  | 'not_found'
  | 'forbidden'
  | 'limit_reached'
  | 'internal_error';

/** The `data` of an `error` frame. */
export interface ErrorInfo {
  code: ServerErrorCode;
  message: string;
  frame_type: string | null;
  client_id: string | null;
  retry_after_ms?: number;
}

/** The `data` of `delivered`: `user_ids` have received every message of the chat up to `seq`. */
export interface DeliveredInfo {
  chat_id: string;
  seq: number;
  user_ids: string[];
}

/** The `data` of `pong`. */
export interface PongInfo {
  ts: number | null;
  server_time: string;
}

/** Every frame the server sends, discriminated by `type`. */
export type ServerFrame =
  | { type: 'connected'; data: ConnectedInfo }
  | { type: 'new_message'; data: Message }
  | { type: 'new_direct_message'; data: Message }
  | { type: 'typing_indicator'; data: TypingEvent }
  | { type: 'read_receipt'; data: ReadReceipt }
  | { type: 'delivered'; data: DeliveredInfo }
  | { type: 'message_updated'; data: MessageChange }
  | { type: 'message_deleted'; data: MessageChange }
  | { type: 'presence'; data: Presence }
  | { type: 'chat_activity'; data: Message }
  | { type: 'chat_read'; data: ChatReadInfo }
  | { type: 'pong'; data: PongInfo }
  | { type: 'error'; data: ErrorInfo };

/** The fields shared by `send_message` and `direct_message`. */
export interface OutgoingMessageFields {
  /** May be empty (or white space) only for `file` and `image` messages. */
  content: string;
  message_type?: 'text' | 'file' | 'image';
  parent_message_id?: string | null;
  client_id?: string;
  /** _(Natter)_ Uploads of the sender in this chat; required (1–10) for `file` and `image`. */
  attachment_ids?: string[];
}

/** Every frame a client sends. */
export type ClientFrame =
  | { type: 'send_message'; data: OutgoingMessageFields }
  | { type: 'direct_message'; data: OutgoingMessageFields & { recipient_id: string; chat_id?: string } }
  | { type: 'typing_indicator'; data: { is_typing: boolean } }
  | { type: 'read_receipt'; data: { message_id: string } }
  | { type: 'edit_message'; data: { message_id: string; content: string; client_id?: string } }
  | { type: 'delete_message'; data: { message_id: string; client_id?: string } }
  | { type: 'add_reaction'; data: { message_id: string; emoji: string; client_id?: string } }
  | { type: 'remove_reaction'; data: { message_id: string; emoji: string; client_id?: string } }
  | { type: 'set_presence'; data: { status: 'online' | 'away' } }
  | { type: 'ping'; data: { ts?: number } };

/** WebSocket close codes (docs/protocol.md, section 4). */
export const CloseCode = {
  normal: 1000,
  goingAway: 1001,
  abnormal: 1006,
  tooBig: 1009,
  internalError: 1011,
  tryAgainLater: 1013,
  unauthorized: 4001,
  forbidden: 4003,
  notFound: 4004,
  rateLimited: 4008,
} as const;
