// @vitest-environment node
// The reference server's JWT library refuses jsdom's realm (its Uint8Array), so these run in Node.
import { describe } from 'vitest';
import { pngBytes } from '../../e2e/png';
import { installParity, twoInAChat, type Wire } from './parity-harness';

const { parity } = installParity();

const upload = (w: Wire, chatId: string, token: string, name: string, type: string, bytes: Uint8Array<ArrayBuffer> | string) => {
  const form = new FormData();
  form.append('file', new Blob([bytes], { type }), name);
  return w.request(`/api/v1/chats/${chatId}/uploads`, { method: 'POST', body: form, token }).then((r) => ({ status: r.status, body: JSON.parse(new TextDecoder().decode(new Uint8Array(r.bytes))) }));
};

const DOWNLOAD_HEADERS = ['content-type', 'content-disposition', 'content-length', 'x-content-type-options', 'content-security-policy', 'cache-control'];

describe('parity: uploads and file messages', () => {
  parity('uploads (image measured, fake image demoted, text, refused types), an image message, downloads, deletion', async (w) => {
    const t = await twoInAChat(w);
    const token = t.ana.access_token;
    const png = await upload(w, t.chatId, token, 'dir/photo.png', 'image/png', new Uint8Array(pngBytes(3, 2)));
    const fake = await upload(w, t.chatId, token, 'fake.png', 'image/png', 'not a png');
    const text = await upload(w, t.chatId, token, 'notes.txt', 'text/plain', 'hello');
    const html = await upload(w, t.chatId, token, 'page.html', 'text/html', '<b>x</b>');
    const empty = await upload(w, t.chatId, token, 'empty.txt', 'text/plain', '');
    const byBen = await upload(w, t.chatId, t.ben.access_token, 'ben.txt', 'text/plain', 'ben');
    const ids = [png, fake, text].map((u) => u.body.attachment?.id as string);
    t.anaChat.send({ type: 'send_message', data: { content: '', message_type: 'image', attachment_ids: [ids[0], ids[1]], client_id: 'i1' } });
    await w.quiet();
    t.anaChat.send({ type: 'send_message', data: { content: 'both', message_type: 'file', attachment_ids: [ids[0], ids[2]], client_id: 'f1' } });
    await w.quiet();
    t.anaChat.send({ type: 'send_message', data: { content: 'again', message_type: 'file', attachment_ids: [ids[2]], client_id: 'f2' } });
    t.anaChat.send({ type: 'send_message', data: { content: 'bens', message_type: 'file', attachment_ids: [byBen.body.attachment.id], client_id: 'f3' } });
    t.anaChat.send({ type: 'send_message', data: { content: '', message_type: 'image', attachment_ids: [ids[0]], client_id: 'f4' } });
    await w.quiet();
    const frames = t.since();
    const message = frames.anaChat.find((f) => f.type === 'new_message')?.data;
    const downloads = [];
    for (const attachment of message?.attachments ?? []) {
      downloads.push(await w.request(attachment.url, {}, DOWNLOAD_HEADERS));
      downloads.push((await w.request(attachment.url.replace(/key=[^&]+/, 'key=wrong'))).status);
    }
    t.anaChat.send({ type: 'delete_message', data: { message_id: message?.id } });
    await w.quiet();
    const afterDelete = await w.request(message?.attachments[0].url ?? '/x');
    return { png, fake, text, html, empty, frames, downloads, afterDelete: afterDelete.status };
  });
});
