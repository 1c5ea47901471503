import { useEffect, useState } from 'react';
import { isAbort } from '../../api/http';

export type Loadable<T> =
  | { status: 'idle' }
  | { status: 'loading' }
  | { status: 'error'; message: string }
  | { status: 'ready'; data: T };

/**
 * Runs `load` whenever `key` changes (null: do nothing), aborting the previous request, and
 * keeps the last result. `reload` bumps a counter to ask again after an error.
 */
export function useLoad<T>(key: string | null, load: (signal: AbortSignal) => Promise<T>): [Loadable<T>, () => void] {
  const [state, setState] = useState<Loadable<T>>({ status: 'idle' });
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    if (key === null) {
      setState({ status: 'idle' });
      return;
    }
    const controller = new AbortController();
    setState({ status: 'loading' });
    load(controller.signal).then(
      (data) => setState({ status: 'ready', data }),
      (err: unknown) => {
        if (isAbort(err) || controller.signal.aborted) return;
        setState({ status: 'error', message: err instanceof Error ? err.message : String(err) });
      },
    );
    return () => controller.abort();
    // `load` is a fresh closure every render; `key` says when it asks for something new.
  }, [key, attempt]);
  return [state, () => setAttempt((n) => n + 1)];
}
