// A deliberately minimal WebSocket client over `net`, so the load generator costs as little CPU as
// possible on a 2-core box where clients and server share the cores. Same code for all four servers.
//  - client frames are masked with the all-zero key (RFC 6455 allows any key; XOR with 0 is a no-op, so no copy)
//  - server frames are parsed in place; a message is handed out as a subarray of the received chunk
//  - ping → pong, close → close echo; fragmented messages are reassembled (rare: servers here never fragment)
//  - `sio` mode speaks Engine.IO v4 / Socket.IO v5 over the raw socket (open "0", connect "40",
//    ping "2" → pong "3", events "42[...]").
import net from 'node:net';
import { randomBytes } from 'node:crypto';

export type Dialect = 'plain' | 'sio';

export interface ClientEvents {
  /** Handshake (and for Socket.IO the namespace connect) is done. */
  onOpen(c: WsClient): void;
  /** One application message; `buf` is only valid during the call. */
  onMessage(c: WsClient, buf: Buffer): void;
  /** The socket is gone; `code` is the close code received (1006 if none). */
  onClose(c: WsClient, code: number, error: string | undefined): void;
}

const CRLF2 = Buffer.from('\r\n\r\n');
const SIO_PONG = Buffer.from('3');
const SIO_CONNECT = Buffer.from('40');

export class WsClient {
  private sock: net.Socket;
  private rest: Buffer | undefined;
  private handshaken = false;
  private sioOpen = false;
  private frag: Buffer[] | undefined;
  private closing = false;
  closed = false;
  open = false;
  private closeCode = 1006;

  constructor(
    readonly host: string,
    readonly port: number,
    readonly path: string,
    readonly dialect: Dialect,
    private readonly ev: ClientEvents,
    localAddress?: string,
  ) {
    const s = (this.sock = net.connect({ host, port, localAddress, noDelay: true }));
    s.on('connect', () => {
      const key = randomBytes(16).toString('base64');
      s.write(
        `GET ${path} HTTP/1.1\r\nHost: ${host}:${port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n` +
          `Sec-WebSocket-Key: ${key}\r\nSec-WebSocket-Version: 13\r\n\r\n`,
      );
    });
    s.on('data', (d: Buffer) => this.onData(d));
    s.on('error', (e) => this.finish(e.message));
    s.on('close', () => this.finish(undefined));
  }

  private finish(err: string | undefined): void {
    if (this.closed) return;
    this.closed = true;
    this.open = false;
    this.sock.destroy();
    this.ev.onClose(this, this.closeCode, err);
  }

  private onData(d: Buffer): void {
    let buf = this.rest === undefined ? d : Buffer.concat([this.rest, d]);
    this.rest = undefined;
    if (!this.handshaken) {
      const i = buf.indexOf(CRLF2);
      if (i < 0) {
        this.rest = buf;
        return;
      }
      const head = buf.toString('latin1', 0, i);
      if (!head.startsWith('HTTP/1.1 101')) {
        this.finish(`handshake refused: ${head.split('\r\n')[0]}`);
        return;
      }
      this.handshaken = true;
      if (this.dialect === 'plain') {
        this.open = true;
        this.ev.onOpen(this);
      }
      buf = buf.subarray(i + 4);
    }
    let off = 0;
    const n = buf.length;
    while (n - off >= 2) {
      const b0 = buf[off];
      const b1 = buf[off + 1];
      let len = b1 & 0x7f;
      let hdr = 2;
      if (len === 126) {
        if (n - off < 4) break;
        len = buf.readUInt16BE(off + 2);
        hdr = 4;
      } else if (len === 127) {
        if (n - off < 10) break;
        len = Number(buf.readBigUInt64BE(off + 2));
        hdr = 10;
      }
      if (b1 & 0x80) hdr += 4; // servers never mask; tolerate it anyway (payload left masked: unused here)
      if (n - off < hdr + len) break;
      const payload = buf.subarray(off + hdr, off + hdr + len);
      off += hdr + len;
      this.frame(b0 & 0x0f, (b0 & 0x80) !== 0, payload);
      if (this.closed) return;
    }
    if (off < n) this.rest = Buffer.from(buf.subarray(off)); // copy: the chunk must not be pinned
  }

