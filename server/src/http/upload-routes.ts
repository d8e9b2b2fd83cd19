import multipart from '@fastify/multipart';
import type { FastifyInstance } from 'fastify';
import { LIMITS } from '../config.ts';
import type { ServerContext } from '../context.ts';
import { authenticate } from './authenticate.ts';
import { requireMember } from './chat-routes.ts';
import { HttpError } from './errors.ts';
import { imageInfo } from './image-info.ts';

/** Only these are ever shown inline: a browser renders them as images, never as a page. */
const INLINE_TYPES = new Set(['image/png', 'image/jpeg', 'image/gif', 'image/webp']);
const MIME = /^[a-z0-9][a-z0-9!#$&^_.+-]*\/[a-z0-9][a-z0-9!#$&^_.+-]*$/;

/** Whether `type` is on the allowlist (exact types, or `major/*`). */
function allowed(list: readonly string[], type: string): boolean {
  return list.includes(type) || list.includes(`${type.split('/')[0]}/*`);
}

/**
 * The name to keep: no folders, no control characters, at most 255 UTF-16 units (never splitting a pair).
 *
 * @example
 * cleanFileName('C:\\Users\\ana\\report.pdf'); // 'report.pdf'
 */
export function cleanFileName(raw: string): string {
  const base = (raw.split(/[\\/]/).pop() ?? '').replace(/\p{Cc}/gu, '').trim();
  let name = '';
  for (const char of base) {
    if (name.length + char.length > LIMITS.fileNameMax) break;
    name += char;
  }
  return name === '' || name === '.' || name === '..' ? 'file' : name;
}

/**
 * `Content-Disposition: attachment` with an ASCII fallback and the exact name in RFC 5987 form.
 *
 * @example
 * attachmentDisposition('résumé.pdf'); // attachment; filename="r_sum_.pdf"; filename*=UTF-8''r%C3%A9sum%C3%A9.pdf
 */
export function attachmentDisposition(fileName: string): string {
  const fallback = fileName.replace(/[^\x20-\x7e]|["\\]/g, '_');
  const encoded = encodeURIComponent(fileName).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}

interface Decided {
  contentType: string;
  width: number | null;
  height: number | null;
}

/**
 * The content type the server stands behind: an image type only when the bytes are one, else the declared type.
 * Null when that is not on the allowlist.
 */
function decideType(declared: string, data: Buffer, list: readonly string[]): Decided | null {
  const image = imageInfo(data);
  if (image) return allowed(list, image.contentType) ? image : null;
  let type = (declared.split(';')[0] ?? '').trim().toLowerCase();
  if (type === '' || !MIME.test(type)) type = 'application/octet-stream';
  if (!allowed(list, type)) return null;
  // An allowed image type whose bytes are not one is shared as an opaque file, never trusted as an image.
  if (type.startsWith('image/')) type = 'application/octet-stream';
  return allowed(list, type) ? { contentType: type, width: null, height: null } : null;
}

/**
 * `POST /api/v1/chats/{chatId}/uploads` (multipart, one `file` part) and the capability download
 * `GET /api/v1/files/{id}/{name}?key=` (docs/protocol.md, 9.5).
 *
 * @example
 * await registerUploadRoutes(app, ctx);
 */
export async function registerUploadRoutes(app: FastifyInstance, ctx: ServerContext): Promise<void> {
  const { maxUploadBytes, uploadTypes, maxPendingUploads, maxPendingUploadBytes } = ctx.options;
  const overPending = (): never => {
    ctx.metrics.httpRefusals.inc({ limit: 'pending_uploads' });
    throw new HttpError(409, 'limit_reached', 'Too many unattached uploads: send them in a message, or wait for them to expire');
  };
  await app.register(multipart, { limits: { fileSize: maxUploadBytes, files: 1, fields: 10, parts: 20 } });

  app.post<{ Params: { chatId: string } }>('/api/v1/chats/:chatId/uploads', async (request, reply) => {
    const user = await authenticate(ctx, request);
    ctx.limits.take('uploads', user.id);
    requireMember(ctx, request.params.chatId, user.id);
    // Checked before the body is read, so a user at the cap cannot make the server buffer another file.
    const pending = ctx.uploads.pending(user.id);
    if (pending.count >= maxPendingUploads || pending.bytes >= maxPendingUploadBytes) overPending();
    if (!request.isMultipart()) throw new HttpError(400, 'invalid_request', 'Expected multipart/form-data with a "file" part');
    const part = await request.file();
    if (!part || part.fieldname !== 'file') throw new HttpError(400, 'invalid_request', 'Expected one part named "file"');
    const data = await part.toBuffer(); // over maxUploadBytes: the plugin's 413
    if (data.length === 0) throw new HttpError(400, 'invalid_request', 'The file is empty');
    // Again now, with nothing awaited between it and the insert: uploads in flight side by side each passed the first.
    const held = ctx.uploads.pending(user.id);
    if (held.count >= maxPendingUploads || held.bytes + data.length > maxPendingUploadBytes) overPending();
    const decided = decideType(part.mimetype, data, uploadTypes);
    if (!decided) throw new HttpError(415, 'unsupported_type', 'Files of this type are not accepted');
    const { contentType, width, height } = decided;
    const attachment = ctx.uploads.create({
      chatId: request.params.chatId,
      uploaderId: user.id,
      fileName: cleanFileName(part.filename),
      contentType,
      width,
      height,
      data,
    });
    return reply.status(201).send({ attachment });
  });

  app.get<{ Params: { id: string; name: string }; Querystring: { key?: string } }>(
    '/api/v1/files/:id/:name',
    {
      schema: { querystring: { type: 'object', properties: { key: { type: 'string', maxLength: 128 } } } },
    },
    async (request, reply) => {
      const file = ctx.uploads.file(request.params.id, request.query.key ?? '');
      if (!file) throw new HttpError(404, 'not_found', 'File not found');
      const inline = INLINE_TYPES.has(file.content_type);
      return reply
        .header('content-type', inline || MIME.test(file.content_type) ? file.content_type : 'application/octet-stream')
        .header('content-length', String(file.data.length))
        .header('content-disposition', inline ? 'inline' : attachmentDisposition(file.file_name))
        .header('x-content-type-options', 'nosniff')
        .header('content-security-policy', "default-src 'none'; sandbox")
        .header('cache-control', 'private, max-age=31536000, immutable')
        .send(file.data);
    },
  );
}
