// Auth: the admin key for management routes, HS256 user tokens for script routes.
import { randomBytes, timingSafeEqual, createHash } from 'node:crypto';
import { readFileSync, writeFileSync, existsSync, chmodSync } from 'node:fs';
import { join } from 'node:path';
import { jwtVerify, errors as joseErrors } from 'jose';
function readOrCreate(path) {
    if (existsSync(path))
        return { value: readFileSync(path, 'utf8').trim(), created: false };
    const value = randomBytes(32).toString('base64url');
    writeFileSync(path, value + '\n', { mode: 0o600, flag: 'wx' });
    chmodSync(path, 0o600);
    return { value, created: true };
}
/** Admin key and token secret: configured, or read from / generated into the data dir (mode 0600). */
export function loadSecrets(dataDir, adminKey, jwtSecret) {
    let generatedAdminKey = false;
    if (adminKey === undefined) {
        const r = readOrCreate(join(dataDir, 'admin.key'));
        adminKey = r.value;
        generatedAdminKey = r.created;
    }
    if (jwtSecret === undefined)
        jwtSecret = readOrCreate(join(dataDir, 'jwt.secret')).value;
    return { adminKey, jwtSecret: new TextEncoder().encode(jwtSecret), generatedAdminKey };
}
const digest = (s) => createHash('sha256').update(s).digest();
/** Constant-time check of the admin key from `X-API-Key` or `Authorization: Bearer`. */
export function makeAdminCheck(adminKey) {
    const want = digest(adminKey);
    return (apiKey, authorization) => {
        let got = apiKey;
        if (got === '' && authorization.length > 7 && authorization.slice(0, 7).toLowerCase() === 'bearer ')
            got = authorization.slice(7).trim();
        if (got === '')
            return false;
        return timingSafeEqual(digest(got), want);
    };
}
/** The bearer token of a script request: `Authorization: Bearer …` or `?token=…`. */
export function userToken(authorization, rawQuery) {
    if (authorization.length > 7 && authorization.slice(0, 7).toLowerCase() === 'bearer ')
        return authorization.slice(7).trim();
    if (rawQuery.includes('token=')) {
        const t = new URLSearchParams(rawQuery).get('token');
        if (t)
            return t;
    }
    return undefined;
}
export async function verifyUserToken(token, secret) {
    try {
        const { payload } = await jwtVerify(token, secret, { algorithms: ['HS256'] });
        return { ok: true, claims: payload };
    }
    catch (e) {
        if (e instanceof joseErrors.JWTExpired)
            return { ok: false, error: 'token expired' };
        return { ok: false, error: 'invalid token' };
    }
}
//# sourceMappingURL=auth.js.map