import { describe, expect, it } from 'vitest';
import { parseServerFrame, type ParsedServerFrame, type ServerFrame } from 'natter';
import { FRESH_FIELDS } from '../fixtures';

const ISO = '2026-11-24T09:30:00.000Z';

const sender = { id: 'u-ana', username: 'ana', email: 'ana@natter.invalid', is_active: true, created_at: '2026-11-24T09:00:00.000Z' };

/** The `new_message` example of docs/protocol.md, section 3.1, as the reference server sends it. */
const natterMessage = {
  id: 'm-42',
  chat_id: 'c-1',
  sender_id: 'u-ana',
  content: 'Message content',
  message_type: 'text',
  parent_message_id: null,
  created_at: ISO,
  updated_at: ISO,
  sender,
  seq: 42,
  client_id: '3b4c',
};

/** What the parser fills in for the fields of section 9.1 when a server leaves them out. */
const RICH_DEFAULTS = { ...FRESH_FIELDS, rev: 0 };

/** What the parser fills in for the newer `connected` fields. */
const CONNECTED_DEFAULTS = { delivered_seq: null, last_rev: null, last_read_seq: null, presence: [] };

/** The seed's example, verbatim: no `seq`, no `client_id`, "timestamp" for times. */
const seedMessageText = `{
    "type": "new_message",
    "data": {
        "id": "uuid",
        "chat_id": "uuid",
        "sender_id": "uuid",
        "content": "Message content",
        "message_type": "text",
        "parent_message_id": null,
        "created_at": "timestamp",
        "updated_at": "timestamp",
        "sender": {
            "id": "uuid",
            "username": "username",
            "email": "email@example.com",
            "is_active": true,
            "created_at": "timestamp"
        }
    }
}`;

const parse = (value: unknown): ParsedServerFrame => parseServerFrame(typeof value === 'string' ? value : JSON.stringify(value));

function frameOf(value: unknown): ServerFrame {
  const parsed = parse(value);
  if (parsed.kind !== 'frame') throw new Error(`expected a frame, got ${JSON.stringify(parsed)}`);
  return parsed.frame;
}

function issueOf(value: unknown) {
  const parsed = parse(value);
  if (parsed.kind !== 'invalid') throw new Error(`expected invalid, got ${JSON.stringify(parsed)}`);
  return parsed.issue;
}

