import { useId, useMemo, useState } from 'react';
import { supportedTimeZones, zoneLabel } from '../lib/time';
import { locale } from '../lib/prefs';

/** "Times are shown in …", with a way to switch zone. */
export function TimeZonePicker({ zone, onChange, at }: { zone: string; onChange: (zone: string) => void; at?: Date }) {
  const [open, setOpen] = useState(false);
  const id = useId();
  const zones = useMemo(() => (open ? supportedTimeZones() : []), [open]);
  const label = zoneLabel(zone, at ?? new Date(), locale);
  return (
    <div className="tz-picker">
      <p className="tz-current">
        Times are shown in <strong data-testid="time-zone">{label}</strong>{' '}
        <button type="button" className="link-button" aria-expanded={open} aria-controls={id} onClick={() => setOpen((o) => !o)}>
          {open ? 'Done' : 'Change time zone'}
        </button>
      </p>
      <div id={id} hidden={!open}>
        {open && (
          <>
            <label htmlFor={`${id}-select`}>Time zone</label>
            <select id={`${id}-select`} value={zone} onChange={(e) => onChange(e.target.value)}>
              {(zones.includes(zone) ? zones : [zone, ...zones]).map((z) => (
                <option key={z} value={z}>
                  {z.replace(/_/g, ' ')}
                </option>
              ))}
            </select>
          </>
        )}
      </div>
    </div>
  );
}
