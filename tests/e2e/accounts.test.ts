import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { isLocalUrl, launchBrowser, recordRequests, screenshot, waitForPath } from './browser';

// Sign-in, 账号管理 and 操作日志 in Chromium against the real server: the demo admin creates a
// community planner through the form (scope picker included), the planner signs in with the
// password the page showed once, and everyone else gets clear Chinese messages.

const baseUrl = inject('baseUrl');
const demo = inject('demoAccounts');
const admin = demo.find((a) => a.role === 'admin');
const communityPlanner = demo.find((a) => a.role === 'planner' && a.regionCode.length === 12);
const leader = demo.find((a) => a.role === 'leader');

// Fresh names, so the test can run again against a server that already has earlier accounts.
const suffix = `${Date.now().toString(36)}${Math.floor(Math.random() * 1e4).toString(36)}`;
const newUser = { username: `e2e_planner_${suffix}`, displayName: `测试规划员${suffix.slice(-4)}` };
let newPassword = '';

let browser: Browser;
let context: BrowserContext;
let page: Page;
let requests: string[];

/** Opens a path and waits until the header knows whether someone is signed in. */
async function open(target: Page, path: string): Promise<void> {
  await target.goto(`${baseUrl}${path}`);
  await target.locator('.app-header .account-sign-in, .app-header .account-button').first().waitFor();
}

async function fillSignIn(target: Page, username: string, password: string): Promise<void> {
  await target.locator('.app-header').getByRole('button', { name: '登录', exact: true }).click();
  const dialog = target.getByRole('dialog', { name: '登录' });
  await dialog.waitFor();
  await dialog.getByLabel('用户名').fill(username);
  await dialog.getByLabel('密码', { exact: true }).fill(password);
  await dialog.getByLabel('密码', { exact: true }).press('Enter');
}

async function signIn(target: Page, username: string, password: string): Promise<void> {
  await fillSignIn(target, username, password);
  await target.locator('.app-header .account-button').waitFor();
  expect(await target.locator('dialog[open]').count()).toBe(0);
  // Focus goes to the account control that replaced the header's 登录 button.
  await expect.poll(() => target.evaluate(() => document.activeElement?.classList.contains('account-button'))).toBe(true);
}

async function signOut(target: Page): Promise<void> {
  await target.locator('.app-header .account-button').click();
  await target.getByRole('button', { name: '退出登录' }).click();
  await target.locator('.app-header .account-sign-in').waitFor();
  // Focus stays in the header, on the sign-in button that replaced the account control.
  expect(await target.evaluate(() => document.activeElement?.classList.contains('account-sign-in'))).toBe(true);
}

beforeAll(async () => {
  expect(admin, 'the test server wrote demo accounts').toBeDefined();
  browser = await launchBrowser();
  context = await browser.newContext({ viewport: { width: 1280, height: 860 }, locale: 'zh-CN' });
  page = await context.newPage();
  requests = recordRequests(context);
});

afterAll(async () => {
  await browser?.close();
});

