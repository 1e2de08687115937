// The two Redis connections of a node: one for commands and publishing, one in subscriber mode.
// ioredis reconnects by itself (and re-subscribes); this logs when a link drops and comes back, and
// turns an unreachable Redis at start-up into one clear error.
import { Redis } from 'ioredis';
import { log } from './log.js';

export type LinkName = 'commands' | 'subscriber';

/** The URL without its password, for messages. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password !== '') u.password = '***';
    return u.toString();
  } catch {
    return url;
  }
}

export class RedisLink {
  readonly cmd: Redis;
  readonly sub: Redis;
  private started = false;
  private closing = false;
  private users = 0;
  /** Called when a link is back after a drop (not at the first connect). */
  onRestored: (name: LinkName) => void = () => {};

  constructor(readonly url: string) {
    const options = {
      lazyConnect: true,
      connectionName: 'moongate',
      // fail fast at start-up (a clear error instead of retrying forever); afterwards retry with backoff
      retryStrategy: (times: number) => (this.started && !this.closing ? Math.min(times * 100, 2000) : null),
    };
    this.cmd = new Redis(url, options);
    this.sub = new Redis(url, options);
  }

  /** Connect both links; rejects with a readable error when Redis cannot be reached. */
  async connect(): Promise<void> {
    const errors: string[] = [];
    const note = (e: Error) => errors.push(e.message);
    this.cmd.on('error', note);
    this.sub.on('error', note);
    try {
      await Promise.all([this.cmd.connect(), this.sub.connect()]);
    } catch (e) {
      this.cmd.disconnect();
      this.sub.disconnect();
      const why = errors[0] ?? (e as Error).message;
      throw new Error(`cannot reach Redis at ${redactUrl(this.url)}: ${why}`);
    } finally {
      this.cmd.off('error', note);
      this.sub.off('error', note);
    }
    this.started = true;
    this.watch('commands', this.cmd);
    this.watch('subscriber', this.sub);
  }

  private watch(name: LinkName, client: Redis): void {
    let down = false;
    let lastError = '';
    client.on('error', (e: Error) => (lastError = e.message));
    client.on('close', () => {
      if (down || this.closing) return;
      down = true;
      log.warn({ redis: redactUrl(this.url), link: name, err: lastError || undefined }, 'redis link lost; reconnecting');
    });
    client.on('ready', () => {
      if (!down) return;
      down = false;
      lastError = '';
      log.info({ redis: redactUrl(this.url), link: name }, 'redis link restored');
      this.onRestored(name);
    });
  }

  /** Each user (broker, presence) takes the link once; the last release closes it. */
  acquire(): void {
    this.users++;
  }

  async release(): Promise<void> {
    if (--this.users > 0) return;
    this.closing = true;
    await Promise.all([quit(this.cmd), quit(this.sub)]);
  }
}

async function quit(c: Redis): Promise<void> {
  if (c.status === 'end') return;
  if (c.status !== 'ready') {
    c.disconnect();
    return;
  }
  try {
    await c.quit();
  } catch {
    c.disconnect();
  }
}
