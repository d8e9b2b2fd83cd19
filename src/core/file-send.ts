import type { ClientContext } from './client-context';
import type { ChannelPart } from './channel-part';
import { checkText } from './content';
import { NatterError } from './errors';
import { createId } from './ids';
import type { Attachment, ClientFrame, Message } from './protocol/types';
import { unconfirmedIndex } from './store/chat-message';
import { addPending, updateUnconfirmed, type ChatMessage } from './store/chat-slice';
import { selectChat, updateChat } from './store/chat-store';
import { uploadTo } from './upload';

/** A file to send: a `Blob`, usually a `File` (whose `name` becomes the file name). */
export type SendableFile = Blob & { name?: string };

/** What the file sender needs from its chat channel. */
export interface FileSendHost {
  readonly ctx: ClientContext;
  readonly chatId: string;
  maxContentBytes: number;
  enqueueFrame(clientId: string, frame: ClientFrame, saved: false): void;
}

/** At most this many attachments per message (docs/protocol.md, section 7). */
export const MAX_ATTACHMENTS = 10;

interface FileSend {
  files: SendableFile[];
  /** The server's attachment for each file, once uploaded. */
  uploaded: Array<Attachment | null>;
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
export function checkFileMessage(caption: string, count: number, maxBytes: number, chatId: string): void {
  if (count < 1 || count > MAX_ATTACHMENTS) {
    throw new NatterError('invalid_argument', count < 1 ? 'Pass at least one file' : `At most ${MAX_ATTACHMENTS} files per message`, { chatId });
  }
  checkText(caption, maxBytes, 'caption', true, { chatId });
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
export class FileSender implements ChannelPart {
  readonly #sends = new Map<string, FileSend>();
  readonly #host: FileSendHost;

  constructor(host: FileSendHost) {
    this.#host = host;
  }

  /** Changes the pending message `clientId` in the store (a no-op once it is confirmed or discarded). */
  #patch(clientId: string, patch: Partial<ChatMessage>): void {
    updateChat(this.#host.ctx.store, this.#host.chatId, (slice) => updateUnconfirmed(slice, clientId, patch));
  }

  send(files: SendableFile[], options: { caption?: string; parentMessageId?: string | null } = {}): string {
    const { ctx, chatId, maxContentBytes } = this.#host;
    const caption = options.caption ?? '';
    const parentMessageId = options.parentMessageId ?? null;
    if (!Array.isArray(files) || !files.every((f) => f instanceof Blob)) throw new NatterError('invalid_argument', 'Pass files (Blobs)', { chatId });
    checkFileMessage(caption, files.length, maxContentBytes, chatId);
    const clientId = createId();
    const attachments: Attachment[] = files.map((file, index) => ({
      id: `local-${clientId}-${index}`,
      file_name: file.name ?? 'file',
      content_type: file.type || 'application/octet-stream',
      size: file.size,
      width: null,
      height: null,
      // A local preview until the upload is done, where the platform can make one (not in Node).
      url: typeof URL.createObjectURL === 'function' ? URL.createObjectURL(file) : '',
    }));
    const localUrls = attachments.map((a) => a.url);
    this.#sends.set(clientId, { files, uploaded: files.map(() => null), parentMessageId, localUrls, abort: null });
    updateChat(ctx.store, chatId, (slice) =>
      addPending(slice, {
        clientId,
        chatId,
        sender: ctx.currentUser,
        content: caption,
        parentMessageId,
        now: ctx.timers.now(),
        messageType: messageTypeOf(attachments),
        attachments,
        uploadProgress: 0,
      }),
    );
    void this.#measure(clientId, files, attachments);
    void this.#upload(clientId);
    return clientId;
  }

  /** Reserves the space of local image previews (where the platform can measure them). */
  async #measure(clientId: string, files: SendableFile[], attachments: Attachment[]): Promise<void> {
    if (typeof createImageBitmap !== 'function') return;
    const sizes = await Promise.all(
      files.map(async (file) => {
        if (!isImage(file.type)) return null;
        try {
          const bitmap = await createImageBitmap(file);
          // Read before close(): a closed bitmap measures 0 × 0.
          const { width, height } = bitmap;
          bitmap.close();
          return { width, height };
        } catch {
          return null;
        }
      }),
    );
    // The pending row still shows `attachments` (only this changes them); once confirmed or discarded, #patch is a no-op.
    if (sizes.some(Boolean)) this.#patch(clientId, { attachments: attachments.map((a, index) => (sizes[index] ? { ...a, ...sizes[index] } : a)) });
  }

  async #upload(clientId: string): Promise<void> {
    const { ctx, chatId } = this.#host;
    const state = this.#sends.get(clientId)!;
    const { files, uploaded } = state;
    const abort = (state.abort = new AbortController());
    const fractions: number[] = uploaded.map((a) => (a ? 1 : 0));
    const total = files.reduce((sum, f) => sum + f.size, 0) || 1;
    const progress = () => {
      // Forgotten meanwhile (confirmed, discarded, destroyed): its row is no longer ours to change.
      if (abort.signal.aborted) return;
      const done = files.reduce((sum, f, index) => sum + f.size * fractions[index]!, 0);
      this.#patch(clientId, { uploadProgress: Math.min(1, done / total) });
    };
    progress();
    try {
      for (const [index, file] of files.entries()) {
        if (uploaded[index]) continue;
        const onProgress = (fraction: number) => {
          fractions[index] = fraction;
          progress();
        };
        uploaded[index] = await uploadTo(ctx.rest, chatId, file, { onProgress, signal: abort.signal });
        if (abort.signal.aborted) return;
        onProgress(1);
      }
    } catch (cause) {
      if (abort.signal.aborted) return;
      state.abort = null;
      const error = cause instanceof NatterError ? cause : new NatterError('network_error', 'The upload failed', { chatId, clientId, cause });
      this.#patch(clientId, { status: 'failed', error });
      ctx.events.emit('error', error);
      return;
    }
    state.abort = null;
    const attachments = uploaded as Attachment[];
    this.#patch(clientId, { uploadProgress: null });
    const { messages } = selectChat(ctx.store.getState(), chatId);
    this.#host.enqueueFrame(
      clientId,
      {
        type: 'send_message',
        data: {
          // The row's caption, which an edit may have changed during the upload.
          content: messages[unconfirmedIndex(messages, clientId)]?.content ?? '',
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
    const state = this.#sends.get(clientId);
    if (!state || state.abort || state.uploaded.every(Boolean)) return false;
    this.#patch(clientId, { status: 'pending', error: null });
    void this.#upload(clientId);
    return true;
  }

  /** Drops an unsent file message; whether it was one. */
  discard(clientId: string): boolean {
    const known = this.#sends.has(clientId);
    this.forget(clientId);
    return known;
  }

  /** Its message reached the server: the files are no longer needed here. */
  confirmed(message: Message): void {
    if (message.client_id) this.forget(message.client_id);
  }

  /** The message was confirmed or discarded: stop uploading and free the local previews. */
  forget(clientId: string): void {
    const state = this.#sends.get(clientId);
    if (!state) return;
    this.#sends.delete(clientId);
    state.abort?.abort();
    for (const url of state.localUrls) if (url) URL.revokeObjectURL?.(url);
  }

  destroy(): void {
    // Deleting the entry being visited is safe while iterating a Map.
    for (const clientId of this.#sends.keys()) this.forget(clientId);
  }
}
