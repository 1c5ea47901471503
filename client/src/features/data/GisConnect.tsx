import { useEffect, useState } from 'react';
import { labelled } from '../../i18n/join';
import { useT } from '../../i18n/useT';
import { dataText } from './strings';

/** Where GIS software and web maps connect without files: OGC API – Features, the vector tiles and their TileJSON. */
export function GisConnect() {
  const { t } = useT(dataText);
  const origin = window.location.origin;
  return (
    <details className="gis-connect">
      <summary>{t('gisHeading')}</summary>
      <p>{t('gisIntro')}</p>
      <CopyableUrl label={t('gisOgc')} url={`${origin}/ogc`} />
      <p className="field-hint">{t('gisOgcSteps')}</p>
      <CopyableUrl label={t('gisTiles')} url={`${origin}/tiles/{layer}/{z}/{x}/{y}.mvt`} />
      <p className="field-hint">{t('gisTilesNote')}</p>
      <CopyableUrl label={t('gisTileJson')} url={`${origin}/tiles/grids.json`} />
      <p className="field-hint">{t('gisTileJsonNote')}</p>
    </details>
  );
}

function CopyableUrl({ label, url }: { label: string; url: string }) {
  const { t, lang } = useT(dataText);
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
        <button type="button" className="secondary-button small-button" onClick={copy} aria-label={labelled(lang, t('copy'), label)}>
          {copied ? t('copied') : t('copy')}
        </button>
      </div>
    </div>
  );
}
