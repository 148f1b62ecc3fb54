// Live bookings for the admin console (SPEC §5): the hub sends `bookingChanged {bookingId, status}` to a
// tenant's owners and admins for every booking made, cancelled or moved, and to staff for their own. The
// week view refetches on it, so what others book appears without a reload.
//
// A connection of its own (the customer pages' one is anonymous), signed in with the session's access token,
// refreshed when it is about to expire. Like customer live updates it is optional: where the hub is missing
// or down the page works as before and says nothing.
import { useEffect, useRef, useState } from 'react';
import type { HubConnection } from '@microsoft/signalr';
import { tenantHeaders } from '../api/http';
import { HUB_PATH, type LiveStatus } from '../lib/live';
import { freshAccessToken } from './session';

export interface BookingChanged {
  bookingId: string;
  status: string;
}

/** Calls onChange (at most every 250 ms) for every `bookingChanged` while mounted, and tells whether live updates are on. */
export function useLiveBookings(onChange: (event: BookingChanged) => void): LiveStatus {
  const [status, setStatus] = useState<LiveStatus>('connecting');
  const handler = useRef(onChange);
  handler.current = onChange;

  useEffect(() => {
    let stopped = false;
    let connection: HubConnection | undefined;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let last: BookingChanged | undefined;
    const notify = (event: BookingChanged) => {
      last = event;
      timer ??= setTimeout(() => {
        timer = undefined;
        if (!stopped && last) handler.current(last);
      }, 250);
    };

    void (async () => {
      try {
        const signalR = await import('@microsoft/signalr');
        connection = new signalR.HubConnectionBuilder()
          .withUrl(HUB_PATH, { headers: tenantHeaders(), accessTokenFactory: async () => (await freshAccessToken()) ?? '' })
          .withAutomaticReconnect()
          .configureLogging({ log: (level, message) => level >= signalR.LogLevel.Warning && console.debug(`[live bookings] ${message}`) })
          .build();
        connection.on('bookingChanged', notify);
        connection.onreconnecting(() => !stopped && setStatus('connecting'));
        connection.onreconnected(() => {
          if (stopped) return;
          setStatus('live');
          handler.current({ bookingId: '', status: 'reconnected' }); // events may have been missed meanwhile
        });
        connection.onclose(() => !stopped && setStatus('off'));
        if (stopped) return;
        await connection.start();
        if (stopped) await connection.stop();
        else setStatus('live');
      } catch (e) {
        console.debug('[live bookings] off', e);
        if (!stopped) setStatus('off');
      }
    })();

    return () => {
      stopped = true;
      if (timer) clearTimeout(timer);
      void connection?.stop();
    };
  }, []);

  return status;
}
