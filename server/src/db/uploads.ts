import { randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import type { Attachment } from '../protocol/types.ts';
import type { Db } from './database.ts';
import { toAttachment, type AttachmentRow } from './message-rows.ts';

/** A file as stored, before it gets an id and a key. */
export interface NewUpload {
  chatId: string;
  uploaderId: string;
  fileName: string;
  contentType: string;
  width: number | null;
  height: number | null;
  data: Buffer;
}

/** What one user holds that no message references yet. */
export interface PendingUploads {
  count: number;
  bytes: number;
}

/** What a download needs. */
export interface StoredFile {
  file_name: string;
  content_type: string;
  data: Buffer;
}

interface UploadRow extends AttachmentRow {
  chat_id: string;
  uploader_id: string;
  message_id: string | null;
}

/**
 * Uploaded files (docs/protocol.md, 9.5), kept in SQLite beside the messages they belong to, so one file backs
 * up and restores everything.
 *
 * @example
 * const attachment = uploads.create({ chatId, uploaderId, fileName: 'a.png', contentType: 'image/png', width: 1, height: 1, data });
 */
export class UploadRepository {
  private readonly insert;
  private readonly byId;
  private readonly fileOf;
  private readonly pendingOf;
  private readonly dropPendingBefore;

  /** `now` stamps `created_at`, which the sweep compares against the same clock. */
  constructor(db: Db, private readonly now: () => number = Date.now) {
    this.insert = db.prepare(
      `INSERT INTO uploads (id, chat_id, uploader_id, key, file_name, content_type, size, width, height, data, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.byId = db.prepare<[string], UploadRow>(
      `SELECT id, chat_id, uploader_id, key, file_name, content_type, size, width, height, message_id FROM uploads WHERE id = ?`,
    );
    this.fileOf = db.prepare<[string], StoredFile & { key: string }>('SELECT key, file_name, content_type, data FROM uploads WHERE id = ?');
    // `message_id IS NULL` in both: it is what lets SQLite use the small partial indexes of migration 4.
    this.pendingOf = db.prepare<[string], PendingUploads>(
      'SELECT COUNT(*) AS count, COALESCE(SUM(size), 0) AS bytes FROM uploads WHERE uploader_id = ? AND message_id IS NULL',
    );
    this.dropPendingBefore = db.prepare<[string]>('DELETE FROM uploads WHERE message_id IS NULL AND created_at < ?');
  }

  create(input: NewUpload): Attachment {
    const id = randomUUID();
    // 128 random bits: the key is the only credential of the download URL.
    const key = randomBytes(16).toString('hex');
    this.insert.run(
      id, input.chatId, input.uploaderId, key, input.fileName, input.contentType, input.data.length,
      input.width, input.height, input.data, new Date(this.now()).toISOString(),
    );
    return toAttachment(this.byId.get(id)!);
  }

  /**
   * Why `ids` cannot be attached by `userId` to a new message in `chatId` (null when they all can): each must be
   * that user's upload in that chat, not yet attached.
   */
  unattachable(chatId: string, userId: string, ids: readonly string[]): string | null {
    for (const id of ids) {
      const row = this.byId.get(id);
      if (!row || row.chat_id !== chatId || row.uploader_id !== userId || row.message_id !== null) {
        return `Upload ${id.slice(0, 64)} not found among your unattached uploads in this chat`;
      }
    }
    return null;
  }

  /** The uploads of `userId` not attached to any message (docs/protocol.md, 9.5: the per-user cap). */
  pending(userId: string): PendingUploads {
    return this.pendingOf.get(userId)!;
  }

  /**
   * Deletes every upload created more than `ttlMs` ago that no message references: the row and its bytes, which
   * live in it. Returns how many went.
   */
  sweep(ttlMs: number): number {
    return this.dropPendingBefore.run(new Date(this.now() - ttlMs).toISOString()).changes;
  }

  /** The content types of `ids`, in order. */
  contentTypes(ids: readonly string[]): string[] {
    return ids.map((id) => this.byId.get(id)?.content_type ?? '');
  }

  /** The file if `key` is its key; undefined otherwise (a wrong key and a missing file look the same). */
  file(id: string, key: string): StoredFile | undefined {
    const row = this.fileOf.get(id);
    if (!row) return undefined;
    const given = Buffer.from(key);
    const expected = Buffer.from(row.key);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
    return { file_name: row.file_name, content_type: row.content_type, data: row.data };
  }
}