describe('parseServerFrame: every server frame of docs/protocol.md', () => {
  it('connected (chat socket)', () => {
    const data = {
      socket: 'chat',
      user_id: 'u-ana',
      chat_id: 'c-1',
      last_seq: 41,
      server_time: ISO,
      heartbeat_ms: 25000,
      limits: { max_content_bytes: 16384, max_frame_bytes: 65536, rate_limit: { burst: 30, refill_per_second: 10 } },
    };
    expect(frameOf({ type: 'connected', data })).toEqual({ type: 'connected', data: { ...data, ...CONNECTED_DEFAULTS } });
  });

  it('connected (personal socket: chat_id and last_seq null)', () => {
    const data = {
      socket: 'personal',
      user_id: 'u-ana',
      chat_id: null,
      last_seq: null,
      server_time: ISO,
      heartbeat_ms: 25000,
      limits: { max_content_bytes: 16384, max_frame_bytes: 65536, rate_limit: { burst: 30, refill_per_second: 10 } },
    };
    expect(frameOf({ type: 'connected', data })).toEqual({ type: 'connected', data: { ...data, ...CONNECTED_DEFAULTS } });
  });

  it('connected with last_seq 0 (an empty chat)', () => {
    const frame = frameOf({ type: 'connected', data: { socket: 'chat', user_id: 'u', chat_id: 'c', last_seq: 0 } });
    expect(frame).toMatchObject({ type: 'connected', data: { last_seq: 0 } });
  });

  it('new_message, every field kept', () => {
    expect(frameOf({ type: 'new_message', data: natterMessage })).toEqual({ type: 'new_message', data: { ...natterMessage, ...RICH_DEFAULTS } });
  });

  it('new_direct_message has the same data as new_message', () => {
    expect(frameOf({ type: 'new_direct_message', data: natterMessage })).toEqual({
      type: 'new_direct_message',
      data: { ...natterMessage, ...RICH_DEFAULTS },
    });
  });

  it('typing_indicator', () => {
    const data = { user_id: 'u-ana', is_typing: true, chat_id: 'c-1', username: 'ana' };
    expect(frameOf({ type: 'typing_indicator', data })).toEqual({ type: 'typing_indicator', data });
  });

  it('read_receipt', () => {
    const data = { message_id: 'm-42', user_id: 'u-bo', chat_id: 'c-1', seq: 42, read_at: '2026-11-24T09:31:00.000Z' };
    expect(frameOf({ type: 'read_receipt', data })).toEqual({ type: 'read_receipt', data });
  });

  it('pong, and a pong whose ping had no ts', () => {
    expect(frameOf({ type: 'pong', data: { ts: 1764000000000, server_time: ISO } })).toEqual({
      type: 'pong',
      data: { ts: 1764000000000, server_time: ISO },
    });
    expect(frameOf({ type: 'pong', data: { ts: null, server_time: ISO } })).toEqual({ type: 'pong', data: { ts: null, server_time: ISO } });
  });

  it('error with retry_after_ms (rate_limited)', () => {
    const data = { code: 'rate_limited', message: 'Too many frames: wait 120 ms', frame_type: 'send_message', client_id: '3b4c', retry_after_ms: 120 };
    expect(frameOf({ type: 'error', data })).toEqual({ type: 'error', data });
  });

  it('error without retry_after_ms, frame_type or client_id → those are null / absent', () => {
    const frame = frameOf({ type: 'error', data: { code: 'invalid_frame', message: 'Frame is not JSON' } });
    expect(frame).toEqual({ type: 'error', data: { code: 'invalid_frame', message: 'Frame is not JSON', frame_type: null, client_id: null } });
    expect('retry_after_ms' in frame.data).toBe(false);
  });
});

describe('parseServerFrame: the seed example and optional fields', () => {
  it('refuses the seed’s exact new_message example, because it has no seq (seq is required: order is by seq)', () => {
    const parsed = parseServerFrame(seedMessageText);
    expect(parsed).toEqual({
      kind: 'invalid',
      issue: { reason: 'invalid_frame', type: 'new_message', message: expect.stringContaining('data.seq') },
    });
  });

  it('accepts the seed’s example once it carries a seq, and normalises what the seed leaves out', () => {
    const raw = JSON.parse(seedMessageText) as { type: string; data: Record<string, unknown> };
    raw.data.seq = 7;
    expect(frameOf(raw)).toEqual({
      type: 'new_message',
      data: {
        id: 'uuid',
        chat_id: 'uuid',
        sender_id: 'uuid',
        content: 'Message content',
        message_type: 'text',
        parent_message_id: null,
        created_at: 'timestamp',
        updated_at: 'timestamp',
        sender: { id: 'uuid', username: 'username', email: 'email@example.com', is_active: true, created_at: 'timestamp' },
        seq: 7,
        client_id: null,
        ...RICH_DEFAULTS,
      },
    });
  });

  it('missing parent_message_id → null, client_id → null, updated_at → created_at, message_type → "text"', () => {
    const { parent_message_id: _p, client_id: _c, updated_at: _u, message_type: _t, ...rest } = natterMessage;
    const frame = frameOf({ type: 'new_message', data: { ...rest, created_at: '2026-11-24T10:00:00.000Z' } });
    expect(frame.data).toMatchObject({
      parent_message_id: null,
      client_id: null,
      created_at: '2026-11-24T10:00:00.000Z',
      updated_at: '2026-11-24T10:00:00.000Z',
      message_type: 'text',
    });
  });

  it('a sender without email / is_active / created_at is filled in', () => {
    const frame = frameOf({ type: 'new_message', data: { ...natterMessage, sender: { id: 'u-ana', username: 'ana' } } });
    expect(frame.data).toMatchObject({ sender: { id: 'u-ana', username: 'ana', email: '', is_active: true, created_at: '' } });
  });

  it('typing_indicator and read_receipt with only the seed’s fields', () => {
    expect(frameOf({ type: 'typing_indicator', data: { user_id: 'u-bo', is_typing: false } })).toEqual({
      type: 'typing_indicator',
      data: { user_id: 'u-bo', is_typing: false, chat_id: '', username: '' },
    });
    expect(frameOf({ type: 'read_receipt', data: { message_id: 'm-1', user_id: 'u-bo' } })).toEqual({
      type: 'read_receipt',
      data: { message_id: 'm-1', user_id: 'u-bo', chat_id: '', seq: 0, read_at: '' },
    });
  });

  it('unknown fields are ignored, not copied into the message', () => {
    const frame = frameOf({ type: 'new_message', data: { ...natterMessage, likes: ['👍'], edited: true } });
    expect(frame.data).toEqual({ ...natterMessage, ...RICH_DEFAULTS });
  });

  it('a reply keeps its parent_message_id', () => {
    expect(frameOf({ type: 'new_message', data: { ...natterMessage, parent_message_id: 'm-1' } }).data).toMatchObject({ parent_message_id: 'm-1' });
  });
});

