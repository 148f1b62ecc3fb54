-- BookMeAtOz schema: the sites that may frame a tenant's booking pages (the embeddable widget, issue 19). Applied like
-- every migration: in one transaction, under the migration advisory lock, by the role that owns the schema.
--
-- Origins in canonical form (https://acme.example, http://localhost:8080), validated by the application; the reference
-- host sends them as the booking pages' CSP frame-ancestors. No function of an earlier migration is replaced (the
-- tenant audit snapshot of migration 0013 does not list them).

ALTER TABLE bookmeatoz.tenants ADD COLUMN embed_origins text[] NOT NULL DEFAULT '{}'
    CHECK (cardinality(embed_origins) <= 20);
