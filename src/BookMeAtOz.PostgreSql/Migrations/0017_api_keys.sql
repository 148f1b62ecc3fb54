-- BookMeAtOz schema: API keys (product specification §11.2). A key is found by its public prefix within the request's
-- tenant and checked against the SHA-256 of its secret; the secret itself is never stored. A revoked key's row is
-- deleted (the audit log keeps its history), so that revocation is seen by every instance with its next request.

CREATE TABLE bookmeatoz.api_keys (
    tenant_id    uuid        NOT NULL,
    api_key_id   uuid        NOT NULL,
    name         text        NOT NULL,
    prefix       text        NOT NULL,
    secret_hash  bytea       NOT NULL,
    scopes       text[]      NOT NULL,
    created_at   timestamptz NOT NULL,
    created_by   uuid,
    last_used_at timestamptz,
    CONSTRAINT api_keys_pkey PRIMARY KEY (tenant_id, api_key_id),
    CONSTRAINT api_keys_prefix_key UNIQUE (tenant_id, prefix),
    CONSTRAINT api_keys_tenant_fkey FOREIGN KEY (tenant_id) REFERENCES bookmeatoz.tenants (tenant_id),
    CONSTRAINT api_keys_name_check CHECK (char_length(name) BETWEEN 1 AND 200),
    CONSTRAINT api_keys_prefix_check CHECK (prefix ~ '^[0-9a-f]{16}$'),
    CONSTRAINT api_keys_hash_check CHECK (octet_length(secret_hash) = 32),
    CONSTRAINT api_keys_scopes_check CHECK (cardinality(scopes) >= 1 AND scopes <@ ARRAY['read', 'bookings', 'admin']::text[])
);

ALTER TABLE bookmeatoz.api_keys ENABLE ROW LEVEL SECURITY;
ALTER TABLE bookmeatoz.api_keys FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON bookmeatoz.api_keys
    USING (tenant_id = bookmeatoz.current_tenant())
    WITH CHECK (tenant_id = bookmeatoz.current_tenant());
