import { useId, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { t, tn, type MessageKey } from '../i18n';
import { detectTimeZone, zoneLabel } from '../lib/time';
import { locale } from '../lib/prefs';
import { canonicalZone, matchesZone, zoneGroups, zoneOption, type ZoneOption } from '../lib/zones';

/**
 * "Times are shown in …", with a way to switch zone: a searchable list (WAI-ARIA combobox with a listbox) of
 * canonical zone names with their current offsets, grouped by region, the browser's own zone first.
 */
export function TimeZonePicker({ zone, onChange, at }: { zone: string; onChange: (zone: string) => void; at?: Date }) {
  const [open, setOpen] = useState(false);
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  const now = at ?? new Date();
  const label = zoneLabel(zone, now, locale);

  const groups = useMemo(() => {
    if (!open) return [];
    const found = zoneOption(canonicalZone(detectTimeZone()), now, locale);
    const detected = { ...found, city: found.zone.replace(/_/g, ' ').replace(/\//g, ' / ') };
    const all = zoneGroups(now, locale);
    return [{ region: t('tz.yours'), options: [detected] }, ...all.map((g) => ({ ...g, options: g.options.filter((o) => o.zone !== detected.zone) }))];
    // The list is built when opened; the instant only matters for offsets, which change twice a year at most.
  }, [open, locale]); // eslint-disable-line react-hooks/exhaustive-deps

  const shown = useMemo(
    () => groups.map((g) => ({ ...g, options: g.options.filter((o) => matchesZone(o, query)) })).filter((g) => g.options.length > 0),
    [groups, query],
  );
  const flat: ZoneOption[] = shown.flatMap((g) => g.options);
  const optionId = (i: number) => `${id}-opt-${i}`;

  function choose(o: ZoneOption) {
    onChange(o.zone);
    setOpen(false);
    setQuery('');
  }

  function onKeyDown(e: KeyboardEvent<HTMLInputElement>) {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      const next = Math.max(0, Math.min(flat.length - 1, active + (e.key === 'ArrowDown' ? 1 : -1)));
      setActive(next);
      document.getElementById(optionId(next))?.scrollIntoView({ block: 'nearest' });
    } else if (e.key === 'Enter') {
      e.preventDefault();
      const o = flat[active];
      if (o) choose(o);
    } else if (e.key === 'Escape') {
      e.preventDefault();
      setOpen(false);
      setQuery('');
    }
  }

  let index = -1;
  return (
    <div className="tz-picker">
      <p className="tz-current">
        <ZoneSentence label={label} />{' '}
        <button
          type="button"
          className="link-button"
          aria-expanded={open}
          aria-controls={`${id}-panel`}
          onClick={() => {
            setOpen((o) => !o);
            setQuery('');
            setActive(0);
            requestAnimationFrame(() => input.current?.focus());
          }}
        >
          {open ? t('tz.keep') : t('tz.change')}
        </button>
      </p>
      <div id={`${id}-panel`} hidden={!open} className="tz-panel">
        {open && (
          <>
            <label htmlFor={`${id}-search`}>{t('tz.find')}</label>
            <input
              ref={input}
              id={`${id}-search`}
              type="text"
              role="combobox"
              aria-expanded="true"
              aria-controls={`${id}-list`}
              aria-autocomplete="list"
              aria-activedescendant={flat[active] ? optionId(active) : undefined}
              aria-describedby={`${id}-hint`}
              autoComplete="off"
              placeholder={t('tz.placeholder')}
              value={query}
              onChange={(e) => {
                setQuery(e.target.value);
                setActive(0);
              }}
              onKeyDown={onKeyDown}
            />
            <p id={`${id}-hint`} className="hint" aria-live="polite">
              {flat.length === 0 ? t('tz.noMatch') : tn('tz.matches', flat.length)}
            </p>
            <div id={`${id}-list`} role="listbox" aria-label={t('tz.list')} className="tz-list">
              {shown.map((g, gi) => (
                <div key={g.region} role="group" aria-labelledby={`${id}-region-${gi}`}>
                  <div id={`${id}-region-${gi}`} role="presentation" className="tz-region">
                    {regionName(g.region)}
                  </div>
                  {g.options.map((o) => {
                    index += 1;
                    const i = index;
                    return (
                      <div
                        key={o.zone}
                        id={optionId(i)}
                        role="option"
                        aria-selected={o.zone === zone}
                        data-zone={o.zone}
                        className={`tz-option${i === active ? ' is-active' : ''}`}
                        onMouseDown={(e) => e.preventDefault()}
                        onClick={() => choose(o)}
                      >
                        <span translate="no">{o.city}</span>
                        <span className="tz-offset">
                          {o.abbreviation && `${o.abbreviation} · `}
                          {o.offset}
                        </span>
                      </div>
                    );
                  })}
                </div>
              ))}
            </div>
          </>
        )}
      </div>
    </div>
  );
}

/** "Times are shown in <strong>zone</strong>", the zone where the language puts it. */
function ZoneSentence({ label }: { label: string }) {
  const [before, after = ''] = t('tz.shownIn').split('{zone}');
  return (
    <>
      {before}
      <strong data-testid="time-zone">{label}</strong>
      {after}
    </>
  );
}

const REGIONS: Record<string, MessageKey> = {
  Africa: 'tz.region.Africa',
  America: 'tz.region.America',
  Antarctica: 'tz.region.Antarctica',
  Arctic: 'tz.region.Arctic',
  Asia: 'tz.region.Asia',
  Atlantic: 'tz.region.Atlantic',
  Australia: 'tz.region.Australia',
  Europe: 'tz.region.Europe',
  Indian: 'tz.region.Indian',
  Pacific: 'tz.region.Pacific',
  Other: 'tz.region.Other',
};

/** A region of the zone list in the chosen language (the zone ids' own word where the catalogue has none). */
function regionName(region: string): string {
  const key = REGIONS[region];
  return key ? t(key) : region;
}
