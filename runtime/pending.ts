// A call the generator driver must run: the callee's generator (see suspend.ts).

export class PendingCall {
  constructor(readonly gen: Generator<unknown, any, any>) {}
}
