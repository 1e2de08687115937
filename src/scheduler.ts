// Runs script sessions that have work (a message or event arrived, a timeout fired) from one ready
// list, never nested inside another script's run: a broadcast from script A only queues B, and B runs
// after A yields. The list is drained in time slices so a self-feeding script cannot starve I/O.

export interface Runnable {
  scheduled: boolean;
  pump(): void;
}

const SLICE_MS = 8;
let ready: Runnable[] = [];
let draining = false;
let immediatePending = false;
let onError: (e: unknown) => void = (e) => {
  queueMicrotask(() => {
    throw e;
  });
};

export function setSchedulerErrorHandler(fn: (e: unknown) => void): void {
  onError = fn;
}

/** Make `r` run its pump soon (now, when nothing is running). */
export function wake(r: Runnable): void {
  if (r.scheduled) return;
  r.scheduled = true;
  ready.push(r);
  if (!draining) drain();
}

/** Run `fn` (which may wake many runnables) and drain once afterwards: a fan-out drives each subscriber once. */
export function batch(fn: () => void): void {
  if (draining) return fn();
  draining = true;
  try {
    fn();
  } finally {
    draining = false;
  }
  drain();
}

function drain(): void {
  draining = true;
  const start = performance.now();
  let i = 0;
  try {
    for (; i < ready.length; i++) {
      const r = ready[i];
      r.scheduled = false;
      try {
        r.pump();
      } catch (e) {
        onError(e);
      }
      if (performance.now() - start > SLICE_MS) {
        i++;
        break;
      }
    }
  } finally {
    ready = i >= ready.length ? [] : ready.slice(i);
    draining = false;
  }
  if (ready.length > 0 && !immediatePending) {
    immediatePending = true;
    setImmediate(() => {
      immediatePending = false;
      if (!draining) drain();
    });
  }
}
