import { useEffect, useState } from 'react';
import { getTenant } from '../api/public';
import { tokenFromFragment } from '../lib/accountLinks';

/**
 * The token of the page's link (`#token=…`), read once; the fragment is then taken out of the address so
 * that it stays out of the history and off the screen.
 */
export function useLinkToken(): string | null {
  const [token] = useState(() => tokenFromFragment(window.location.hash));
  useEffect(() => {
    if (window.location.hash) window.history.replaceState(null, '', window.location.pathname + window.location.search);
  }, []);
  return token;
}

/** The business's name for the header and title ('' when it cannot be loaded). */
export function useTenantName(title: string): string | null {
  const [name, setName] = useState<string | null>(null);
  useEffect(() => {
    getTenant()
      .then((t) => {
        setName(t.name);
        document.title = `${title} · ${t.name}`;
      })
      .catch(() => setName(''));
  }, [title]);
  return name;
}
