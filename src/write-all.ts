// Synchronous, complete writes to stdout/stderr. Node puts pipes in non-blocking mode, so a plain
// writeSync to a full pipe fails with EAGAIN (or writes part of the buffer): wait and go on.

import { writeSync } from 'node:fs';

const nap = new Int32Array(new SharedArrayBuffer(4));

/** Write every byte of `data` to `fd`, in order, before returning. Strings are taken as byte strings. */
export function writeAll(fd: number, data: Buffer | string): void {
  const buf = typeof data === 'string' ? Buffer.from(data, 'latin1') : data;
  let off = 0;
  while (off < buf.length) {
    try {
      off += writeSync(fd, buf, off, buf.length - off);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      // the reader went away (`moongate run x.lua | head`): stop quietly, as SIGPIPE stops lua
      if (code === 'EPIPE') process.exit(141);
      if (code !== 'EAGAIN') throw e;
      Atomics.wait(nap, 0, 0, 1); // the reader is behind: give it a millisecond
    }
  }
}
