import { useQuery } from '@tanstack/react-query';
import { useEffect, useId, useState, type KeyboardEvent } from 'react';
import { queryRoot } from '../../api/queryClient';
import { searchPlaces, type SearchResult } from '../../api/searchPlaces';
import { useT } from '../../i18n/useT';
import { publicText } from './strings';

/** Wait for a pause in typing before asking the server. */
const DEBOUNCE_MS = 250;
const LIMIT = 8;
/** The server refuses longer queries. */
const MAX_LENGTH = 50;

/** The text typed, once typing pauses; an emptied box at once. */
function useSettledQuery(query: string): string {
  const q = query.trim();
  const [settled, setSettled] = useState(q);
  useEffect(() => {
    if (q === '') {
      setSettled('');
      return;
    }
    const timer = window.setTimeout(() => setSettled(q), DEBOUNCE_MS);
    return () => window.clearTimeout(timer);
  }, [q]);
  return settled;
}

interface Props {
  onChoose: (result: SearchResult) => void;
}

/**
 * For people who type instead of sharing their location: a combobox (WAI-ARIA pattern) over
 * /api/search. Arrow keys move through the options, Enter chooses, Escape closes.
 */
export function SearchBox({ onChoose }: Props) {
  const { t } = useT(publicText);
  const [query, setQuery] = useState('');
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const inputId = useId();
  const listId = useId();
  const hintId = useId();
  const optionId = (i: number) => `${listId}-option-${i}`;

  const q = useSettledQuery(query);
  const search = useQuery({
    queryKey: [queryRoot.places, q, LIMIT],
    queryFn: ({ signal }) => searchPlaces(q, { limit: LIMIT }, signal),
    enabled: q !== '',
  });
  const found = search.data?.results;
  // New results: nothing is chosen among them yet.
  useEffect(() => setActive(-1), [found]);

  const results = found ?? [];
  const listOpen = open && results.length > 0;

  const choose = (result: SearchResult) => {
    setOpen(false);
    setActive(-1);
    setQuery(result.name);
    onChoose(result);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      if (results.length === 0) return;
      event.preventDefault();
      setOpen(true);
      const step = event.key === 'ArrowDown' ? 1 : -1;
      setActive((i) => (i + step + results.length) % results.length);
    } else if (event.key === 'Enter') {
      const chosen = results[active] ?? (open ? results[0] : undefined);
      if (chosen) {
        event.preventDefault();
        choose(chosen);
      }
    } else if (event.key === 'Escape') {
      if (listOpen) {
        event.preventDefault();
        // The map's details panel also closes on Escape; closing the list is enough here.
        event.stopPropagation();
        setOpen(false);
        setActive(-1);
      }
    }
  };

  let status = '';
  if (search.isError) status = t('searchError', { message: search.error.message });
  else if (q !== '' && !found) status = t('searching');
  else if (found) status = found.length === 0 ? t('searchNone', { q }) : t('searchCount', { count: found.length });
  const statusVisible = search.isError || (found !== undefined && found.length === 0 && open);

  return (
    <div className="finder-search" role="search">
      <label htmlFor={inputId} className="finder-label">
        {t('searchLabel')}
      </label>
      <input
        id={inputId}
        className="finder-search-input"
        type="search"
        role="combobox"
        autoComplete="off"
        enterKeyHint="search"
        maxLength={MAX_LENGTH}
        placeholder={t('searchPlaceholder')}
        value={query}
        aria-expanded={listOpen}
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={listOpen && active >= 0 ? optionId(active) : undefined}
        aria-describedby={hintId}
        onChange={(event) => {
          setQuery(event.target.value);
          setOpen(true);
        }}
        onFocus={() => setOpen(true)}
        onBlur={() => setOpen(false)}
        onKeyDown={onKeyDown}
      />
      <p id={hintId} className="finder-sr-only">
        {t('searchHint')}
      </p>
      <ul id={listId} role="listbox" aria-label={t('searchLabel')} className="finder-search-list" hidden={!listOpen}>
        {results.map((result, i) => (
          <li
            key={`${result.type}-${result.id}`}
            id={optionId(i)}
            role="option"
            aria-selected={i === active}
            className="finder-search-option"
            // Keeps focus in the input so the list does not close before the click lands.
            onMouseDown={(event) => event.preventDefault()}
            onClick={() => choose(result)}
          >
            <span className="finder-search-type">{t(`type.${result.type}`)}</span>
            <span className="finder-search-name">{result.name}</span>
            {result.context && <span className="finder-search-context">{result.context}</span>}
          </li>
        ))}
      </ul>
      <p className={statusVisible ? 'finder-search-status' : 'finder-sr-only'} role="status" aria-live="polite">
        {status}
      </p>
    </div>
  );
}
