/** A workspace whose tools arrive in a later issue: what will be here and who it is for. */
export function EmptyState({ title, description, note }: { title: string; description: string; note: string }) {
  return (
    <div className="workspace-panel-content">
      <h1>{title}</h1>
      <div className="empty-state">
        <p>{description}</p>
        <p className="empty-note">{note}</p>
      </div>
    </div>
  );
}