describe('sign-in dialog', () => {
  it('opens from the header with the focus on the username, and Escape gives the focus back', async () => {
    await open(page, '/');
    const button = page.locator('.app-header').getByRole('button', { name: '登录', exact: true });
    await button.click();
    const dialog = page.getByRole('dialog', { name: '登录' });
    await dialog.waitFor();
    expect(await page.evaluate(() => document.activeElement?.getAttribute('name'))).toBe('username');
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    // The focus returns on the next tick after the dialog is gone.
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.classList.contains('account-sign-in')))
      .toBe(true);
  });

  it('says in Chinese that a field is empty, and that a password is wrong and what to do', async () => {
    await page.locator('.app-header .account-sign-in').click();
    const dialog = page.getByRole('dialog', { name: '登录' });
    await dialog.getByRole('button', { name: '登录', exact: true }).click();
    expect(await dialog.locator('.field-error').first().textContent()).toBe('请输入用户名。');

    await dialog.getByLabel('用户名').fill(admin!.username);
    await dialog.getByLabel('密码', { exact: true }).fill('not-the-password');
    const show = dialog.getByRole('button', { name: '显示密码' });
    await show.click();
    expect(await show.getAttribute('aria-pressed')).toBe('true');
    expect(await dialog.getByLabel('密码', { exact: true }).getAttribute('type')).toBe('text');
    await show.click();
    expect(await dialog.getByLabel('密码', { exact: true }).getAttribute('type')).toBe('password');

    await dialog.getByLabel('密码', { exact: true }).press('Enter');
    const alert = dialog.getByRole('alert');
    await alert.waitFor();
    const text = (await alert.textContent()) ?? '';
    expect(text).toContain('用户名或密码不正确');
    expect(text).toContain('联系管理员');
    // The password field is cleared and focused for another try.
    expect(await page.evaluate(() => document.activeElement?.getAttribute('name'))).toBe('password');
    expect(await dialog.getByLabel('密码', { exact: true }).inputValue()).toBe('');
    await screenshot(page, 'signin');
  });

  it('tells how many minutes to wait after too many attempts, and when the server is unreachable', async () => {
    const dialog = page.getByRole('dialog', { name: '登录' });
    await page.route('**/api/auth/login', (route) =>
      route.fulfill({
        status: 429,
        headers: { 'Retry-After': '290' },
        contentType: 'application/json; charset=utf-8',
        body: JSON.stringify({ error: { code: 'TOO_MANY_ATTEMPTS', message: 'too many', details: { retryAfterSeconds: 290 } } }),
      }),
    );
    await dialog.getByLabel('密码', { exact: true }).fill('whatever');
    await dialog.getByLabel('密码', { exact: true }).press('Enter');
    await expect.poll(() => dialog.getByRole('alert').textContent()).toContain('请 5 分钟后再试');
    await page.unroute('**/api/auth/login');

    await page.route('**/api/auth/login', (route) => route.abort('connectionrefused'));
    await dialog.getByRole('button', { name: '登录', exact: true }).click();
    await expect.poll(() => dialog.getByRole('alert').textContent()).toContain('暂时无法连接服务器');
    await page.unroute('**/api/auth/login');
    await dialog.getByRole('button', { name: '取消' }).click();
    await dialog.waitFor({ state: 'detached' });
  });
});

describe('workspaces that need an account', () => {
  it('show 请先登录 with a sign-in button when signed out', async () => {
    for (const [path, title] of [
      ['/coverage', '覆盖分析'],
      ['/admin', '账号管理'],
    ] as const) {
      await open(page, path);
      expect(await page.locator('h1').first().textContent()).toBe(title);
      const state = page.locator('[data-access="signed-out"]');
      expect(await state.textContent()).toContain('请先登录');
      expect(await state.getByRole('button', { name: '登录' }).isVisible()).toBe(true);
    }
    // The admin workspace is not in the navigation of those who cannot use it.
    expect(await page.locator('nav.app-nav a').allTextContents()).toEqual(['找服务站', '反映问题', '覆盖分析', '网格规划']);
  });
});

