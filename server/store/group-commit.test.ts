// @vitest-environment node
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { expect, test, vi } from 'vitest';
import { openDatabase } from './database.ts';
import { createGroupCommit } from './group-commit.ts';

function setup() {
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'group-commit-')), 'db.sqlite');
  const db = openDatabase(file);
  db.exec(`CREATE TABLE items (name TEXT PRIMARY KEY);
           CREATE TABLE refs (item TEXT REFERENCES items(name) DEFERRABLE INITIALLY DEFERRED)`);
  const onAbandoned = vi.fn();
  const insert = db.prepare<[string]>('INSERT INTO items (name) VALUES (?)');
  const names = (handle: Database.Database) => handle.prepare('SELECT name FROM items ORDER BY name').pluck().all();
  return { db, file, onAbandoned, inGroupCommit: createGroupCommit(db, onAbandoned), insert, names };
}

test('writes of one turn share a transaction; a write that throws undoes only itself; each is answered once committed', async () => {
  const { db, file, inGroupCommit, insert, names } = setup();
  const other = new Database(file, { readonly: true });
  const answers = await Promise.allSettled([
    inGroupCommit(() => insert.run('a') && 'a'),
    inGroupCommit(() => {
      insert.run('b');
      throw new Error('refused after writing');
    }),
    // Sees the writes before it in the group.
    inGroupCommit(() => {
      insert.run('c');
      return names(db);
    }),
  ]);
  expect(answers.map((answer) => answer.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
  expect(answers[2]).toEqual({ status: 'fulfilled', value: ['a', 'c'] });
  // By the time the answers arrived, another connection sees the writes: they were committed first.
  expect(names(other)).toEqual(['a', 'c']);
  other.close();
  db.close();
});

test('a group whose commit fails rejects every write in it, keeps none, and reports it', async () => {
  const { db, inGroupCommit, insert, names, onAbandoned } = setup();
  const answers = await Promise.allSettled([
    inGroupCommit(() => insert.run('a')),
    // Violates a deferred foreign key: only COMMIT finds out.
    inGroupCommit(() => db.prepare("INSERT INTO refs (item) VALUES ('missing')").run()),
  ]);
  expect(answers.map((answer) => answer.status)).toEqual(['rejected', 'rejected']);
  expect(onAbandoned).toHaveBeenCalledOnce();
  expect(names(db)).toEqual([]);
  // The next group starts clean.
  await inGroupCommit(() => insert.run('b'));
  expect(names(db)).toEqual(['b']);
  db.close();
});
