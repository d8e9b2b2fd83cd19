import { describe, expect, it } from 'vitest';
import { startServer, type TestServer } from '../helpers/server.ts';
import { expectError, UUID, type Session } from '../helpers/http.ts';
import { unknownId } from '../helpers/names.ts';
import { chatWithUsers } from '../helpers/fixtures.ts';
import { png } from '../helpers/images.ts';
import { upload } from '../helpers/uploads.ts';
import { fakeClock } from '../helpers/clock.ts';
import { metricValue, parseMetrics } from '../helpers/metrics.ts';
import { joinChat } from '../helpers/socket.ts';
import { sendMessage } from '../helpers/fixtures.ts';
import { attachmentDisposition, cleanFileName } from '../../src/http/upload-routes.ts';

const download = (server: TestServer, url: string) => fetch(`${server.url}${url}`);

async function memberOfChat(options: Parameters<typeof startServer>[0] = {}) {
  const server = await startServer(options);
  const { users, chat } = await chatWithUsers(server, 2);
  return { server, ana: users[0] as Session, ben: users[1] as Session, chatId: chat.id as string };
}

describe('file names', () => {
  it('keeps the base name without control characters, at most 255 UTF-16 units, never splitting a pair', () => {
    expect(cleanFileName('C:\\Users\\ana\\report.pdf')).toBe('report.pdf');
    expect(cleanFileName('a\u0000b\nc.txt')).toBe('abc.txt');
    expect(cleanFileName('../')).toBe('file');
    expect(cleanFileName('..')).toBe('file');
    expect(cleanFileName('x'.repeat(300))).toHaveLength(255);
    expect(cleanFileName(`${'x'.repeat(254)}😀`)).toBe('x'.repeat(254));
  });

  it('quotes the ASCII fallback safely and encodes the exact name per RFC 5987', () => {
    expect(attachmentDisposition('a"b\\c\'d*.txt')).toBe(`attachment; filename="a_b_c'd*.txt"; filename*=UTF-8''a%22b%5Cc%27d%2A.txt`);
  });
});

