import { describe, expect, it } from 'vitest';
import { canonicalZone, matchesZone, zoneGroups, zoneOption } from './zones';

const at = new Date('2027-01-15T00:00:00Z');

describe('time-zone options', () => {
  it('lists canonical names only, each once', () => {
    const zones = zoneGroups(at, 'en-AU', ['Asia/Calcutta', 'Asia/Kolkata', 'Europe/Kiev', 'UTC', 'Australia/Sydney']).flatMap((g) => g.options.map((o) => o.zone));
    expect(zones).toEqual(['Australia/Sydney', 'Asia/Kolkata', 'Europe/Kyiv', 'UTC'].sort((a, b) => (a === 'UTC' ? 1 : b === 'UTC' ? -1 : a.localeCompare(b))));
    expect(canonicalZone('Asia/Saigon')).toBe('Asia/Ho_Chi_Minh');
    expect(canonicalZone('Australia/Perth')).toBe('Australia/Perth');
  });

  it('groups by region in order, Other (UTC) last', () => {
    const groups = zoneGroups(at, 'en-AU', ['UTC', 'Europe/Paris', 'America/New_York', 'America/Argentina/Buenos_Aires']);
    expect(groups.map((g) => g.region)).toEqual(['America', 'Europe', 'Other']);
    expect(groups[0]!.options.map((o) => o.city)).toEqual(['Argentina / Buenos Aires', 'New York']);
  });

  it('gives the offset in force at the instant (daylight saving included)', () => {
    expect(zoneOption('Australia/Sydney', at).offset).toBe('GMT+11:00');
    expect(zoneOption('Australia/Sydney', new Date('2027-07-01T00:00:00Z')).offset).toBe('GMT+10:00');
    expect(zoneOption('Asia/Kolkata', at)).toMatchObject({ offset: 'GMT+05:30', minutes: 330, region: 'Asia', city: 'Kolkata' });
    expect(zoneOption('UTC', at)).toMatchObject({ offset: 'GMT+00:00', region: 'Other' });
  });

  it('finds a zone by city, region, abbreviation or offset, ignoring case and accents', () => {
    const sydney = zoneOption('Australia/Sydney', at, 'en-AU');
    expect(matchesZone(sydney, 'sydney')).toBe(true);
    expect(matchesZone(sydney, 'australia syd')).toBe(true);
    expect(matchesZone(sydney, 'AEDT')).toBe(true);
    expect(matchesZone(sydney, '+11')).toBe(true);
    expect(matchesZone(sydney, 'melbourne')).toBe(false);
    expect(matchesZone(zoneOption('America/Sao_Paulo', at), 'são paulo')).toBe(true);
    expect(matchesZone(zoneOption('Asia/Kolkata', at), '+5:30')).toBe(true);
  });
});
