// Locate bench/lua whether a benchmark runs from dist/bench/, bench/ or the project root.

import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The bench/lua folder (`explicit` wins); `marker` is a file that must be in it. */
export function findLuaDir(explicit: string | null, marker: string): string {
  if (explicit) return resolve(explicit);
  const candidates = [
    fileURLToPath(new URL('../../bench/lua/', import.meta.url)), // dist/bench/*.js
    fileURLToPath(new URL('./lua/', import.meta.url)), // bench/*.ts run directly
    resolve(process.cwd(), 'bench/lua'),
  ];
  for (const c of candidates) if (existsSync(join(c, marker))) return c;
  throw new Error(`cannot find bench/lua (tried ${candidates.join(', ')}); use --lua-dir`);
}
