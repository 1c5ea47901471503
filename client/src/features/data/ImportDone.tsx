import type { Ref } from 'react';
import type { ImportReport } from '../../api/importTypes';
import type { SessionUser } from '../../api/session';
import { useT } from '../../i18n/useT';
import { followLink } from '../../ui/route';
import { ImportReportView } from './ImportReportView';
import { dataText } from './strings';

/** 导入完成: what changed, where it is recorded, and a way to import the next file. */
export function ImportDone({
  user,
  result,
  headingRef,
  onAgain,
}: {
  user: SessionUser;
  result: ImportReport;
  headingRef: Ref<HTMLHeadingElement>;
  onAgain: () => void;
}) {
  const { t } = useT(dataText);
  return (
    <section className="data-section import-panel" aria-labelledby="import-title">
      <h2 id="import-title">{t('importHeading')}</h2>
      <div className="import-done" role="status">
        <h3 ref={headingRef} tabIndex={-1}>
          {t('doneHeading')}
        </h3>
        <p className="import-done-text">
          {t('doneText', { create: result.create, update: result.update, unchanged: result.unchanged })}
        </p>
        <p>
          {t('doneAudit')}
          {user.role === 'admin' && (
            <>
              {' '}
              <a href="/admin/audit" onClick={followLink('/admin/audit')}>
                {t('doneAuditLink')}
              </a>
            </>
          )}
        </p>
      </div>
      <ImportReportView report={result} headingKey="resultHeading" />
      <div className="form-actions">
        <button type="button" className="primary-button" onClick={onAgain}>
          {t('doneAgain')}
        </button>
      </div>
    </section>
  );
}
