import { useId, type InputHTMLAttributes, type Ref } from 'react';
import type { ApiError } from '../../api/http';
import type { ImportCrs, ImportKind, ImportReport } from '../../api/importTypes';
import { useT } from '../../i18n/useT';
import { useSignInPrompt } from '../../ui/SignInDialog';
import { downloadTemplate, hasTemplate } from './csvFiles';
import { FileDropZone } from './FileDropZone';
import { kindInfo, type ImportKindInfo } from './importKinds';
import { commitGate, errorText } from './importOutcome';
import { ImportPreviewMap } from './ImportPreviewMap';
import { ImportReportView } from './ImportReportView';
import { dataText, type DataKey } from './strings';

// The parts of the import form, in the order a 社区书记 fills it in.

const CRS_OPTIONS: readonly { id: ImportCrs; label: DataKey }[] = [
  { id: 'wgs84', label: 'crsWgs84' },
  { id: 'gcj02', label: 'crsGcj02' },
  { id: 'bd09', label: 'crsBd09' },
];

/** 1. 导入什么 */
export function KindChoice({
  kinds,
  kind,
  disabled,
  onChoose,
}: {
  kinds: readonly ImportKindInfo[];
  kind: ImportKind;
  disabled: boolean;
  onChoose: (kind: ImportKind) => void;
}) {
  const { t } = useT(dataText);
  return (
    <fieldset className="field-group import-kinds" disabled={disabled}>
      <legend>{t('kindLegend')}</legend>
      {kinds.map((k) => (
        <label key={k.id} className="choice">
          <input type="radio" name="import-kind" value={k.id} checked={kind === k.id} onChange={() => onChoose(k.id)} />
          <span className="choice-text">
            <span className="choice-label">{t(k.label)}</span>
            <span className="choice-hint">{t(k.hint)}</span>
          </span>
        </label>
      ))}
    </fieldset>
  );
}

/** 2. 文件中坐标的来源 */
export function CrsField({ crs, disabled, onChoose }: { crs: ImportCrs; disabled: boolean; onChoose: (crs: ImportCrs) => void }) {
  const { t } = useT(dataText);
  const ids = { crs: useId(), hint: useId() };
  return (
    <div className="field">
      <label htmlFor={ids.crs}>{t('crsLabel')}</label>
      <select
        id={ids.crs}
        name="crs"
        value={crs}
        disabled={disabled}
        aria-describedby={ids.hint}
        onChange={(e) => onChoose(e.target.value as ImportCrs)}
      >
        {CRS_OPTIONS.map((c) => (
          <option key={c.id} value={c.id}>
            {t(c.label)}
          </option>
        ))}
      </select>
      <p id={ids.hint} className="field-hint">
        {t('crsHint')}
      </p>
    </div>
  );
}

/** 3. 选择文件 */
export function FileField({
  kind,
  file,
  error,
  disabled,
  onFile,
}: {
  kind: ImportKind;
  file: File | null;
  error: string | null;
  disabled: boolean;
  onFile: (file: File | null) => void;
}) {
  const { t } = useT(dataText);
  const ids = { label: useId(), formats: useId() };
  const info = kindInfo(kind);
  return (
    <div className="field">
      <span className="field-label" id={ids.label}>
        {t('fileLabel')}
      </span>
      <FileDropZone
        file={file}
        onFile={onFile}
        accept={info.extensions.join(',')}
        disabled={disabled}
        describedBy={`${ids.label} ${ids.formats}`}
        error={error}
      />
      <p id={ids.formats} className="field-hint">
        {t('formats', { formats: info.formats })}
      </p>
    </div>
  );
}

interface OptionFieldProps {
  value: string;
  disabled: boolean;
  onChange: (value: string) => void;
}

/** 七参数, asked for once the server says the Shapefile's datum (Beijing 1954, Xian 1980…) needs them. */
export function Towgs84Field(props: OptionFieldProps) {
  const { t } = useT(dataText);
  return (
    <OptionField
      {...props}
      name="towgs84"
      className="field towgs84-field"
      label={t('towgs84Label')}
      hint={t('towgs84Hint')}
      input={{ inputMode: 'decimal', autoComplete: 'off', spellCheck: false, placeholder: t('towgs84Placeholder') }}
    />
  );
}

/** Which sheet of an Excel workbook to read; empty lets the server take the first of the kind. */
export function SheetField(props: OptionFieldProps) {
  const { t } = useT(dataText);
  return <OptionField {...props} name="sheet" className="field" label={t('sheetLabel')} hint={t('sheetHint')} input={{ maxLength: 100 }} />;
}

/** A labelled one-line text option of the import, with its hint under it. */
function OptionField({
  value,
  disabled,
  onChange,
  name,
  className,
  label,
  hint,
  input,
}: OptionFieldProps & { name: string; className: string; label: string; hint: string; input: InputHTMLAttributes<HTMLInputElement> }) {
  const ids = { input: useId(), hint: useId() };
  return (
    <div className={className}>
      <label htmlFor={ids.input}>{label}</label>
      <input
        {...input}
        id={ids.input}
        name={name}
        type="text"
        value={value}
        disabled={disabled}
        aria-describedby={ids.hint}
        onChange={(e) => onChange(e.target.value)}
      />
      <p id={ids.hint} className="field-hint">
        {hint}
      </p>
    </div>
  );
}

/** 文件应包含的列, with a template for the kinds read from a table. */
export function ColumnsHelp({ kind }: { kind: ImportKind }) {
  const { t } = useT(dataText);
  const id = useId();
  return (
    <details className="import-columns">
      <summary>{t('columnsHeading')}</summary>
      <p id={id}>{t(kindInfo(kind).columns)}</p>
      {hasTemplate(kind) && (
        <>
          <button type="button" className="secondary-button small-button" onClick={() => downloadTemplate(kind)}>
            {t('template')}
          </button>
          <p className="field-hint">{t('templateHint')}</p>
        </>
      )}
    </details>
  );
}

/** What went wrong, with a way back in when the session has expired. */
export function ImportErrorNote({ error }: { error: ApiError }) {
  const { t } = useT(dataText);
  const promptSignIn = useSignInPrompt();
  return (
    <div className="form-error import-error" role="alert" data-code={error.code} data-status={error.status}>
      {errorText(error, t)}
      {error.status === 401 && (
        <>
          {' '}
          <button type="button" className="link-button" onClick={(e) => promptSignIn(e.currentTarget)}>
            {t('errSignIn')}
          </button>
        </>
      )}
    </div>
  );
}

/** The dry run's report and 确认导入, which only a report without problems and with changes allows. */
export function DryRunReport({
  report,
  busy,
  headingRef,
  onCommit,
}: {
  report: ImportReport;
  busy: boolean;
  headingRef: Ref<HTMLHeadingElement>;
  onCommit: () => void;
}) {
  const { t } = useT(dataText);
  const gateId = useId();
  const gate = commitGate(report);
  const canCommit = gate.key === 'ready' && !busy;
  return (
    <>
      <ImportReportView report={report} headingRef={headingRef} />
      <ImportPreviewMap report={report} />
      <div className="import-commit">
        <p id={gateId} className={gate.key === 'ready' ? 'form-notice' : 'import-blocked'} data-gate={gate.key}>
          {t(gate.key, gate.vars)}
        </p>
        <div className="form-actions">
          <button type="button" className="primary-button" disabled={!canCommit} aria-describedby={gateId} onClick={onCommit}>
            {t('commit')}
          </button>
        </div>
      </div>
    </>
  );
}
