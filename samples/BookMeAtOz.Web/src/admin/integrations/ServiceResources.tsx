// The service form's "Resources needed": for each resource of the tenant, whether each booking uses it and how
// many units (1 up to its quantity).
import { useEffect, useState } from 'react';
import { messageOf } from '../../api/http';
import { Notice } from '../../components/ui';
import { integrationsApi, type Resource } from './api';
import { invalidUnits, type ResourceDraft } from './logic';
import { tx } from './messages';

export default function ServiceResources({ value, onChange }: { value: ResourceDraft; onChange: (v: ResourceDraft) => void }) {
  const [resources, setResources] = useState<Resource[] | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  useEffect(() => {
    integrationsApi.resources().then(setResources, (e: unknown) => setFailure(messageOf(e)));
  }, []);
  const invalid = resources ? invalidUnits(value, resources) : [];
  const set = (id: string, units: string | null) => {
    const next = { ...value };
    if (units === null) delete next[id];
    else next[id] = units;
    onChange(next);
  };
  return (
    <fieldset className="span-all service-resources">
      <legend>{tx('service.resources')}</legend>
      <p className="hint">{tx('service.resourcesHint')}</p>
      {failure && <Notice kind="error">{failure}</Notice>}
      {resources && resources.length === 0 && <p className="hint">{tx('service.resourcesNone')}</p>}
      {resources?.map((r) => {
        const needed = r.id in value;
        const errorId = `units-${r.id}-error`;
        return (
          <div key={r.id} className="resource-need">
            <label className="checkbox">
              <input type="checkbox" checked={needed} onChange={(e) => set(r.id, e.target.checked ? '1' : null)} /> {r.name}
              {!r.active && ` (${tx('resources.inactive')})`}
            </label>
            {needed && (
              <label className="units">
                <span>{tx('service.resourceUnits', { name: r.name })}</span>
                <input
                  type="number"
                  inputMode="numeric"
                  min={1}
                  max={Number(r.quantity)}
                  value={value[r.id]}
                  aria-invalid={invalid.includes(r.id)}
                  aria-describedby={invalid.includes(r.id) ? errorId : undefined}
                  onChange={(e) => set(r.id, e.target.value)}
                />
              </label>
            )}
            {invalid.includes(r.id) && (
              <div id={errorId} className="field-error">
                {tx('service.resourceUnitsRange', { name: r.name, max: String(r.quantity) })}
              </div>
            )}
          </div>
        );
      })}
    </fieldset>
  );
}
