// Differential check of the Lua corpus: every test/lua/**/*.lua program must
// produce the same stdout and uncaught-error message under the system `lua5.4`
// and under the wasmoon reference runner (test/support/reference.ts).
//   node test/support/check-corpus.mjs [filter-substring...]
import { spawnSync } from "node:child_process";
import { readFileSync, readdirSync, writeFileSync, mkdtempSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join, dirname } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, "..", "..");
const require = createRequire(join(root, "package.json"));
const ts = require("typescript");
const wasmoonUrl = pathToFileURL(require.resolve("wasmoon")).href;
const js = ts
  .transpileModule(readFileSync(join(here, "reference.ts"), "utf8"), {
    compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 },
  })
  .outputText.replace(/from "wasmoon"/, `from ${JSON.stringify(wasmoonUrl)}`);
const tmp = mkdtempSync(join(tmpdir(), "moongate-ref-"));
writeFileSync(join(tmp, "reference.mjs"), js);
const { runReference } = await import(pathToFileURL(join(tmp, "reference.mjs")).href);

function runLua(dir, file) {
  const r = spawnSync("lua5.4", [file], { cwd: dir, encoding: "latin1", timeout: 30000 });
  let error = null;
  if (r.status !== 0) {
    let msg = r.stderr;
    if (msg.startsWith("lua5.4: ")) msg = msg.slice(8);
    const tb = msg.indexOf("\nstack traceback:\n");
    if (tb >= 0) msg = msg.slice(0, tb);
    else if (msg.endsWith("\n")) msg = msg.slice(0, -1);
    error = msg;
  }
  return { stdout: r.stdout, error };
}

const filters = process.argv.slice(2);
let pass = 0, fail = 0, errs = 0;
for (const sub of ["core", "lib"]) {
  const dir = join(root, "test", "lua", sub);
  let files;
  try { files = readdirSync(dir).filter((f) => f.endsWith(".lua")).sort(); } catch { continue; }
  for (const f of files) {
    const rel = `${sub}/${f}`;
    if (filters.length && !filters.some((x) => rel.includes(x))) continue;
    const src = readFileSync(join(dir, f), "latin1"); // byte string, as moongate reads sources
    const a = runLua(dir, f);
    const b = await runReference(src, f);
    if (a.error !== null) errs++;
    if (a.stdout === b.stdout && a.error === b.error) { pass++; continue; }
    fail++;
    console.log(`MISMATCH ${rel}`);
    if (a.error !== b.error) console.log(`  lua5.4 error:  ${JSON.stringify(a.error)}\n  wasmoon error: ${JSON.stringify(b.error)}`);
    if (a.stdout !== b.stdout) {
      const la = a.stdout.split("\n"), lb = b.stdout.split("\n");
      for (let i = 0; i < Math.max(la.length, lb.length); i++) {
        if (la[i] !== lb[i]) { console.log(`  line ${i + 1}:\n    lua5.4:  ${JSON.stringify(la[i])}\n    wasmoon: ${JSON.stringify(lb[i])}`); break; }
      }
    }
  }
}
rmSync(tmp, { recursive: true, force: true });
console.log(`(${errs} programs end with an uncaught error)`);
console.log(`${pass} passed, ${fail} failed`);
process.exitCode = fail ? 1 : 0;