  private frame(op: number, fin: boolean, payload: Buffer): void {
    if (op === 0 || ((op === 1 || op === 2) && !fin)) {
      (this.frag ??= []).push(Buffer.from(payload));
      if (!fin) return;
      payload = Buffer.concat(this.frag);
      this.frag = undefined;
      op = 1;
    }
    if (op === 1 || op === 2) {
      if (this.dialect === 'plain') this.ev.onMessage(this, payload);
      else this.sio(payload);
    } else if (op === 9) {
      this.writeFrame(0xa, payload);
    } else if (op === 8) {
      this.closeCode = payload.length >= 2 ? payload.readUInt16BE(0) : 1005;
      if (!this.closing) {
        this.closing = true;
        this.writeFrame(0x8, payload.subarray(0, 2));
      }
      this.sock.end();
    }
  }

  private sio(p: Buffer): void {
    const t = p[0];
    if (t === 0x34 /* '4' message */) {
      if (p[1] === 0x32 /* '2' event */) {
        this.ev.onMessage(this, p);
      } else if (p[1] === 0x30 /* '0' connect ack */) {
        if (!this.sioOpen) {
          this.sioOpen = true;
          this.open = true;
          this.ev.onOpen(this);
        }
      } else if (p[1] === 0x34 /* '4' connect error */) {
        this.finish(`socket.io connect error: ${p.toString()}`);
      }
    } else if (t === 0x32 /* '2' ping */) {
      this.writeFrame(0x1, SIO_PONG);
    } else if (t === 0x30 /* '0' open */) {
      this.writeFrame(0x1, SIO_CONNECT);
    } else if (t === 0x31 /* '1' close */) {
      this.finish('socket.io close packet');
    }
  }

  private writeFrame(op: number, payload: Buffer): void {
    if (this.closed) return;
    const len = payload.length;
    let h: Buffer;
    if (len < 126) {
      h = Buffer.allocUnsafe(6);
      h[1] = 0x80 | len;
      h.writeUInt32BE(0, 2);
    } else if (len < 65536) {
      h = Buffer.allocUnsafe(8);
      h[1] = 0x80 | 126;
      h.writeUInt16BE(len, 2);
      h.writeUInt32BE(0, 4);
    } else {
      h = Buffer.allocUnsafe(14);
      h[1] = 0x80 | 127;
      h.writeBigUInt64BE(BigInt(len), 2);
      h.writeUInt32BE(0, 10);
    }
    h[0] = 0x80 | op;
    this.sock.cork();
    this.sock.write(h);
    if (len > 0) this.sock.write(payload);
    this.sock.uncork();
  }

  /** Send one text message (for Socket.IO `data` must already be the full "42[...]" packet). */
  sendText(data: string): void {
    if (!this.open) return;
    this.writeFrame(0x1, Buffer.from(data, 'utf8'));
  }

  /** Graceful close: close frame, the server answers and closes the TCP connection. */
  close(code = 1000): void {
    if (this.closed || this.closing) return;
    this.closing = true;
    this.open = false;
    if (!this.handshaken) {
      this.sock.destroy();
      return;
    }
    const b = Buffer.allocUnsafe(2);
    b.writeUInt16BE(code, 0);
    if (this.dialect === 'sio') this.writeFrame(0x1, Buffer.from('41')); // namespace disconnect
    this.writeFrame(0x8, b);
    // don't wait forever for a server that never answers
    setTimeout(() => this.sock.destroy(), 3000).unref();
  }

  /** Teardown without TIME_WAIT: RST. */
  reset(): void {
    if (this.closed) return;
    this.closing = true;
    this.open = false;
    try {
      this.sock.resetAndDestroy();
    } catch {
      this.sock.destroy();
    }
  }
}
