import type { RequestHandler } from 'express';
import type { Database } from '../db/database.ts';
import { HttpError } from '../http/errors.ts';
import { resumeSession } from './sessions.ts';
import type { SessionCookie } from './session-cookie.ts';
import { inScope, type Role, type SessionUser } from './user.ts';

declare module 'express-serve-static-core' {
  interface Request {
    /** The signed-in account, when the request carries a live session cookie. */
    user?: SessionUser;
    sessionToken?: string;
  }
}

export function authenticate(db: Database, cookie: SessionCookie, idleMinutes: number): RequestHandler {
  return async (req, _res, next) => {
    const token: unknown = req.cookies?.[cookie.name];
    if (typeof token === 'string' && token.length > 0 && token.length < 200) {
      const user = await resumeSession(db, token, idleMinutes);
      if (user) {
        req.user = user;
        req.sessionToken = token;
      }
    }
    next();
  };
}

export function requireUser(user: SessionUser | undefined): SessionUser {
  if (!user) throw new HttpError(401, 'NOT_SIGNED_IN', '请先登录 (sign in first)');
  return user;
}

export function requireRole(user: SessionUser | undefined, ...roles: Role[]): SessionUser {
  const u = requireUser(user);
  if (!roles.includes(u.role)) {
    throw new HttpError(403, 'FORBIDDEN', `此操作需要以下角色之一 (requires one of the roles): ${roles.join(', ')}`);
  }
  return u;
}

export function requireScope(user: SessionUser, regionCode: string): void {
  if (!inScope(user, regionCode)) {
    throw new HttpError(
      403,
      'OUTSIDE_SCOPE',
      `超出您的管辖范围 (outside your region ${user.regionCode} ${user.regionName}): ${regionCode}`,
    );
  }
}
