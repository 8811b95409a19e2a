import { useCallback, useEffect, useRef, useState } from 'react';
import type { ApiError } from '../../api/client.ts';
import type { Remote } from '../../store/state.ts';

/**
 * One piece of this screen's remote data, loaded on mount and again by `reload` (kept out of the shared store: only
 * this screen reads it). The last data stays shown while a reload runs; `set` takes a reply that already carries the
 * new state (Connect answers the store's state).
 */
export function useRemote<T>(
  load: () => Promise<T>,
): Remote<T> & { reload: () => Promise<void>; set: (data: T) => void } {
  const [remote, setRemote] = useState<Remote<T>>({ status: 'idle', data: null, error: null });
  const loader = useRef(load);
  loader.current = load;
  const mounted = useRef(true);

  const reload = useCallback(async () => {
    setRemote((current) => ({ ...current, status: 'loading' }));
    try {
      const data = await loader.current();
      if (mounted.current) setRemote({ status: 'ready', data, error: null });
    } catch (reason) {
      if (mounted.current) setRemote((current) => ({ ...current, status: 'error', error: reason as ApiError }));
    }
  }, []);

  const set = useCallback((data: T) => setRemote({ status: 'ready', data, error: null }), []);

  useEffect(() => {
    mounted.current = true;
    void reload();
    return () => {
      mounted.current = false;
    };
  }, [reload]);

  return { ...remote, reload, set };
}
