#!/usr/bin/env bash
# Creates the template database decompose.sh copies: every migration in src/BookMeAtOz.PostgreSql/Migrations applied by an
# owner role that is not a superuser (so row-level security and SECURITY DEFINER behave as in a deployment), the
# application role's grants, and the seed of PostgresBookingBenchmarks (one tenant, 200 staff, one service) plus the raw
# baseline's table bench.raw_bookings.
# Usage: setup.sh TEMPLATE_DB   (libpq's PG* variables name the server and a superuser; BENCH_OWNER_ROLE and
# BENCH_APP_ROLE name the roles, default bookmeatoz_admin and h4app).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
db=$1 owner=${BENCH_OWNER_ROLE:-bookmeatoz_admin} app=${BENCH_APP_ROLE:-h4app}
psql -q -d postgres -v ON_ERROR_STOP=1 <<SQL
DO \$\$ BEGIN
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '$owner') THEN CREATE ROLE $owner LOGIN NOSUPERUSER CREATEDB; END IF;
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '$app') THEN CREATE ROLE $app LOGIN; END IF;
END \$\$;
DROP DATABASE IF EXISTS $db WITH (FORCE);
CREATE DATABASE $db OWNER $owner;
SQL
psql -q -U "$owner" -d "$db" -c "CREATE SCHEMA bookmeatoz"
for f in "$here"/../../src/BookMeAtOz.PostgreSql/Migrations/0*.sql; do
  psql -q -U "$owner" -d "$db" -v ON_ERROR_STOP=1 -1 -f "$f" >/dev/null
done
psql -q -U "$owner" -d "$db" -v ON_ERROR_STOP=1 <<SQL 2>&1 | grep -v 'no privileges were granted\|only superuser can analyze' || true
GRANT USAGE ON SCHEMA bookmeatoz TO $app;
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA bookmeatoz TO $app;
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA bookmeatoz TO $app;
GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA bookmeatoz TO $app;
SELECT set_config('bookmeatoz.tenant_id', 'be000000-0000-0000-0000-000000000001', false);
INSERT INTO bookmeatoz.tenants (tenant_id, slug, name, time_zone, currency, min_notice_minutes, max_advance_days, cancellation_notice_minutes)
VALUES ('be000000-0000-0000-0000-000000000001', 'bench', 'Bench', 'UTC', 'AUD', 0, 3650, 0);
INSERT INTO bookmeatoz.staff (tenant_id, staff_id, name, time_zone, active)
SELECT 'be000000-0000-0000-0000-000000000001', ('be100000-0000-0000-0000-' || lpad(i::text, 12, '0'))::uuid, 'Staff', 'UTC', true
FROM generate_series(1, 200) i;
INSERT INTO bookmeatoz.services (tenant_id, service_id, name, duration_minutes, buffer_before_minutes, buffer_after_minutes, price_cents, capacity, active)
VALUES ('be000000-0000-0000-0000-000000000001', 'be000000-0000-0000-0000-000000000002', 'Bench', 45, 0, 15, 0, 1, true);
CREATE SCHEMA bench;
CREATE TABLE bench.raw_bookings (
    tenant_id uuid NOT NULL, booking_id uuid NOT NULL, service_id uuid NOT NULL, staff_id uuid NOT NULL,
    starts_at timestamptz NOT NULL, ends_at timestamptz NOT NULL, buffer_before_minutes integer NOT NULL,
    buffer_after_minutes integer NOT NULL, status text NOT NULL, customer_name text NOT NULL, customer_email text NOT NULL,
    customer_phone text, notes text, created_at timestamptz NOT NULL, manage_token_hash bytea NOT NULL,
    blocked_start timestamptz NOT NULL, blocked_end timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, booking_id),
    EXCLUDE USING gist (tenant_id WITH =, staff_id WITH =, tstzrange(blocked_start, blocked_end) WITH &&) WHERE (status <> 'cancelled'));
ANALYZE;
SQL
