import { useEffect, useState, type MouseEvent } from 'react';
import type { Role } from '../api/session';
import type { MessageKey } from '../i18n/zh-CN';

// Path routes on the History API; a handful of workspaces do not need a router library.
export type Workspace = 'public' | 'coverage' | 'planner' | 'data' | 'admin';

export interface WorkspaceRoute {
  id: Workspace;
  path: string;
  label: MessageKey;
  /** Shown in the header only to these roles; everyone sees the workspace when absent. */
  roles?: readonly Role[];
}

export const WORKSPACES: readonly WorkspaceRoute[] = [
  { id: 'public', path: '/', label: 'nav.public' },
  { id: 'coverage', path: '/coverage', label: 'nav.coverage' },
  { id: 'planner', path: '/planner', label: 'nav.planner' },
  // Leaders see only the export part of it.
  { id: 'data', path: '/data', label: 'nav.data', roles: ['leader', 'planner', 'admin'] },
  { id: 'admin', path: '/admin', label: 'nav.admin', roles: ['admin'] },
];

const NAVIGATE_EVENT = 'wgdj:navigate';

function trimPath(pathname: string): string {
  return pathname.replace(/\/+$/, '') || '/';
}

/** The workspace owning a path; a workspace also owns its sub-paths (`/admin/audit`). */
export function workspaceForPath(pathname: string): Workspace {
  const trimmed = trimPath(pathname);
  return (
    WORKSPACES.find((w) => w.path === trimmed || (w.path !== '/' && trimmed.startsWith(`${w.path}/`)))?.id ?? 'public'
  );
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

/** The current workspace, following both `navigate()` and the browser's back/forward buttons. */
export function useWorkspace(): Workspace {
  return workspaceForPath(usePathname());
}
