import { useI18n } from '../../i18n/I18nProvider';

/** 找服务站: the landing page for residents. The nearest-station search arrives in a later issue. */
export function PublicPage() {
  const { t } = useI18n();
  return (
    <div className="workspace-panel-content">
      <h1>{t('public.title')}</h1>
      <p>{t('public.intro')}</p>
      <h2>{t('public.howTo')}</h2>
      <ol className="how-to">
        <li>{t('public.step1')}</li>
        <li>{t('public.step2')}</li>
        <li>{t('public.step3')}</li>
        <li>{t('public.step4')}</li>
      </ol>
    </div>
  );
}
