// The safe subset of the Lua 5.4 `os` library (loslib.c): time, clock, date, difftime, and getenv over
// the environment the host gives (none in the gateway).
// Dates follow glibc in the "C" locale: mktime/localtime use the process time zone (TZ), strftime
// supports the C99 conversions (with the E and O modifiers), '!' selects UTC.

import { argError, luaError } from '../error.js';
import { mkfloat, toInteger } from '../number.js';
import { index, markBuiltin, setindex } from '../ops.js';
import { LuaTable, LuaValue, truthy } from '../value.js';
import { checkInt, checkString, typeError } from './args.js';

type Int = number | bigint;

const INT_MAX = 2147483647;
const INT_MIN = -2147483648;

// ---- calendar arithmetic (proleptic Gregorian, any range) ----

/** days since 1970-01-01 of y-m-d (m 1..12) */
function daysFromCivil(y: number, m: number, d: number): number {
  y -= m <= 2 ? 1 : 0;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

function civilFromDays(z: number): [number, number, number] {
  z += 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const y = yoe + era * 400;
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return [m <= 2 ? y + 1 : y, m, d];
}

function isLeap(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

interface Tm {
  year: number; // full year
  mon: number; // 0..11
  mday: number;
  hour: number;
  min: number;
  sec: number;
  wday: number; // 0..6, Sunday = 0
  yday: number; // 0..365
  isdst: boolean;
  gmtoff: number; // seconds east of UTC
  zone: string;
}

const MAX_DATE_SEC = 8.64e12; // JS Date range

/** Offset of local time from UTC (seconds east) at UTC instant t (seconds). */
function tzOffset(t: number): number {
  if (t > MAX_DATE_SEC) t = MAX_DATE_SEC;
  else if (t < -MAX_DATE_SEC) t = -MAX_DATE_SEC;
  const off = -new Date(t * 1000).getTimezoneOffset() * 60;
  return off + 0;
}

/** Whether local time at t is daylight saving time (its offset exceeds the year's standard offset). */
function isDst(t: number, off: number): boolean {
  if (t > MAX_DATE_SEC || t < -MAX_DATE_SEC) return false;
  const y = new Date(t * 1000).getFullYear();
  const jan = -new Date(y, 0, 1).getTimezoneOffset() * 60;
  const jul = -new Date(y, 6, 1).getTimezoneOffset() * 60;
  return jan !== jul && off > Math.min(jan, jul);
}

let zoneFmt: Intl.DateTimeFormat | undefined;
function zoneName(t: number): string {
  try {
    zoneFmt ??= new Intl.DateTimeFormat('en-US', { timeZoneName: 'short' });
    const tc = Math.max(-MAX_DATE_SEC, Math.min(MAX_DATE_SEC, t));
    const p = zoneFmt.formatToParts(new Date(tc * 1000)).find((x) => x.type === 'timeZoneName');
    return p?.value ?? '';
  } catch {
    return '';
  }
}

/** gmtime / localtime of t (seconds); undefined when the year does not fit a C int. */
function breakdown(t: Int, utc: boolean): Tm | undefined {
  const tn = typeof t === 'number' ? t : Number(t);
  const off = utc ? 0 : tzOffset(tn);
  let days: number, secs: number;
  if (typeof t === 'number' && Math.abs(t) < 2 ** 52) {
    const lt = t + off;
    days = Math.floor(lt / 86400);
    secs = lt - days * 86400;
  } else {
    const lt = BigInt(t) + BigInt(off);
    let d = lt / 86400n;
    let s = lt % 86400n;
    if (s < 0n) {
      s += 86400n;
      d -= 1n;
    }
    days = Number(d);
    secs = Number(s);
  }
  const [y, m, d] = civilFromDays(days);
  if (y - 1900 > INT_MAX || y - 1900 < INT_MIN) return undefined;
  const yday = days - daysFromCivil(y, 1, 1);
  return {
    year: y,
    mon: m - 1,
    mday: d,
    hour: Math.floor(secs / 3600),
    min: Math.floor(secs / 60) % 60,
    sec: secs % 60,
    wday: (((days + 4) % 7) + 7) % 7,
    yday,
    isdst: utc ? false : isDst(tn, off),
    gmtoff: off,
    zone: utc ? 'GMT' : zoneName(tn),
  };
}

// ---- os.time ----

function getfield(t: LuaValue, key: string, d: number, delta: number): number {
  const v = index(t, key);
  const res = toInteger(v);
  if (res === undefined) {
    if (v !== undefined) return luaError(`field '${key}' is not an integer`);
    if (d < 0) return luaError(`field '${key}' missing in date table`);
    return d;
  }
  if (typeof res === 'bigint' || !(res >= 0 ? res - delta <= INT_MAX : INT_MIN + delta <= res)) {
    return luaError(`field '${key}' is out-of-bound`);
  }
  return res - delta;
}

function setallfields(t: LuaValue, tm: Tm): void {
  setindex(t, 'year', tm.year);
  setindex(t, 'month', tm.mon + 1);
  setindex(t, 'day', tm.mday);
  setindex(t, 'hour', tm.hour);
  setindex(t, 'min', tm.min);
  setindex(t, 'sec', tm.sec);
  setindex(t, 'yday', tm.yday + 1);
  setindex(t, 'wday', tm.wday + 1);
  setindex(t, 'isdst', tm.isdst);
}

/** mktime: local broken-down time (fields may be out of range) to seconds since the epoch. */
function mktime(year: number, mon: number, mday: number, hour: number, min: number, sec: number, isdst: number): bigint {
  const y = year + Math.floor(mon / 12);
  const m = ((mon % 12) + 12) % 12;
  const days = daysFromCivil(y, m + 1, 1) + mday - 1;
  const local = BigInt(days) * 86400n + BigInt(hour * 3600 + min * 60 + sec);
  const ln = Number(local);
  let off = tzOffset(ln);
  let r = ln - off;
  const off2 = tzOffset(r);
  if (off2 !== off) {
    off = off2;
    r = ln - off;
  }
  let res = local - BigInt(off);
  if (isdst >= 0) {
    // glibc honours an explicit tm_isdst that disagrees with the zone's rule
    const dst = isDst(r, off);
    const want = isdst > 0;
    if (want !== dst) {
      const y0 = new Date(Math.max(-MAX_DATE_SEC, Math.min(MAX_DATE_SEC, r)) * 1000).getFullYear();
      const jan = -new Date(y0, 0, 1).getTimezoneOffset() * 60;
      const jul = -new Date(y0, 6, 1).getTimezoneOffset() * 60;
      const delta = jan !== jul ? Math.abs(jan - jul) : 3600;
      res += BigInt(want ? -delta : delta);
    }
  }
  return res;
}

function os_time(this: unknown, t: LuaValue): LuaValue {
  if (t === undefined) return Math.floor(Date.now() / 1000);
  if (!(t instanceof LuaTable)) return typeError(1, 'time', 'table', t);
  const year = getfield(t, 'year', -1, 1900);
  const mon = getfield(t, 'month', -1, 1);
  const mday = getfield(t, 'day', -1, 0);
  const hour = getfield(t, 'hour', 12, 0);
  const min = getfield(t, 'min', 0, 0);
  const sec = getfield(t, 'sec', 0, 0);
  const dv = index(t, 'isdst');
  const isdst = dv === undefined ? -1 : truthy(dv) ? 1 : 0;
  const r = mktime(year + 1900, mon, mday, hour, min, sec, isdst);
  const tm = breakdown(r >= -(2n ** 53n) && r <= 2n ** 53n ? Number(r) : r, false);
  if (tm === undefined) return luaError('time result cannot be represented in this installation');
  setallfields(t, tm);
  if (r === -1n || r > 9223372036854775807n || r < -9223372036854775808n) {
    return luaError('time result cannot be represented in this installation');
  }
  return r >= -(2n ** 53n) + 1n && r <= 2n ** 53n - 1n ? Number(r) : r;
}

// ---- os.date ----

const WDAY = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const MON = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

function pad(n: number, w: number, c = '0'): string {
  const neg = n < 0;
  let s = String(Math.abs(n));
  while (s.length < w) s = c + s;
  return neg ? '-' + s : s;
}

/** glibc iso_week_days: days since the start of the ISO week-based year's first week */
function isoWeekDays(yday: number, wday: number): number {
  const big = (Math.floor(366 / 7) + 2) * 7;
  return yday - ((yday - wday + 4 + big) % 7) + 4 - 1;
}

function isoWeek(tm: Tm): [number, number] {
  let year = tm.year;
  let days = isoWeekDays(tm.yday, tm.wday);
  if (days < 0) {
    // this ISO week belongs to the previous year
    year--;
    days = isoWeekDays(tm.yday + (365 + (isLeap(year) ? 1 : 0)), tm.wday);
  } else {
    const d = isoWeekDays(tm.yday - (365 + (isLeap(year) ? 1 : 0)), tm.wday);
    if (d >= 0) {
      // this ISO week belongs to the next year
      year++;
      days = d;
    }
  }
  return [year, Math.floor(days / 7) + 1];
}

function fmtconv(c: string, tm: Tm): string {
  switch (c) {
    case 'a':
      return WDAY[tm.wday].slice(0, 3);
    case 'A':
      return WDAY[tm.wday];
    case 'b':
    case 'h':
      return MON[tm.mon].slice(0, 3);
    case 'B':
      return MON[tm.mon];
    case 'c':
      return `${fmtconv('a', tm)} ${fmtconv('b', tm)} ${fmtconv('e', tm)} ${fmtconv('T', tm)} ${tm.year}`;
    case 'C':
      return String(Math.floor(tm.year / 100));
    case 'd':
      return pad(tm.mday, 2);
    case 'D':
      return `${fmtconv('m', tm)}/${fmtconv('d', tm)}/${fmtconv('y', tm)}`;
    case 'e':
      return pad(tm.mday, 2, ' ');
    case 'F':
      return `${tm.year}-${fmtconv('m', tm)}-${fmtconv('d', tm)}`;
    case 'g':
      return pad((((isoWeek(tm)[0] % 100) + 100) % 100), 2);
    case 'G':
      return String(isoWeek(tm)[0]);
    case 'H':
      return pad(tm.hour, 2);
    case 'I':
      return pad(tm.hour % 12 === 0 ? 12 : tm.hour % 12, 2);
    case 'j':
      return pad(tm.yday + 1, 3);
    case 'm':
      return pad(tm.mon + 1, 2);
    case 'M':
      return pad(tm.min, 2);
    case 'n':
      return '\n';
    case 'p':
      return tm.hour < 12 ? 'AM' : 'PM';
    case 'r':
      return `${fmtconv('I', tm)}:${fmtconv('M', tm)}:${fmtconv('S', tm)} ${fmtconv('p', tm)}`;
    case 'R':
      return `${fmtconv('H', tm)}:${fmtconv('M', tm)}`;
    case 'S':
      return pad(tm.sec, 2);
    case 't':
      return '\t';
    case 'T':
    case 'X':
      return `${fmtconv('H', tm)}:${fmtconv('M', tm)}:${fmtconv('S', tm)}`;
    case 'u':
      return String(tm.wday === 0 ? 7 : tm.wday);
    case 'U':
      return pad(Math.floor((tm.yday - tm.wday + 7) / 7), 2);
    case 'V':
      return pad(isoWeek(tm)[1], 2);
    case 'w':
      return String(tm.wday);
    case 'W':
      return pad(Math.floor((tm.yday - ((tm.wday - 1 + 7) % 7) + 7) / 7), 2);
    case 'x':
      return fmtconv('D', tm);
    case 'y':
      return pad((((tm.year % 100) + 100) % 100), 2);
    case 'Y':
      return String(tm.year);
    case 'z': {
      const o = tm.gmtoff;
      const a = Math.abs(o);
      return (o < 0 ? '-' : '+') + pad(Math.floor(a / 3600), 2) + pad(Math.floor(a / 60) % 60, 2);
    }
    case 'Z':
      return tm.zone;
    case '%':
      return '%';
  }
  return '';
}

const OPTIONS1 = 'aAbBcCdDeFgGhHIjmMnprRStTuUVwWxXyYzZ%';
const OPTIONS2 = ['Ec', 'EC', 'Ex', 'EX', 'Ey', 'EY', 'Od', 'Oe', 'OH', 'OI', 'Om', 'OM', 'OS', 'Ou', 'OU', 'OV', 'Ow', 'OW', 'Oy'];

function strftime(fmt: string, start: number, tm: Tm): string {
  let out = '';
  const n = fmt.length;
  let i = start;
  while (i < n) {
    const p = fmt.indexOf('%', i);
    if (p < 0) {
      out += fmt.slice(i);
      break;
    }
    out += fmt.slice(i, p);
    i = p + 1; // skip '%'
    const c = fmt[i];
    if (i < n && OPTIONS1.includes(c)) {
      out += fmtconv(c, tm);
      i++;
    } else if (i + 1 < n && OPTIONS2.includes(fmt.slice(i, i + 2))) {
      // E and O modifiers: the "C" locale has no alternative representations
      out += fmtconv(fmt[i + 1], tm);
      i += 2;
    } else {
      let rest = fmt.slice(i);
      const z = rest.indexOf('\0');
      if (z >= 0) rest = rest.slice(0, z);
      return argError(1, 'date', `invalid conversion specifier '%${rest}'`);
    }
  }
  return out;
}

function checkTime(v: LuaValue, n: number, fname: string, present: boolean): Int {
  if (typeof v === 'number' && Number.isInteger(v)) return v;
  if (v === undefined) return typeError(n, fname, 'number', v, present);
  return checkInt(v, n, fname);
}

function os_date(this: unknown, f: LuaValue, t: LuaValue): LuaValue {
  const s = f === undefined ? '%c' : checkString(f, 1, 'date');
  const time: Int = t === undefined ? Math.floor(Date.now() / 1000) : checkTime(t, 2, 'date', true);
  let start = 0;
  let utc = false;
  if (s.charCodeAt(0) === 33 /* '!' */) {
    utc = true;
    start = 1;
  }
  const tm = breakdown(time, utc);
  if (tm === undefined) return luaError('date result cannot be represented in this installation');
  if (s.length - start === 2 && s[start] === '*' && s[start + 1] === 't') {
    const r = new LuaTable();
    setallfields(r, tm);
    return r;
  }
  return strftime(s, start, tm);
}

// ---- clock, difftime ----

function os_clock(): LuaValue {
  const u = process.cpuUsage();
  return mkfloat((u.user + u.system) / 1e6);
}

function os_difftime(this: unknown, a: LuaValue, b: LuaValue): LuaValue {
  const n = arguments.length;
  const t1 = checkTime(a, 1, 'difftime', n >= 1);
  const t2 = checkTime(b, 2, 'difftime', n >= 2);
  if (typeof t1 === 'number' && typeof t2 === 'number') return mkfloat(t1 - t2);
  return mkfloat(Number(BigInt(t1) - BigInt(t2)));
}

// ---- getenv ----

/** An environment a script may read: none in the gateway, the process's under `moongate run`. */
export type Environment = (name: string) => string | undefined;

const NO_ENVIRONMENT: Environment = () => undefined;

/** os.getenv over an environment; names and values cross as UTF-8 bytes. */
export function makeGetenv(env: Environment): (...args: LuaValue[]) => LuaValue {
  return markBuiltin(function os_getenv(this: unknown, name: LuaValue): LuaValue {
    if (arguments.length === 0) typeError(1, 'getenv', 'string', undefined, false);
    const s = checkString(name, 1, 'getenv');
    const v = env(Buffer.from(s, 'latin1').toString('utf8'));
    return v === undefined ? undefined : Buffer.from(v, 'utf8').toString('latin1');
  });
}

export function openOs(G: LuaTable): LuaTable {
  const lib = new LuaTable();
  lib.setStr('getenv', makeGetenv(NO_ENVIRONMENT));
  lib.setStr('clock', markBuiltin(os_clock));
  lib.setStr('date', markBuiltin(os_date));
  lib.setStr('difftime', markBuiltin(os_difftime));
  lib.setStr('time', markBuiltin(os_time));
  G.setStr('os', lib);
  return lib;
}
