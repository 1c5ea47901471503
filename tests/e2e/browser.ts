import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

// Chromium as installed by Debian, with the flags this machine needs (no sandbox as root, no
// GPU: WebGL 2 runs on SwiftShader) and with every background service that phones home off.
export const CHROMIUM_PATH = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** Every URL the page requested, to prove nothing left the machine. */
export function recordRequests(target: Page | BrowserContext): string[] {
  const urls: string[] = [];
  target.on('request', (request) => urls.push(request.url()));
  return urls;
}

export function isLocalUrl(url: string): boolean {
  if (url.startsWith('data:') || url.startsWith('blob:')) return true;
  try {
    const { protocol, hostname } = new URL(url);
    return (protocol === 'http:' || protocol === 'https:' || protocol === 'ws:') &&
      (hostname === '127.0.0.1' || hostname === 'localhost' || hostname === '[::1]');
  } catch {
    return false;
  }
}

/** Resolves after the map has finished loading and drawing everything it currently needs. */
export async function waitForMapIdle(page: Page): Promise<void> {
  await page.waitForFunction(() => window.__map !== undefined);
  await page.evaluate(
    () =>
      new Promise<void>((resolve) => {
        const map = window.__map!;
        map.once('idle', () => resolve());
        // Forces one more frame so `idle` fires even if the map was already idle.
        map.triggerRepaint();
      }),
  );
}

/** Names of rendered features of a layer in the current view. */
export function renderedNames(page: Page, layer: string): Promise<string[]> {
  return page.evaluate(
    (layerId) =>
      window.__map!.queryRenderedFeatures({ layers: [layerId] }).map((f) => String(f.properties['name'] ?? '')),
    layer,
  );
}

let screenshots: string | undefined;

/**
 * Saves a screenshot for a person to look at, as NAME.png in a folder of this run's own under the
 * system temp folder (wgdt-e2e-…), so runs side by side do not overwrite each other's. Returns its path.
 */
export async function screenshot(page: Page, name: string, options: { fullPage?: boolean } = {}): Promise<string> {
  screenshots ??= fs.mkdtempSync(path.join(os.tmpdir(), 'wgdt-e2e-'));
  const file = path.join(screenshots, `${name}.png`);
  await page.screenshot({ path: file, ...options });
  return file;
}

/** Waits until the page is at `path`, whatever its query (the address also keeps the map view). */
export async function waitForPath(page: Page, path: string): Promise<void> {
  await page.waitForURL((url) => url.pathname === path);
}

/** Opens 网格规划 signed out, signs in as `account` through its 登录 dialog and chooses the community. */
export async function openPlannerCommunity(page: Page, baseUrl: string, account: { username: string; password: string }, communityCode: string): Promise<void> {
  await page.goto(`${baseUrl}/planner`);
  await page.waitForSelector('.map-container[data-ready="true"]', { timeout: 60_000 });
  await page.locator('.empty-state').getByRole('button', { name: '登录' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('用户名').fill(account.username);
  await dialog.getByLabel('密码', { exact: true }).fill(account.password);
  await dialog.getByRole('button', { name: '登录', exact: true }).click();
  const picker = page.getByLabel('社区', { exact: true });
  await picker.waitFor({ timeout: 20_000 });
  await picker.selectOption(communityCode);
}
