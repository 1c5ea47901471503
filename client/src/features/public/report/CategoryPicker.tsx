import { useQuery } from '@tanstack/react-query';
import { useId } from 'react';
import { getReportCategories } from '../../../api/getReportCategories';
import { useT } from '../../../i18n/useT';
import { toApiError } from '../../../ui/useDistrictData';
import { reportText } from './strings';

export const CATEGORIES_KEY = ['report-categories'] as const;

interface Props {
  value: string | null;
  onChange: (id: string) => void;
}

/** 问题类型 as large tiles (radio buttons: arrow keys move between them), with their promised days. */
export function CategoryPicker({ value, onChange }: Props) {
  const { t } = useT(reportText);
  const legendId = useId();
  const name = useId();
  const query = useQuery({ queryKey: CATEGORIES_KEY, queryFn: ({ signal }) => getReportCategories(signal), staleTime: 10 * 60_000 });

  return (
    <fieldset className="report-fieldset" aria-labelledby={legendId}>
      <legend id={legendId} className="report-legend">
        {t('categoryLegend')}
      </legend>
      {query.isPending && <p className="finder-note">{t('categoriesLoading')}</p>}
      {query.isError && (
        <div className="report-error" role="alert">
          <p>{t('categoriesError', { message: toApiError(query.error).message })}</p>
          <button type="button" className="finder-secondary" onClick={() => void query.refetch()}>
            {t('retry')}
          </button>
        </div>
      )}
      {query.data && (
        <div className="report-categories">
          {query.data.map((category) => (
            <label key={category.id} className="report-category" data-category={category.id}>
              <input
                type="radio"
                name={name}
                value={category.id}
                checked={value === category.id}
                onChange={() => onChange(category.id)}
              />
              <span className="report-category-name">{category.name}</span>
              <span className="report-category-days">{t('categoryAccept', { days: category.acceptDays })}</span>
              <span className="report-category-days">{t('categoryClose', { days: category.closeDays })}</span>
            </label>
          ))}
        </div>
      )}
    </fieldset>
  );
}
