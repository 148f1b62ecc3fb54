-- BookMeAtOz schema: the audit of booking changes, customers' erasure, and closing a tenant (product specification §9.7,
-- §9.8). Applied like every migration: in one transaction, under the migration advisory lock, by the role that owns the
-- schema.

-- ---------------------------------------------------------------------------------------------------------------------
-- Audit of booking changes. A trigger writes the entry in the transaction of the change, whatever statement or function
-- made it, so every transition (a booking made, cancelled, moved; a hold taken; approve, decline, expiry, no-show) is
-- recorded without its code path writing audit rows. Who acted comes from transaction-local settings the application sets
-- with the tenant (bookmeatoz.actor_type, bookmeatoz.actor_id; none = 'system'); when, from bookmeatoz.audit_at (the
-- application's clock), else the transaction's start. The mapping is the one of BookMeAtOz.Audit.BookingAudit, which the
-- in-memory store applies: keep them the same.

-- An instant as the snapshots write it: UTC, microseconds only when there are any (2027-04-04T00:00:00Z).
CREATE FUNCTION bookmeatoz.audit_instant(p_at timestamptz) RETURNS text
    LANGUAGE sql STABLE PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
    AS $$
    SELECT CASE WHEN p_at IS NULL THEN NULL ELSE
        to_char(p_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS')
        || CASE WHEN date_part('microseconds', p_at)::bigint % 1000000 = 0 THEN ''
                ELSE rtrim(to_char(p_at AT TIME ZONE 'UTC', '.US'), '0') END
        || 'Z' END
    $$;

-- A booking's audited fields: its public ones, never the manage token's hash (nor the answers, which the customer's export
-- carries).
CREATE FUNCTION bookmeatoz.booking_audit_snapshot(b bookmeatoz.bookings) RETURNS jsonb
    LANGUAGE sql STABLE
    SET search_path = pg_catalog, pg_temp
    AS $$
    SELECT jsonb_build_object(
        'id', b.booking_id, 'serviceId', b.service_id, 'staffId', b.staff_id,
        'start', bookmeatoz.audit_instant(b.starts_at), 'end', bookmeatoz.audit_instant(b.ends_at), 'status', b.status,
        'customer', jsonb_build_object('name', b.customer_name, 'email', b.customer_email, 'phone', b.customer_phone),
        'notes', b.notes, 'cancelledAt', bookmeatoz.audit_instant(b.cancelled_at), 'cancelReason', b.cancel_reason)
    $$;

-- SECURITY DEFINER so that changes made by cross-tenant background functions (which run as the owner with no tenant set)
-- are audited too: the owner appends through the policy below, on only while this function runs. The application role
-- gains nothing: it cannot call a trigger function, and the policy is the owner's.
CREATE FUNCTION bookmeatoz.audit_booking() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
    AS $$
DECLARE
    v_action text;
    v_before jsonb;
BEGIN
    IF TG_OP = 'INSERT' THEN
        IF NEW.status = 'held' THEN
            RETURN NULL;  -- a hold is not a booking yet
        END IF;
        v_action := 'booking.created';
    ELSIF OLD.status = 'held' THEN
        IF NEW.status NOT IN ('pending', 'confirmed') THEN
            RETURN NULL;  -- a hold that expires or is released
        END IF;
        v_action := 'booking.created';
    ELSIF NEW.status <> OLD.status THEN
        v_action := CASE
            WHEN NEW.status = 'cancelled' THEN 'booking.cancelled'
            WHEN NEW.status = 'confirmed' AND OLD.status = 'pending' THEN 'booking.approved'
            ELSE 'booking.' || NEW.status END;
        v_before := bookmeatoz.booking_audit_snapshot(OLD);
    ELSIF NEW.starts_at <> OLD.starts_at OR NEW.staff_id <> OLD.staff_id THEN
        v_action := 'booking.rescheduled';
        v_before := bookmeatoz.booking_audit_snapshot(OLD);
    ELSE
        RETURN NULL;
    END IF;

    PERFORM set_config('bookmeatoz.auditing', 'on', true);
    INSERT INTO bookmeatoz.audit_log (tenant_id, audit_id, at, actor_type, actor_id, entity, entity_id, action, before, after)
    VALUES (NEW.tenant_id, gen_random_uuid(),
            COALESCE(NULLIF(current_setting('bookmeatoz.audit_at', true), '')::timestamptz, now()),
            COALESCE(NULLIF(current_setting('bookmeatoz.actor_type', true), ''), 'system'),
            NULLIF(current_setting('bookmeatoz.actor_id', true), '')::uuid,
            'booking', NEW.booking_id, v_action, v_before, bookmeatoz.booking_audit_snapshot(NEW));
    PERFORM set_config('bookmeatoz.auditing', '', true);
    RETURN NULL;
END
$$;

CREATE POLICY audit_trigger ON bookmeatoz.audit_log FOR INSERT TO CURRENT_USER
    WITH CHECK (current_setting('bookmeatoz.auditing', true) = 'on');

-- Only the columns whose change is audited wake the trigger (the answers written after the insert, an erasure, do not).
CREATE TRIGGER bookings_audit AFTER INSERT OR UPDATE OF status, starts_at, staff_id ON bookmeatoz.bookings
    FOR EACH ROW EXECUTE FUNCTION bookmeatoz.audit_booking();

-- ---------------------------------------------------------------------------------------------------------------------
-- Customers: a tenant's bookings grouped by e-mail (case-insensitive), listed in that order.
CREATE INDEX bookings_by_customer_email ON bookmeatoz.bookings (tenant_id, lower(customer_email), starts_at);

-- An erased booking keeps its row (accounting) with the personal fields replaced; erased_at says when.
ALTER TABLE bookmeatoz.bookings ADD COLUMN erased_at timestamptz;

-- The audit log is append-only for the application (no UPDATE policy). Erasure must replace the personal fields in the
-- before/after of the erased bookings' entries, in the erasure's transaction. Rather than an UPDATE policy for the
-- application (which would let it rewrite any entry of its tenant), one narrow path: this function copies the erased
-- booking's current (already replaced) personal fields into its entries, and nothing else; it refuses bookings that are
-- not erased and any tenant but the caller's. It runs as the owner, whose UPDATE policy below is on only while it runs.
CREATE POLICY erase ON bookmeatoz.audit_log FOR UPDATE TO CURRENT_USER
    USING (current_setting('bookmeatoz.erasing', true) = 'on' AND tenant_id = bookmeatoz.current_tenant())
    WITH CHECK (current_setting('bookmeatoz.erasing', true) = 'on' AND tenant_id = bookmeatoz.current_tenant());

CREATE FUNCTION bookmeatoz.erase_booking_audit(p_tenant uuid, p_bookings uuid[]) RETURNS integer
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
    AS $$
DECLARE
    v_count integer;
BEGIN
    IF p_tenant IS DISTINCT FROM bookmeatoz.current_tenant() THEN
        RAISE EXCEPTION 'erase_booking_audit: not the current tenant';
    END IF;
    PERFORM set_config('bookmeatoz.erasing', 'on', true);
    WITH erased AS (
        SELECT b.booking_id,
               jsonb_build_object('customer', jsonb_build_object('name', b.customer_name, 'email', b.customer_email, 'phone', NULL),
                                  'notes', NULL, 'cancelReason', NULL) AS fields
        FROM bookmeatoz.bookings b
        WHERE b.tenant_id = p_tenant AND b.booking_id = ANY(p_bookings) AND b.erased_at IS NOT NULL),
    changed AS (
        UPDATE bookmeatoz.audit_log a
        SET before = CASE WHEN a.before IS NULL THEN NULL ELSE a.before || e.fields END,
            after = CASE WHEN a.after IS NULL THEN NULL ELSE a.after || e.fields END
        FROM erased e
        WHERE a.tenant_id = p_tenant AND a.entity = 'booking' AND a.entity_id = e.booking_id
        RETURNING 1)
    SELECT count(*)::integer INTO v_count FROM changed;
    PERFORM set_config('bookmeatoz.erasing', '', true);
    RETURN v_count;
END
$$;

-- ---------------------------------------------------------------------------------------------------------------------
-- Closing a tenant: from closed_at on it no longer resolves (its slug stays taken); after purge_after a background job
-- removes every row of it.
ALTER TABLE bookmeatoz.tenants
    ADD COLUMN closed_at timestamptz,
    ADD COLUMN purge_after timestamptz;
CREATE INDEX tenants_purge_due ON bookmeatoz.tenants (purge_after) WHERE purge_after IS NOT NULL;

-- The purge works across tenants: the owner sees closed tenants, and may delete audit entries, only while
-- bookmeatoz.purging is on, which only the function below switches on.
CREATE POLICY purge ON bookmeatoz.tenants FOR SELECT TO CURRENT_USER
    USING (current_setting('bookmeatoz.purging', true) = 'on' AND purge_after IS NOT NULL);
CREATE POLICY purge ON bookmeatoz.audit_log FOR DELETE TO CURRENT_USER
    USING (current_setting('bookmeatoz.purging', true) = 'on' AND tenant_id = bookmeatoz.current_tenant());

-- Removes every row of up to p_limit tenants whose purge_after has passed, one tenant at a time (each scoped by
-- bookmeatoz.tenant_id like any transaction), and returns their ids. Every table of the schema with a tenant_id column is
-- emptied of the tenant's rows, so tables added later are covered; a table whose rows another table's still reference is
-- retried after the others (a few passes settle any order of foreign keys). Two instances purging at once both
-- delete the same rows; the second finds none left.
CREATE FUNCTION bookmeatoz.purge_closed_tenants(p_now timestamptz, p_limit integer) RETURNS SETOF uuid
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
    AS $$
DECLARE
    v_tenant uuid;
    v_all text[];
    v_tables text[];
    v_left text[];
    v_table text;
    v_pass integer;
BEGIN
    SELECT array_agg(c.relname::text ORDER BY c.relname) INTO v_all
    FROM pg_class c
    JOIN pg_namespace n ON n.oid = c.relnamespace AND n.nspname = 'bookmeatoz'
    JOIN pg_attribute a ON a.attrelid = c.oid AND a.attname = 'tenant_id' AND NOT a.attisdropped
    WHERE c.relkind IN ('r', 'p') AND c.relname <> 'tenants';

    PERFORM set_config('bookmeatoz.purging', 'on', true);
    FOR v_tenant IN
        SELECT t.tenant_id FROM bookmeatoz.tenants t
        WHERE t.purge_after IS NOT NULL AND t.purge_after <= p_now
        ORDER BY t.purge_after LIMIT p_limit
    LOOP
        PERFORM set_config('bookmeatoz.tenant_id', v_tenant::text, true);
        v_left := v_all;
        FOR v_pass IN 1..10 LOOP
            EXIT WHEN cardinality(v_left) = 0;
            v_tables := v_left;
            v_left := ARRAY[]::text[];
            FOREACH v_table IN ARRAY v_tables LOOP
                BEGIN
                    EXECUTE format('DELETE FROM bookmeatoz.%I WHERE tenant_id = $1', v_table) USING v_tenant;
                EXCEPTION WHEN foreign_key_violation THEN
                    v_left := v_left || v_table;
                END;
            END LOOP;
        END LOOP;
        DELETE FROM bookmeatoz.tenants WHERE tenant_id = v_tenant;
        RETURN NEXT v_tenant;
    END LOOP;
    PERFORM set_config('bookmeatoz.tenant_id', '', true);
    PERFORM set_config('bookmeatoz.purging', '', true);
END
$$;
