import type { ClientContext } from './channel';
import { NatterError } from './errors';
import { createId } from './ids';
import type { Attachment, ClientFrame } from './protocol/types';
import { addPending, setPendingStatus, updateUnconfirmed } from './store/chat-slice';
import { selectChat, updateChat } from './store/chat-store';

/** A file to send: a `Blob`, usually a `File` (whose `name` becomes the file name). */
export type SendableFile = Blob & { name?: string };

/** What the file sender needs from its chat channel. */
export interface FileSendHost {
  readonly ctx: ClientContext;
  readonly chatId: string;
  maxContentBytes: number;
  enqueueFrame(clientId: string, frame: ClientFrame, persist: boolean): void;
}

/** At most this many attachments per message (docs/protocol.md, section 7). */
export const MAX_ATTACHMENTS = 10;

interface FileSend {
  files: SendableFile[];
  /** The server's attachment for each file, once uploaded. */
  uploaded: Array<Attachment | null>;
  caption: string;
  parentMessageId: string | null;
  localUrls: string[];
  abort: AbortController | null;
}

const isImage = (type: string) => type.startsWith('image/');

/**
 * The type a message with these attachments is sent as: `image` when every one is an image, else `file`.
 *
 * @example
 * messageTypeOf([photo, scan]); // 'file' when scan is a PDF
 */
export function messageTypeOf(attachments: ReadonlyArray<Pick<Attachment, 'content_type'>>): 'image' | 'file' {
  return attachments.length > 0 && attachments.every((a) => isImage(a.content_type)) ? 'image' : 'file';
}

/**
 * Checks a message with files before it is queued: 1–10 of them, and a caption (which may be empty) under the limit.
 *
 * @example
 * checkFileMessage('the plan', attachments.length, 16384, chatId);
 */
export function checkFileMessage(caption: string, count: number, maxBytes: number, chatId?: string): void {
  const details = chatId ? { chatId } : {};
  if (count === 0) throw new NatterError('invalid_argument', 'Pass at least one file', details);
  if (count > MAX_ATTACHMENTS) throw new NatterError('invalid_argument', `At most ${MAX_ATTACHMENTS} files per message`, details);
  if (typeof caption !== 'string') throw new NatterError('invalid_argument', 'The caption must be a string', details);
  const bytes = new TextEncoder().encode(caption).length;
  if (bytes > maxBytes) throw new NatterError('invalid_argument', `The caption is ${bytes} bytes; the limit is ${maxBytes}`, details);
}

/**
 * Sends files as one message: a pending message appears at once with local previews and `uploadProgress`, each file
 * is uploaded (`POST …/uploads`), then `send_message` carries the attachment ids. A failed upload fails the message;
 * `retry` uploads only what is still missing. Kept in memory only: files do not survive a reload.
 *
 * @example
 * const sender = new FileSender(channel);
 * const clientId = sender.send([file], { caption: 'the plan' });
 */
export class FileSender {
  private readonly sends = new Map<string, FileSend>();

  constructor(private readonly host: FileSendHost) {}

  send(files: SendableFile[], options: { caption?: string; parentMessageId?: string | null } = {}): string {
    const { ctx, chatId, maxContentBytes } = this.host;
    const caption = options.caption ?? '';
    if (!Array.isArray(files) || !files.every((f) => f instanceof Blob)) throw new NatterError('invalid_argument', 'Pass files (Blobs)', { chatId });
    checkFileMessage(caption, files.length, maxContentBytes, chatId);
    const clientId = createId();
    const createUrl = typeof URL.createObjectURL === 'function' ? (f: Blob) => URL.createObjectURL(f) : () => '';
    const localUrls = files.map(createUrl);
    const attachments: Attachment[] = files.map((file, index) => ({
      id: `local-${clientId}-${index}`,
      file_name: file.name ?? 'file',
      content_type: file.type || 'application/octet-stream',
      size: file.size,
      width: null,
      height: null,
      url: localUrls[index]!,
    }));
    const state: FileSend = { files, uploaded: files.map(() => null), caption, parentMessageId: options.parentMessageId ?? null, localUrls, abort: null };
    this.sends.set(clientId, state);
    updateChat(ctx.store, chatId, (slice) =>
      addPending(slice, {
        clientId,
        chatId,
        sender: ctx.currentUser,
        content: caption,
        parentMessageId: state.parentMessageId,
        now: ctx.timers.now(),
        messageType: messageTypeOf(attachments),
        attachments,
        uploadProgress: 0,
      }),
    );
    void this.measure(clientId, files);
    void this.upload(clientId);
    return clientId;
  }

