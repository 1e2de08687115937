// Compiling happens on a piscina worker pool so a large registration never stalls live traffic.
import { Piscina } from 'piscina';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync, existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import type { CompileOutcome, CompileTask } from './compile-worker.js';
import { compileSeconds, stats } from './metrics.js';

export type { CompileOutcome };

const here = fileURLToPath(new URL('.', import.meta.url));
const ext = import.meta.url.endsWith('.ts') ? '.ts' : '.js';

export class CompilePool {
  private readonly pool: Piscina<CompileTask, CompileOutcome>;

  constructor(threads: number) {
    this.pool = new Piscina({
      filename: new URL(`./compile-worker${ext}`, import.meta.url).href,
      minThreads: 1,
      maxThreads: Math.max(1, threads),
      idleTimeout: 60_000,
    });
  }

  async compile(source: string, chunkName: string): Promise<CompileOutcome> {
    const end = compileSeconds.startTimer();
    const r = await this.pool.run({ source, chunkName });
    end();
    if (!r.ok) stats.compileErrors++;
    return r;
  }

  /** Does the script qualify for native forwarding (forward-analysis.ts)? Compiling answers it too. */
  async forwards(source: string): Promise<boolean> {
    return (await this.pool.run({ source, chunkName: '' }, { name: 'analyseTask' })) as unknown as boolean;
  }

  async close(): Promise<void> {
    await this.pool.destroy();
  }
}

/**
 * Fingerprint of the compiler and runtime code: stored with each compiled script so that a gateway
 * upgraded to a different compiler recompiles stored scripts at start-up instead of running stale code.
 */
export function compilerFingerprint(): string {
  const h = createHash('sha256');
  const walk = (dir: string) => {
    if (!existsSync(dir)) return;
    for (const name of readdirSync(dir).sort()) {
      const p = join(dir, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (name.endsWith(ext)) h.update(name).update(readFileSync(p));
    }
  };
  walk(join(here, '..', 'compiler'));
  walk(join(here, '..', 'runtime'));
  return h.digest('hex').slice(0, 16);
}
