// CPU budget: compiled code decrements B.n at every loop iteration and function entry; when it runs
// out, budget() checks the clock and stops the script once its time slice is over.
import { LuaKill } from './value.js';
const CHECK_EVERY = 10000;
export const B = { n: CHECK_EVERY };
let deadline = Infinity;
/** Start a time slice of `ms` milliseconds (Infinity: no limit). */
export function startSlice(ms) {
    deadline = ms === Infinity ? Infinity : performance.now() + ms;
    B.n = CHECK_EVERY;
}
export function endSlice() {
    deadline = Infinity;
}
export function budget() {
    B.n = CHECK_EVERY;
    if (deadline !== Infinity && performance.now() > deadline) {
        deadline = Infinity;
        throw new LuaKill('CPU time limit exceeded');
    }
}
//# sourceMappingURL=budget.js.map