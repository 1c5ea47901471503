import { useEffect, useState, type MouseEvent } from 'react';
import type { Role } from '../api/session';
import type { MessageKey } from '../i18n/zh-CN';
import { WORKSPACE_PATHS, trimPath, workspaceOwning, type Workspace } from '../../../server/src/contract/app-routes.ts';

// Path routes on the History API; a handful of workspaces do not need a router library. The
// paths come from the contract, which the server also reads to answer other paths with 404.
export type { Workspace };

export interface WorkspaceRoute {
  id: Workspace;
  path: string;
  label: MessageKey;
  /** Shown in the header only to these roles; everyone sees the workspace when absent. */
  roles?: readonly Role[];
  /** Not shown in the header to these roles (a grid worker has no use for the planners' and leaders' pages). */
  notFor?: readonly Role[];
}

export const WORKSPACES: readonly WorkspaceRoute[] = [
  { id: 'public', path: WORKSPACE_PATHS.public, label: 'nav.public' },
  { id: 'report', path: WORKSPACE_PATHS.report, label: 'nav.report' },
  { id: 'mygrid', path: WORKSPACE_PATHS.mygrid, label: 'nav.mygrid', roles: ['gridworker', 'leader', 'admin'] },
  { id: 'coverage', path: WORKSPACE_PATHS.coverage, label: 'nav.coverage', notFor: ['gridworker'] },
  { id: 'planner', path: WORKSPACE_PATHS.planner, label: 'nav.planner', notFor: ['gridworker'] },
  // Leaders see only the export part of it.
  { id: 'data', path: WORKSPACE_PATHS.data, label: 'nav.data', roles: ['leader', 'planner', 'admin'] },
  { id: 'admin', path: WORKSPACE_PATHS.admin, label: 'nav.admin', roles: ['admin'] },
];

const NAVIGATE_EVENT = 'wgdj:navigate';

/**
 * The workspace owning a path (a workspace also owns its sub-paths, `/admin/audit`), or null
 * for a path that is none of the app's pages: the app shows its 404 page there.
 */
export function workspaceForPath(pathname: string): Workspace | null {
  return workspaceOwning(pathname);
}

export function navigate(path: string): void {
  if (window.location.pathname === path) return;
  window.history.pushState(null, '', path + window.location.search);
  window.dispatchEvent(new Event(NAVIGATE_EVENT));
}

/** Click handler for an in-app link: follows it without a page load, except for modified clicks. */
export function followLink(path: string): (event: MouseEvent<HTMLAnchorElement>) => void {
  return (event) => {
    // Let modified clicks open a new tab as links normally do.
    if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    navigate(path);
  };
}

/** The current path (without a trailing slash), following `navigate()` and back/forward. */
export function usePathname(): string {
  const [pathname, setPathname] = useState(() => trimPath(window.location.pathname));
  useEffect(() => {
    const update = () => setPathname(trimPath(window.location.pathname));
    window.addEventListener('popstate', update);
    window.addEventListener(NAVIGATE_EVENT, update);
    return () => {
      window.removeEventListener('popstate', update);
      window.removeEventListener(NAVIGATE_EVENT, update);
    };
  }, []);
  return pathname;
}

/** The current workspace (null on an unknown path), following `navigate()` and back/forward. */
export function useWorkspace(): Workspace | null {
  return workspaceForPath(usePathname());
}
