import { statusLine, jsonResult } from './http-invoke.js';
export class BodyTooLarge extends Error {
}
let inflight = 0;
export function inflightRequests() {
    return inflight;
}
export class HttpCtx {
    res;
    aborted = false;
    done = false;
    method;
    url;
    query;
    headers = [];
    bodyPromise;
    constructor(res, req) {
        this.res = res;
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
    header(name) {
        for (const [k, v] of this.headers)
            if (k === name)
                return v;
        return '';
    }
    /** Start reading the body now (must be called before the handler's first await). */
    readBody(max) {
        if (this.bodyPromise !== undefined)
            return this.bodyPromise;
        const len = this.header('content-length');
        if (len === '0' || (len === '' && this.header('transfer-encoding') === '')) {
            return (this.bodyPromise = Promise.resolve(Buffer.alloc(0)));
        }
        this.bodyPromise = new Promise((resolve, reject) => {
            const chunks = [];
            let size = 0;
            let failed = false;
            this.res.onData((ab, isLast) => {
                if (failed)
                    return;
                size += ab.byteLength;
                if (size > max) {
                    failed = true;
                    reject(new BodyTooLarge(`request body larger than ${max} bytes`));
                    return;
                }
                chunks.push(Buffer.from(new Uint8Array(ab.slice(0))));
                if (isLast)
                    resolve(chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, size));
            });
        });
        return this.bodyPromise;
    }
    reply(r) {
        if (this.aborted || this.done)
            return;
        this.res.cork(() => {
            this.res.writeStatus(statusLine(r.status));
            for (const [k, v] of r.headers)
                this.res.writeHeader(k, v);
            this.res.end(r.body);
        });
        this.finish();
    }
    json(status, value, headers = []) {
        this.reply(jsonResult(status, value, headers));
    }
    text(status, contentType, body) {
        this.reply({ status, headers: [['content-type', contentType]], body: Buffer.from(body) });
    }
    finish() {
        if (this.done)
            return;
        this.done = true;
        inflight--;
    }
}
/** Parse a JSON body; undefined for an empty body, throws SyntaxError when malformed. */
export function parseJsonBody(body) {
    if (body.length === 0)
        return undefined;
    return JSON.parse(body.toString('utf8'));
}
//# sourceMappingURL=http-util.js.map