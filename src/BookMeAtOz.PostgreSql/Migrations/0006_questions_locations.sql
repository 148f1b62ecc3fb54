-- BookMeAtOz schema: booking questions and service locations (product specification §9.3, §9.4). Applied like every
-- migration: in one transaction, under the migration advisory lock, by the role that owns the schema.

-- A service's ordered questions ([{id, label, type, required, choices, maxLength}]) and its location
-- ({kind, address, phone, url}, null = none). The application reads and writes them whole with the service; the
-- rows' existing row-level security (tenant_isolation) covers the new columns.
ALTER TABLE bookmeatoz.services
    ADD COLUMN questions jsonb NOT NULL DEFAULT '[]',
    ADD COLUMN location  jsonb;

-- A booking's answers as asked when it was made ([{questionId, label, type, value}]): a copy, so that editing or
-- removing a question never rewrites what a customer answered.
ALTER TABLE bookmeatoz.bookings
    ADD COLUMN answers jsonb NOT NULL DEFAULT '[]';
