// One timer structure for every recv_any timeout and grace period: an indexed binary min-heap of
// deadlines driven by a single setTimeout armed for the earliest one. Insert, cancel and re-arm are
// O(log n) with no garbage left behind; thousands of waiting connections cost one Node timer.

export interface TimerNode {
  /** Absolute deadline (ms, performance.now() clock). */
  deadline: number;
  /** Position in the heap, -1 when not scheduled. */
  heapIndex: number;
  /** Called once when the deadline passes. */
  fire(): void;
}

const MAX_DELAY = 2 ** 31 - 1;

export class TimerHeap {
  private heap: TimerNode[] = [];
  private handle: NodeJS.Timeout | undefined;
  private armedAt = Infinity;

  constructor(private readonly now: () => number = () => performance.now()) {}

  get size(): number {
    return this.heap.length;
  }

  /** Schedule (or reschedule) `node` to fire `delayMs` from now. */
  schedule(node: TimerNode, delayMs: number): void {
    const deadline = this.now() + Math.max(0, delayMs);
    if (node.heapIndex >= 0) this.cancel(node);
    node.deadline = deadline;
    node.heapIndex = this.heap.length;
    this.heap.push(node);
    this.up(node.heapIndex);
    if (deadline < this.armedAt) this.arm();
  }

  cancel(node: TimerNode): void {
    const i = node.heapIndex;
    if (i < 0) return;
    const h = this.heap;
    const last = h.pop()!;
    node.heapIndex = -1;
    if (i < h.length) {
      h[i] = last;
      last.heapIndex = i;
      this.down(i);
      this.up(last.heapIndex);
    }
    // the armed setTimeout may now be early; that is harmless (it re-arms)
  }

  /** Stop the driving timer (shutdown); scheduled nodes are forgotten. */
  clear(): void {
    for (const n of this.heap) n.heapIndex = -1;
    this.heap.length = 0;
    if (this.handle !== undefined) clearTimeout(this.handle);
    this.handle = undefined;
    this.armedAt = Infinity;
  }

  private arm(): void {
    if (this.handle !== undefined) clearTimeout(this.handle);
    const top = this.heap[0];
    if (top === undefined) {
      this.handle = undefined;
      this.armedAt = Infinity;
      return;
    }
    this.armedAt = top.deadline;
    // setTimeout takes at most 2^31-1 ms (a longer delay fires after 1 ms): wake up then and re-arm
    this.handle = setTimeout(this.tick, Math.min(MAX_DELAY, Math.max(0, top.deadline - this.now())));
  }

  private tick = (): void => {
    this.handle = undefined;
    this.armedAt = Infinity;
    const now = this.now() + 0.5; // setTimeout may fire a fraction of a millisecond early
    const h = this.heap;
    while (h.length > 0 && h[0].deadline <= now) {
      const n = h[0];
      this.cancel(n);
      try {
        n.fire();
      } catch (e) {
        queueMicrotask(() => {
          throw e;
        });
      }
    }
    this.arm();
  };

  private up(i: number): void {
    const h = this.heap;
    const n = h[i];
    while (i > 0) {
      const p = (i - 1) >> 1;
      const pn = h[p];
      if (pn.deadline <= n.deadline) break;
      h[i] = pn;
      pn.heapIndex = i;
      i = p;
    }
    h[i] = n;
    n.heapIndex = i;
  }

  private down(i: number): void {
    const h = this.heap;
    const len = h.length;
    const n = h[i];
    for (;;) {
      let c = 2 * i + 1;
      if (c >= len) break;
      if (c + 1 < len && h[c + 1].deadline < h[c].deadline) c++;
      const cn = h[c];
      if (cn.deadline >= n.deadline) break;
      h[i] = cn;
      cn.heapIndex = i;
      i = c;
    }
    h[i] = n;
    n.heapIndex = i;
  }
}

/** The process-wide heap used by sessions. */
export const timers = new TimerHeap();
