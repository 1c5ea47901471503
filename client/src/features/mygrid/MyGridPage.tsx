/** 我的网格: the grid worker's inbox of cases, ordered by deadline. */
export function MyGridPage() {
  return <section className="workspace-section" />;
}
