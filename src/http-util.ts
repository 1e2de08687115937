// uWS HTTP plumbing: copy the request synchronously, read the body, reply (corked) unless aborted.
import type { HttpRequest, HttpResponse } from 'uWebSockets.js';
import { statusLine, jsonResult, type HttpResult } from './http-invoke.js';

export class BodyTooLarge extends Error {}

let inflight = 0;
export function inflightRequests(): number {
  return inflight;
}

export class HttpCtx {
  aborted = false;
  done = false;
  readonly method: string;
  readonly url: string;
  readonly query: string;
  readonly headers: [string, string][] = [];
  private bodyPromise: Promise<Buffer> | undefined;

  constructor(
    readonly res: HttpResponse,
    req: HttpRequest,
  ) {
    inflight++;
    this.method = req.getMethod().toUpperCase();
    this.url = req.getUrl();
    this.query = req.getQuery() ?? '';
    req.forEach((k, v) => this.headers.push([k, v]));
    res.onAborted(() => {
      this.aborted = true;
      this.finish();
    });
  }

  header(name: string): string {
    for (const [k, v] of this.headers) if (k === name) return v;
    return '';
  }

  /** Start reading the body now (must be called before the handler's first await). */
  readBody(max: number): Promise<Buffer> {
    if (this.bodyPromise !== undefined) return this.bodyPromise;
    const len = this.header('content-length');
    if (len === '0' || (len === '' && this.header('transfer-encoding') === '')) {
      return (this.bodyPromise = Promise.resolve(Buffer.alloc(0)));
    }
    this.bodyPromise = new Promise<Buffer>((resolve, reject) => {
      const chunks: Buffer[] = [];
      let size = 0;
      let failed = false;
      this.res.onData((ab, isLast) => {
        if (failed) return;
        size += ab.byteLength;
        if (size > max) {
          failed = true;
          reject(new BodyTooLarge(`request body larger than ${max} bytes`));
          return;
        }
        chunks.push(Buffer.from(new Uint8Array(ab.slice(0))));
        if (isLast) resolve(chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, size));
      });
    });
    return this.bodyPromise;
  }

  reply(r: HttpResult): void {
    if (this.aborted || this.done) return;
    this.res.cork(() => {
      this.res.writeStatus(statusLine(r.status));
      for (const [k, v] of r.headers) this.res.writeHeader(k, v);
      this.res.end(r.body);
    });
    this.finish();
  }

  json(status: number, value: unknown, headers: [string, string][] = []): void {
    this.reply(jsonResult(status, value, headers));
  }

  text(status: number, contentType: string, body: string): void {
    this.reply({ status, headers: [['content-type', contentType]], body: Buffer.from(body) });
  }

  private finish(): void {
    if (this.done) return;
    this.done = true;
    inflight--;
  }
}

/** Parse a JSON body; undefined for an empty body, throws SyntaxError when malformed. */
export function parseJsonBody(body: Buffer): unknown {
  if (body.length === 0) return undefined;
  return JSON.parse(body.toString('utf8'));
}
