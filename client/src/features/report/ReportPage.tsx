/** 反映问题: the resident's report form and, at /report/:code, a report's status page. */
export function ReportPage() {
  return <section className="workspace-section" />;
}
