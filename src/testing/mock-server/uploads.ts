import type { Attachment } from '../../core/protocol/types';
import { imageInfo } from './image-info';
import type { MockFileInput } from './inputs';
import { FrameRefusal } from './refusal';
import { solidPng } from './solid-png';

/**
 * An upload the mock holds in memory: the attachment as the API shows it, its bytes and who may attach it.
 *
 * @example
 * const file = uploads.find(attachment.id);
 */
export interface StoredUpload {
  attachment: Attachment;
  bytes: Uint8Array;
  /** The capability key of its URL. */
  key: string;
  chatId: string;
  uploaderId: string;
  /** The message it is attached to, once sent. */
  messageId: string | null;
}

/**
 * An upload the server refuses, with the HTTP status and code of docs/protocol.md 9.5.
 *
 * @example
 * throw new UploadRefusal(415, 'unsupported_type', 'text/html is not allowed');
 */
export class UploadRefusal extends Error {
  constructor(
    readonly status: 400 | 413 | 415,
    readonly code: 'invalid_request' | 'payload_too_large' | 'unsupported_type',
    message: string,
  ) {
    super(message);
    this.name = 'UploadRefusal';
  }
}

/**
 * The reference server's default `maxUploadBytes`.
 *
 * @example
 * createMockChatServer({ baseUrl, maxUploadBytes: DEFAULT_MAX_UPLOAD_BYTES / 10 });
 */
export const DEFAULT_MAX_UPLOAD_BYTES = 10 * 1024 * 1024;
/**
 * At most this many attachments per message.
 *
 * @example
 * if (ids.length > MAX_ATTACHMENTS) refuse();
 */
export const MAX_ATTACHMENTS = 10;

const ALLOWED_TYPES = new Set(['image/png', 'image/jpeg', 'image/gif', 'image/webp', 'application/pdf', 'text/plain', 'text/csv', 'application/json', 'application/zip', 'application/octet-stream']);
const IMAGE_TYPES = new Set(['image/png', 'image/jpeg', 'image/gif', 'image/webp']);

/**
 * Whether a declared type is on the default upload allowlist (never HTML, SVG, XML or scripts).
 *
 * @example
 * allowedType('audio/ogg'); // true
 */
export function allowedType(type: string): boolean {
  return ALLOWED_TYPES.has(type) || /^(audio|video)\/[\w.+-]+$/.test(type);
}

/**
 * Whether a content type is one the API marks as an image (PNG, JPEG, GIF, WebP), served inline.
 *
 * @example
 * isImageType('image/webp'); // true
 */
export const isImageType = (type: string): boolean => IMAGE_TYPES.has(type);

const baseName = (name: string): string => name.split(/[\\/]/).pop()!.slice(0, 255) || 'file';

/** 32 hex digits that look random but repeat from run to run, so stories render the same URLs every time. */
function keyFor(seed: number): string {
  let state = (seed * 0x9e3779b1) >>> 0;
  let out = '';
  for (let i = 0; i < 4; i += 1) {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    out += ((t ^ (t >>> 14)) >>> 0).toString(16).padStart(8, '0');
  }
  return out;
}

/**
 * The mock's uploads (docs/protocol.md 9.5): type decided from the bytes for images, the allowlist otherwise, size
 * limit, capability URLs, and one message per upload.
 *
 * @example
 * const attachment = uploads.store({ chatId, uploaderId, name: 'a.png', type: 'image/png', bytes }, 10 * 1024 * 1024);
 */
export class MockUploads {
  private readonly files = new Map<string, StoredUpload>();

  constructor(private readonly nextId: () => string) {}

  /** Stores one file; throws `UploadRefusal` for an empty, oversized or disallowed one. */
  store(input: { chatId: string; uploaderId: string; name: string; type: string; bytes: Uint8Array; width?: number | null; height?: number | null }, maxBytes: number): Attachment {
    if (input.bytes.length === 0) throw new UploadRefusal(400, 'invalid_request', 'The file is empty');
    if (input.bytes.length > maxBytes) throw new UploadRefusal(413, 'payload_too_large', `The file is ${input.bytes.length} bytes; the limit is ${maxBytes}`);
    const declared = input.type.split(';')[0]!.trim().toLowerCase() || 'application/octet-stream';
    const image = imageInfo(input.bytes);
    if (!image && !allowedType(declared)) throw new UploadRefusal(415, 'unsupported_type', `Files of type ${declared} are not accepted`);
    const id = this.nextId();
    const key = keyFor(this.files.size + 1);
    const fileName = baseName(input.name);
    const attachment: Attachment = {
      id,
      file_name: fileName,
      // A declared image type is not believed without the signature: it would be served inline.
      content_type: image?.contentType ?? (isImageType(declared) ? 'application/octet-stream' : declared),
      size: input.bytes.length,
      width: image ? image.width : (input.width ?? null),
      height: image ? image.height : (input.height ?? null),
      url: `/api/v1/files/${id}/${encodeURIComponent(fileName)}?key=${key}`,
    };
    this.files.set(id, { attachment, bytes: input.bytes, key, chatId: input.chatId, uploaderId: input.uploaderId, messageId: null });
    return attachment;
  }

  /**
   * Stores a scripted file. An image type given without image bytes gets a generated PNG of `width`×`height`
   * (default 320×240), so stories show a real picture.
   */
  storeScripted(chatId: string, uploaderId: string, file: MockFileInput): Attachment {
    const type = file.type ?? 'application/octet-stream';
    let bytes = typeof file.data === 'string' ? new TextEncoder().encode(file.data) : (file.data ?? new Uint8Array());
    if (isImageType(type) && !imageInfo(bytes)) bytes = solidPng(file.width ?? 320, file.height ?? 240);
    if (bytes.length === 0) bytes = new TextEncoder().encode(file.name);
    return this.store({ chatId, uploaderId, name: file.name, type, bytes, width: file.width ?? null, height: file.height ?? null }, Number.POSITIVE_INFINITY);
  }

  find(id: string): StoredUpload | undefined {
    return this.files.get(id);
  }

  /** Drops files (their message was deleted): their links answer 404 from now on. */
  forget(ids: readonly string[]): void {
    for (const id of ids) this.files.delete(id);
  }

  /**
   * The attachments for `ids`, marked as attached to `messageId`: each must be an upload of `uploaderId` in
   * `chatId` not attached yet (else `not_found`, and nothing is marked); all images for an `image` message
   * (else `invalid_frame`).
   */
  attach(ids: readonly string[], chatId: string, uploaderId: string, messageId: string, imagesOnly: boolean): Attachment[] {
    const found = ids.map((id) => this.files.get(id));
    const bad = ids.find((id, i) => {
      const file = found[i];
      return !file || file.chatId !== chatId || file.uploaderId !== uploaderId || file.messageId !== null;
    });
    if (bad !== undefined || new Set(ids).size !== ids.length) throw new FrameRefusal('not_found', `Upload ${bad ?? 'listed twice'} is not an unsent upload of yours in this chat`);
    if (imagesOnly && found.some((file) => !isImageType(file!.attachment.content_type))) {
      throw new FrameRefusal('invalid_frame', 'An image message takes image uploads only; send the others as message_type file');
    }
    for (const file of found) file!.messageId = messageId;
    return found.map((file) => ({ ...file!.attachment }));
  }
}
