import { randomUUID } from 'node:crypto';
import type { User } from '../protocol/types.ts';
import type { Db } from './database.ts';

interface UserRow {
  id: string;
  username: string;
  email: string;
  is_active: number;
  created_at: string;
}

/** Maps a `users` row, or the `u_`-prefixed columns of a join, to the wire User. */
export function toUser(row: UserRow): User {
  return {
    id: row.id,
    username: row.username,
    email: row.email,
    is_active: row.is_active === 1,
    created_at: row.created_at,
  };
}

/**
 * Users: the development login creates them on first use.
 *
 * @example
 * const ana = users.loginOrCreate('ana');
 */
export class UserRepository {
  private readonly byId;
  private readonly byName;
  private readonly byFoldedName;
  private readonly insert;
  private readonly search;
  private readonly seenAt;
  private readonly setSeenAt;

  constructor(db: Db) {
    this.byId = db.prepare<[string], UserRow>('SELECT * FROM users WHERE id = ?');
    this.byName = db.prepare<[string], UserRow>('SELECT * FROM users WHERE username = ?');
    // The column's NOCASE folds ASCII only: "ÉMILE" must still be "émile" (and @mentions fold the same way).
    db.function('natter_fold', { deterministic: true }, (name: unknown) => String(name).toLowerCase());
    this.byFoldedName = db.prepare<[string], UserRow>('SELECT * FROM users WHERE natter_fold(username) = ? LIMIT 1');
    this.insert = db.prepare('INSERT INTO users (id, username, email, is_active, created_at) VALUES (?, ?, ?, 1, ?)');
    this.search = db.prepare<[string, number], UserRow>(
      // Escaped LIKE so `_` and `%` in a query match themselves.
      "SELECT * FROM users WHERE username LIKE ? ESCAPE '\\' ORDER BY username COLLATE NOCASE LIMIT ?",
    );
    this.seenAt = db.prepare<[string], { last_seen_at: string | null }>('SELECT last_seen_at FROM users WHERE id = ?');
    this.setSeenAt = db.prepare('UPDATE users SET last_seen_at = ? WHERE id = ?');
  }

  /** The user named `username` (case-insensitive), created if new. */
  loginOrCreate(username: string, email?: string): User {
    // A scan, but only on a first login or a name that differs beyond ASCII case.
    const existing = this.byName.get(username) ?? this.byFoldedName.get(username.toLowerCase());
    if (existing) return toUser(existing);
    const id = randomUUID();
    this.insert.run(id, username, email ?? `${username.toLowerCase()}@natter.invalid`, new Date().toISOString());
    return this.get(id)!;
  }

  get(id: string): User | undefined {
    const row = this.byId.get(id);
    return row ? toUser(row) : undefined;
  }

  /** Users whose name starts with `prefix`, by name. */
  list(prefix: string, limit: number): User[] {
    const pattern = `${prefix.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    return this.search.all(pattern, limit).map(toUser);
  }

  /** When the user was last online or away (docs/protocol.md, 9.6); null if never. */
  lastSeenAt(id: string): string | null {
    return this.seenAt.get(id)?.last_seen_at ?? null;
  }

  setLastSeenAt(id: string, at: string): void {
    this.setSeenAt.run(at, id);
  }

  /** The ids in `ids` that belong to no user. */
  missing(ids: readonly string[]): string[] {
    return ids.filter((id) => !this.byId.get(id));
  }
}
