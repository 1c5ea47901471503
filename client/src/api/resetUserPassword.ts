import { sendJson } from './http';

/** Gives the account a new generated password (shown once) and signs it out everywhere. */
export async function resetUserPassword(id: number): Promise<string> {
  return (await sendJson<{ password: string }>('POST', `/api/users/${id}/reset-password`)).password;
}
