import { createContext, useCallback, useContext, useEffect, useState, type ReactNode } from 'react';
import { getTenant, listServices, listStaff } from './api/public';
import { ApiError, messageOf } from './api/http';
import type { Service, Staff, Tenant } from './api/types';

export interface TenantData {
  tenant: Tenant;
  services: Service[];
  staff: Staff[];
  reload: () => void;
}

type State = { status: 'loading' } | { status: 'missing' } | { status: 'error'; message: string } | ({ status: 'ready' } & TenantData);

const Context = createContext<TenantData | null>(null);

/** The tenant's public data (name, zone, policy, active services and staff), loaded once per page. */
export function useTenantData(): TenantData {
  const data = useContext(Context);
  if (!data) throw new Error('useTenantData outside TenantProvider');
  return data;
}

export function TenantProvider({ children, fallback }: { children: ReactNode; fallback: (state: Exclude<State, { status: 'ready' }>) => ReactNode }) {
  const [state, setState] = useState<State>({ status: 'loading' });
  const [version, setVersion] = useState(0);
  const reload = useCallback(() => setVersion((v) => v + 1), []);

  useEffect(() => {
    const abort = new AbortController();
    Promise.all([getTenant(abort.signal), listServices(abort.signal), listStaff(abort.signal)])
      .then(([tenant, services, staff]) => {
        document.title = tenant.name;
        setState({ status: 'ready', tenant, services, staff, reload });
      })
      .catch((e: unknown) => {
        if (abort.signal.aborted) return;
        if (e instanceof ApiError && e.code === 'tenant_not_found') setState({ status: 'missing' });
        else setState({ status: 'error', message: messageOf(e) });
      });
    return () => abort.abort();
  }, [version, reload]);

  if (state.status !== 'ready') return <>{fallback(state)}</>;
  return <Context.Provider value={state}>{children}</Context.Provider>;
}
