import { useEffect, useId, useState, type KeyboardEvent } from 'react';
import { isAbort } from '../../api/http';
import { searchPlaces, type SearchResult } from '../../api/searchPlaces';
import { fill, usePublicStrings } from './strings';

/** Wait for a pause in typing before asking the server. */
const DEBOUNCE_MS = 250;
const LIMIT = 8;
/** The server refuses longer queries. */
const MAX_LENGTH = 50;

type SearchState =
  | { status: 'idle' }
  | { status: 'loading' }
  | { status: 'ready'; q: string; results: SearchResult[] }
  | { status: 'error'; message: string };

interface Props {
  onChoose: (result: SearchResult) => void;
}

/**
 * For people who type instead of sharing their location: a combobox (WAI-ARIA pattern) over
 * /api/search. Arrow keys move through the options, Enter chooses, Escape closes.
 */
export function SearchBox({ onChoose }: Props) {
  const { s } = usePublicStrings();
  const [query, setQuery] = useState('');
  const [state, setState] = useState<SearchState>({ status: 'idle' });
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const inputId = useId();
  const listId = useId();
  const hintId = useId();
  const optionId = (i: number) => `${listId}-option-${i}`;

  useEffect(() => {
    const q = query.trim();
    if (q === '') {
      setState({ status: 'idle' });
      return;
    }
    const abort = new AbortController();
    const timer = window.setTimeout(() => {
      setState({ status: 'loading' });
      searchPlaces(q, { limit: LIMIT }, abort.signal)
        .then((body) => {
          setState({ status: 'ready', q, results: body.results });
          setActive(-1);
        })
        .catch((err: unknown) => {
          if (abort.signal.aborted || isAbort(err)) return;
          setState({ status: 'error', message: err instanceof Error ? err.message : String(err) });
        });
    }, DEBOUNCE_MS);
    return () => {
      window.clearTimeout(timer);
      abort.abort();
    };
  }, [query]);

  const results = state.status === 'ready' ? state.results : [];
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
  if (state.status === 'loading') status = s.searching;
  else if (state.status === 'ready') status = state.results.length === 0 ? fill(s.searchNone, { q: state.q }) : fill(s.searchCount, { count: state.results.length });
  else if (state.status === 'error') status = fill(s.searchError, { message: state.message });
  const statusVisible = state.status === 'error' || (state.status === 'ready' && state.results.length === 0 && open);

  return (
    <div className="finder-search" role="search">
      <label htmlFor={inputId} className="finder-label">
        {s.searchLabel}
      </label>
      <input
        id={inputId}
        className="finder-search-input"
        type="search"
        role="combobox"
        autoComplete="off"
        enterKeyHint="search"
        maxLength={MAX_LENGTH}
        placeholder={s.searchPlaceholder}
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
        {s.searchHint}
      </p>
      <ul id={listId} role="listbox" aria-label={s.searchLabel} className="finder-search-list" hidden={!listOpen}>
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
            <span className="finder-search-type">{s[`type.${result.type}`]}</span>
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
