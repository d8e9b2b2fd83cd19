/**
 * The docs/protocol.md 9.1 fields of a message nobody has edited, deleted, reacted to, replied to, attached to or
 * mentioned anyone in; `rev` is left out because it depends on the chat's history.
 *
 * @example
 * expect(await sendMessage(a, 'hello')).toMatchObject({ ...FRESH_MESSAGE_FIELDS, rev: 1 });
 */
export const FRESH_MESSAGE_FIELDS = Object.freeze({
  edited_at: null,
  deleted_at: null,
  reactions: [],
  reply_count: 0,
  last_reply_at: null,
  attachments: [],
  mentions: [],
});
