// The booking panel's series actions (docs/http-api.md, "POST /series/{id}/cancel"): cancel this occurrence, it
// and the later ones, or the whole series, after a confirmation.
import { useState } from 'react';
import { messageOf } from '../../api/http';
import type { Booking } from '../../api/types';
import { Notice } from '../../components/ui';
import { integrationsApi, type SeriesScope } from './api';
import { tx, txn, type IntegrationKey } from './messages';

const CONFIRM: Record<SeriesScope, IntegrationKey> = { one: 'series.confirmOne', following: 'series.confirmFollowing', all: 'series.confirmAll' };

export default function SeriesActions({ booking, seriesId, onChanged }: { booking: Booking; seriesId: string; onChanged: (b: Booking) => void }) {
  const [scope, setScope] = useState<SeriesScope | null>(null);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ kind: 'success' | 'error'; text: string } | null>(null);

  async function cancel(s: SeriesScope) {
    setBusy(true);
    try {
      const items = await integrationsApi.cancelSeries(seriesId, s === 'all' ? { scope: s } : { scope: s, bookingId: booking.id });
      const cancelled = items.filter((b) => b.status === 'cancelled').length;
      setMessage({ kind: 'success', text: txn('series.cancelled', cancelled) });
      setScope(null);
      const self = items.find((b) => b.id === booking.id);
      if (self) onChanged(self);
    } catch (e) {
      setMessage({ kind: 'error', text: messageOf(e) });
    } finally {
      setBusy(false);
    }
  }

  return (
    <section aria-labelledby="series-heading" className="series-actions">
      <h3 id="series-heading">{tx('series.title')}</h3>
      <p className="hint">{tx('series.lead')}</p>
      {message && <Notice kind={message.kind}>{message.text}</Notice>}
      {scope ? (
        <div className="confirm-bar" role="group" aria-labelledby="series-confirm">
          <p id="series-confirm">{tx(CONFIRM[scope])}</p>
          <button type="button" className="button button-danger" disabled={busy} onClick={() => cancel(scope)} autoFocus>
            {tx('series.yes')}
          </button>
          <button type="button" className="button" onClick={() => setScope(null)}>
            {tx('series.keep')}
          </button>
        </div>
      ) : (
        booking.status !== 'cancelled' && (
          <div className="button-row">
            <button type="button" className="button button-small" onClick={() => setScope('one')}>
              {tx('series.cancelOne')}
            </button>
            <button type="button" className="button button-small" onClick={() => setScope('following')}>
              {tx('series.cancelFollowing')}
            </button>
            <button type="button" className="button button-small button-danger" onClick={() => setScope('all')}>
              {tx('series.cancelAll')}
            </button>
          </div>
        )
      )}
    </section>
  );
}
