import { Router } from 'express';
import { z } from 'zod';
import { requireRole, requireScope } from '../auth/authenticate.ts';
import { passwordRule } from '../auth/passwords.ts';
import { ROLES } from '../auth/user.ts';
import { recordAudit } from '../audit/record-audit.ts';
import type { AccountChange, AccountPage, AccountStatusChange, AccountSummary, CreatedAccount, NewAccount } from '../contract/accounts.ts';
import type { Database } from '../db/database.ts';
import { HttpError } from '../http/errors.ts';
import { pagingQuery } from '../http/paging.ts';
import { idParam, regionCode } from '../http/query-params.ts';
import { parseBodyOr400, parseOr400, type ReadsContract } from '../http/validate.ts';
import { createAccount, findAccount, listAccounts, resetPassword, setDisabled, updateAccount } from './accounts.ts';

const regionCodeField = regionCode('regionCode');
const username = z.string().regex(/^[A-Za-z0-9_.-]{3,64}$/, 'username: 3–64 letters, digits, _ . or -');
const displayName = z.string().trim().min(1).max(100);
const gridCodesField = z.array(z.string().regex(/^[0-9]{15}$/, 'a grid code has 15 digits')).max(50);

const createBody = z.strictObject({
  username,
  displayName,
  role: z.enum(ROLES),
  regionCode: regionCodeField,
  gridCodes: gridCodesField.optional(),
  password: z.string().min(passwordRule.min, `password must have at least ${passwordRule.min} characters`).max(passwordRule.max).optional(),
});
const updateBody = z.strictObject({
  displayName: displayName.optional(),
  role: z.enum(ROLES).optional(),
  regionCode: regionCodeField.optional(),
  gridCodes: gridCodesField.optional(),
});
// The bodies are the contract's requests (a mismatch fails to compile).
const contractChecks: [ReadsContract<typeof createBody, NewAccount>, ReadsContract<typeof updateBody, AccountChange>] = [true, true];
void contractChecks;

const listQuery = z.object(pagingQuery());
const itemParams = z.object({ id: idParam });

/** 账号管理: admins manage the accounts inside their region scope. */
export function accountRoutes(db: Database, idleMinutes: number): Router {
  const router = Router();

  router.get('/api/users', async (req, res) => {
    const admin = requireRole(req.user, 'admin');
    const { limit, offset } = parseOr400(listQuery, req.query);
    res.json({ users: await listAccounts(db, admin.regionCode, idleMinutes, limit, offset), limit, offset } satisfies AccountPage);
  });

  router.post('/api/users', async (req, res) => {
    const admin = requireRole(req.user, 'admin');
    const input = parseBodyOr400(createBody, req.body);
    requireScope(admin, input.regionCode);
    const created = await db.transaction(async (tx) => {
      const made = await createAccount(tx, input);
      await recordAudit(tx, {
        actor: admin,
        action: 'user.create',
        entity: 'user',
        entityIds: [made.id],
        details: { username: input.username, role: input.role, regionCode: input.regionCode, gridCodes: input.gridCodes ?? [] },
        ip: req.ip,
      });
      return made;
    });
    const account = await findAccount(db, { id: created.id });
    res.status(201).json({ user: publicView(account!), password: created.password } satisfies CreatedAccount);
  });

  router.put('/api/users/:id', async (req, res) => {
    const admin = requireRole(req.user, 'admin');
    const { id } = parseOr400(itemParams, req.params);
    const change = parseBodyOr400(updateBody, req.body);
    const account = await accountInScope(id, admin);
    if (change.regionCode) requireScope(admin, change.regionCode);
    if (id === admin.id && (change.role !== undefined || change.regionCode !== undefined || change.gridCodes !== undefined)) {
      throw new HttpError(422, 'CANNOT_CHANGE_OWN_ACCESS', '不能修改自己的角色或范围，请让另一位管理员操作 (ask another admin to change your own role or scope)');
    }
    await db.transaction(async (tx) => {
      await updateAccount(tx, account, change);
      await recordAudit(tx, {
        actor: admin,
        action: 'user.update',
        entity: 'user',
        entityIds: [id],
        details: { before: publicView(account), change },
        ip: req.ip,
      });
    });
    res.json({ user: publicView((await findAccount(db, { id }))!) });
  });

  router.post('/api/users/:id/reset-password', async (req, res) => {
    const admin = requireRole(req.user, 'admin');
    const { id } = parseOr400(itemParams, req.params);
    await accountInScope(id, admin);
    const password = await db.transaction(async (tx) => {
      const pw = await resetPassword(tx, id);
      await recordAudit(tx, { actor: admin, action: 'user.reset_password', entity: 'user', entityIds: [id], ip: req.ip });
      return pw;
    });
    res.json({ password });
  });

  // 停用 / 启用: a disabled account keeps its history but cannot sign in, and its open sessions end
  // at once. One's own account cannot be disabled, so an admin never locks themself out.
  for (const verb of ['disable', 'enable'] as const) {
    router.post(`/api/users/:id/${verb}`, async (req, res) => {
      const admin = requireRole(req.user, 'admin');
      const { id } = parseOr400(itemParams, req.params);
      const account = await accountInScope(id, admin);
      if (verb === 'disable' && id === admin.id) {
        throw new HttpError(422, 'CANNOT_DISABLE_SELF', '不能停用自己的账号，请让另一位管理员操作 (you cannot disable your own account)');
      }
      const outcome = await db.transaction(async (tx) => {
        const result = await setDisabled(tx, id, verb === 'disable');
        if (result.changed) {
          await recordAudit(tx, {
            actor: admin,
            action: `user.${verb}`,
            entity: 'user',
            entityIds: [id],
            details: { username: account.username, ...(verb === 'disable' ? { sessionsEnded: result.sessionsEnded } : {}) },
            ip: req.ip,
          });
        }
        return result;
      });
      const user = publicView((await findAccount(db, { id }))!);
      res.json({ user, ...outcome } satisfies AccountStatusChange);
    });
  }

  async function accountInScope(id: number, admin: Parameters<typeof requireScope>[0]) {
    const account = await findAccount(db, { id });
    if (!account) throw new HttpError(404, 'USER_NOT_FOUND', `No account with id ${id}`);
    requireScope(admin, account.regionCode);
    return account;
  }

  return router;
}

/** What an answer shows of an account: never its password hash. */
function publicView(a: AccountSummary): AccountSummary {
  return { id: a.id, username: a.username, displayName: a.displayName, role: a.role, regionCode: a.regionCode, gridCodes: a.gridCodes, disabled: a.disabled };
}
