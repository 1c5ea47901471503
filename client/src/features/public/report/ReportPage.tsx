import { useT } from '../../../i18n/useT';
import { usePathname } from '../../../ui/route';
import '../public.css';
import './report.css';
import { CodeLookup } from './CodeLookup';
import { codeFromPath } from './reportCode';
import { ReportForm } from './ReportForm';
import { StatusPage } from './StatusPage';
import { reportText } from './strings';

const LOOKUP_ID = 'report-lookup';

/** 反映问题: the resident's report form at /report and, at /report/:code, a report's status page. */
export function ReportPage() {
  const pathname = usePathname();
  const code = codeFromPath(pathname);
  // The status page is keyed by its code, so another code starts afresh.
  if (code !== null) return <StatusPage key={code} code={code} />;
  return <ReportHome />;
}

function ReportHome() {
  const { t } = useT(reportText);
  return (
    <div className="workspace-panel-content report">
      <h1>{t('title')}</h1>
      <p className="finder-intro">{t('intro')}</p>
      <p className="report-skip">
        <a className="link-button" href={`#${LOOKUP_ID}`}>
          {t('lookupTitle')}
        </a>
      </p>
      <ReportForm />
      <CodeLookup id={LOOKUP_ID} />
    </div>
  );
}
