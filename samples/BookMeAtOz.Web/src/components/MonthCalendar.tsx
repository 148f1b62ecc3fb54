import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { t, tn } from '../i18n';
import { addDays, addMonths, addMonthsToDate, dayOfWeek, firstDayOfWeek, formatLongDate, formatMonth, monthGrid, monthOf, weekdayNames, type LocalDate } from '../lib/time';
import { locale } from '../lib/prefs';

interface Props {
  month: string;
  onMonthChange: (month: string) => void;
  /** Free starts per date; dates not in it (or 0) are disabled. */
  counts: Map<LocalDate, number>;
  selected: LocalDate | null;
  onSelect: (date: LocalDate) => void;
  minDate: LocalDate;
  maxDate: LocalDate;
  loading: boolean;
}

/**
 * A month of days as a grid (WAI-ARIA date grid pattern): arrow keys move a day or a week, Home/End to
 * the week's ends, Page Up/Down a month; days without free times can be focused but not chosen.
 */
export function MonthCalendar({ month, onMonthChange, counts, selected, onSelect, minDate, maxDate, loading }: Props) {
  const firstDay = firstDayOfWeek(locale);
  const weeks = monthGrid(month, firstDay);
  const days = weeks.flat().filter((d): d is LocalDate => d !== null);
  const [focusDate, setFocusDate] = useState<LocalDate>(() => (selected && monthOf(selected) === month ? selected : days[0]!));
  const focusWanted = useRef(false);
  // Until the user moves within the grid, its one Tab stop is the chosen day, else the first day that can be
  // chosen (never a disabled day while a free one exists).
  const [moved, setMoved] = useState(false);
  const grid = useRef<HTMLTableElement>(null);

  useEffect(() => {
    if (monthOf(focusDate) !== month) setFocusDate(selected && monthOf(selected) === month ? selected : `${month}-01`);
  }, [month, focusDate, selected]);

  useEffect(() => {
    if (!focusWanted.current) return;
    focusWanted.current = false;
    grid.current?.querySelector<HTMLButtonElement>(`[data-date="${focusDate}"]`)?.focus();
  }, [focusDate, month]);

  const canPrev = monthOf(minDate) < month;
  const canNext = monthOf(maxDate) > month;
  const available = (d: LocalDate) => d >= minDate && d <= maxDate && (counts.get(d) ?? 0) > 0;

  function moveTo(d: LocalDate) {
    if (d < `${monthOf(minDate)}-01` || monthOf(d) > monthOf(maxDate)) return;
    focusWanted.current = true;
    setMoved(true);
    setFocusDate(d);
    if (monthOf(d) !== month) onMonthChange(monthOf(d));
  }

  function onKeyDown(e: KeyboardEvent<HTMLButtonElement>, d: LocalDate) {
    const dow = (dayOfWeek(d) - (firstDay % 7) + 7) % 7;
    const moves: Record<string, () => LocalDate> = {
      ArrowLeft: () => addDays(d, -1),
      ArrowRight: () => addDays(d, 1),
      ArrowUp: () => addDays(d, -7),
      ArrowDown: () => addDays(d, 7),
      Home: () => addDays(d, -dow),
      End: () => addDays(d, 6 - dow),
      PageUp: () => addMonthsToDate(d, -1),
      PageDown: () => addMonthsToDate(d, 1),
    };
    const move = moves[e.key];
    if (!move) return;
    e.preventDefault();
    moveTo(move());
  }

  const firstFree = loading ? undefined : days.find(available);
  const tabStop = moved ? focusDate : selected && monthOf(selected) === month ? selected : (firstFree ?? focusDate);
  const names = weekdayNames(locale, 'short', firstDay);
  const longNames = weekdayNames(locale, 'long', firstDay);
  const headingId = `cal-${month}`;
  return (
    <div className={`calendar${loading ? ' is-loading' : ''}`} aria-busy={loading}>
      <div className="calendar-header">
        <button type="button" className="icon-button" onClick={() => onMonthChange(addMonths(month, -1))} disabled={!canPrev} aria-label={t('calendar.previousMonth')}>
          ‹
        </button>
        <h3 id={headingId} aria-live="polite">
          {formatMonth(month, locale)}
        </h3>
        <button type="button" className="icon-button" onClick={() => onMonthChange(addMonths(month, 1))} disabled={!canNext} aria-label={t('calendar.nextMonth')}>
          ›
        </button>
      </div>
      <table role="grid" aria-labelledby={headingId} ref={grid}>
        <thead>
          <tr>
            {names.map((n, i) => (
              <th key={n + i} scope="col" abbr={longNames[i]}>
                {n}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {weeks.map((week, w) => (
            <tr key={w}>
              {week.map((d, i) => {
                if (!d) return <td key={i} />;
                const ok = !loading && available(d);
                const count = counts.get(d) ?? 0;
                const isSelected = d === selected;
                return (
                  <td key={d} role="gridcell" aria-selected={isSelected}>
                    <button
                      type="button"
                      data-date={d}
                      className={`day${ok ? ' day-free' : ''}${isSelected ? ' day-selected' : ''}`}
                      tabIndex={d === tabStop ? 0 : -1}
                      aria-disabled={!ok}
                      aria-pressed={isSelected}
                      aria-label={loading ? formatLongDate(d, locale) : ok ? tn('calendar.free', count, { date: formatLongDate(d, locale) }) : t('calendar.none', { date: formatLongDate(d, locale) })}
                      onClick={() => {
                        setFocusDate(d);
                        if (ok) onSelect(d);
                      }}
                      onKeyDown={(e) => onKeyDown(e, d)}
                      onFocus={() => setFocusDate(d)}
                    >
                      {Number(d.slice(8))}
                    </button>
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
