// Workspaces that change stored data in bulk (an import) tell the shell, which reloads what the
// map shows; a window event keeps the features free of imports of each other.
const DATA_CHANGED = 'wgdj:data-changed';

export function announceDataChanged(): void {
  window.dispatchEvent(new Event(DATA_CHANGED));
}

export function onDataChanged(listener: () => void): () => void {
  window.addEventListener(DATA_CHANGED, listener);
  return () => window.removeEventListener(DATA_CHANGED, listener);
}
