// Which library module (runtime/lib/<name>) a line of a V8 stack trace is in: error positions treat
// frames of library code as built-ins (Lua's C functions), see error.ts.
//
// Unbundled, the file name says it. `moongate run` loads its worker as one esbuild bundle, where every
// frame names the bundle: there the line is looked up among the bundle's module sections, which esbuild
// opens with a `// dist/runtime/lib/<name>.js` comment. The bundle is read once, on the first error that
// needs it (errors are the cold path).

import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const LIB_RE = /\/runtime\/lib\/([a-z0-9_]+)\.[jt]s:/;
const BUNDLE_FRAME_RE = /(file:\/\/\/\S+?\.bundle\.js|\/\S+?\.bundle\.js):(\d+):\d+\)?$/;
const SECTION_RE = /^\/\/ \S+\.[cm]?[jt]s(?:on)?$/;
const SECTION_LIB_RE = /(?:^|\/)runtime\/lib\/([a-z0-9_]+)\.js$/;

/** Per bundle: the first line of each module section (ascending) and its library name, if any. */
interface Sections {
  starts: number[];
  libs: (string | undefined)[];
}
const bundles = new Map<string, Sections>();

function sectionsOf(file: string): Sections {
  let s = bundles.get(file);
  if (s !== undefined) return s;
  s = { starts: [], libs: [] };
  try {
    const lines = readFileSync(file.startsWith('file:') ? fileURLToPath(file) : file, 'utf8').split('\n');
    for (let i = 0; i < lines.length; i++) {
      if (!lines[i].startsWith('// ')) continue;
      if (!SECTION_RE.test(lines[i])) continue;
      s.starts.push(i + 1);
      s.libs.push(SECTION_LIB_RE.exec(lines[i])?.[1]);
    }
  } catch {
    // an unreadable bundle: its frames count as no library's
  }
  bundles.set(file, s);
  return s;
}

function libAtLine(file: string, line: number): string | undefined {
  const { starts, libs } = sectionsOf(file);
  let lo = 0;
  let hi = starts.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (starts[mid] <= line) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found < 0 ? undefined : libs[found];
}

/** The runtime/lib module name of a stack-trace line ("string", "table", ...), or undefined. */
export function frameLib(traceLine: string): string | undefined {
  const m = LIB_RE.exec(traceLine);
  if (m !== null) return m[1];
  if (!traceLine.includes('.bundle.js:')) return undefined;
  const b = BUNDLE_FRAME_RE.exec(traceLine);
  return b === null ? undefined : libAtLine(b[1], +b[2]);
}
