import { describe, expect, it } from 'vitest';
import { solidPng } from '../../../src/testing/mock-server/solid-png';
import { BASE_URL, chatPath, connect, installMockServer } from '../msw';

const { startMock } = installMockServer();

type Part = { bytes: Uint8Array | string; type: string };
const part = (bytes: Uint8Array | string, type: string): Part => ({ bytes, type });

/**
 * A multipart/form-data body built by hand: under jsdom, `FormData` and `Blob` are jsdom's, which Node's `fetch`
 * cannot serialise, so the bytes would never reach the handler as a file.
 */
function multipart(file: Part | null, name: string): { body: Uint8Array; type: string } {
  const boundary = 'natter-test-boundary';
  const encoder = new TextEncoder();
  const head = file ? `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name.replace(/"/g, '%22')}"\r\nContent-Type: ${file.type}\r\n\r\n` : `--${boundary}\r\nContent-Disposition: form-data; name="note"\r\n\r\nhello`;
  const chunks = [encoder.encode(head), file ? (typeof file.bytes === 'string' ? encoder.encode(file.bytes) : file.bytes) : new Uint8Array(), encoder.encode(`\r\n--${boundary}--\r\n`)];
  const body = new Uint8Array(chunks.reduce((sum, c) => sum + c.length, 0));
  chunks.reduce((at, c) => (body.set(c, at), at + c.length), 0);
  return { body, type: `multipart/form-data; boundary=${boundary}` };
}

