import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useId, useRef, useState } from 'react';
import { ApiError } from '../../api/http';
import { importFile, type ImportProgress } from '../../api/importFile';
import { invalidateStoredData } from '../../api/queryClient';
import {
  MAX_IMPORT_BYTES,
  isImportReport,
  type ImportCrs,
  type ImportKind,
  type ImportMode,
  type ImportReport,
} from '../../api/importTypes';
import type { SessionUser } from '../../api/session';
import { followLink } from '../../ui/route';
import { useSignInPrompt } from '../../ui/SignInDialog';
import { downloadTemplate, hasTemplate } from './csvFiles';
import { FileDropZone } from './FileDropZone';
import { ImportReportView } from './ImportReportView';
import { IMPORT_KINDS, acceptsFile, extensionHint, formatSize, kindInfo } from './importKinds';
import { useDataStrings, type DataStringKey, type DataT } from './strings';

const CRS_OPTIONS: readonly { id: ImportCrs; label: DataStringKey }[] = [
  { id: 'wgs84', label: 'crsWgs84' },
  { id: 'gcj02', label: 'crsGcj02' },
  { id: 'bd09', label: 'crsBd09' },
];

type Busy = { mode: ImportMode } & ImportProgress;

function toApiError(err: unknown): ApiError {
  if (err instanceof ApiError) return err;
  return new ApiError(0, 'CLIENT_ERROR', err instanceof Error ? err.message : String(err));
}

/** The server's refusal in words a 社区书记 can act on; the server's own message stays in it. */
function errorText(err: ApiError, dt: DataT): string {
  const message = err.message;
  if (err.status === 401) return dt('errSignedOut');
  if (err.status === 403) return dt('errForbidden', { message });
  if (err.status === 413 || err.code === 'FILE_TOO_LARGE' || err.code === 'TOO_MANY_ROWS') return dt('errTooLarge', { message });
  if (err.code === 'IMPORT_HAS_PROBLEMS') return dt('errHasProblems', { message });
  if (err.code === 'UNREADABLE_FILE') return dt('errUnreadable', { message });
  if (err.status === 415 || err.code === 'UNSUPPORTED_FORMAT') return dt('errUnsupported', { message });
  if (err.code === 'NETWORK_ERROR') return dt('errNetwork');
  return dt('errOther', { code: err.code, message });
}

/**
 * 导入: choose what and the coordinate system, pick a file, 预检 (nothing saved), read the
 * report, then 确认导入. The server checks everything again on commit and refuses a file with
 * problems; the page only makes the order obvious.
 */
