// A small insertion-ordered set of strings (a connection's channels): most connections hold one, and
// a Set costs ~150 bytes even when empty; this holds nothing, one string, or a Set from the second on.
export class Names {
  private v: undefined | string | Set<string> = undefined;

  get size(): number {
    const v = this.v;
    return v === undefined ? 0 : typeof v === 'string' ? 1 : v.size;
  }

  has(x: string): boolean {
    const v = this.v;
    return v === undefined ? false : typeof v === 'string' ? v === x : v.has(x);
  }

  /** Add `x`; false when it was there already (its position is kept, as with a Set). */
  add(x: string): boolean {
    const v = this.v;
    if (v === undefined) {
      this.v = x;
      return true;
    }
    if (typeof v === 'string') {
      if (v === x) return false;
      this.v = new Set([v, x]);
      return true;
    }
    if (v.has(x)) return false;
    v.add(x);
    return true;
  }

  delete(x: string): boolean {
    const v = this.v;
    if (v === undefined) return false;
    if (typeof v === 'string') {
      if (v !== x) return false;
      this.v = undefined;
      return true;
    }
    return v.delete(x);
  }

  /** The names in insertion order (a copy: the set may change while the caller iterates). */
  list(): string[] {
    const v = this.v;
    return v === undefined ? [] : typeof v === 'string' ? [v] : [...v];
  }

  /** Iterate without copying (the set must not change meanwhile). */
  forEach(fn: (name: string) => void): void {
    const v = this.v;
    if (v === undefined) return;
    if (typeof v === 'string') fn(v);
    else for (const x of v) fn(x);
  }

  clear(): void {
    this.v = undefined;
  }
}
