// Runs script sessions that have work (a message or event arrived, a timeout fired) from one ready
// list, never nested inside another script's run: a broadcast from script A only queues B, and B runs
// after A yields. The list is drained in time slices so a self-feeding script cannot starve I/O.
//
// Fan-out deliveries (channel and presence events) wake their receivers with wakeSoon: they run from
// setImmediate, after the event loop has handled all the I/O of this turn, instead of inside the
// sender's message callback. Every broadcast that arrived in the same turn is queued first, so each
// receiver then takes all of them in one run under one cork: one write per receiver per turn rather
// than one per receiver per broadcast (uWS's own publish batches the same way). Per-session order is
// unchanged (each session's queue is FIFO); only when, within a turn, a receiver runs moves.

export interface Runnable {
  scheduled: boolean;
  pump(): void;
}

const SLICE_MS = 8;
let ready: Runnable[] = [];
/** Woken by wakeSoon: joins `ready` on the next setImmediate. */
let later: Runnable[] = [];
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

/** Make `r` run its pump after this turn's I/O (see the top of the file). */
export function wakeSoon(r: Runnable): void {
  if (r.scheduled) return;
  r.scheduled = true;
  later.push(r);
  scheduleImmediate();
}

function scheduleImmediate(): void {
  if (immediatePending) return;
  immediatePending = true;
  setImmediate(runImmediate);
}

function runImmediate(): void {
  immediatePending = false;
  if (later.length > 0) {
    if (ready.length === 0) ready = later;
    else for (let i = 0; i < later.length; i++) ready.push(later[i]);
    later = [];
  }
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
  if (ready.length > 0) scheduleImmediate();
}
