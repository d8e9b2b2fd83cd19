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
];
