// Shapes of the account-management answers (账号管理), as the server defines them
// (server/src/contract/accounts.ts).
export type { Account, AccountPage, AccountSummary, CreatedAccount } from '../../../server/src/contract/accounts.ts';
