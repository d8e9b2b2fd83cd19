import { http, HttpResponse, type HttpHandler } from 'msw';
import { createRouteKit, fail } from './rest-support';
import type { MockState } from './state';
import { isImageType, UploadRefusal } from './uploads';

/** RFC 6266 `Content-Disposition: attachment` with an ASCII fallback and the exact UTF-8 name. */
function attachmentDisposition(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]|["\\]/g, '_');
  const encoded = encodeURIComponent(fileName).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

/**
 * `POST /api/v1/chats/{chatId}/uploads` (multipart, one `file` part) and the capability download route
 * `GET /api/v1/files/{id}/{name}?key=` with the headers of docs/protocol.md 9.5, over the mock's in-memory uploads.
 *
 * @example
 * const handlers = createUploadHandlers('http://chat.test', state, () => 0, 10 * 1024 * 1024);
 */
export function createUploadHandlers(baseUrl: string, state: MockState, latencyMs: () => number, maxUploadBytes: () => number): HttpHandler[] {
  const { authenticate, memberChat, route } = createRouteKit(state, latencyMs);
  const api = `${baseUrl}/api/v1`;
  return [
    http.post(
      `${api}/chats/:chatId/uploads`,
      route(async ({ request, params }) => {
        const user = authenticate(request);
        const chat = memberChat(params.chatId, user);
        const form = await request.formData().catch(() => undefined);
        const file = form?.get('file');
        if (!file || typeof file === 'string') return fail(400, 'invalid_request', 'Invalid request: expected multipart/form-data with a "file" part');
        const name = 'name' in file && typeof file.name === 'string' ? file.name : 'file';
        try {
          const bytes = new Uint8Array(await file.arrayBuffer());
          const attachment = state.uploads.store({ chatId: chat.id, uploaderId: user.id, name, type: file.type, bytes }, maxUploadBytes());
          return HttpResponse.json({ attachment }, { status: 201 });
        } catch (error) {
          if (error instanceof UploadRefusal) return fail(error.status, error.code, error.message);
          throw error;
        }
      }),
    ),
    http.get(
      `${api}/files/:fileId/:fileName`,
      route(({ params, url }) => {
        const stored = state.uploads.find(params.fileId);
        if (!stored || url.searchParams.get('key') !== stored.key) return fail(404, 'not_found', 'File not found');
        const { content_type: type, file_name: fileName } = stored.attachment;
        const body = new ArrayBuffer(stored.bytes.length);
        new Uint8Array(body).set(stored.bytes);
        return new HttpResponse(body, {
          status: 200,
          headers: {
            'Content-Type': type,
            'Content-Length': String(stored.bytes.length),
            'Content-Disposition': isImageType(type) ? 'inline' : attachmentDisposition(fileName),
            'X-Content-Type-Options': 'nosniff',
            'Content-Security-Policy': "default-src 'none'; sandbox",
            'Cache-Control': 'private, max-age=31536000, immutable',
          },
        });
      }),
    ),
  ];
}
