DROP TRIGGER bookings_resource_units_insert ON bookmeatoz.bookings; DROP TRIGGER bookings_resource_units_update ON bookmeatoz.bookings;
DROP TRIGGER bookings_audit_insert ON bookmeatoz.bookings; DROP TRIGGER bookings_audit_update ON bookmeatoz.bookings;
DROP TRIGGER bookings_ical_sequence ON bookmeatoz.bookings;
DROP TRIGGER outbox_booking_details ON bookmeatoz.outbox; DROP TRIGGER outbox_booking_series ON bookmeatoz.outbox;
