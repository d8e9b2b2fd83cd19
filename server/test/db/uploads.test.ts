import { describe, expect, it } from 'vitest';
import { ChatRepository } from '../../src/db/chats.ts';
import { openDatabase } from '../../src/db/database.ts';
import { MessageRepository } from '../../src/db/messages.ts';
import { UploadRepository } from '../../src/db/uploads.ts';
import { UserRepository } from '../../src/db/users.ts';

const HOUR = 60 * 60 * 1000;

function setup() {
  const db = openDatabase(':memory:');
  let time = Date.parse('2030-01-01T00:00:00.000Z');
  const uploads = new UploadRepository(db, () => time);
  const messages = new MessageRepository(db);
  const users = new UserRepository(db);
  const ana = users.loginOrCreate('ana');
  const ben = users.loginOrCreate('ben');
  const chat = new ChatRepository(db, messages).create('Team', ana.id, [ben.id]);
  const put = (uploaderId: string, bytes: number) =>
    uploads.create({
      chatId: chat.id, uploaderId, fileName: 'f.bin', contentType: 'application/octet-stream', width: null, height: null,
      data: Buffer.alloc(bytes, 1),
    });
  const attach = (id: string) =>
    messages.insert({
      chatId: chat.id, senderId: ana.id, content: '', messageType: 'file', parentMessageId: null, clientId: null,
      attachmentIds: [id],
    });
  const rows = () => (db.prepare('SELECT id FROM uploads ORDER BY created_at').all() as { id: string }[]).map((r) => r.id);
  return { db, uploads, ana, ben, put, attach, rows, advance: (ms: number) => (time += ms) };
}

describe('UploadRepository: unattached uploads', () => {
  it('counts the bytes and files each user holds that no message references', () => {
    const { uploads, ana, ben, put, attach } = setup();
    const first = put(ana.id, 100);
    put(ana.id, 50);
    put(ben.id, 7);
    expect(uploads.pending(ana.id)).toEqual({ count: 2, bytes: 150 });
    attach(first.id);
    expect(uploads.pending(ana.id)).toEqual({ count: 1, bytes: 50 });
    expect(uploads.pending(ben.id)).toEqual({ count: 1, bytes: 7 });
    expect(uploads.pending('nobody')).toEqual({ count: 0, bytes: 0 });
  });

  it('sweep deletes unattached uploads older than the grace period, row and bytes, and nothing else', () => {
    const { db, uploads, ana, ben, put, attach, rows, advance } = setup();
    const attached = put(ana.id, 10);
    const old = put(ben.id, 10);
    attach(attached.id);
    advance(HOUR - 1);
    const young = put(ana.id, 10);
    expect(uploads.sweep(HOUR)).toBe(0); // `old` is exactly one hour old less a millisecond
    advance(2);
    expect(uploads.sweep(HOUR)).toBe(1);
    expect(rows()).toEqual([attached.id, young.id]);
    expect(db.prepare('SELECT COUNT(*) AS n FROM uploads WHERE id = ?').get(old.id)).toEqual({ n: 0 });
    advance(10 * HOUR);
    expect(uploads.sweep(HOUR)).toBe(1);
    expect(rows()).toEqual([attached.id]); // attached files live as long as their message
  });

  it('finds pending uploads through the partial indexes, not a scan of every file', () => {
    const { db } = setup();
    const plan = (sql: string) => (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all('x') as { detail: string }[]).map((r) => r.detail).join('; ');
    expect(plan('SELECT COUNT(*) FROM uploads WHERE uploader_id = ? AND message_id IS NULL')).toMatch(/uploads_pending_by_uploader/);
    expect(plan('DELETE FROM uploads WHERE message_id IS NULL AND created_at < ?')).toMatch(/uploads_pending_by_age/);
  });
});
