import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useId, useState, type FormEvent } from 'react';
import { RATINGS, type Rating, type ReportStatus } from '../../../../../server/src/contract/cases.ts';
import { rateReport } from '../../../api/rateReport';
import { useT } from '../../../i18n/useT';
import { toApiError } from '../../../ui/useDistrictData';
import { reportText } from './strings';

const COMMENT_MAX = 500;

export const reportStatusKey = (code: string) => ['reports', code.toUpperCase().replace(/-/g, '')] as const;

/** 评价办理结果: 满意 / 基本满意 / 不满意 and an optional comment, once the report is closed. */
export function RatingForm({ code }: { code: string }) {
  const { t } = useT(reportText);
  const queryClient = useQueryClient();
  const [rating, setRating] = useState<Rating | null>(null);
  const [comment, setComment] = useState('');
  const [missing, setMissing] = useState(false);
  const headingId = useId();
  const commentId = useId();
  const countId = useId();
  const name = useId();

  const mutation = useMutation({
    mutationFn: (chosen: Rating) => rateReport(code, { rating: chosen, ...(comment.trim() !== '' ? { comment: comment.trim() } : {}) }),
    onSuccess: (status: ReportStatus) => queryClient.setQueryData(reportStatusKey(code), status),
    onError: (err) => {
      // Rated meanwhile (another tab): show the status as it is now.
      if (toApiError(err).code === 'ALREADY_RATED') void queryClient.invalidateQueries({ queryKey: reportStatusKey(code) });
    },
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setMissing(rating === null);
    if (rating !== null) mutation.mutate(rating);
  };

  const error = mutation.error ? toApiError(mutation.error) : null;
  return (
    <section className="report-rating" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('ratingTitle')}</h2>
      <p>{t('ratingIntro')}</p>
      <form onSubmit={submit} noValidate>
        <fieldset className="report-rating-choices">
          <legend className="finder-sr-only">{t('ratingTitle')}</legend>
          {RATINGS.map((option) => (
            <label key={option} className="report-category report-rating-choice" data-rating={option}>
              <input
                type="radio"
                name={name}
                value={option}
                checked={rating === option}
                onChange={() => {
                  setRating(option);
                  setMissing(false);
                }}
              />
              <span className="report-category-name">{t(`rating.${option}`)}</span>
            </label>
          ))}
        </fieldset>
        <label htmlFor={commentId} className="finder-label">
          {t('ratingComment')}
        </label>
        <textarea
          id={commentId}
          className="report-textarea"
          rows={3}
          maxLength={COMMENT_MAX}
          value={comment}
          aria-describedby={countId}
          onChange={(event) => setComment(event.target.value)}
        />
        <p id={countId} className="report-count">
          {t('ratingCommentCount', { count: comment.trim().length, max: COMMENT_MAX })}
        </p>
        {(missing || error) && (
          <p className="report-error" role="alert">
            {missing
              ? t('ratingMissing')
              : error?.code === 'ALREADY_RATED'
                ? t('ratingAlready')
                : t('ratingError', { message: error?.message ?? '' })}
          </p>
        )}
        <button type="submit" className="finder-locate report-submit" disabled={mutation.isPending}>
          {mutation.isPending ? t('ratingSubmitting') : t('ratingSubmit')}
        </button>
      </form>
    </section>
  );
}