describe('POST /api/v1/chats/{chatId}/uploads', () => {
  it('stores an image with its sniffed type and size, served inline with the 9.5 headers', async () => {
    const { server, ana, chatId } = await memberOfChat();
    const bytes = png(3, 2);
    // the declared type and name lie; the bytes decide
    const res = await upload(server, ana.access_token, chatId, bytes, '../../etc/pic.txt', 'text/plain');
    expect(res.status).toBe(201);
    const { attachment } = res.body;
    expect(attachment).toEqual({
      id: expect.stringMatching(UUID),
      file_name: 'pic.txt',
      content_type: 'image/png',
      size: bytes.length,
      width: 3,
      height: 2,
      url: expect.stringMatching(/^\/api\/v1\/files\/[0-9a-f-]{36}\/pic\.txt\?key=[0-9a-f]{32}$/),
    });
    const got = await download(server, attachment.url);
    expect(got.status).toBe(200);
    expect(Buffer.from(await got.arrayBuffer()).equals(bytes)).toBe(true);
    expect(Object.fromEntries(got.headers)).toMatchObject({
      'content-type': 'image/png',
      'content-length': String(bytes.length),
      'content-disposition': 'inline',
      'x-content-type-options': 'nosniff',
      'content-security-policy': "default-src 'none'; sandbox",
      'cache-control': 'private, max-age=31536000, immutable',
    });
  });

  it('serves other files as attachments with an RFC 5987 name; a wrong or missing key is 404', async () => {
    const { server, ana, chatId } = await memberOfChat();
    const res = await upload(server, ana.access_token, chatId, 'a,b\n1,2\n', 'résumé (final).csv', 'text/csv');
    expect(res.status).toBe(201);
    const { attachment } = res.body;
    expect(attachment).toMatchObject({ content_type: 'text/csv', width: null, height: null, file_name: 'résumé (final).csv' });
    const got = await download(server, attachment.url);
    expect(got.status).toBe(200);
    expect(got.headers.get('content-type')).toBe('text/csv');
    expect(got.headers.get('content-disposition')).toBe(
      `attachment; filename="r_sum_ (final).csv"; filename*=UTF-8''r%C3%A9sum%C3%A9%20%28final%29.csv`,
    );
    expect(got.headers.get('content-security-policy')).toBe("default-src 'none'; sandbox");
    expect(await got.text()).toBe('a,b\n1,2\n');

    const wrongKey = attachment.url.replace(/key=[0-9a-f]+/, `key=${'0'.repeat(32)}`);
    expectError({ ...(await asApi(await download(server, wrongKey))) }, 404, 'not_found');
    expectError(await asApi(await download(server, attachment.url.replace(/\?key=.*$/, ''))), 404, 'not_found');
    expectError(await asApi(await download(server, `/api/v1/files/${unknownId()}/x?key=abc`)), 404, 'not_found');
  });

  it('refuses HTML, SVG, XML and scripts with 415 unsupported_type', async () => {
    const { server, ana, chatId } = await memberOfChat();
    const cases: Array<[string, string, string]> = [
      ['<html><script>alert(1)</script></html>', 'page.html', 'text/html'],
      ['<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>', 'logo.svg', 'image/svg+xml'],
      ['<?xml version="1.0"?><a/>', 'data.xml', 'application/xml'],
      ['alert(1)', 'x.js', 'text/javascript'],
    ];
    for (const [data, name, type] of cases) {
      const res = await upload(server, ana.access_token, chatId, data, name, type);
      expect({ name, status: res.status, code: res.body?.error?.code }).toEqual({ name, status: 415, code: 'unsupported_type' });
    }
  });

  it('an operator who allowlists text/html still gets it served as a sandboxed attachment', async () => {
    const { server, ana, chatId } = await memberOfChat({ uploadTypes: ['text/html'] });
    const res = await upload(server, ana.access_token, chatId, '<script>alert(1)</script>', 'evil.html', 'text/html');
    expect(res.status).toBe(201);
    const got = await download(server, res.body.attachment.url);
    expect(got.headers.get('content-disposition')).toMatch(/^attachment; filename="evil\.html"/);
    expect(got.headers.get('content-security-policy')).toBe("default-src 'none'; sandbox");
    expect(got.headers.get('x-content-type-options')).toBe('nosniff');
    // and the default types are no longer allowed on that server
    expect((await upload(server, ana.access_token, chatId, 'x', 'a.txt', 'text/plain')).status).toBe(415);
  });

  it('a declared image whose bytes are not one is stored as application/octet-stream', async () => {
    const { server, ana, chatId } = await memberOfChat();
    const res = await upload(server, ana.access_token, chatId, 'not really a png', 'fake.png', 'image/png');
    expect(res.status).toBe(201);
    expect(res.body.attachment).toMatchObject({ content_type: 'application/octet-stream', width: null, height: null });
    const got = await download(server, res.body.attachment.url);
    expect(got.headers.get('content-disposition')).toMatch(/^attachment;/);
  });

  it('over maxUploadBytes → 413; files over the 1 MiB JSON body limit are fine below it', async () => {
    const { server, ana, chatId } = await memberOfChat({ maxUploadBytes: 2 * 1024 * 1024 });
    const big = Buffer.alloc(1536 * 1024, 1);
    expect((await upload(server, ana.access_token, chatId, big, 'big.bin', 'application/octet-stream')).status).toBe(201);
    const tooBig = Buffer.alloc(2 * 1024 * 1024 + 1, 1);
    const res = await upload(server, ana.access_token, chatId, tooBig, 'huge.bin', 'application/octet-stream');
    expect({ status: res.status, code: res.body?.error?.code }).toEqual({ status: 413, code: 'payload_too_large' });
  });

  it('400 without a file part or with an empty file; 401/403/404 for the caller and chat', async () => {
    const { server, ana, chatId } = await memberOfChat();
    expect((await upload(server, ana.access_token, chatId, 'x', 'a.txt', 'text/plain', 'other')).status).toBe(400);
    expect((await upload(server, ana.access_token, chatId, '', 'a.txt', 'text/plain')).status).toBe(400);
    const json = await fetch(`${server.url}/api/v1/chats/${chatId}/uploads`, {
      method: 'POST',
      headers: { authorization: `Bearer ${ana.access_token}`, 'content-type': 'application/json' },
      body: '{}',
    });
    expect(json.status).toBe(400);
    expect((await upload(server, null, chatId, 'x', 'a.txt', 'text/plain')).status).toBe(401);
    const outsider = await chatWithUsers(server, 1);
    expect((await upload(server, outsider.users[0]!.access_token, chatId, 'x', 'a.txt', 'text/plain')).status).toBe(403);
    expect((await upload(server, ana.access_token, unknownId(), 'x', 'a.txt', 'text/plain')).status).toBe(404);
  });
});

