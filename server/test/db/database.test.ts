import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { getOrCreateSetting, migrate, openDatabase } from '../../src/db/database.ts';
import { MIGRATIONS } from '../../src/db/migrations.ts';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});
const tempFile = () => {
  const dir = mkdtempSync(join(tmpdir(), 'natter-db-'));
  dirs.push(dir);
  return join(dir, 'nested', 'chat.db');
};

describe('openDatabase', () => {
  it('creates missing folders and brings a new file to the newest schema', () => {
    const db = openDatabase(tempFile());
    expect(db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.at(-1)!.version);
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    db.close();
  });

  it('runs only the migrations a database lacks, so reopening keeps the data', () => {
    const file = tempFile();
    const first = openDatabase(file);
    getOrCreateSetting(first, 'k', () => 'v1');
    first.close();
    const second = openDatabase(file);
    expect(getOrCreateSetting(second, 'k', () => 'v2')).toBe('v1');
    second.close();
  });

  it('rolls a failed migration back and leaves the version where it was', () => {
    const db = openDatabase(':memory:');
    const broken = [...MIGRATIONS, { version: 99, name: 'broken', sql: 'CREATE TABLE t (x); SELECT * FROM missing_table;' }];
    expect(() => migrate(db, broken)).toThrow(/missing_table/);
    expect(db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.at(-1)!.version);
    expect(db.prepare("SELECT name FROM sqlite_master WHERE name = 't'").get()).toBeUndefined();
    db.close();
  });

  it('refuses a database written by a newer server', () => {
    const db = openDatabase(':memory:');
    db.pragma('user_version = 1000');
    expect(() => migrate(db, MIGRATIONS)).toThrow(/newer than this server knows/);
    db.close();
  });
});
