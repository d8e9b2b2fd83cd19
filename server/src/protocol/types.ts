/**
 * The shapes the server sends, named and spelled as on the wire (docs/protocol.md). Field names are the seed's
 * snake_case; never rename one.
 */

/** The seed's `sender` object. */
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
  seq: number;
  client_id: string | null;
}

/** A message as the history route returns it. */
export interface HistoryMessage extends Message {
  read_by: string[];
}

/** The `data` of a relayed `read_receipt`. */
export interface ReadReceipt {
  message_id: string;
  user_id: string;
  chat_id: string;
  seq: number;
  read_at: string;
}

/** A chat as REST returns it, from one member's point of view. */
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

/** Codes of the `error` frame (docs/protocol.md, section 3.6). */
export type ErrorCode =
  | 'invalid_frame'
  | 'unknown_type'
  | 'wrong_socket'
  | 'payload_too_large'
  | 'rate_limited'
  | 'not_found'
  | 'forbidden'
  | 'internal_error';

/** WebSocket close codes the server uses (docs/protocol.md, section 4). */
export const CloseCode = {
  goingAway: 1001,
  tooBig: 1009,
  internalError: 1011,
  tryAgainLater: 1013,
  unauthorized: 4001,
  forbidden: 4003,
  notFound: 4004,
  rateLimited: 4008,
} as const;

/** Every server frame is `{type, data}`. */
export interface ServerFrame<T extends string = string, D = unknown> {
  type: T;
  data: D;
}
