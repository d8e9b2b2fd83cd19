import { describe, expect, it } from 'vitest';
import { parseClientFrame } from '../../src/ws/frames.ts';

const LIMIT = 16 * 1024;
const parse = (frame: unknown, kind: 'chat' | 'personal' = 'chat') =>
  parseClientFrame(typeof frame === 'string' ? frame : JSON.stringify(frame), kind, LIMIT);

describe('parseClientFrame', () => {
  it('accepts every seed frame exactly as the seed writes it', () => {
    const seedFrames = [
      { type: 'send_message', data: { content: 'Your message content', message_type: 'text', parent_message_id: null } },
      {
        type: 'direct_message',
        data: { content: 'Your direct message', message_type: 'text', recipient_id: 'recipient-user-uuid', chat_id: 'chat-uuid-here' },
      },
      { type: 'typing_indicator', data: { is_typing: true, user_id: 'someone' } },
      { type: 'read_receipt', data: { message_id: 'm1', user_id: 'someone' } },
    ];
    for (const frame of seedFrames) expect(parse(frame)).toEqual({ frame });
  });

  it('accepts ping with or without data', () => {
    expect(parse({ type: 'ping' })).toEqual({ frame: { type: 'ping', data: {} } });
    expect(parse({ type: 'ping', data: { ts: 5 } }, 'personal')).toEqual({ frame: { type: 'ping', data: { ts: 5 } } });
  });

  it.each([
    ['not JSON', '{"type":', 'invalid_frame'],
    ['an array', '[1,2]', 'invalid_frame'],
    ['null', 'null', 'invalid_frame'],
    ['no type', '{"data":{}}', 'invalid_frame'],
    ['a numeric type', '{"type":7}', 'invalid_frame'],
    ['an unknown type', '{"type":"launch_rockets","data":{}}', 'unknown_type'],
    ['a prototype key as type', '{"type":"constructor","data":{}}', 'unknown_type'],
  ])('refuses %s with %s', (_name, text, code) => {
    const result = parse(text);
    expect('problem' in result && result.problem.code).toBe(code);
  });

  it('names the offending field and echoes client_id', () => {
    const result = parse({ type: 'send_message', data: { content: 42, client_id: 'c-9' } });
    expect(result).toEqual({
      problem: { code: 'invalid_frame', message: 'data.content must be string', frame_type: 'send_message', client_id: 'c-9' },
    });
  });

  it('refuses a missing data object, white-space content and unknown message types', () => {
    const codes = [
      parse({ type: 'send_message' }),
      parse({ type: 'send_message', data: { content: ' \n\t ' } }),
      parse({ type: 'send_message', data: { content: 'x', message_type: 'html' } }),
      parse({ type: 'typing_indicator', data: { is_typing: 'yes' } }),
      parse({ type: 'send_message', data: { content: 'x', client_id: 'x'.repeat(65) } }),
    ].map((result) => 'problem' in result && result.problem.code);
    expect(codes).toEqual(['invalid_frame', 'invalid_frame', 'invalid_frame', 'invalid_frame', 'invalid_frame']);
  });

  it('measures content in UTF-8 bytes, not characters', () => {
    const fits = '€'.repeat(LIMIT / 4); // 3 bytes each: 12 KiB
    const over = '€'.repeat(LIMIT / 3 + 1); // 5462 characters, 16386 bytes
    expect(parse({ type: 'send_message', data: { content: fits } })).toHaveProperty('frame');
    const result = parse({ type: 'send_message', data: { content: over, client_id: 'big' } });
    expect('problem' in result && result.problem).toMatchObject({ code: 'payload_too_large', client_id: 'big' });
  });

  it('refuses chat-only frames on a personal socket', () => {
    for (const type of ['send_message', 'typing_indicator', 'read_receipt']) {
      const result = parse({ type, data: {} }, 'personal');
      expect('problem' in result && result.problem).toMatchObject({ code: 'wrong_socket', frame_type: type });
    }
  });

  it('accepts the rich-messaging frames on a chat socket, set_presence on both', () => {
    const frames = [
      { type: 'edit_message', data: { message_id: 'm1', content: 'new', client_id: 'c1' } },
      { type: 'delete_message', data: { message_id: 'm1' } },
      { type: 'add_reaction', data: { message_id: 'm1', emoji: '👍🏽' } },
      { type: 'remove_reaction', data: { message_id: 'm1', emoji: '👨‍👩‍👧' } },
      { type: 'set_presence', data: { status: 'away' } },
      { type: 'send_message', data: { content: '', message_type: 'image', attachment_ids: ['u1'] } },
    ];
    for (const frame of frames) expect(parse(frame)).toEqual({ frame });
    expect(parse({ type: 'set_presence', data: { status: 'online' } }, 'personal')).toHaveProperty('frame');
    for (const type of ['edit_message', 'delete_message', 'add_reaction', 'remove_reaction']) {
      const result = parse({ type, data: { message_id: 'm1', emoji: 'x', content: 'y' } }, 'personal');
      expect('problem' in result && result.problem.code).toBe('wrong_socket');
    }
  });

  it('refuses bad emoji, presence values and attachment lists with invalid_frame', () => {
    const bad = [
      { type: 'add_reaction', data: { message_id: 'm1', emoji: '' } },
      { type: 'add_reaction', data: { message_id: 'm1', emoji: 'a b' } },
      { type: 'add_reaction', data: { message_id: 'm1', emoji: 'é'.repeat(33) } },
      { type: 'remove_reaction', data: { message_id: 'm1' } },
      { type: 'set_presence', data: { status: 'offline' } },
      { type: 'send_message', data: { content: 'x', message_type: 'file' } },
      { type: 'send_message', data: { content: 'x', message_type: 'file', attachment_ids: [] } },
      { type: 'send_message', data: { content: 'x', attachment_ids: ['u1'] } },
      { type: 'send_message', data: { content: '', message_type: 'text' } },
      { type: 'edit_message', data: { message_id: 'm1' } },
    ];
    for (const frame of bad) {
      const result = parse(frame);
      expect('problem' in result && result.problem.code, JSON.stringify(frame)).toBe('invalid_frame');
    }
  });
});
