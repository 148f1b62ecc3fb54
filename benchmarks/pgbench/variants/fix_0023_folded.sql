-- scripts: book1 holdbook1
-- BookMeAtOz schema: the booking write made cheaper again after the resources, series, audit and calendar triggers
-- (migrations 0013-0018). Applied like every migration: in one transaction, under the migration advisory lock, by the role
-- that owns the schema. Measured with pgbench, trigger by trigger and index by index (docs/performance.md, "The booking
-- write, decomposed"). Replaces no earlier function; re-creates the trigger bookings_resource_units_insert (migration 0014)
-- with a WHEN clause.
--
-- The deferred resources trigger of migration 0014 ran for every booking inserted, at commit, whether or not its service
-- uses resources: bookmeatoz.sync_resource_units set the tenant, read the booking back, looked for its unit rows, deleted
-- none and read the service, to find nothing to do. It was the largest single cost of taking a hold or making a booking.
-- Now the insert queues the trigger only when the booking's service lists resources. A constraint trigger's WHEN is
-- evaluated when the row is inserted (not deferred), so it reads the service as the insert sees it; the sync at commit
-- reads it again. A new booking row holds no unit rows, so a booking of a service without resources has nothing to sync.
-- The insert's row-level security check (tenant_id = current tenant) guarantees the service is read in the booking's own
-- tenant. The update trigger (a change of occupancy or of the blocked range) is unchanged: those changes still sync.

-- Whether a booking of the service takes resource units (services.resources lists any). PL/pgSQL for the cached plan: a
-- trigger's WHEN is an expression, which a SQL function's body would be planned into afresh for every statement.
CREATE FUNCTION bookmeatoz.service_uses_resources(p_tenant uuid, p_service uuid) RETURNS boolean
    LANGUAGE plpgsql STABLE
    AS $$
BEGIN
    RETURN EXISTS (SELECT 1 FROM bookmeatoz.services s
                   WHERE s.tenant_id = p_tenant AND s.service_id = p_service AND s.resources <> '[]'::jsonb);
END
$$;

DROP TRIGGER bookings_resource_units_insert ON bookmeatoz.bookings;
CREATE CONSTRAINT TRIGGER bookings_resource_units_insert AFTER INSERT ON bookmeatoz.bookings
    DEFERRABLE INITIALLY DEFERRED
    FOR EACH ROW WHEN (bookmeatoz.service_uses_resources(NEW.tenant_id, NEW.service_id))
    EXECUTE FUNCTION bookmeatoz.bookings_resource_units();