describe('parseServerFrame: invalid input', () => {
  it('text that is not JSON → invalid_json', () => {
    for (const text of ['{oops', '', 'new_message', '{"type":"pong",}']) {
      expect(parseServerFrame(text)).toEqual({ kind: 'invalid', issue: { reason: 'invalid_json', message: expect.any(String), type: null } });
    }
  });

  it('JSON that is not an object with a string type → invalid_frame naming "type"', () => {
    for (const value of [null, 42, 'pong', [], [{ type: 'pong' }], {}, { type: 5 }, { type: null }, { data: {} }]) {
      const issue = issueOf(JSON.stringify(value));
      expect(issue).toEqual({ reason: 'invalid_frame', message: expect.stringContaining('"type"'), type: null });
    }
  });

  it('a known type without an object data → invalid naming data', () => {
    for (const data of [undefined, null, 'x', 3, []]) {
      const issue = issueOf({ type: 'new_message', data });
      expect(issue.reason).toBe('invalid_frame');
      expect(issue.type).toBe('new_message');
      expect(issue.message).toContain('data must be an object');
    }
  });

  it.each<[string, string, unknown]>([
    ['new_message', 'data.seq', { ...natterMessage, seq: '42' }],
    ['new_message', 'data.seq', { ...natterMessage, seq: 0 }],
    ['new_message', 'data.seq', { ...natterMessage, seq: 1.5 }],
    ['new_message', 'data.seq', { ...natterMessage, seq: undefined }],
    ['new_message', 'data.id', { ...natterMessage, id: 42 }],
    ['new_message', 'data.chat_id', { ...natterMessage, chat_id: undefined }],
    ['new_message', 'data.content', { ...natterMessage, content: null }],
    ['new_message', 'data.created_at', { ...natterMessage, created_at: 1764000000000 }],
    ['new_message', 'data.client_id', { ...natterMessage, client_id: 7 }],
    ['new_message', 'data.parent_message_id', { ...natterMessage, parent_message_id: {} }],
    ['new_message', 'data.sender', { ...natterMessage, sender: undefined }],
    ['new_message', 'data.sender.username', { ...natterMessage, sender: { id: 'u-ana' } }],
    ['new_direct_message', 'data.seq', { ...natterMessage, seq: -1 }],
    ['typing_indicator', 'data.is_typing', { user_id: 'u', is_typing: 'yes' }],
    ['typing_indicator', 'data.user_id', { is_typing: true }],
    ['read_receipt', 'data.message_id', { user_id: 'u' }],
    ['read_receipt', 'data.user_id', { message_id: 'm', user_id: 3 }],
    ['error', 'data.code', { message: 'no code' }],
    ['error', 'data.message', { code: 'forbidden' }],
    ['connected', 'data.socket', { socket: 'other', user_id: 'u' }],
    ['connected', 'data.user_id', { socket: 'chat' }],
    ['connected', 'data.last_seq', { socket: 'chat', user_id: 'u', last_seq: -1 }],
    ['connected', 'data.last_seq', { socket: 'chat', user_id: 'u', last_seq: '4' }],
  ])('%s: a bad %s is invalid, and the message names it', (type, field, data) => {
    const issue = issueOf({ type, data });
    expect(issue.reason).toBe('invalid_frame');
    expect(issue.type).toBe(type);
    expect(issue.message).toContain(type);
    expect(issue.message).toContain(field);
  });
});

