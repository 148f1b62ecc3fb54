// Live availability over the SignalR hub (SPEC §5): the page calls Subscribe(serviceId) and hears
// `availabilityChanged {serviceId, staffId, start, end}` whenever what that service offers may have
// changed. The connection's tenant is the page's, from its Host (the subdomain).
//
// The hub is optional for the page: where it is missing or down, live updates are simply off (no error
// is shown; the caller falls back to refreshing on its own), and connecting is retried a few times, more
// and more rarely. The SignalR client is loaded on first use, so it is not in the first page's bundle.
import { useEffect, useRef, useState } from 'react';
import type { HubConnection } from '@microsoft/signalr';
import type { AvailabilityChanged } from '../api/types';
import { tenantHeaders } from '../api/http';

export type LiveStatus = 'connecting' | 'live' | 'off';
type Listener = (event: AvailabilityChanged) => void;

export const HUB_PATH = '/hubs/availability';
const RETRY_DELAYS_MS = [30_000, 120_000, 600_000];

class LiveAvailability {
  private connection: HubConnection | undefined;
  private starting = false;
  private attempts = 0;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly listeners = new Map<string, Set<Listener>>();
  private readonly subscribed = new Set<string>();
  private readonly statusListeners = new Set<(s: LiveStatus) => void>();
  status: LiveStatus = 'off';

  subscribe(serviceId: string, listener: Listener): () => void {
    let set = this.listeners.get(serviceId);
    if (!set) {
      set = new Set();
      this.listeners.set(serviceId, set);
    }
    set.add(listener);
    if (this.status === 'live') void this.join(serviceId);
    else void this.start();
    return () => {
      set.delete(listener);
    };
  }

  onStatus(listener: (s: LiveStatus) => void): () => void {
    this.statusListeners.add(listener);
    return () => this.statusListeners.delete(listener);
  }

  private setStatus(status: LiveStatus) {
    if (this.status === status) return;
    this.status = status;
    for (const l of this.statusListeners) l(status);
  }

  private async start(): Promise<void> {
    if (this.starting || this.status === 'live' || this.retryTimer) return;
    this.starting = true;
    this.setStatus('connecting');
    try {
      const connection = await this.build();
      await connection.start();
      this.attempts = 0;
      this.subscribed.clear();
      this.setStatus('live');
      await Promise.all([...this.listeners.keys()].map((id) => this.join(id)));
    } catch (e) {
      quiet('live updates are off', e);
      this.setStatus('off');
      this.scheduleRetry();
    } finally {
      this.starting = false;
    }
  }

  private scheduleRetry() {
    const delay = RETRY_DELAYS_MS[this.attempts++];
    if (delay === undefined) return; // gave up: the page refreshes times on its own
    this.retryTimer = setTimeout(() => {
      this.retryTimer = undefined;
      void this.start();
    }, delay);
  }

  private async join(serviceId: string) {
    if (this.subscribed.has(serviceId) || !this.connection) return;
    this.subscribed.add(serviceId);
    try {
      await this.connection.invoke('Subscribe', serviceId);
    } catch (e) {
      this.subscribed.delete(serviceId);
      quiet(`could not subscribe to ${serviceId}`, e);
    }
  }

  private async build(): Promise<HubConnection> {
    if (this.connection) return this.connection;
    const signalR = await import('@microsoft/signalr');
    const connection = new signalR.HubConnectionBuilder()
      .withUrl(HUB_PATH, { headers: tenantHeaders() })
      .withAutomaticReconnect()
      .configureLogging({ log: (level, message) => level >= signalR.LogLevel.Warning && quiet(message) })
      .build();
    connection.on('availabilityChanged', (event: AvailabilityChanged) => {
      for (const l of this.listeners.get(event?.serviceId) ?? []) l(event);
    });
    connection.onreconnecting(() => this.setStatus('connecting'));
    connection.onreconnected(() => {
      this.subscribed.clear();
      this.setStatus('live');
      void Promise.all([...this.listeners.keys()].map((id) => this.join(id)));
    });
    connection.onclose(() => {
      this.setStatus('off');
      this.scheduleRetry();
    });
    this.connection = connection;
    return connection;
  }
}

// Missing live updates are not the customer's problem: note them for developers only.
function quiet(message: string, error?: unknown) {
  console.debug(`[live] ${message}`, error ?? '');
}

let shared: LiveAvailability | undefined;
const live = () => (shared ??= new LiveAvailability());

/**
 * Calls onChange for every `availabilityChanged` of a service while mounted, and tells whether live
 * updates are on.
 */
export function useLiveAvailability(serviceId: string | null | undefined, onChange: Listener): LiveStatus {
  const [status, setStatus] = useState<LiveStatus>(() => live().status);
  const handler = useRef(onChange);
  handler.current = onChange;
  useEffect(() => live().onStatus(setStatus), []);
  useEffect(() => {
    if (!serviceId) return;
    return live().subscribe(serviceId, (e) => handler.current(e));
  }, [serviceId]);
  return status;
}
