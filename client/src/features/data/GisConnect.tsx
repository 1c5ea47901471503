import { useEffect, useState } from 'react';
import { useDataStrings } from './strings';

/** Where GIS software connects without files: OGC API – Features and the vector tiles. */
export function GisConnect() {
  const { dt } = useDataStrings();
  const origin = window.location.origin;
  return (
    <details className="gis-connect">
      <summary>{dt('gisHeading')}</summary>
      <p>{dt('gisIntro')}</p>
      <CopyableUrl label={dt('gisOgc')} url={`${origin}/ogc`} />
      <p className="field-hint">{dt('gisOgcSteps')}</p>
      <CopyableUrl label={dt('gisTiles')} url={`${origin}/tiles/{layer}/{z}/{x}/{y}.mvt`} />
      <p className="field-hint">{dt('gisTilesNote')}</p>
    </details>
  );
}

function CopyableUrl({ label, url }: { label: string; url: string }) {
  const { dt } = useDataStrings();
  const [copied, setCopied] = useState(false);

  useEffect(() => {
    if (!copied) return;
    const timer = window.setTimeout(() => setCopied(false), 2_000);
    return () => window.clearTimeout(timer);
  }, [copied]);

  const copy = () => {
    // The clipboard API needs a secure context; on plain http the address stays selectable.
    navigator.clipboard?.writeText(url).then(
      () => setCopied(true),
      () => undefined,
    );
  };

  return (
    <div className="copy-url">
      <span className="copy-url-label">{label}</span>
      <div className="copy-url-row">
        <code className="copy-url-value">{url}</code>
        <button type="button" className="secondary-button small-button" onClick={copy} aria-label={`${dt('copy')}：${label}`}>
          {copied ? dt('copied') : dt('copy')}
        </button>
      </div>
    </div>
  );
}