describe('账号管理', () => {
  it('the demo admin signs in from the workspace and opens 账号管理 from the header', async () => {
    await page.locator('[data-access="signed-out"]').getByRole('button', { name: '登录' }).click();
    const dialog = page.getByRole('dialog', { name: '登录' });
    await dialog.getByLabel('用户名').fill(admin!.username);
    await dialog.getByLabel('密码', { exact: true }).fill(admin!.password);
    await dialog.getByLabel('密码', { exact: true }).press('Enter');
    await page.locator('.app-header .account-button').waitFor();
    expect(await page.locator('.app-header .account-button').textContent()).toContain('管理员');
    // The 请先登录 button is gone; focus lands on the workspace that replaced it.
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('workspace-panel');

    await open(page, '/');
    const link = page.locator('nav.app-nav').getByRole('link', { name: '账号管理' });
    await link.click();
    await waitForPath(page, '/admin');
    expect(await page.locator('h1').first().textContent()).toBe('账号管理');
    await page.locator('.accounts-table').waitFor();
    const usernames = await page.locator('.accounts-table tbody tr').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-username')));
    expect(usernames).toContain(admin!.username);
    // The admin is signed in right now, and the table says so.
    expect(await page.locator(`.accounts-table tr[data-username="${admin!.username}"]`).textContent()).toContain('在线');
  });

  it('creates a community planner through the form, with the scope picker, and shows the password once', async () => {
    expect(communityPlanner, 'a demo planner for one community').toBeDefined();
    const community = communityPlanner!.regionCode;
    await page.getByRole('button', { name: '新建账号' }).click();
    const form = page.locator('#create-account');
    await form.waitFor();

    // A taken username is reported next to the field.
    await form.getByLabel('用户名').fill(admin!.username);
    await form.getByLabel('姓名').fill(newUser.displayName);
    await form.getByLabel('角色').selectOption('planner');
    await form.getByLabel('街道').selectOption(community.slice(0, 9));
    await form.getByLabel('社区').selectOption(community);
    expect(await form.locator('.region-chosen').textContent()).toContain(community);
    await form.getByRole('button', { name: '创建账号' }).click();
    await expect.poll(() => form.locator('.field-error').first().textContent()).toContain('该用户名已被使用');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('name'))).toBe('username');

    await form.getByLabel('用户名').fill(newUser.username);
    await form.getByRole('button', { name: '创建账号' }).click();
    const reveal = page.locator('.password-reveal');
    await reveal.waitFor();
    expect(await reveal.textContent()).toContain('只显示这一次');
    expect(await reveal.getByRole('button', { name: '复制密码' }).isVisible()).toBe(true);
    newPassword = ((await reveal.locator('.password-value').textContent()) ?? '').trim();
    expect(newPassword.length).toBeGreaterThanOrEqual(12);

    const row = page.locator(`.accounts-table tr[data-username="${newUser.username}"]`);
    await row.waitFor();
    const rowText = (await row.textContent()) ?? '';
    expect(rowText).toContain(newUser.displayName);
    expect(rowText).toContain('网格规划员');
    expect(rowText).toContain('未登录');
    await screenshot(page, 'admin', { fullPage: true });

    await reveal.getByRole('button', { name: '我已记下，关闭' }).click();
    await reveal.waitFor({ state: 'detached' });
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('新建账号');
  });

  it('changes the display name in the edit dialog', async () => {
    await page.getByRole('button', { name: `修改账号 ${newUser.username}` }).click();
    const dialog = page.getByRole('dialog', { name: `修改账号：${newUser.username}` });
    await dialog.waitFor();
    newUser.displayName = `${newUser.displayName}甲`;
    await dialog.getByLabel('姓名').fill(newUser.displayName);
    // The picker starts at the account's own community.
    expect(await dialog.getByLabel('社区').inputValue()).toBe(communityPlanner!.regionCode);
    await dialog.getByRole('button', { name: '保存修改' }).click();
    await dialog.waitFor({ state: 'detached' });
    await expect
      .poll(() => page.locator(`.accounts-table tr[data-username="${newUser.username}"]`).textContent())
      .toContain(newUser.displayName);
  });

  it('signs out, and the new planner signs in with the shown password and sees their name and role', async () => {
    await signOut(page);
    await open(page, '/planner');
    await signIn(page, newUser.username, newPassword);
    const account = page.locator('.app-header .account-button');
    const text = (await account.textContent()) ?? '';
    expect(text).toContain(newUser.displayName);
    expect(text).toContain('网格规划员');
    await account.click();
    expect(await page.locator('.account-panel').textContent()).toContain('管辖范围');
    await page.keyboard.press('Escape');
    expect(await page.locator('nav.app-nav a').allTextContents()).not.toContain('账号管理');
  });

  it('a non-admin opening /admin sees that it is not allowed', async () => {
    await open(page, '/admin');
    const state = page.locator('[data-access="forbidden"]');
    await state.waitFor();
    const text = (await state.textContent()) ?? '';
    expect(text).toContain('无权访问');
    expect(text).toContain('网格规划员');
    expect(text).toContain('管理员');
    expect(await page.locator('.accounts-table').count()).toBe(0);
    await signOut(page);
  });

  it('the audit log lists the account creation, filtered to account changes', async () => {
    await open(page, '/admin/audit');
    await signIn(page, admin!.username, admin!.password);
    expect(await page.locator('.sub-nav a[aria-current="page"]').textContent()).toBe('操作日志');
    await page.locator('.audit-table').waitFor();
    await page.getByLabel('操作类型').selectOption({ label: '账号修改' });
    await page.getByLabel('操作人（用户名）').fill(admin!.username);
    await page.getByRole('button', { name: '查询' }).click();
    const row = page.locator('.audit-table tr[data-action="user.create"]', { hasText: newUser.username });
    await row.waitFor();
    const text = (await row.textContent()) ?? '';
    expect(text).toContain('新建账号');
    expect(text).toContain(admin!.username);
    const actions = await page.locator('.audit-table tbody tr').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-action')));
    expect(actions.every((a) => a?.startsWith('user.'))).toBe(true);

    await page.getByLabel('操作类型').selectOption({ label: '登录失败' });
    await page.getByLabel('操作人（用户名）').fill('');
    await page.getByRole('button', { name: '查询' }).click();
    await page.locator('.audit-table tr[data-action="auth.login_failed"]').first().waitFor();
    await screenshot(page, 'audit', { fullPage: true });
  });

  it('resets a password after a confirmation and shows the new one once; the old one stops working', async () => {
    await page.locator('.sub-nav').getByRole('link', { name: '账号' }).click();
    await waitForPath(page, '/admin');
    await page.getByRole('button', { name: `重置账号 ${newUser.username} 的密码` }).click();
    const dialog = page.getByRole('dialog', { name: '重置密码' });
    await dialog.waitFor();
    expect(await dialog.textContent()).toContain('旧密码将立即失效');
    await dialog.getByRole('button', { name: '重置密码' }).click();
    const value = dialog.locator('.password-value');
    await value.waitFor();
    const reset = ((await value.textContent()) ?? '').trim();
    expect(reset.length).toBeGreaterThanOrEqual(12);
    expect(reset).not.toBe(newPassword);
    await dialog.getByRole('button', { name: '我已记下，关闭' }).click();
    await dialog.waitFor({ state: 'detached' });

    const other = await browser.newContext({ viewport: { width: 1280, height: 860 }, locale: 'zh-CN' });
    requests.push(...recordRequests(other));
    const second = await other.newPage();
    await open(second, '/');
    await fillSignIn(second, newUser.username, newPassword);
    await expect.poll(() => second.getByRole('dialog').getByRole('alert').textContent()).toContain('用户名或密码不正确');
    await second.getByRole('dialog').getByLabel('密码', { exact: true }).fill(reset);
    await second.getByRole('dialog').getByLabel('密码', { exact: true }).press('Enter');
    await second.locator('.app-header .account-button').waitFor();
    expect(await second.locator('.app-header .account-button').textContent()).toContain(newUser.displayName);
    await other.close();
    newPassword = reset;
  });

  it('disables an account after a confirmation: 已停用 in the table, its open session ends, sign-in is refused; enabling restores it', async () => {
    const other = await browser.newContext({ viewport: { width: 1280, height: 860 }, locale: 'zh-CN' });
    requests.push(...recordRequests(other));
    const second = await other.newPage();
    await open(second, '/');
    await signIn(second, newUser.username, newPassword);

    const row = page.locator(`.accounts-table tr[data-username="${newUser.username}"]`);
    // It signed in above: 最近登录 shows when.
    expect(await row.locator('td.cell-time time').count()).toBe(1);
    // No 停用 button on one's own row.
    expect(await page.getByRole('button', { name: `停用账号 ${admin!.username}` }).count()).toBe(0);
    await page.getByRole('button', { name: `停用账号 ${newUser.username}` }).click();
    const dialog = page.getByRole('dialog', { name: '停用账号' });
    await dialog.waitFor();
    expect(await dialog.textContent()).toContain('立即退出登录');
    await dialog.getByRole('button', { name: '停用账号' }).click();
    await dialog.waitFor({ state: 'detached' });
    await expect.poll(() => row.locator('.cell-status').textContent()).toBe('已停用');
    expect(await page.locator('.form-notice').textContent()).toContain('已停用');
    await screenshot(page, 'accounts-disabled');

    // The disabled account's open session ends at once: its next request is anonymous.
    expect(await second.evaluate(async () => (await fetch('/api/auth/me')).status)).toBe(401);
    await open(second, '/');
    await fillSignIn(second, newUser.username, newPassword);
    await expect.poll(() => second.getByRole('dialog').getByRole('alert').textContent()).toContain('此账号已停用');

    await page.getByRole('button', { name: `启用账号 ${newUser.username}` }).click();
    const enable = page.getByRole('dialog', { name: '启用账号' });
    await enable.getByRole('button', { name: '启用账号' }).click();
    await enable.waitFor({ state: 'detached' });
    await expect.poll(() => row.locator('.cell-status').textContent()).not.toBe('已停用');
    await second.getByRole('dialog').getByLabel('密码', { exact: true }).press('Enter');
    await second.locator('.app-header .account-button').waitFor();
    await other.close();
  });

  it('the audit log names the disabled account, filters imports and exports, and offers the filtered log as CSV', async () => {
    await page.locator('.sub-nav').getByRole('link', { name: '操作日志' }).click();
    await page.locator('.audit-table').waitFor();
    await page.getByLabel('操作类型').selectOption({ label: '账号修改' });
    await page.getByRole('button', { name: '查询' }).click();
    const disabled = page.locator('.audit-table tr[data-action="user.disable"]', { hasText: newUser.username });
    await disabled.waitFor();
    const text = (await disabled.textContent()) ?? '';
    expect(text).toContain('停用账号');
    expect(text).toContain(`${newUser.displayName}（${newUser.username}）`);
    expect(text).not.toContain('{');
    expect(await page.getByRole('link', { name: '导出 CSV' }).getAttribute('href')).toBe('/api/audit/export?action=user.');

    await page.getByLabel('操作类型').selectOption({ label: '数据导出' });
    await page.getByRole('button', { name: '查询' }).click();
    await expect.poll(async () => (await page.getByRole('link', { name: '导出 CSV' }).getAttribute('href')) ?? '').toContain('action=export.');
    await page.locator('.audit-table, .empty-state').first().waitFor();
    await expect
      .poll(() => page.locator('.audit-table tbody tr').evaluateAll((rows) => rows.every((r) => r.getAttribute('data-action')?.startsWith('export.'))))
      .toBe(true);
    const csv = await page.evaluate(async () => {
      const res = await fetch('/api/audit/export?action=user.');
      return { status: res.status, text: await res.text() };
    });
    expect(csv.status).toBe(200);
    expect(csv.text).toContain('停用账号,user.disable');
    await page.getByLabel('操作类型').selectOption({ label: '全部操作' });
    await page.getByRole('button', { name: '查询' }).click();
    await page.locator('.audit-table tr[data-action="user.disable"]').first().waitFor();
    await screenshot(page, 'audit-readable', { fullPage: true });
  });

  it('works on a 360 px wide phone screen', async () => {
    const phone = await browser.newContext({ viewport: { width: 360, height: 740 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true, locale: 'zh-CN' });
    requests.push(...recordRequests(phone));
    const small = await phone.newPage();
    await open(small, '/admin');
    await signIn(small, admin!.username, admin!.password);
    await small.locator('.accounts-table').waitFor();
    expect(await small.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    for (const link of await small.locator('nav.app-nav a').all()) expect(await link.isVisible()).toBe(true);
    expect(await small.locator('.app-header .account-button').isVisible()).toBe(true);
    await small.getByRole('button', { name: '新建账号' }).click();
    await small.locator('#create-account').waitFor();
    expect(await small.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await screenshot(small, 'admin-360', { fullPage: true });
    await phone.close();
  });
});

describe('leader', () => {
  it('a demo leader is told that 账号管理 is for administrators', async () => {
    expect(leader).toBeDefined();
    const other = await browser.newContext({ viewport: { width: 1280, height: 860 }, locale: 'zh-CN' });
    requests.push(...recordRequests(other));
    const leaderPage = await other.newPage();
    await open(leaderPage, '/admin');
    await signIn(leaderPage, leader!.username, leader!.password);
    const state = leaderPage.locator('[data-access="forbidden"]');
    await state.waitFor();
    expect(await state.textContent()).toContain('领导');
    // And the API agrees.
    expect(await leaderPage.evaluate(async () => (await fetch('/api/users')).status)).toBe(403);
    await other.close();
  });

  it('made no request to any host but this server', () => {
    expect(requests.filter((url) => !isLocalUrl(url))).toEqual([]);
  });
});