describe('parseServerFrame: unknown types', () => {
  it('a type this client does not know is ignored, whatever its data', () => {
    expect(parse({ type: 'poll_created', data: { user_id: 'u' } })).toEqual({ kind: 'ignored', type: 'poll_created' });
    expect(parse({ type: 'reaction_added' })).toEqual({ kind: 'ignored', type: 'reaction_added' });
    // Client→server frame names are not server frames either.
    expect(parse({ type: 'send_message', data: {} })).toEqual({ kind: 'ignored', type: 'send_message' });
  });

  it.each(['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf', '__defineGetter__', 'prototype'])(
    'type "%s" is ignored, never a crash',
    (type) => {
      expect(parseServerFrame(`{"type":${JSON.stringify(type)},"data":{}}`)).toEqual({ kind: 'ignored', type });
      expect(parseServerFrame(`{"type":${JSON.stringify(type)}}`)).toEqual({ kind: 'ignored', type });
    },
  );

  it('a "__proto__" key inside data pollutes nothing', () => {
    const parsed = parseServerFrame('{"type":"pong","data":{"__proto__":{"polluted":true},"ts":1,"server_time":"x"}}');
    expect(parsed).toEqual({ kind: 'frame', frame: { type: 'pong', data: { ts: 1, server_time: 'x' } } });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('parseServerFrame: rich messaging (docs/protocol.md, section 9)', () => {
  const rich = {
    ...natterMessage,
    edited_at: '2026-11-24T09:31:00.000Z',
    deleted_at: null,
    reactions: [{ emoji: '👍', count: 2, user_ids: ['u-bo', 'u-cy'] }],
    reply_count: 3,
    last_reply_at: '2026-11-24T09:32:00.000Z',
    attachments: [{ id: 'f1', file_name: 'cat.png', content_type: 'image/png', size: 120, width: 40, height: 30, url: '/api/v1/files/f1/cat.png?key=k' }],
    mentions: ['u-bo'],
    rev: 9,
  };

  it('a message with every 9.1 field keeps them all', () => {
    expect(frameOf({ type: 'new_message', data: rich })).toEqual({ type: 'new_message', data: rich });
  });

  it('an attachment without width/height (not an image) gets null', () => {
    const { width: _w, height: _h, ...file } = rich.attachments[0]!;
    const frame = frameOf({ type: 'new_message', data: { ...rich, attachments: [{ ...file, content_type: 'application/pdf' }] } });
    expect((frame.data as { attachments: unknown[] }).attachments).toEqual([{ ...file, content_type: 'application/pdf', width: null, height: null }]);
  });

  it('message_updated and message_deleted: the message normalised, client_id null when absent', () => {
    expect(frameOf({ type: 'message_updated', data: { message: rich, client_id: 'op-1', user_id: 'u-ana', change: 'edit' } })).toEqual({
      type: 'message_updated',
      data: { message: rich, client_id: 'op-1', user_id: 'u-ana', change: 'edit' },
    });
    const tombstone = { ...natterMessage, content: '', deleted_at: ISO };
    expect(frameOf({ type: 'message_deleted', data: { message: tombstone, user_id: 'u-ana', change: 'delete' } })).toEqual({
      type: 'message_deleted',
      data: { message: { ...tombstone, ...RICH_DEFAULTS, deleted_at: ISO }, client_id: null, user_id: 'u-ana', change: 'delete' },
    });
  });

  it('presence, chat_activity and chat_read', () => {
    expect(frameOf({ type: 'presence', data: { user_id: 'u-bo', status: 'away', last_seen_at: ISO } })).toEqual({
      type: 'presence',
      data: { user_id: 'u-bo', status: 'away', last_seen_at: ISO },
    });
    expect(frameOf({ type: 'presence', data: { user_id: 'u-bo', status: 'offline' } }).data).toEqual({ user_id: 'u-bo', status: 'offline', last_seen_at: null });
    expect(frameOf({ type: 'chat_activity', data: rich })).toEqual({ type: 'chat_activity', data: rich });
    expect(frameOf({ type: 'chat_read', data: { chat_id: 'c-1', last_read_seq: 4, unread_count: 0 } })).toEqual({
      type: 'chat_read',
      data: { chat_id: 'c-1', last_read_seq: 4, unread_count: 0 },
    });
  });

  it('connected with last_rev, last_read_seq and presence', () => {
    const data = {
      socket: 'chat',
      user_id: 'u-ana',
      chat_id: 'c-1',
      last_seq: 41,
      delivered_seq: 40,
      last_rev: 77,
      last_read_seq: 39,
      presence: [{ user_id: 'u-bo', status: 'online', last_seen_at: ISO }],
      server_time: ISO,
      heartbeat_ms: 25000,
      limits: { max_content_bytes: 16384, max_frame_bytes: 65536, rate_limit: { burst: 30, refill_per_second: 10 } },
    };
    expect(frameOf({ type: 'connected', data })).toEqual({ type: 'connected', data });
  });

  it.each<[string, string, unknown]>([
    ['new_message', 'data.edited_at', { ...rich, edited_at: 5 }],
    ['new_message', 'data.deleted_at', { ...rich, deleted_at: true }],
    ['new_message', 'data.reply_count', { ...rich, reply_count: -1 }],
    ['new_message', 'data.reply_count', { ...rich, reply_count: '3' }],
    ['new_message', 'data.rev', { ...rich, rev: 1.5 }],
    ['new_message', 'data.mentions', { ...rich, mentions: [3] }],
    ['new_message', 'data.reactions', { ...rich, reactions: {} }],
    ['new_message', 'data.reactions[0].emoji', { ...rich, reactions: [{ count: 1, user_ids: [] }] }],
    ['new_message', 'data.reactions[0].count', { ...rich, reactions: [{ emoji: '👍', count: -2, user_ids: [] }] }],
    ['new_message', 'data.attachments', { ...rich, attachments: 'none' }],
    ['new_message', 'data.attachments[0].size', { ...rich, attachments: [{ ...rich.attachments[0], size: '1' }] }],
    ['new_message', 'data.attachments[0].url', { ...rich, attachments: [{ ...rich.attachments[0], url: null }] }],
    ['message_updated', 'data.message', { client_id: null, user_id: 'u', change: 'edit' }],
    ['message_updated', 'data.message.seq', { message: { ...rich, seq: 0 }, client_id: null, user_id: 'u', change: 'edit' }],
    ['message_updated', 'data.change', { message: rich, client_id: null, user_id: 'u', change: 'rename' }],
    ['message_deleted', 'data.user_id', { message: rich, client_id: null, change: 'delete' }],
    ['message_deleted', 'data.client_id', { message: rich, client_id: 4, user_id: 'u', change: 'delete' }],
    ['presence', 'data.status', { user_id: 'u', status: 'busy', last_seen_at: null }],
    ['presence', 'data.user_id', { status: 'online', last_seen_at: null }],
    ['presence', 'data.last_seen_at', { user_id: 'u', status: 'online', last_seen_at: 1 }],
    ['chat_activity', 'data.seq', { ...rich, seq: undefined }],
    ['chat_read', 'data.chat_id', { last_read_seq: 1, unread_count: 0 }],
    ['chat_read', 'data.last_read_seq', { chat_id: 'c', last_read_seq: -1, unread_count: 0 }],
    ['connected', 'data.last_rev', { socket: 'chat', user_id: 'u', last_rev: '4' }],
    ['connected', 'data.last_read_seq', { socket: 'chat', user_id: 'u', last_read_seq: -1 }],
    ['connected', 'data.presence', { socket: 'chat', user_id: 'u', presence: {} }],
    ['connected', 'data.presence[0].status', { socket: 'chat', user_id: 'u', presence: [{ user_id: 'b', status: 'gone' }] }],
  ])('%s: a bad %s is invalid, and the message names it', (type, field, data) => {
    const issue = issueOf({ type, data });
    expect(issue.reason).toBe('invalid_frame');
    expect(issue.type).toBe(type);
    expect(issue.message).toContain(field);
  });
});

describe('parseServerFrame: delivered, pass-through and lenient fields', () => {
  it('delivered, and a bad user_ids entry named by its index', () => {
    const data = { chat_id: 'c-1', seq: 42, user_ids: ['u-bo', 'u-cy'] };
    expect(frameOf({ type: 'delivered', data })).toEqual({ type: 'delivered', data });
    expect(issueOf({ type: 'delivered', data: { ...data, user_ids: ['u-bo', 7] } }).message).toContain('data.user_ids[1]');
    expect(issueOf({ type: 'delivered', data: { ...data, seq: 0 } }).message).toContain('data.seq');
  });

  it('connected keeps the fields it does not check (limits, heartbeat_ms), and leaves a missing last_seq out', () => {
    const data = { socket: 'chat', user_id: 'u', chat_id: 'c', heartbeat_ms: 25000, limits: { max_content_bytes: 10 }, extra: 1 };
    const parsed = frameOf({ type: 'connected', data });
    expect(parsed.data).toEqual({ ...data, ...CONNECTED_DEFAULTS });
    expect('last_seq' in parsed.data).toBe(false);
  });

  it('error: a frame_type or client_id that is not a string reads as null, a non-number retry_after_ms is left out', () => {
    const frame = frameOf({ type: 'error', data: { code: 'forbidden', message: 'no', frame_type: 5, client_id: {}, retry_after_ms: '9' } });
    expect(frame.data).toEqual({ code: 'forbidden', message: 'no', frame_type: null, client_id: null });
    expect('retry_after_ms' in frame.data).toBe(false);
  });

  it('pong and read_receipt: values of the wrong type read as their defaults', () => {
    expect(frameOf({ type: 'pong', data: { ts: '1', server_time: 3 } }).data).toEqual({ ts: null, server_time: '' });
    expect(frameOf({ type: 'read_receipt', data: { message_id: 'm', user_id: 'u', seq: -1, chat_id: 2 } }).data).toEqual({
      message_id: 'm',
      user_id: 'u',
      chat_id: '',
      seq: 0,
      read_at: '',
    });
  });

  it('a message whose sender is not active keeps is_active false; a non-string updated_at reads as created_at', () => {
    const frame = frameOf({ type: 'new_message', data: { ...natterMessage, updated_at: 5, sender: { ...sender, is_active: false } } });
    expect(frame.data).toMatchObject({ updated_at: ISO, sender: { is_active: false } });
  });

  it('an attachment width of -1 and a null entry in reactions are refused, naming the index', () => {
    const attachment = { id: 'f1', file_name: 'a.png', content_type: 'image/png', size: 1, width: -1, height: 2, url: '/f' };
    expect(issueOf({ type: 'new_message', data: { ...natterMessage, attachments: [attachment] } }).message).toContain('data.attachments[0].width');
    expect(issueOf({ type: 'new_message', data: { ...natterMessage, reactions: [null] } }).message).toContain('data.reactions[0]');
  });

  it('each message gets its own default arrays', () => {
    const a = frameOf({ type: 'new_message', data: natterMessage }).data as { reactions: unknown[]; mentions: unknown[] };
    const b = frameOf({ type: 'new_message', data: natterMessage }).data as { reactions: unknown[]; mentions: unknown[] };
    expect(a.reactions).not.toBe(b.reactions);
    expect(a.mentions).not.toBe(b.mentions);
  });
});
