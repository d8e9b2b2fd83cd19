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
}

/** A message as the history route returns it. */
export interface HistoryMessage extends Message {
  read_by: string[];
}

/** A page of `GET /api/v1/chats/{chatId}/messages`. */
export interface HistoryPage {
  messages: HistoryMessage[];
  has_more: boolean;
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
  | { type: 'pong'; data: PongInfo }
  | { type: 'error'; data: ErrorInfo };

/** The fields shared by `send_message` and `direct_message`. */
export interface OutgoingMessageFields {
  content: string;
  message_type?: 'text';
  parent_message_id?: string | null;
  client_id?: string;
}

/** Every frame a client sends. */
export type ClientFrame =
  | { type: 'send_message'; data: OutgoingMessageFields }
  | { type: 'direct_message'; data: OutgoingMessageFields & { recipient_id: string; chat_id?: string } }
  | { type: 'typing_indicator'; data: { is_typing: boolean } }
  | { type: 'read_receipt'; data: { message_id: string } }
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
