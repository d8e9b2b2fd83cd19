import Database from 'better-sqlite3';
import { onTestFinished } from 'vitest';

/**
 * Makes every write of `users.last_seen_at` (presence changes) fail in the server's database file, from a second
 * connection, the way a full disk or a lock held too long would; returns a function that heals it. The fault ends
 * with the test.
 *
 * @example
 * const heal = failPresenceWrites(dbFile);
 */
export function failPresenceWrites(file: string): () => void {
  const db = new Database(file);
  db.exec(`CREATE TRIGGER fail_presence BEFORE UPDATE OF last_seen_at ON users
    BEGIN SELECT RAISE(ABORT, 'injected database failure'); END`);
  const heal = () => {
    if (!db.open) return;
    db.exec('DROP TRIGGER IF EXISTS fail_presence');
    db.close();
  };
  onTestFinished(heal);
  return heal;
}
