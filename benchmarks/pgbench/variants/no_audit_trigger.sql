DROP TRIGGER bookings_audit_insert ON bookmeatoz.bookings; DROP TRIGGER bookings_audit_update ON bookmeatoz.bookings;
