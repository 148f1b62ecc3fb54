// The time zones a customer picks from: canonical IANA names (not the legacy aliases some browsers list, such as
// Asia/Calcutta), each with its current offset, grouped by region, searchable by city, region, abbreviation or offset.
import { supportedTimeZones } from './time';

/** Legacy names browsers still list, and the canonical name of each. */
export const CANONICAL: Record<string, string> = {
  'Africa/Asmera': 'Africa/Asmara',
  'America/Buenos_Aires': 'America/Argentina/Buenos_Aires',
  'America/Catamarca': 'America/Argentina/Catamarca',
  'America/Cordoba': 'America/Argentina/Cordoba',
  'America/Jujuy': 'America/Argentina/Jujuy',
  'America/Mendoza': 'America/Argentina/Mendoza',
  'America/Godthab': 'America/Nuuk',
  'America/Indianapolis': 'America/Indiana/Indianapolis',
  'America/Louisville': 'America/Kentucky/Louisville',
  'Asia/Calcutta': 'Asia/Kolkata',
  'Asia/Katmandu': 'Asia/Kathmandu',
  'Asia/Rangoon': 'Asia/Yangon',
  'Asia/Saigon': 'Asia/Ho_Chi_Minh',
  'Atlantic/Faeroe': 'Atlantic/Faroe',
  'Europe/Kiev': 'Europe/Kyiv',
  'Pacific/Enderbury': 'Pacific/Kanton',
  'Pacific/Ponape': 'Pacific/Pohnpei',
  'Pacific/Truk': 'Pacific/Chuuk',
};

export const canonicalZone = (zone: string) => CANONICAL[zone] ?? zone;

export interface ZoneOption {
  zone: string;
  /** The region ("Europe"), or "Other" for UTC and the like. */
  region: string;
  /** The city part, readable ("Buenos Aires", "Indiana / Indianapolis"). */
  city: string;
  /** "GMT+05:30" now. */
  offset: string;
  /** Minutes from UTC now, for ordering. */
  minutes: number;
  /** "IST", "AEDT", or "" where the locale has none. */
  abbreviation: string;
}

function part(zone: string, at: Date, style: 'longOffset' | 'short', locale?: string) {
  try {
    return new Intl.DateTimeFormat(locale, { timeZone: zone, timeZoneName: style }).formatToParts(at).find((p) => p.type === 'timeZoneName')?.value ?? '';
  } catch {
    return '';
  }
}

export function zoneOption(zone: string, at: Date, locale?: string): ZoneOption {
  const slash = zone.indexOf('/');
  const region = slash > 0 ? zone.slice(0, slash) : 'Other';
  const city = (slash > 0 ? zone.slice(slash + 1) : zone).replace(/_/g, ' ').replace(/\//g, ' / ');
  const long = part(zone, at, 'longOffset', locale);
  const offset = long === 'GMT' ? 'GMT+00:00' : long;
  const m = /GMT([+-])(\d{2}):(\d{2})/.exec(offset);
  const minutes = m ? (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3])) : 0;
  const short = part(zone, at, 'short', locale);
  return { zone, region, city, offset, minutes, abbreviation: /^(GMT|UTC)([+-]|$)/.test(short) ? '' : short };
}

/** Every canonical zone once, as options grouped by region (regions and cities in alphabetical order). */
export function zoneGroups(at: Date, locale?: string, zones: string[] = supportedTimeZones()): { region: string; options: ZoneOption[] }[] {
  const canonical = [...new Set(zones.map(canonicalZone))].filter((z) => z !== 'Etc/Unknown');
  const byRegion = new Map<string, ZoneOption[]>();
  for (const z of canonical) {
    const o = zoneOption(z, at, locale);
    byRegion.set(o.region, [...(byRegion.get(o.region) ?? []), o]);
  }
  return [...byRegion]
    .sort(([a], [b]) => (a === 'Other' ? 1 : b === 'Other' ? -1 : a.localeCompare(b)))
    .map(([region, options]) => ({ region, options: options.sort((a, b) => a.city.localeCompare(b.city)) }));
}

const fold = (s: string) =>
  s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase();

/** Whether an option matches what was typed: every word in its city, region, zone id, abbreviation or offset. */
export function matchesZone(o: ZoneOption, query: string): boolean {
  const hay = fold(`${o.zone} ${o.city} ${o.region} ${o.abbreviation} ${o.offset} ${o.offset.replace(/:00$/, '').replace(/GMT([+-])0?/, 'UTC$1')}`);
  return fold(query)
    .split(/\s+/)
    .filter(Boolean)
    .every((w) => hay.includes(w.replace(/^gmt/, 'gmt').replace(/_/g, ' ')));
}
