/**
 * The wire shapes the server sends and accepts. They are the client core's own types (src/core/protocol/types.ts),
 * imported rather than restated, so the reference server and the kit cannot drift apart; docs/protocol.md is
 * their prose.
 */
export type {
  Attachment,
  Chat,
  ChatReadInfo,
  ClientFrame,
  HistoryMessage,
  HistoryPage,
  Message,
  MessageChange,
  OutgoingMessageFields,
  Presence,
  PresenceStatus,
  ReactionSummary,
  ReadReceipt,
  SearchPage,
  SearchResult,
  ServerErrorCode as ErrorCode,
  Session,
  User,
} from '../../../src/core/protocol/types.ts';
export { CloseCode } from '../../../src/core/protocol/types.ts';

/** Every server frame is `{type, data}`. */
export interface ServerFrame<T extends string = string, D = unknown> {
  type: T;
  data: D;
}
