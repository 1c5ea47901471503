import { useEffect, useState } from 'react';
import type { MessageKey } from '../i18n/zh-CN';

// Path routes on the History API; three workspaces do not need a router library.
export type Workspace = 'public' | 'coverage' | 'planner';

export const WORKSPACES: readonly { id: Workspace; path: string; label: MessageKey }[] = [
  { id: 'public', path: '/', label: 'nav.public' },
  { id: 'coverage', path: '/coverage', label: 'nav.coverage' },
  { id: 'planner', path: '/planner', label: 'nav.planner' },
];

const NAVIGATE_EVENT = 'wgdj:navigate';

export function workspaceForPath(pathname: string): Workspace {
  const trimmed = pathname.replace(/\/+$/, '') || '/';
  return WORKSPACES.find((w) => w.path === trimmed)?.id ?? 'public';
}

export function navigate(path: string): void {
  if (window.location.pathname === path) return;
  window.history.pushState(null, '', path + window.location.search);
  window.dispatchEvent(new Event(NAVIGATE_EVENT));
}

/** The current workspace, following both `navigate()` and the browser's back/forward buttons. */
export function useWorkspace(): Workspace {
  const [workspace, setWorkspace] = useState(() => workspaceForPath(window.location.pathname));
  useEffect(() => {
    const update = () => setWorkspace(workspaceForPath(window.location.pathname));
    window.addEventListener('popstate', update);
    window.addEventListener(NAVIGATE_EVENT, update);
    return () => {
      window.removeEventListener('popstate', update);
      window.removeEventListener(NAVIGATE_EVENT, update);
    };
  }, []);
  return workspace;
}
