import { describe, expect, it } from 'vitest';
import { installMockServer } from '../msw';

const { startMock } = installMockServer();

describe('data helpers', () => {
  it('seeds long conversations with members in turn, deterministic ids and spaced times', async () => {
    const mock = startMock({ chats: [{ name: 'general', members: ['ana', 'ben'], messages: 120 }] });
    const messages = mock.messages('general');
    expect(messages.map((m) => m.seq)).toEqual(Array.from({ length: 120 }, (_, i) => i + 1));
    expect(new Set(messages.map((m) => m.sender.username))).toEqual(new Set(['ana', 'ben']));
    expect(Date.parse(messages[1]!.created_at) - Date.parse(messages[0]!.created_at)).toBe(60_000);
    const more = mock.seed('general', 3, { from: ['ben'], content: (i) => `extra ${i}` });
    expect(more.map((m) => [m.seq, m.content, m.sender.username])).toEqual([[121, 'extra 0', 'ben'], [122, 'extra 1', 'ben'], [123, 'extra 2', 'ben']]);
    const again = startMock({ chats: [{ name: 'general', members: ['ana', 'ben'], messages: 120 }] });
    expect(again.messages('general')[5]!.id).toBe(messages[5]!.id);
  });

  it('throws clear errors for unknown users, chats and non-members', () => {
    const mock = startMock();
    expect(() => mock.user('zed')).toThrow(/no user "zed".*ana, ben, cy/);
    expect(() => mock.chat('nope')).toThrow(/no chat "nope"/);
    expect(() => mock.addMessage('private', { from: 'ana', content: 'x' })).toThrow(/ana is not a member of private/);
  });
});
