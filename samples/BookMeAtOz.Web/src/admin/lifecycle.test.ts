import { describe, expect, it } from 'vitest';
import { auditChanges, canChange, canDecide, canMarkNoShow, occupies, statusLabelKey } from './lifecycle';

describe('booking actions by status', () => {
  const now = Date.parse('2030-05-06T10:00:00+10:00');

  it('offers approve and decline on pending bookings only', () => {
    expect(canDecide({ status: 'pending' })).toBe(true);
    for (const status of ['held', 'confirmed', 'cancelled', 'declined', 'expired', 'no_show'] as const) expect(canDecide({ status })).toBe(false);
  });

  it('offers no-show on a confirmed booking once its start has passed', () => {
    expect(canMarkNoShow({ status: 'confirmed', start: '2030-05-06T09:00:00+10:00' }, now)).toBe(true);
    expect(canMarkNoShow({ status: 'confirmed', start: '2030-05-06T10:00:00+10:00' }, now)).toBe(true);
    expect(canMarkNoShow({ status: 'confirmed', start: '2030-05-06T10:30:00+10:00' }, now)).toBe(false);
    expect(canMarkNoShow({ status: 'pending', start: '2030-05-06T09:00:00+10:00' }, now)).toBe(false);
    expect(canMarkNoShow({ status: 'no_show', start: '2030-05-06T09:00:00+10:00' }, now)).toBe(false);
  });

  it('lets staff cancel or move what still takes its time, not a guest’s hold', () => {
    expect(canChange({ status: 'confirmed' })).toBe(true);
    expect(canChange({ status: 'pending' })).toBe(true);
    expect(canChange({ status: 'held' })).toBe(false);
    expect(canChange({ status: 'declined' })).toBe(false);
  });

  it('knows which statuses take time', () => {
    expect(['held', 'pending', 'confirmed', 'cancelled', 'declined', 'expired', 'no_show'].filter(occupies)).toEqual(['held', 'pending', 'confirmed']);
  });

  it('labels every status, and an unknown one', () => {
    expect(statusLabelKey('no_show')).toBe('status.no_show');
    expect(statusLabelKey('something_new')).toBe('status.unknown');
  });
});

describe('audit changes', () => {
  it('lists the changed fields with nested ones as dotted paths, whatever the key order', () => {
    const before = { id: 'b1', status: 'pending', customer: { name: 'Ann', email: 'ann@example.com' }, notes: null };
    const after = { customer: { email: 'ann@example.com', name: 'Ann' }, notes: null, status: 'confirmed', id: 'b1' };
    expect(auditChanges(before, after)).toEqual([{ field: 'status', before: 'pending', after: 'confirmed' }]);
  });

  it('shows a creation as every field with no before, and a deletion with no after', () => {
    expect(auditChanges(null, { id: 's1', name: 'Cut', staffIds: ['a'] })).toEqual([
      { field: 'id', before: undefined, after: 's1' },
      { field: 'name', before: undefined, after: 'Cut' },
      { field: 'staffIds', before: undefined, after: '["a"]' },
    ]);
    expect(auditChanges({ id: 's1', active: true }, null)).toEqual([
      { field: 'id', before: 's1', after: undefined },
      { field: 'active', before: 'true', after: undefined },
    ]);
  });

  it('shows null values as a dash and keeps fields that went from a value to null', () => {
    expect(auditChanges({ cancelReason: 'Ill' }, { cancelReason: null })).toEqual([{ field: 'cancelReason', before: 'Ill', after: '—' }]);
  });
});
