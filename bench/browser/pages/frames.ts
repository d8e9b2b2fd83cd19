import type { HistoryMessage, User } from 'natter';

/** The one chat every variant shows. */
export const CHAT_ID = '00000000-0000-4000-8000-0000000c4a70';

/** Who reads: no message in the bench is theirs, so every one renders as someone else's. */
export const ME = { id: '00000000-0000-4000-8000-00000000a000', username: 'reader' };

const SENDERS: User[] = ['ada', 'grace', 'linus', 'margaret', 'ken'].map((username, i) => ({
  id: `00000000-0000-4000-8000-00000000b00${i}`,
  username,
  email: `${username}@example.com`,
  is_active: true,
  created_at: '2026-01-01T00:00:00.000Z',
}));

const WORDS = 'the quick brown fox jumps over a lazy dog while we ship chat messages at scale with react and sockets'.split(' ');

/** A message id that encodes its seq, so a row found in the DOM tells where the reader is. */
export const messageId = (seq: number): string => `00000000-0000-4000-8000-${seq.toString(16).padStart(12, '0')}`;

/** The seq in an id made by `messageId`. */
export const seqOf = (id: string): number => Number.parseInt(id.slice(-12), 16);

// Deterministic lengths (3-40 words) so every variant and every run lays out the same text.
function contentOf(seq: number): string {
  const length = 3 + ((seq * 7919) % 38);
  const words = Array.from({ length }, (_, i) => WORDS[(seq + i * 31) % WORDS.length]);
  return `#${seq} ${words.join(' ')}`;
}

const START = Date.parse('2026-05-01T09:00:00.000Z');

/**
 * Message `seq` as the history route returns it (docs/protocol.md); `new_message` frames carry the same object
 * without `read_by`.
 */
export function makeMessage(seq: number): HistoryMessage {
  const sender = SENDERS[seq % SENDERS.length]!;
  const at = new Date(START + seq * 1000).toISOString();
  return {
    id: messageId(seq),
    chat_id: CHAT_ID,
    sender_id: sender.id,
    content: contentOf(seq),
    message_type: 'text',
    parent_message_id: null,
    created_at: at,
    updated_at: at,
    sender,
    seq,
    client_id: null,
    rev: seq,
    read_by: [],
  };
}

/** Messages `from`..`to` (inclusive), oldest first. */
export function makeMessages(from: number, to: number): HistoryMessage[] {
  return Array.from({ length: to - from + 1 }, (_, i) => makeMessage(from + i));
}

/** The wire text of `new_message` frames for seqs `from`..`to`: what a server would send, serialized up front. */
export function makeFrames(from: number, to: number): string[] {
  return Array.from({ length: to - from + 1 }, (_, i) => {
    const { read_by: _readBy, ...message } = makeMessage(from + i);
    return JSON.stringify({ type: 'new_message', data: message });
  });
}

/** The `connected` frame (docs/protocol.md, 1.1) a chat socket gets first, for a chat whose newest seq is `lastSeq`. */
export function connectedFrame(lastSeq: number): string {
  return JSON.stringify({
    type: 'connected',
    data: {
      socket: 'chat',
      user_id: ME.id,
      chat_id: CHAT_ID,
      last_seq: lastSeq,
      delivered_seq: lastSeq,
      server_time: new Date().toISOString(),
      heartbeat_ms: 25_000,
      last_rev: lastSeq,
      last_read_seq: lastSeq,
      presence: [],
      limits: { max_content_bytes: 16_384, max_frame_bytes: 65_536, rate_limit: { burst: 30, refill_per_second: 10 } },
    },
  });
}
