import { useId, useState } from 'react';
import { useT } from '../../i18n/useT';
import type { CommunitiesView } from './queries';
import { plannerText } from './strings';

interface Props {
  state: CommunitiesView;
  value: string | null;
  disabled: boolean;
  onChange: (code: string) => void;
  onRetry: () => void;
}

/** The community to plan, from those in the account's region, grouped by street. */
export function CommunityPicker({ state, value, disabled, onChange, onRetry }: Props) {
  const { t } = useT(plannerText);
  const id = useId();
  const [filter, setFilter] = useState('');
  if (state.status === 'loading') {
    return (
      <p className="muted" role="status">
        {t('communityLoading')}
      </p>
    );
  }
  if (state.status === 'error') {
    return (
      <p className="planner-error" role="alert">
        {t('communityError', { message: state.error.message })}{' '}
        <button type="button" className="link-button" onClick={onRetry}>
          {t('retry')}
        </button>
      </p>
    );
  }
  // Typing part of a street's or a community's name narrows the list (a district has ~150 communities).
  const needle = filter.trim();
  const groups = needle
    ? state.groups
        .map((g) => (g.street?.properties.name.includes(needle) ? g : { ...g, communities: g.communities.filter((c) => c.properties.name.includes(needle) || c.properties.code === value) }))
        .filter((g) => g.communities.length > 0)
    : state.groups;
  return (
    <div className="planner-field planner-community">
      <label htmlFor={id}>{t('communityLabel')}</label>
      {state.communities.length > 12 && (
        <input
          type="search"
          className="planner-community-filter"
          value={filter}
          placeholder={t('communityFilter')}
          aria-label={t('communityFilter')}
          disabled={disabled}
          onChange={(e) => setFilter(e.target.value)}
        />
      )}
      <select id={id} value={value ?? ''} disabled={disabled} aria-describedby={`${id}-hint`} onChange={(e) => e.target.value && onChange(e.target.value)}>
        <option value="" disabled>
          {t('communityChoose')}
        </option>
        {groups.map((group) => (
          <optgroup key={group.street?.properties.code ?? 'other'} label={group.street?.properties.name ?? '—'}>
            {group.communities.map((c) => (
              <option key={c.properties.code} value={c.properties.code}>
                {c.properties.name}
              </option>
            ))}
          </optgroup>
        ))}
      </select>
      <p id={`${id}-hint`} className="planner-hint">
        {t('communityHint')}
      </p>
    </div>
  );
}
