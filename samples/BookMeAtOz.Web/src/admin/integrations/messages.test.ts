import { describe, expect, it } from 'vitest';
import { placeholders } from '../../i18n';
import { en } from './messages.en';
import { de } from './messages.de';
import { fr } from './messages.fr';

// Words both languages share (the product names of the technology).
const SAME_AS_ENGLISH: Record<string, string[]> = {
  de: ['nav.webhooks', 'resources.name', 'resources.colName', 'webhooks.colStatus', 'resources.colStatus', 'webhooks.durationMs', 'apiKeys.name', 'apiKeys.colName', 'caldav.status'],
  fr: ['nav.webhooks', 'webhooks.durationMs'],
};
const keys = Object.keys(en).sort();

describe('integration screens’ catalogues', () => {
  for (const [code, messages] of Object.entries({ de, fr })) {
    it(`${code} has every English key, the same placeholders, and is translated`, () => {
      expect(Object.keys(messages).sort()).toEqual(keys);
      const wrong = keys.filter((k) => placeholders(messages[k as keyof typeof en]).join() !== placeholders(en[k as keyof typeof en]).join());
      expect(wrong).toEqual([]);
      const untranslated = keys.filter((k) => messages[k as keyof typeof en] === en[k as keyof typeof en] && !SAME_AS_ENGLISH[code]!.includes(k));
      expect(untranslated).toEqual([]);
    });

    it(`${code} has each plural form its language needs`, () => {
      const rules = new Intl.PluralRules(code);
      const bases = [...new Set(keys.filter((k) => /\.(one|other)$/.test(k)).map((k) => k.replace(/\.(one|other)$/, '')))];
      for (const base of bases) for (const n of [0, 1, 2, 5, 21]) expect(keys).toContain(`${base}.${rules.select(n)}`);
    });
  }
});
