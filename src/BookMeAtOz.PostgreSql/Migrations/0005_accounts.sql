-- BookMeAtOz schema: the account lifecycle (issue 13). Applied like every migration: in one transaction, under the
-- migration advisory lock, by the role that owns the schema.

-- Access tokens carry the user's security stamp; a token whose stamp is not the user's current one is refused. The
-- stamp changes with the role, the staff link and the password; existing users get a random one (their tokens, which
-- carry none, stop working: they sign in again).
ALTER TABLE bookmeatoz.users ADD COLUMN security_stamp uuid NOT NULL DEFAULT gen_random_uuid();

-- Every change by a user, API key or customer: who, what, when, before and after (JSON without secrets). Written in
-- the transaction of the change it records; never changed or removed (no UPDATE or DELETE policy: with row-level
-- security forced, those statements find no rows). No foreign key to tenants, like the outbox: appending must not
-- lock the tenant row.
CREATE TABLE bookmeatoz.audit_log (
    tenant_id  uuid        NOT NULL,
    audit_id   uuid        NOT NULL,
    at         timestamptz NOT NULL,
    actor_type text        NOT NULL,
    actor_id   uuid,
    entity     text        NOT NULL,
    entity_id  uuid        NOT NULL,
    action     text        NOT NULL,
    before     jsonb,
    after      jsonb,
    CONSTRAINT audit_log_pkey PRIMARY KEY (tenant_id, audit_id)
);
-- The owner's list, newest first, and its filters.
CREATE INDEX audit_log_by_at ON bookmeatoz.audit_log (tenant_id, at DESC, audit_id DESC);
CREATE INDEX audit_log_by_entity ON bookmeatoz.audit_log (tenant_id, entity_id, at DESC, audit_id DESC);
CREATE INDEX audit_log_by_actor ON bookmeatoz.audit_log (tenant_id, actor_id, at DESC, audit_id DESC);

ALTER TABLE bookmeatoz.audit_log ENABLE ROW LEVEL SECURITY;
ALTER TABLE bookmeatoz.audit_log FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_read ON bookmeatoz.audit_log FOR SELECT
    USING (tenant_id = bookmeatoz.current_tenant());
CREATE POLICY tenant_append ON bookmeatoz.audit_log FOR INSERT
    WITH CHECK (tenant_id = bookmeatoz.current_tenant());

-- Password-reset and invitation links: single use, expiring, only the token's SHA-256 stored (the e-mail writes the token
-- again from the id with the server's secret). A reset names its user (gone with the user); an invitation names the
-- address, role and staff link the new user gets.
CREATE TABLE bookmeatoz.account_tokens (
    tenant_id  uuid        NOT NULL,
    token_id   uuid        NOT NULL,
    kind       text        NOT NULL,
    token_hash bytea       NOT NULL,
    user_id    uuid,
    email      text        NOT NULL,
    role       text,
    staff_id   uuid,
    created_by uuid,
    created_at timestamptz NOT NULL,
    expires_at timestamptz NOT NULL,
    used_at    timestamptz,
    CONSTRAINT account_tokens_pkey PRIMARY KEY (tenant_id, token_id),
    CONSTRAINT account_tokens_hash_key UNIQUE (tenant_id, token_hash),
    CONSTRAINT account_tokens_kind_check CHECK (kind IN ('password_reset', 'invitation')),
    CONSTRAINT account_tokens_shape_check CHECK (
        (kind = 'password_reset' AND user_id IS NOT NULL)
        OR (kind = 'invitation' AND role IN ('owner', 'admin', 'staff') AND (role <> 'staff' OR staff_id IS NOT NULL))),
    CONSTRAINT account_tokens_user_fkey FOREIGN KEY (tenant_id, user_id)
        REFERENCES bookmeatoz.users (tenant_id, user_id) ON DELETE CASCADE,
    CONSTRAINT account_tokens_tenant_fkey FOREIGN KEY (tenant_id) REFERENCES bookmeatoz.tenants (tenant_id)
);
CREATE INDEX account_tokens_by_user ON bookmeatoz.account_tokens (tenant_id, user_id) WHERE user_id IS NOT NULL;

ALTER TABLE bookmeatoz.account_tokens ENABLE ROW LEVEL SECURITY;
ALTER TABLE bookmeatoz.account_tokens FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON bookmeatoz.account_tokens
    USING (tenant_id = bookmeatoz.current_tenant())
    WITH CHECK (tenant_id = bookmeatoz.current_tenant());

-- Account e-mails share the booking e-mails' queue: booking_id holds the account token's id for them.
ALTER TABLE bookmeatoz.notifications DROP CONSTRAINT notifications_kind_check;
ALTER TABLE bookmeatoz.notifications ADD CONSTRAINT notifications_kind_check
    CHECK (kind IN ('confirmation', 'cancellation', 'reschedule', 'reminder', 'password_reset', 'invitation'));
