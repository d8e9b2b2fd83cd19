import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { MIGRATIONS, type Migration } from './migrations.ts';

/** The better-sqlite3 handle every repository shares. */
export type Db = Database.Database;

/**
 * Opens (creating if needed) the SQLite database and brings its schema up to date.
 *
 * @example
 * const db = openDatabase(':memory:');
 */
export function openDatabase(path: string, migrations: readonly Migration[] = MIGRATIONS): Db {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path);
  // WAL lets history reads run beside writes and survives a crash mid-write; NORMAL sync is durable in WAL mode
  // except for the last transactions on power loss, which is the right trade for a chat server.
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  migrate(db, migrations);
  return db;
}

/**
 * Runs every migration newer than the database's `user_version`, each in its own transaction, so a failure
 * leaves the database at the last good version.
 *
 * @example
 * migrate(db, MIGRATIONS);
 */
export function migrate(db: Db, migrations: readonly Migration[]): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  const newest = migrations.at(-1)?.version ?? 0;
  if (current > newest) {
    throw new Error(`Database schema version ${current} is newer than this server knows (${newest}); upgrade the server`);
  }
  for (const migration of migrations) {
    if (migration.version <= current) continue;
    db.transaction(() => {
      db.exec(migration.sql);
      db.pragma(`user_version = ${migration.version}`);
    })();
  }
}

/**
 * Reads a setting, creating it with `create()` on first use.
 *
 * @example
 * const secret = getOrCreateSetting(db, 'jwt_secret', () => randomBytes(32).toString('base64url'));
 */
export function getOrCreateSetting(db: Db, key: string, create: () => string): string {
  const row = db.prepare('SELECT value FROM settings WHERE key = ?').get(key) as { value: string } | undefined;
  if (row) return row.value;
  const value = create();
  db.prepare('INSERT INTO settings (key, value) VALUES (?, ?)').run(key, value);
  return value;
}
