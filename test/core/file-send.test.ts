import { describe, expect, it } from 'vitest';
import { memoryOutboxStorage, type Attachment } from 'natter';
import { flushMicrotasks } from 'natter/testing';
import { ME, mine, newMessage, setup, waitFor } from './helpers/client-harness';
import { editMessage, sendFiles } from 'natter/features';

/** sendFiles and sendMessage with attachments (docs/protocol.md, section 9.5). */

const attachment = (id: string, type: string, name: string): Attachment => ({
  id,
  file_name: name,
  content_type: type,
  size: 3,
  width: type.startsWith('image/') ? 4 : null,
  height: type.startsWith('image/') ? 2 : null,
  url: `/api/v1/files/${id}/${name}?key=k`,
});
const created = (a: Attachment) => new Response(JSON.stringify({ attachment: a }), { status: 201, headers: { 'content-type': 'application/json' } });
const file = (name: string, type: string) => new File(['abc'], name, { type });

describe('sendFiles', () => {
  it('shows a pending message with local attachments at once, uploads each file, then sends their ids', async () => {
    const t = setup();
    const { socket } = await t.open();
    let n = 0;
    t.history.onUpload((f) => created(attachment(`a${++n}`, f.type, f.name)));
    const clientId = sendFiles(t.client, 'c1', [file('a.png', 'image/png'), file('b.png', 'image/png')], { caption: 'pics' });
    const pending = t.slice().messages[0]!;
    expect(pending).toMatchObject({ key: clientId, status: 'pending', content: 'pics', message_type: 'image', uploadProgress: 0 });
    expect(pending.attachments!.map((a) => [a.file_name, a.content_type, a.size])).toEqual([
      ['a.png', 'image/png', 3],
      ['b.png', 'image/png', 3],
    ]);
    await waitFor(() => expect(socket.sentOfType('send_message')).toHaveLength(1));
    expect(socket.sentOfType('send_message')[0]!.data).toEqual({
      content: 'pics',
      message_type: 'image',
      parent_message_id: null,
      client_id: clientId,
      attachment_ids: ['a1', 'a2'],
    });
    expect(t.slice().messages[0]!.uploadProgress).toBeNull();
    socket.receive(newMessage({ ...mine(1, clientId, 'pics'), message_type: 'image', attachments: [attachment('a1', 'image/png', 'a.png'), attachment('a2', 'image/png', 'b.png')] }));
    expect(t.slice().messages).toHaveLength(1);
    expect(t.slice().messages[0]).toMatchObject({ key: clientId, status: 'sent', attachments: [{ id: 'a1' }, { id: 'a2' }] });
  });

  it('a failed upload fails the message; retry uploads only what is missing', async () => {
    const t = setup();
    const { socket } = await t.open();
    const uploaded: string[] = [];
    let failB = true;
    t.history.onUpload((f) => {
      if (f.name === 'b.pdf' && failB) return new Response(JSON.stringify({ error: { code: 'payload_too_large', message: 'Too big' } }), { status: 413 });
      uploaded.push(f.name);
      return created(attachment(`id-${f.name}`, f.type, f.name));
    });
    const clientId = sendFiles(t.client, 'c1', [file('a.png', 'image/png'), file('b.pdf', 'application/pdf')]);
    expect(t.slice().messages[0]!.message_type).toBe('file');
    await waitFor(() => expect(t.slice().messages[0]!.status).toBe('failed'));
    expect(t.slice().messages[0]!.error).toMatchObject({ code: 'http_error', message: 'Too big' });
    expect(t.errors.map((e) => e.message)).toEqual(['Too big']);
    expect(socket.sentOfType('send_message')).toEqual([]);

    failB = false;
    expect(t.client.retry('c1', clientId)).toBe(true);
    expect(t.slice().messages[0]).toMatchObject({ status: 'pending', error: null });
    await waitFor(() => expect(socket.sentOfType('send_message')).toHaveLength(1));
    expect(uploaded).toEqual(['a.png', 'b.pdf']);
    expect(socket.sentOfType('send_message')[0]!.data).toMatchObject({ message_type: 'file', attachment_ids: ['id-a.png', 'id-b.pdf'], content: '' });
  });

  it('discarding a message while it uploads sends nothing', async () => {
    const t = setup();
    const { socket } = await t.open();
    t.history.hold();
    t.history.onUpload((f) => created(attachment('x', f.type, f.name)));
    const clientId = sendFiles(t.client, 'c1', [file('a.txt', 'text/plain')]);
    expect(t.client.discard('c1', clientId)).toBe(true);
    t.history.release();
    await flushMicrotasks();
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(socket.sentOfType('send_message')).toEqual([]);
    expect(t.slice().messages).toEqual([]);
  });

  it('a caption edited while the files upload is the one sent', async () => {
    const t = setup();
    const { socket } = await t.open();
    t.history.hold();
    t.history.onUpload((f) => created(attachment('x', f.type, f.name)));
    const clientId = sendFiles(t.client, 'c1', [file('a.txt', 'text/plain')], { caption: 'the paln' });
    editMessage(t.client, 'c1', clientId, 'the plan');
    t.history.release();
    await waitFor(() => expect(socket.sentOfType('send_message')).toHaveLength(1));
    expect(socket.sentOfType('send_message')[0]!.data.content).toBe('the plan');
  });

  it('a message of sendFiles edited while queued stays in memory only (its previews would not survive a reload)', async () => {
    const storage = memoryOutboxStorage();
    const t = setup({ outboxStorage: storage });
    t.history.onUpload((f) => created(attachment('x', f.type, f.name)));
    const clientId = sendFiles(t.client, 'c1', [file('a.txt', 'text/plain')], { caption: 'the paln' });
    await waitFor(() => expect(t.slice().messages[0]!.uploadProgress).toBeNull());
    editMessage(t.client, 'c1', clientId, 'the plan');
    await flushMicrotasks();
    expect(await storage.load(ME.id)).toEqual([]);
  });

  it('refuses no files, more than 10, and a caption over the limit', () => {
    const t = setup();
    expect(() => sendFiles(t.client, 'c1', [])).toThrow(expect.objectContaining({ code: 'invalid_argument' }));
    expect(() => sendFiles(t.client, 'c1', Array.from({ length: 11 }, () => file('a.txt', 'text/plain')))).toThrow(/At most 10/);
    expect(() => sendFiles(t.client, 'c1', [file('a.txt', 'text/plain')], { caption: 'x'.repeat(16 * 1024 + 1) })).toThrow(/caption/);
    expect(t.slice().messages).toEqual([]);
  });
});

describe('sendMessage with attachments', () => {
  it('sends a file message with attachment_ids; an empty caption is fine', async () => {
    const t = setup();
    const { socket } = await t.open();
    const clientId = t.client.sendMessage('c1', '', { attachments: [attachment('a1', 'image/png', 'a.png'), attachment('a2', 'text/csv', 'b.csv')] });
    expect(t.slice().messages[0]).toMatchObject({ key: clientId, message_type: 'file', attachments: [{ id: 'a1' }, { id: 'a2' }], sender_id: ME.id });
    expect(socket.sentOfType('send_message')[0]!.data).toEqual({
      content: '',
      message_type: 'file',
      parent_message_id: null,
      client_id: clientId,
      attachment_ids: ['a1', 'a2'],
    });
  });
});
