DROP TRIGGER bookings_ical_sequence ON bookmeatoz.bookings;
