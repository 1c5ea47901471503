import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import type { ApiError } from '../../api/http';
import { importFile, type ImportProgress } from '../../api/importFile';
import { isImportReport, type ImportCrs, type ImportKind, type ImportMode, type ImportReport } from '../../api/importTypes';
import { invalidateStoredData } from '../../api/queryClient';
import { useT } from '../../i18n/useT';
import { fileProblem, toApiError } from './importOutcome';
import { dataText } from './strings';

export type Busy = { mode: ImportMode } & ImportProgress;

/**
 * One import from choice to result: what, in which coordinates, which file, then the dry run's
 * report and the commit's result. Anything that changes the input drops an earlier report.
 */
export function useImport(firstKind: ImportKind) {
  const { t } = useT(dataText);
  const queryClient = useQueryClient();
  const [kind, setKind] = useState<ImportKind>(firstKind);
  const [crs, setCrs] = useState<ImportCrs>('wgs84');
  const [towgs84, setTowgs84] = useState('');
  /** The server said the file's datum needs 7 parameters: the field for them stays on screen. */
  const [datumAsked, setDatumAsked] = useState(false);
  const [sheet, setSheet] = useState('');
  const [file, setFile] = useState<File | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  const [report, setReport] = useState<ImportReport | null>(null);
  const [result, setResult] = useState<ImportReport | null>(null);
  const [busy, setBusy] = useState<Busy | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const abortRef = useRef<AbortController | null>(null);
  const focus = useFocusOnArrival(report, result);

  useEffect(() => () => abortRef.current?.abort(), []);

  /** Anything that changes the input makes an earlier report meaningless. */
  const resetOutcome = () => {
    abortRef.current?.abort();
    setReport(null);
    setResult(null);
    setError(null);
  };

  const chooseKind = (next: ImportKind) => {
    setKind(next);
    resetOutcome();
    setFileError(fileProblem(next, file, t));
  };

  const chooseCrs = (next: ImportCrs) => {
    setCrs(next);
    resetOutcome();
  };

  const chooseTowgs84 = (next: string) => {
    setTowgs84(next);
    resetOutcome();
  };

  const chooseSheet = (next: string) => {
    setSheet(next);
    resetOutcome();
  };

  const chooseFile = (next: File | null) => {
    resetOutcome();
    setDatumAsked(false);
    setTowgs84('');
    setFile(next);
    setFileError(fileProblem(kind, next, t));
  };

  const answered = (mode: ImportMode, answer: ImportReport) => {
    setBusy(null);
    if (mode === 'dry-run') {
      focus.next.current = 'report';
      setReport(answer);
      return;
    }
    focus.next.current = 'done';
    setReport(null);
    setResult(answer);
    // The map, the coverage numbers and every other view of stored data ask again.
    if (answer.committed) void invalidateStoredData(queryClient);
  };

  const refused = (mode: ImportMode, err: unknown) => {
    setBusy(null);
    const apiError = toApiError(err);
    // A commit refused for problems carries the fresh report: show it in place of the old one.
    if (apiError.code === 'IMPORT_HAS_PROBLEMS' && isImportReport(apiError.details)) setReport(apiError.details);
    // Any other failed commit may or may not have been applied: only a new 预检 can tell.
    else if (mode === 'commit') setReport(null);
    if (apiError.code === 'DATUM_SHIFT_UNKNOWN') setDatumAsked(true);
    setError(apiError);
  };

  const run = (mode: ImportMode) => {
    if (!file) {
      setFileError(t('noFile'));
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
    const onProgress = (progress: ImportProgress) => {
      if (!abort.signal.aborted) setBusy({ mode, ...progress });
    };
    const options = { fileName: file.name, crs, mode, towgs84, ...(isWorkbook(file) ? { sheet } : {}) };
    importFile(kind, file, options, onProgress, abort.signal).then(
      (answer) => {
        if (!abort.signal.aborted) answered(mode, answer);
      },
      (err: unknown) => {
        if (!abort.signal.aborted) refused(mode, err);
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

  return {
    kind,
    crs,
    towgs84,
    datumAsked,
    sheet,
    file,
    fileError,
    report,
    result,
    busy,
    error,
    reportHeadingRef: focus.reportHeadingRef,
    doneRef: focus.doneRef,
    chooseKind,
    chooseCrs,
    chooseTowgs84,
    chooseSheet,
    chooseFile,
    run,
    cancel,
    startOver,
  };
}

/** Only an Excel workbook has sheets to choose from. */
export const isWorkbook = (file: File | null) => file !== null && file.name.toLowerCase().endsWith('.xlsx');

export type ImportState = ReturnType<typeof useImport>;

/**
 * A new report or result takes the focus once it is on screen, so keyboard and screen-reader
 * users land on what the server said.
 */
function useFocusOnArrival(report: ImportReport | null, result: ImportReport | null) {
  const reportHeadingRef = useRef<HTMLHeadingElement>(null);
  const doneRef = useRef<HTMLHeadingElement>(null);
  const next = useRef<'report' | 'done' | null>(null);
  useEffect(() => {
    if (next.current === 'report' && report) reportHeadingRef.current?.focus();
    if (next.current === 'done' && result) doneRef.current?.focus();
    next.current = null;
  }, [report, result]);
  return { reportHeadingRef, doneRef, next };
}
