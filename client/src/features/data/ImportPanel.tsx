import type { SessionUser } from '../../api/session';
import { useT } from '../../i18n/useT';
import { ImportDone } from './ImportDone';
import { IMPORT_KINDS } from './importKinds';
import { ImportProgress } from './ImportProgress';
import { ColumnsHelp, CrsField, DryRunReport, FileField, ImportErrorNote, KindChoice, SheetField, Towgs84Field } from './ImportSteps';
import { dataText } from './strings';
import { isWorkbook, useImport } from './useImport';

/**
 * 导入: choose what and the coordinate system, pick a file, 预检 (nothing saved), read the
 * report, then 确认导入. The server checks everything again on commit and refuses a file with
 * problems; the page only makes the order obvious.
 */
export function ImportPanel({ user }: { user: SessionUser }) {
  const { t } = useT(dataText);
  const kinds = IMPORT_KINDS.filter((k) => k.roles.includes(user.role));
  const state = useImport(kinds[0]?.id ?? 'grids');
  const { report, busy } = state;
  const locked = busy !== null;

  if (state.result) {
    return <ImportDone user={user} result={state.result} headingRef={state.doneRef} onAgain={state.startOver} />;
  }

  return (
    <section className="data-section import-panel" aria-labelledby="import-title">
      <h2 id="import-title">{t('importHeading')}</h2>
      <p className="muted">{t('importIntro')}</p>
      <KindChoice kinds={kinds} kind={state.kind} disabled={locked} onChoose={state.chooseKind} />
      <CrsField crs={state.crs} disabled={locked} onChoose={state.chooseCrs} />
      <FileField kind={state.kind} file={state.file} error={state.fileError} disabled={locked} onFile={state.chooseFile} />
      {state.datumAsked && <Towgs84Field value={state.towgs84} disabled={locked} onChange={state.chooseTowgs84} />}
      {isWorkbook(state.file) && <SheetField value={state.sheet} disabled={locked} onChange={state.chooseSheet} />}
      <ColumnsHelp kind={state.kind} />

      <div className="form-actions import-actions">
        {busy ? (
          // A commit cannot be called back once sent: the server may already have applied it.
          busy.mode === 'dry-run' && (
            <button type="button" className="secondary-button" onClick={state.cancel}>
              {t('cancel')}
            </button>
          )
        ) : (
          <button type="button" className={report ? 'secondary-button' : 'primary-button'} onClick={() => state.run('dry-run')}>
            {report ? t('dryRunAgain') : t('dryRun')}
          </button>
        )}
      </div>

      {busy && <ImportProgress busy={busy} />}
      {state.error && <ImportErrorNote error={state.error} />}
      {report && (
        <DryRunReport report={report} busy={locked} headingRef={state.reportHeadingRef} onCommit={() => state.run('commit')} />
      )}
    </section>
  );
}
