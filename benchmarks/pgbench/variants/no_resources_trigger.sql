DROP TRIGGER bookings_resource_units_insert ON bookmeatoz.bookings; DROP TRIGGER bookings_resource_units_update ON bookmeatoz.bookings;
