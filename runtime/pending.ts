// A call the generator driver must run: the callee's generator (see suspend.ts).

export class PendingCall {
  /**
   * @param first what the generator already yielded, when the caller ran its first step itself
   *   (built-ins do: their argument checks and errors then see the calling Lua frame on the JS stack)
   */
  constructor(
    readonly gen: Generator<unknown, any, any>,
    readonly first: unknown = NOT_STARTED,
  ) {}
}

export const NOT_STARTED = Symbol('not started');
