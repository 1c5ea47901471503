import type { CookieOptions } from 'express';
import type { Config } from '../config.ts';

export interface SessionCookie {
  name: string;
  options: CookieOptions;
}

/** Over HTTPS the cookie is Secure with the __Host- prefix (no Domain, Path=/, so no subdomain can set it). */
export function sessionCookie(config: Pick<Config, 'publicUrl'>): SessionCookie {
  const secure = config.publicUrl?.startsWith('https:') ?? false;
  return {
    name: secure ? '__Host-wgdt_session' : 'wgdt_session',
    options: { httpOnly: true, sameSite: 'lax', secure, path: '/' },
  };
}
