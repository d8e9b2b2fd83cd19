/** One schema step. `version` is what `PRAGMA user_version` holds once it has run. */
export interface Migration {
  version: number;
  name: string;
  sql: string;
}

/**
 * The schema, in order. Never edit a shipped migration: add a new one, so databases created by older servers
 * upgrade in place.
 */
export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'users, chats, messages, read receipts',
    sql: `
      CREATE TABLE settings (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
      );
      CREATE TABLE users (
        id TEXT PRIMARY KEY,
        username TEXT NOT NULL UNIQUE COLLATE NOCASE,
        email TEXT NOT NULL,
        is_active INTEGER NOT NULL DEFAULT 1,
        created_at TEXT NOT NULL
      );
      CREATE TABLE chats (
        id TEXT PRIMARY KEY,
        name TEXT,
        is_direct INTEGER NOT NULL DEFAULT 0,
        -- "smaller-id:larger-id" for direct chats, so get-or-create cannot make two.
        direct_key TEXT UNIQUE,
        created_by TEXT NOT NULL REFERENCES users(id),
        created_at TEXT NOT NULL,
        last_seq INTEGER NOT NULL DEFAULT 0,
        last_activity_at TEXT NOT NULL
      );
      CREATE TABLE chat_members (
        chat_id TEXT NOT NULL REFERENCES chats(id) ON DELETE CASCADE,
        user_id TEXT NOT NULL REFERENCES users(id),
        joined_at TEXT NOT NULL,
        last_read_seq INTEGER NOT NULL DEFAULT 0,
        PRIMARY KEY (chat_id, user_id)
      ) WITHOUT ROWID;
      CREATE INDEX chat_members_by_user ON chat_members(user_id);
      CREATE TABLE messages (
        id TEXT PRIMARY KEY,
        chat_id TEXT NOT NULL REFERENCES chats(id) ON DELETE CASCADE,
        seq INTEGER NOT NULL,
        sender_id TEXT NOT NULL REFERENCES users(id),
        content TEXT NOT NULL,
        message_type TEXT NOT NULL,
        parent_message_id TEXT REFERENCES messages(id),
        client_id TEXT,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        UNIQUE (chat_id, seq)
      );
      CREATE UNIQUE INDEX messages_idempotency ON messages(chat_id, sender_id, client_id)
        WHERE client_id IS NOT NULL;
      CREATE TABLE read_receipts (
        message_id TEXT NOT NULL REFERENCES messages(id) ON DELETE CASCADE,
        user_id TEXT NOT NULL REFERENCES users(id),
        read_at TEXT NOT NULL,
        PRIMARY KEY (message_id, user_id)
      ) WITHOUT ROWID;
    `,
  },
  {
    version: 2,
    name: 'delivery: the highest seq each member has received',
    sql: `ALTER TABLE chat_members ADD COLUMN last_delivered_seq INTEGER NOT NULL DEFAULT 0;`,
  },
  {
    version: 3,
    name: 'rich messaging: edits, tombstones, revisions, threads, reactions, uploads, presence, search',
    sql: `
      ALTER TABLE messages ADD COLUMN edited_at TEXT;
      ALTER TABLE messages ADD COLUMN deleted_at TEXT;
      ALTER TABLE messages ADD COLUMN rev INTEGER NOT NULL DEFAULT 0;
      ALTER TABLE messages ADD COLUMN reply_count INTEGER NOT NULL DEFAULT 0;
      ALTER TABLE messages ADD COLUMN last_reply_at TEXT;
      ALTER TABLE messages ADD COLUMN mentions TEXT NOT NULL DEFAULT '[]';
      -- The messages_fts row holding this message's text: stored, because a table without an INTEGER PRIMARY KEY
      -- may have its rowids renumbered by VACUUM.
      ALTER TABLE messages ADD COLUMN fts_rowid INTEGER;
      ALTER TABLE chats ADD COLUMN last_rev INTEGER NOT NULL DEFAULT 0;
      ALTER TABLE users ADD COLUMN last_seen_at TEXT;

      -- Each existing message was one revision of its chat when it was created.
      UPDATE messages SET rev = seq;
      UPDATE chats SET last_rev = last_seq;
      UPDATE messages SET
        reply_count = (SELECT COUNT(*) FROM messages r WHERE r.parent_message_id = messages.id),
        last_reply_at = (SELECT MAX(r.created_at) FROM messages r WHERE r.parent_message_id = messages.id);

      CREATE INDEX messages_by_rev ON messages(chat_id, rev);
      CREATE INDEX messages_by_parent ON messages(parent_message_id, seq) WHERE parent_message_id IS NOT NULL;

      -- A rowid table (not WITHOUT ROWID): rowid order is the order reactions were made.
      CREATE TABLE reactions (
        message_id TEXT NOT NULL REFERENCES messages(id) ON DELETE CASCADE,
        user_id TEXT NOT NULL REFERENCES users(id),
        emoji TEXT NOT NULL,
        created_at TEXT NOT NULL,
        PRIMARY KEY (message_id, user_id, emoji)
      );

      CREATE TABLE uploads (
        id TEXT PRIMARY KEY,
        chat_id TEXT NOT NULL REFERENCES chats(id) ON DELETE CASCADE,
        uploader_id TEXT NOT NULL REFERENCES users(id),
        key TEXT NOT NULL,
        file_name TEXT NOT NULL,
        content_type TEXT NOT NULL,
        size INTEGER NOT NULL,
        width INTEGER,
        height INTEGER,
        data BLOB NOT NULL,
        message_id TEXT REFERENCES messages(id) ON DELETE SET NULL,
        position INTEGER NOT NULL DEFAULT 0,
        created_at TEXT NOT NULL
      );
      CREATE INDEX uploads_by_message ON uploads(message_id, position) WHERE message_id IS NOT NULL;

      CREATE VIRTUAL TABLE messages_fts USING fts5(
        content, message_id UNINDEXED, chat_id UNINDEXED, tokenize = 'unicode61 remove_diacritics 2'
      );
      INSERT INTO messages_fts (rowid, content, message_id, chat_id) SELECT rowid, content, id, chat_id FROM messages;
      UPDATE messages SET fts_rowid = rowid;
    `,
  },
  {
    version: 4,
    name: 'unattached uploads: found by age (the sweep) and by uploader (the per-user cap)',
    sql: `
      CREATE INDEX uploads_pending_by_age ON uploads(created_at) WHERE message_id IS NULL;
      CREATE INDEX uploads_pending_by_uploader ON uploads(uploader_id) WHERE message_id IS NULL;
    `,
  },
];