describe('unattached uploads (docs 9.5)', () => {
  const metric = async (server: TestServer, name: string, labels = {}) =>
    metricValue(parseMetrics(await (await fetch(`${server.url}/metrics`)).text()), name, labels);

  it('caps the files one user holds unattached with 409 limit_reached; sending one frees a slot', async () => {
    const { server, ana, ben, chatId } = await memberOfChat({ maxPendingUploads: 2 });
    const first = await upload(server, ana.access_token, chatId, 'a', 'a.txt', 'text/plain');
    expect((await upload(server, ana.access_token, chatId, 'b', 'b.txt', 'text/plain')).status).toBe(201);
    const refused = await upload(server, ana.access_token, chatId, 'c', 'c.txt', 'text/plain');
    expectError(await asJson(refused), 409, 'limit_reached');
    // per user: ben is not affected
    expect((await upload(server, ben.access_token, chatId, 'x', 'x.txt', 'text/plain')).status).toBe(201);
    const sock = await joinChat(server, ana, chatId);
    await sendMessage(sock, '', { message_type: 'file', attachment_ids: [first.body.attachment.id] });
    expect((await upload(server, ana.access_token, chatId, 'c', 'c.txt', 'text/plain')).status).toBe(201);
    expect(await metric(server, 'natter_http_limited_total', { limit: 'pending_uploads' })).toBe(1);
  });

  it('holds the cap for uploads sent side by side', async () => {
    const { server, ana, chatId } = await memberOfChat({ maxPendingUploads: 2 });
    const file = Buffer.alloc(256 * 1024, 1);
    const all = await Promise.all(Array.from({ length: 6 }, (_, i) => upload(server, ana.access_token, chatId, file, `${i}.bin`, 'application/octet-stream')));
    expect(all.map((r) => r.status).sort()).toEqual([201, 201, 409, 409, 409, 409]);
  });

  it('caps the bytes one user holds unattached: an upload that would pass maxPendingUploadBytes is 409', async () => {
    const { server, ana, chatId } = await memberOfChat({ maxPendingUploadBytes: 100 });
    expect((await upload(server, ana.access_token, chatId, Buffer.alloc(60, 1), 'a.bin', 'application/octet-stream')).status).toBe(201);
    const over = await upload(server, ana.access_token, chatId, Buffer.alloc(41, 1), 'b.bin', 'application/octet-stream');
    expectError(await asJson(over), 409, 'limit_reached');
    expect((await upload(server, ana.access_token, chatId, Buffer.alloc(40, 1), 'c.bin', 'application/octet-stream')).status).toBe(201);
    // at the cap: refused whatever the size
    expectError(await asJson(await upload(server, ana.access_token, chatId, 'x', 'd.txt', 'text/plain')), 409, 'limit_reached');
  });

  it('sweeps uploads left unattached past pendingUploadTtlMs on the clock’s interval; attached ones stay; stops on close', async () => {
    const clock = fakeClock();
    const { server, ana, chatId } = await memberOfChat({ clock, pendingUploadTtlMs: 60_000, uploadSweepIntervalMs: 10_000, maxPendingUploads: 1 });
    expect(clock.running).toBe(1);
    const kept = (await upload(server, ana.access_token, chatId, 'kept', 'k.txt', 'text/plain')).body.attachment;
    const sock = await joinChat(server, ana, chatId);
    await sendMessage(sock, '', { message_type: 'file', attachment_ids: [kept.id] });
    const dropped = (await upload(server, ana.access_token, chatId, 'dropped', 'd.txt', 'text/plain')).body.attachment;
    clock.advance(60_000); // one minute old exactly: kept through the grace period
    expect((await download(server, dropped.url)).status).toBe(200);
    clock.advance(10_000);
    expect((await download(server, dropped.url)).status).toBe(404);
    expect((await download(server, kept.url)).status).toBe(200);
    expect(await metric(server, 'natter_uploads_swept_total')).toBe(1);
    // the user's slot is free again
    expect((await upload(server, ana.access_token, chatId, 'again', 'a.txt', 'text/plain')).status).toBe(201);
    await server.close();
    expect(clock.running).toBe(0);
  });
});

const asJson = (res: { status: number; body: any }) => ({ ...res, headers: new Headers(), text: JSON.stringify(res.body) });

async function asApi(res: Response) {
  const text = await res.text();
  return { status: res.status, body: JSON.parse(text), headers: res.headers, text };
}
