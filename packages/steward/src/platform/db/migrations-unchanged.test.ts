// A migration, once merged, is never edited: a database that applied it would never see the edit.
// merged-migrations.json holds the SHA-256 of every migration as it was merged, by name (the name is
// what a database records, wherever the file lives); this test fails CI when one changes or goes.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { basename, dirname, join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { moduleMigrationFolders } from '../../server/modules.ts';

const src = join(import.meta.dirname, '..', '..');
const merged: Record<string, string> = JSON.parse(
  readFileSync(join(import.meta.dirname, 'merged-migrations.json'), 'utf8'),
);

/** Every migration file under src/, in any `migrations` folder (a module may keep its own). */
function migrationFiles(): string[] {
  return readdirSync(src, { recursive: true, encoding: 'utf8' })
    .filter((path) => /(^|\/)migrations\/\d{4}-[a-z0-9-]+\.ts$/.test(path))
    .map((path) => join(src, path));
}

const sha256 = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

describe('merged migrations', () => {
  const files = migrationFiles();

  it('finds the migrations', () => {
    expect(files.map((f) => basename(f))).toContain('0001-instance.ts');
  });

  it('are unchanged since they were merged, and new ones are recorded', () => {
    const problems: string[] = [];
    for (const file of files) {
      const name = basename(file);
      const hash = sha256(file);
      const where = relative(src, file);
      if (merged[name] === undefined) {
        problems.push(
          `${where} is new: once it is final, record it in platform/db/merged-migrations.json as "${name}": "${hash}"`,
        );
      } else if (merged[name] !== hash) {
        problems.push(
          `${where} changed after it was merged; databases that applied it will never run the change: put it back as it was and write the change as a new migration`,
        );
      }
    }
    const names = new Set(files.map((f) => basename(f)));
    for (const name of Object.keys(merged)) {
      if (!names.has(name)) problems.push(`${name} was merged and is gone; a merged migration stays`);
    }
    expect(problems).toEqual([]);
  });

  it("are all applied: every folder that holds migrations is the platform's or named by a module manifest", () => {
    const applied = new Set(
      [join(import.meta.dirname, 'migrations'), ...moduleMigrationFolders].map((f) => f.replace(/\/$/, '')),
    );
    const unapplied = [...new Set(files.map((f) => dirname(f)))].filter((folder) => !applied.has(folder));
    expect(unapplied.map((f) => relative(src, f))).toEqual([]);
  });
});