  /** Reserves the space of local image previews (where the platform can measure them). */
  private async measure(clientId: string, files: SendableFile[]): Promise<void> {
    if (typeof createImageBitmap !== 'function') return;
    const sizes = await Promise.all(
      files.map(async (file) => {
        if (!isImage(file.type)) return null;
        try {
          const bitmap = await createImageBitmap(file);
          const size = { width: bitmap.width, height: bitmap.height };
          bitmap.close();
          return size;
        } catch {
          return null;
        }
      }),
    );
    const { store } = this.host.ctx;
    const row = selectChat(store.getState(), this.host.chatId).messages.find((m) => m.seq === null && m.client_id === clientId);
    if (!row?.attachments || sizes.every((s) => s === null)) return;
    const attachments = row.attachments.map((a, index) => (sizes[index] && a.width === null ? { ...a, ...sizes[index] } : a));
    updateChat(store, this.host.chatId, (slice) => updateUnconfirmed(slice, clientId, { attachments }));
  }

  private progress(clientId: string, fractions: number[]): void {
    const state = this.sends.get(clientId);
    if (!state) return;
    const total = state.files.reduce((sum, f) => sum + f.size, 0) || 1;
    const done = state.files.reduce((sum, f, index) => sum + f.size * (fractions[index] ?? 0), 0);
    const uploadProgress = Math.min(1, done / total);
    updateChat(this.host.ctx.store, this.host.chatId, (slice) => updateUnconfirmed(slice, clientId, { uploadProgress }));
  }

  private async upload(clientId: string): Promise<void> {
    const { ctx, chatId } = this.host;
    const state = this.sends.get(clientId)!;
    const abort = new AbortController();
    state.abort = abort;
    const fractions: number[] = state.uploaded.map((a) => (a ? 1 : 0));
    this.progress(clientId, fractions);
    try {
      for (const [index, file] of state.files.entries()) {
        if (state.uploaded[index]) continue;
        const onProgress = (fraction: number) => {
          fractions[index] = fraction;
          this.progress(clientId, fractions);
        };
        state.uploaded[index] = await ctx.rest.upload(chatId, file, { onProgress, signal: abort.signal, ...(file.name ? { fileName: file.name } : {}) });
        if (abort.signal.aborted) return;
        onProgress(1);
      }
    } catch (cause) {
      if (abort.signal.aborted) return;
      state.abort = null;
      const error = cause instanceof NatterError ? cause : new NatterError('network_error', 'The upload failed', { chatId, clientId, cause });
      updateChat(ctx.store, chatId, (slice) => setPendingStatus(slice, clientId, 'failed', error));
      ctx.events.emit('error', error);
      return;
    }
    state.abort = null;
    const attachments = state.uploaded as Attachment[];
    updateChat(ctx.store, chatId, (slice) => updateUnconfirmed(slice, clientId, { uploadProgress: null }));
    this.host.enqueueFrame(
      clientId,
      {
        type: 'send_message',
        data: {
          content: state.caption,
          message_type: messageTypeOf(attachments),
          parent_message_id: state.parentMessageId,
          client_id: clientId,
          attachment_ids: attachments.map((a) => a.id),
        },
      },
      false,
    );
  }

  /** Uploads again what a failed file message still misses, then sends it; false if it is not a failed upload. */
  retry(clientId: string): boolean {
    const state = this.sends.get(clientId);
    if (!state || state.abort || state.uploaded.every(Boolean)) return false;
    updateChat(this.host.ctx.store, this.host.chatId, (slice) => setPendingStatus(slice, clientId, 'pending', null));
    void this.upload(clientId);
    return true;
  }

  /** Whether `clientId` is a file message this sender still tracks. */
  has(clientId: string): boolean {
    return this.sends.has(clientId);
  }

  /** The message was confirmed or discarded: stop uploading and free the local previews. */
  forget(clientId: string): void {
    const state = this.sends.get(clientId);
    if (!state) return;
    this.sends.delete(clientId);
    state.abort?.abort();
    if (typeof URL.revokeObjectURL === 'function') for (const url of state.localUrls) if (url) URL.revokeObjectURL(url);
  }

  destroy(): void {
    for (const clientId of [...this.sends.keys()]) this.forget(clientId);
  }
}
