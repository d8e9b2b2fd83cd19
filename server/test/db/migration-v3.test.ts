import { describe, expect, it } from 'vitest';
import { migrate, openDatabase } from '../../src/db/database.ts';
import { HistoryReader } from '../../src/db/history.ts';
import { MessageRepository } from '../../src/db/messages.ts';
import { MIGRATIONS } from '../../src/db/migrations.ts';
import { SearchRepository } from '../../src/db/search.ts';
import { FRESH_MESSAGE_FIELDS } from '../helpers/message-fields.ts';

/** A database as a version-2 server left it: one chat, a message and a reply to it. */
function version2Database() {
  const db = openDatabase(':memory:', MIGRATIONS.filter((m) => m.version <= 2));
  const t = '2026-01-01T00:00:00.000Z';
  const t2 = '2026-01-01T00:01:00.000Z';
  db.prepare("INSERT INTO users (id, username, email, created_at) VALUES ('u1', 'ana', 'ana@natter.invalid', ?)").run(t);
  db.prepare("INSERT INTO chats (id, name, created_by, created_at, last_seq, last_activity_at) VALUES ('c1', 'Team', 'u1', ?, 2, ?)").run(t, t2);
  db.prepare("INSERT INTO chat_members (chat_id, user_id, joined_at) VALUES ('c1', 'u1', ?)").run(t);
  const insert = db.prepare(
    `INSERT INTO messages (id, chat_id, seq, sender_id, content, message_type, parent_message_id, client_id, created_at, updated_at)
     VALUES (?, 'c1', ?, 'u1', ?, 'text', ?, NULL, ?, ?)`,
  );
  insert.run('m1', 1, 'old question about databases', null, t, t);
  insert.run('m2', 2, 'an older answer', 'm1', t2, t2);
  return db;
}

describe('migration 3 (rich messaging)', () => {
  it('backfills rev, the chat’s last_rev, reply counts and the search index of existing messages', () => {
    const db = version2Database();
    expect(db.pragma('user_version', { simple: true })).toBe(2);
    migrate(db, MIGRATIONS.filter((m) => m.version <= 3));
    expect(db.pragma('user_version', { simple: true })).toBe(3);
    const messages = new MessageRepository(db);
    const m1 = messages.get('m1')!;
    expect(m1).toMatchObject({ ...FRESH_MESSAGE_FIELDS, rev: 1, reply_count: 1, last_reply_at: '2026-01-01T00:01:00.000Z' });
    expect(messages.get('m2')).toMatchObject({ rev: 2, reply_count: 0, last_reply_at: null });
    expect(new HistoryReader(db, messages).page('c1', { limit: 10 }).last_rev).toBe(2);
    const found = new SearchRepository(db, messages).search('c1', 'databa', { limit: 10, offset: 0 });
    expect(found.results.map((r) => r.message.id)).toEqual(['m1']);

    // new writes continue the revision count and stay searchable
    const { message } = messages.insert({
      chatId: 'c1', senderId: 'u1', content: 'new database note', messageType: 'text', parentMessageId: null, clientId: null,
    });
    expect(message).toMatchObject({ seq: 3, rev: 3 });
    const again = new SearchRepository(db, messages).search('c1', 'database', { limit: 10, offset: 0 });
    expect(again.results.map((r) => r.message.id)).toEqual([message.id, 'm1']);
    db.close();
  });
});
