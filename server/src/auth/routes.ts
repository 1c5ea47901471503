import { Router } from 'express';
import { z } from 'zod';
import type { Database } from '../db/database.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { sqlFile } from '../db/sql-file.ts';
import { HttpError } from '../http/errors.ts';
import { parseOr400 } from '../http/validate.ts';
import { requireUser } from './authenticate.ts';
import type { LoginThrottle } from './login-throttle.ts';
import { verifyPassword } from './passwords.ts';
import type { SessionCookie } from './session-cookie.ts';
import { createSession, endSession, resumeSession } from './sessions.ts';
import type { SessionUser } from './user.ts';

const FIND_USER = sqlFile(import.meta.url, 'find-user-by-username.sql');
const RECORD_LOGIN = sqlFile(import.meta.url, 'record-login.sql');

const loginBody = z.object({
  username: z.string().min(1, 'username is required').max(64),
  password: z.string().min(1, 'password is required').max(200),
});

export interface AuthRoutesOptions {
  db: Database;
  cookie: SessionCookie;
  throttle: LoginThrottle;
  idleMinutes: number;
}

export function authRoutes({ db, cookie, throttle, idleMinutes }: AuthRoutesOptions): Router {
  const router = Router();

  router.post('/api/auth/login', async (req, res) => {
    const { username, password } = parseOr400(loginBody, req.body);
    const ip = req.ip ?? 'unknown';
    await throttle.attempt(ip, username);
    const [account] = await db.query<{ id: number; username: string; passwordHash: string; disabled: boolean }>(FIND_USER, [username]);
    const ok = await verifyPassword(account?.passwordHash, password);
    if (!account || !ok) {
      await recordAudit(db, { actor: undefined, action: 'auth.login_failed', details: { username }, ip });
      // The same answer whether or not the account exists.
      throw new HttpError(401, 'INVALID_CREDENTIALS', '用户名或密码错误 (wrong username or password)');
    }
    await throttle.succeeded(ip, username);
    if (account.disabled) {
      // Said only after the right password, so it tells a guesser nothing about which accounts exist.
      await recordAudit(db, { actor: account, action: 'auth.login_disabled', entity: 'user', entityIds: [account.id], ip });
      throw new HttpError(403, 'ACCOUNT_DISABLED', '此账号已停用，无法登录。如需继续使用，请联系管理员启用 (this account is disabled: ask an administrator)');
    }
    await db.query(RECORD_LOGIN, [account.id]);
    const token = await createSession(db, account.id);
    const user = (await resumeSession(db, token, idleMinutes)) as SessionUser;
    await recordAudit(db, { actor: user, action: 'auth.login', entity: 'user', entityIds: [user.id], ip });
    res.cookie(cookie.name, token, cookie.options);
    res.json({ user });
  });

  router.post('/api/auth/logout', async (req, res) => {
    if (req.sessionToken && req.user) {
      await endSession(db, req.sessionToken);
      await recordAudit(db, { actor: req.user, action: 'auth.logout', entity: 'user', entityIds: [req.user.id], ip: req.ip });
    }
    res.clearCookie(cookie.name, cookie.options);
    res.status(204).end();
  });

  router.get('/api/auth/me', (req, res) => {
    res.set('Cache-Control', 'no-store').json({ user: requireUser(req.user) });
  });

  return router;
}
