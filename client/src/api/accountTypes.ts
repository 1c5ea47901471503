// Shapes of the account-management answers (账号管理), shared by its call files.
import type { Role } from './session';

export interface Account {
  id: number;
  username: string;
  displayName: string;
  role: Role;
  regionCode: string;
  regionName: string;
  /** Has a session that was active within the idle timeout. */
  signedIn: boolean;
  /** ISO time of the latest request of any of its sessions; null when it never signed in. */
  lastSeen: string | null;
  createdAt: string;
}

/** What create and update answer with (no session facts). */
export interface AccountSummary {
  id: number;
  username: string;
  displayName: string;
  role: Role;
  regionCode: string;
}
