import { useCallback, useEffect, useState } from 'react';
import { api, ApiProblem } from '../../api';

// One GET the page shows, reloaded after each change the page makes.
export function useResource<T>(path: string): { data: T | null; error: string | null; reload: () => void } {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<string | null>(null);
  const reload = useCallback(() => {
    api<T>(path)
      .then((d) => {
        setData(d);
        setError(null);
      })
      .catch((e) => setError(problemText(e)));
  }, [path]);
  useEffect(reload, [reload]);
  return { data, error, reload };
}

export const problemText = (e: unknown) => (e instanceof ApiProblem ? e.message : String(e));
