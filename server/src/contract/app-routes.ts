// The single-page app's own paths. The server answers them with index.html and 200, and any
// other page path with index.html and 404 (the app then shows its "page not found" page), so a
// mistyped or outdated link is not mistaken for the finder by people, crawlers or monitors.
// Part of the contract: the client's router takes its workspace paths from here.

/** Each workspace's path; a workspace also owns its sub-paths (`/admin/audit`, `/data/export`). */
export const WORKSPACE_PATHS = {
  public: '/',
  coverage: '/coverage',
  planner: '/planner',
  data: '/data',
  admin: '/admin',
  /** 反映问题: the resident's report form; `/report/:code` is a report's public status page. */
  report: '/report',
  /** 我的网格: the grid worker's cases (and their supervisors'). */
  mygrid: '/my-grid',
} as const;

export type Workspace = keyof typeof WORKSPACE_PATHS;

/** A station's own page (`/station/:id`), part of the public finder. */
const STATION_PAGE = /^\/station\/[^/]+$/;

/** The path without trailing slashes (`/coverage/` is `/coverage`), `/` for the root. */
export function trimPath(pathname: string): string {
  return pathname.replace(/\/+$/, '') || '/';
}

/** The workspace owning a path, or null when the path is none of the app's pages. */
export function workspaceOwning(pathname: string): Workspace | null {
  const trimmed = trimPath(pathname);
  if (trimmed === '/' || STATION_PAGE.test(trimmed)) return 'public';
  for (const [workspace, path] of Object.entries(WORKSPACE_PATHS) as [Workspace, string][]) {
    if (path !== '/' && (trimmed === path || trimmed.startsWith(`${path}/`))) return workspace;
  }
  return null;
}

export function isAppPath(pathname: string): boolean {
  return workspaceOwning(pathname) !== null;
}
