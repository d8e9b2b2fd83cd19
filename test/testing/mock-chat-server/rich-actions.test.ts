import { describe, expect, it, vi } from 'vitest';
import { chatPath, connect, installMockServer } from '../msw';

const { startMock } = installMockServer();

describe('scripting API for section 9', () => {
  it('edits, reacts, replies and deletes as other people, sending the frames the server would', async () => {
    const mock = startMock();
    const ana = await connect(mock, chatPath(mock.chat('general').id), 'ana');
    const benId = mock.user('ben').id;
    const question = mock.addMessage('general', { from: 'ben', content: 'Lunch?' });
    const edited = mock.editMessage('general', question.id, 'Lunch at noon, @ana?');
    expect(edited).toMatchObject({ content: 'Lunch at noon, @ana?', mentions: [mock.user('ana').id], rev: 2, edited_at: expect.any(String) });
    mock.react('general', question.id, '🍕', 'ana');
    mock.react('general', question.id, '🍕', 'ben');
    expect(mock.unreact('general', question.id, '🍕', 'ana').reactions).toEqual([{ emoji: '🍕', count: 1, user_ids: [benId] }]);
    const reply = mock.reply('general', question.id, { from: 'ana', content: 'Yes!' });
    expect(reply).toMatchObject({ parent_message_id: question.id, seq: 2 });
    expect(mock.message(question.id)).toMatchObject({ reply_count: 1, last_reply_at: reply.created_at });
    mock.deleteMessage('general', reply.id);
    await vi.waitFor(() => expect(ana.frames.map((f) => [f.type, f.data.change ?? null]).slice(1)).toEqual([
      ['new_message', null],
      ['message_updated', 'edit'],
      ['message_updated', 'reaction'],
      ['message_updated', 'reaction'],
      ['message_updated', 'reaction'],
      ['new_message', null],
      ['message_updated', 'reply'],
      ['message_deleted', 'delete'],
      ['message_updated', 'reply'],
    ]));
    expect(ana.frames[2]!.data).toMatchObject({ client_id: null, user_id: benId });
    expect(ana.frames.at(-1)!.data.message).toMatchObject({ id: question.id, reply_count: 0, last_reply_at: null });
    // Repeats change nothing and send nothing.
    const count = ana.frames.length;
    mock.react('general', question.id, '🍕', 'ben');
    mock.deleteMessage('general', reply.id);
    expect(mock.editMessage('general', question.id, 'Lunch at noon, @ana?').rev).toBe(mock.message(question.id).rev);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(ana.frames).toHaveLength(count);
  });

  it('hands out copies, and throws clear errors for impossible scripts', () => {
    const mock = startMock();
    const message = mock.addMessage('general', { from: 'ben', content: 'original' });
    message.content = 'tampered';
    expect(mock.messages('general')[0]!.content).toBe('original');
    expect(() => mock.editMessage('general', message.id, 'x', 'ana')).toThrow(/Only the author can edit a message \(forbidden\)/);
    expect(() => mock.deleteMessage('general', message.id, 'cy')).toThrow(/cy is not a member of general/);
    expect(() => mock.react('general', 'nope', '👍', 'ana')).toThrow(/no message "nope" in general/);
    expect(() => mock.react('general', message.id, 'two words', 'ana')).toThrow(/white space.*\(invalid_frame\)/);
    expect(() => mock.message('nope')).toThrow(/no message "nope"/);
    mock.deleteMessage('general', message.id);
    expect(() => mock.editMessage('general', message.id, 'back')).toThrow(/deleted \(not_found\)/);
  });
});