async function upload(chatId: string, token: string, file: Part | null, name = 'file.bin') {
  const { body, type } = multipart(file, name);
  const response = await fetch(`${BASE_URL}/api/v1/chats/${chatId}/uploads`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': type }, body: body as Uint8Array<ArrayBuffer> });
  return { status: response.status, body: (await response.json()) as any };
}

const download = async (url: string) => {
  const response = await fetch(`${BASE_URL}${url}`);
  return { status: response.status, headers: response.headers, bytes: new Uint8Array(await response.arrayBuffer()) };
};

describe('uploads and downloads (docs/protocol.md 9.5)', () => {
  it('stores an image with the type and size read from its bytes, and serves it inline by capability URL', async () => {
    const mock = startMock();
    const { id } = mock.chat('general');
    const png = solidPng(64, 48);
    const { status, body } = await upload(id, mock.sessionFor('ana').access_token, part(png, 'image/jpeg'), 'C:\\photos\\team.jpg');
    expect(status).toBe(201);
    expect(body.attachment).toEqual({ id: expect.any(String), file_name: 'team.jpg', content_type: 'image/png', size: png.length, width: 64, height: 48, url: expect.stringMatching(/^\/api\/v1\/files\/[^/]+\/team\.jpg\?key=[0-9a-f]{32}$/) });
    const file = await download(body.attachment.url);
    expect(file.status).toBe(200);
    expect(file.bytes).toEqual(png);
    expect(Object.fromEntries(['content-type', 'content-disposition', 'x-content-type-options', 'content-security-policy', 'cache-control', 'content-length'].map((h) => [h, file.headers.get(h)]))).toEqual({
      'content-type': 'image/png',
      'content-disposition': 'inline',
      'x-content-type-options': 'nosniff',
      'content-security-policy': "default-src 'none'; sandbox",
      'cache-control': 'private, max-age=31536000, immutable',
      'content-length': String(png.length),
    });
    expect((await download(body.attachment.url.replace(/key=.*/, 'key=0'.padEnd(36, '0')))).status).toBe(404);
  });

  it('serves other files as attachments; a fake image type becomes application/octet-stream', async () => {
    const mock = startMock();
    const { id } = mock.chat('general');
    const token = mock.sessionFor('ana').access_token;
    const fake = (await upload(id, token, part('<b>not a png</b>', 'image/png'), 'évil.png')).body.attachment;
    expect(fake).toMatchObject({ content_type: 'application/octet-stream', width: null, height: null, file_name: 'évil.png' });
    const served = await download(fake.url);
    expect(served.headers.get('content-type')).toBe('application/octet-stream');
    expect(served.headers.get('content-disposition')).toBe(`attachment; filename="_vil.png"; filename*=UTF-8''%C3%A9vil.png`);
    const quoted = mock.upload('general', 'ana', { name: 'dir/a "b".txt', type: 'text/plain', data: 'x' });
    expect(quoted.file_name).toBe('a "b".txt');
    expect((await download(quoted.url)).headers.get('content-disposition')).toBe(`attachment; filename="a _b_.txt"; filename*=UTF-8''a%20%22b%22.txt`);
    const csv = (await upload(id, token, part('a,b\n1,2\n', 'text/csv; charset=utf-8'), 'data.csv')).body.attachment;
    expect(csv).toMatchObject({ content_type: 'text/csv', size: 8, width: null });
    expect((await upload(id, token, part('x', 'audio/ogg'), 'a.ogg')).status).toBe(201);
  });

  it.each([
    ['HTML', part('<html>', 'text/html'), 415, 'unsupported_type'],
    ['SVG', part('<svg/>', 'image/svg+xml'), 415, 'unsupported_type'],
    ['an empty file', part('', 'text/plain'), 400, 'invalid_request'],
    ['no file part', null, 400, 'invalid_request'],
    ['a file over maxUploadBytes', part('12345678901', 'text/plain'), 413, 'payload_too_large'],
  ])('refuses %s', async (_name, blob, status, code) => {
    const mock = startMock({ maxUploadBytes: 10 });
    expect(await upload(mock.chat('general').id, mock.sessionFor('ana').access_token, blob)).toEqual({ status, body: { error: { code, message: expect.any(String) } } });
  });

  it('refuses non-members (403), unknown chats (404) and no token (401)', async () => {
    const mock = startMock();
    const token = mock.sessionFor('ana').access_token;
    const blob = () => part('x', 'text/plain');
    expect((await upload(mock.chat('private').id, token, blob())).status).toBe(403);
    expect((await upload('nope', token, blob())).status).toBe(404);
    expect((await upload(mock.chat('general').id, 'bad', blob())).status).toBe(401);
  });

  it('sends uploads as image/file messages once each, by their uploader, in their chat', async () => {
    const mock = startMock();
    const { id } = mock.chat('general');
    const token = mock.sessionFor('ana').access_token;
    const image = (await upload(id, token, part(solidPng(8, 8), 'image/png'), 'a.png')).body.attachment;
    const pdf = (await upload(id, token, part('%PDF-1.7', 'application/pdf'), 'b.pdf')).body.attachment;
    const bens = mock.upload('general', 'ben', { name: 'c.txt', type: 'text/plain', data: 'hi' });
    const ana = await connect(mock, chatPath(id), 'ana');
    const refusals: Array<[Record<string, unknown>, string]> = [
      [{ message_type: 'image', attachment_ids: [image.id, pdf.id] }, 'invalid_frame'],
      [{ message_type: 'file', attachment_ids: [] }, 'invalid_frame'],
      [{ message_type: 'text', attachment_ids: [pdf.id] }, 'invalid_frame'],
      [{ message_type: 'file', attachment_ids: Array(11).fill(pdf.id) }, 'invalid_frame'],
      [{ message_type: 'file', attachment_ids: [bens.id] }, 'not_found'],
      [{ message_type: 'file', attachment_ids: ['nope'] }, 'not_found'],
    ];
    for (const [i, [fields, code]] of refusals.entries()) {
      ana.send({ type: 'send_message', data: { content: '', client_id: `bad-${i}`, ...fields } });
      await expect.poll(() => ana.frames.filter((f) => f.type === 'error').at(i)?.data).toMatchObject({ code, client_id: `bad-${i}` });
    }
    ana.send({ type: 'send_message', data: { content: '', message_type: 'file', attachment_ids: [pdf.id, image.id], client_id: 'f' } });
    expect((await ana.next('new_message')).data).toMatchObject({ message_type: 'file', content: '', attachments: [pdf, image] });
    ana.send({ type: 'send_message', data: { content: 'again', message_type: 'image', attachment_ids: [image.id], client_id: 'g' } });
    await expect.poll(() => ana.frames.filter((f) => f.type === 'error').at(-1)?.data).toMatchObject({ code: 'not_found', client_id: 'g' });
    expect(mock.messages('general')).toHaveLength(1);
  });

  it('attaches scripted files: an image type without bytes becomes a real PNG of the given size', async () => {
    const mock = startMock();
    const message = mock.addMessage('general', { from: 'ben', content: 'Mockups', attachments: [{ name: 'home.png', type: 'image/png', width: 120, height: 80 }] });
    expect(message).toMatchObject({ message_type: 'image', attachments: [{ file_name: 'home.png', content_type: 'image/png', width: 120, height: 80 }] });
    const served = await download(message.attachments![0]!.url);
    expect(served.bytes).toEqual(solidPng(120, 80));
    const files = mock.addMessage('general', { from: 'ben', content: '', attachments: [{ name: 'notes.txt', type: 'text/plain', data: 'hello' }, { name: 'x.png', type: 'image/png' }] });
    expect(files).toMatchObject({ message_type: 'file', attachments: [{ content_type: 'text/plain', size: 5 }, { width: 320, height: 240 }] });
  });
});
