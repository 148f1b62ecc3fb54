DROP INDEX bookmeatoz.bookings_by_staff_start;
