-- BookMeAtOz schema: the sites that may frame a tenant's booking pages (the embeddable widget), and the language of
-- a customer's e-mails (issue 19). Applied like every migration: in one transaction, under the migration advisory lock,
-- by the role that owns the schema. No function or trigger of an earlier migration is replaced: the booking functions
-- write no locale (the store sets it in the same transaction, as it does the answers), and the tenant audit snapshot
-- of migration 0013 does not list the new tenant columns.

-- Origins in canonical form (https://acme.example, http://localhost:8080), validated by the application; the reference
-- host sends them as the booking pages' CSP frame-ancestors.
ALTER TABLE bookmeatoz.tenants ADD COLUMN embed_origins text[] NOT NULL DEFAULT '{}'
    CHECK (cardinality(embed_origins) <= 20);

-- E-mails to customers who booked in no language there are e-mails in; null = English.
ALTER TABLE bookmeatoz.tenants ADD COLUMN default_language text
    CHECK (default_language IN ('en', 'de', 'fr'));

-- The language the customer booked in; null = the tenant's default.
ALTER TABLE bookmeatoz.bookings ADD COLUMN locale text
    CHECK (locale IN ('en', 'de', 'fr'));