export function ImportPanel({ user }: { user: SessionUser }) {
  const { dt } = useDataStrings();
  const promptSignIn = useSignInPrompt();
  const queryClient = useQueryClient();
  const kinds = IMPORT_KINDS.filter((k) => k.roles.includes(user.role));
  const [kind, setKind] = useState<ImportKind>(kinds[0]?.id ?? 'grids');
  const [crs, setCrs] = useState<ImportCrs>('wgs84');
  const [file, setFile] = useState<File | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  const [report, setReport] = useState<ImportReport | null>(null);
  const [result, setResult] = useState<ImportReport | null>(null);
  const [busy, setBusy] = useState<Busy | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const abortRef = useRef<AbortController | null>(null);
  const reportHeadingRef = useRef<HTMLHeadingElement>(null);
  const doneRef = useRef<HTMLHeadingElement>(null);
  const focusNext = useRef<'report' | 'done' | null>(null);
  const ids = { crs: useId(), crsHint: useId(), formats: useId(), columns: useId(), gate: useId(), file: useId() };
  const info = kindInfo(kind);

  useEffect(() => () => abortRef.current?.abort(), []);

  // A new report or result takes the focus once it is on screen, so keyboard and screen-reader
  // users land on what the server said.
  useEffect(() => {
    if (focusNext.current === 'report' && report) reportHeadingRef.current?.focus();
    if (focusNext.current === 'done' && result) doneRef.current?.focus();
    focusNext.current = null;
  }, [report, result]);

  /** Anything that changes the input makes an earlier report meaningless. */
  const resetOutcome = () => {
    abortRef.current?.abort();
    setReport(null);
    setResult(null);
    setError(null);
  };

  /** Why this file cannot be sent for this kind, checked before uploading up to 20 MB. */
  const fileProblem = (forKind: ImportKind, candidate: File | null): string | null => {
    if (!candidate) return null;
    const target = kindInfo(forKind);
    if (!acceptsFile(target, candidate.name)) {
      const hint = extensionHint(candidate.name);
      const text = dt('wrongType', { name: candidate.name, kind: dt(target.label), formats: target.formats });
      return hint ? `${text}${dt(hint)}` : text;
    }
    if (candidate.size > MAX_IMPORT_BYTES) return dt('tooLarge', { size: formatSize(candidate.size) });
    if (candidate.size === 0) return dt('emptyFile', { name: candidate.name });
    return null;
  };

  const chooseKind = (next: ImportKind) => {
    setKind(next);
    resetOutcome();
    setFileError(fileProblem(next, file));
  };

  const chooseFile = (next: File | null) => {
    resetOutcome();
    setFile(next);
    setFileError(fileProblem(kind, next));
  };

  const run = (mode: ImportMode) => {
    if (!file) {
      setFileError(dt('noFile'));
      return;
    }
    if (fileError) return;
    abortRef.current?.abort();
    const abort = new AbortController();
    abortRef.current = abort;
    setError(null);
    setResult(null);
    if (mode === 'dry-run') setReport(null);
    setBusy({ mode, phase: 'upload', percent: 0 });
    importFile(kind, file, { fileName: file.name, crs, mode }, (progress) => {
      if (!abort.signal.aborted) setBusy({ mode, ...progress });
    }, abort.signal).then(
      (answer) => {
        if (abort.signal.aborted) return;
        setBusy(null);
        if (mode === 'dry-run') {
          focusNext.current = 'report';
          setReport(answer);
        } else {
          focusNext.current = 'done';
          setReport(null);
          setResult(answer);
          if (answer.committed) void invalidateStoredData(queryClient);
        }
      },
      (err: unknown) => {
        if (abort.signal.aborted) return;
        setBusy(null);
        const apiError = toApiError(err);
        // A commit refused for problems carries the fresh report: show it in place of the old one.
        if (apiError.code === 'IMPORT_HAS_PROBLEMS' && isImportReport(apiError.details)) setReport(apiError.details);
        // Any other failed commit may or may not have been applied: only a new 预检 can tell.
        else if (mode === 'commit') setReport(null);
        setError(apiError);
      },
    );
  };

  const cancel = () => {
    abortRef.current?.abort();
    setBusy(null);
  };

  const startOver = () => {
    resetOutcome();
    setFile(null);
    setFileError(null);
  };

  if (result) {
    return (
      <section className="data-section import-panel" aria-labelledby="import-title">
        <h2 id="import-title">{dt('importHeading')}</h2>
        <div className="import-done" role="status">
          <h3 ref={doneRef} tabIndex={-1}>
            {dt('doneHeading')}
          </h3>
          <p className="import-done-text">
            {dt('doneText', { create: result.create, update: result.update, unchanged: result.unchanged })}
          </p>
          <p>
            {dt('doneAudit')}
            {user.role === 'admin' && (
              <>
                {' '}
                <a href="/admin/audit" onClick={followLink('/admin/audit')}>
                  {dt('doneAuditLink')}
                </a>
              </>
            )}
          </p>
        </div>
        <ImportReportView report={result} headingKey="resultHeading" />
        <div className="form-actions">
          <button type="button" className="primary-button" onClick={startOver}>
            {dt('doneAgain')}
          </button>
        </div>
      </section>
    );
  }

  const problems = report?.problems.length ?? 0;
  const gate: { key: DataStringKey; vars?: Record<string, number> } | null = report
    ? problems > 0
      ? { key: 'blocked', vars: { count: problems } }
      : report.total === 0
        ? { key: 'nothingToImport' }
        : report.create + report.update === 0
          ? { key: 'nothingChanged' }
          : { key: 'ready', vars: { create: report.create, update: report.update } }
    : null;
  const canCommit = gate?.key === 'ready' && !busy;

  return (
    <section className="data-section import-panel" aria-labelledby="import-title">
      <h2 id="import-title">{dt('importHeading')}</h2>
      <p className="muted">{dt('importIntro')}</p>

      <fieldset className="field-group import-kinds" disabled={busy !== null}>
        <legend>{dt('kindLegend')}</legend>
        {kinds.map((k) => (
          <label key={k.id} className="choice">
            <input type="radio" name="import-kind" value={k.id} checked={kind === k.id} onChange={() => chooseKind(k.id)} />
            <span className="choice-text">
              <span className="choice-label">{dt(k.label)}</span>
              <span className="choice-hint">{dt(k.hint)}</span>
            </span>
          </label>
        ))}
      </fieldset>

      <div className="field">
        <label htmlFor={ids.crs}>{dt('crsLabel')}</label>
        <select
          id={ids.crs}
          name="crs"
          value={crs}
          disabled={busy !== null}
          aria-describedby={ids.crsHint}
          onChange={(e) => {
            setCrs(e.target.value as ImportCrs);
            resetOutcome();
          }}
        >
          {CRS_OPTIONS.map((c) => (
            <option key={c.id} value={c.id}>
              {dt(c.label)}
            </option>
          ))}
        </select>
        <p id={ids.crsHint} className="field-hint">
          {dt('crsHint')}
        </p>
      </div>

      <div className="field">
        <span className="field-label" id={ids.file}>
          {dt('fileLabel')}
        </span>
        <FileDropZone
          file={file}
          onFile={chooseFile}
          accept={info.extensions.join(',')}
          disabled={busy !== null}
          describedBy={`${ids.file} ${ids.formats}`}
          error={fileError}
        />
        <p id={ids.formats} className="field-hint">
          {dt('formats', { formats: info.formats })}
        </p>
      </div>

      <details className="import-columns">
        <summary>{dt('columnsHeading')}</summary>
        <p id={ids.columns}>{dt(info.columns)}</p>
        {hasTemplate(kind) && (
          <>
            <button type="button" className="secondary-button small-button" onClick={() => downloadTemplate(kind)}>
              {dt('template')}
            </button>
            <p className="field-hint">{dt('templateHint')}</p>
          </>
        )}
      </details>

      <div className="form-actions import-actions">
        {busy ? (
          // A commit cannot be called back once sent: the server may already have applied it.
          busy.mode === 'dry-run' && (
            <button type="button" className="secondary-button" onClick={cancel}>
              {dt('cancel')}
            </button>
          )
        ) : (
          <button type="button" className={report ? 'secondary-button' : 'primary-button'} onClick={() => run('dry-run')}>
            {report ? dt('dryRunAgain') : dt('dryRun')}
          </button>
        )}
      </div>

      {busy && <Progress busy={busy} />}

      {error && (
        <div className="form-error import-error" role="alert" data-code={error.code} data-status={error.status}>
          {errorText(error, dt)}
          {error.status === 401 && (
            <>
              {' '}
              <button type="button" className="link-button" onClick={(e) => promptSignIn(e.currentTarget)}>
                {dt('errSignIn')}
              </button>
            </>
          )}
        </div>
      )}

      {report && (
        <>
          <ImportReportView report={report} headingRef={reportHeadingRef} />
          <div className="import-commit">
            <p id={ids.gate} className={gate?.key === 'ready' ? 'form-notice' : 'import-blocked'} data-gate={gate?.key}>
              {gate && dt(gate.key, gate.vars)}
            </p>
            <div className="form-actions">
              <button
                type="button"
                className="primary-button"
                disabled={!canCommit}
                aria-describedby={ids.gate}
                onClick={() => run('commit')}
              >
                {dt('commit')}
              </button>
            </div>
          </div>
        </>
      )}
    </section>
  );
}

function Progress({ busy }: { busy: Busy }) {
  const { dt } = useDataStrings();
  const id = useId();
  const phase = busy.phase === 'upload' ? dt('uploadingUnknown') : busy.mode === 'commit' ? dt('committing') : dt('checking');
  const text = busy.phase === 'upload' && busy.percent !== null ? dt('uploading', { percent: busy.percent }) : phase;
  return (
    <div className="import-progress" data-phase={busy.phase}>
      <label htmlFor={id}>{text}</label>
      {busy.phase === 'upload' && busy.percent !== null ? (
        <progress id={id} max={100} value={busy.percent} />
      ) : (
        <progress id={id} />
      )}
      {/* Only the phase is announced, not every percent. */}
      <span className="data-sr-only" role="status">
        {phase}
      </span>
    </div>
  );
}
