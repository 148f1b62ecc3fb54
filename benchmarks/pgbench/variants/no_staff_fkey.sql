ALTER TABLE bookmeatoz.bookings DROP CONSTRAINT bookings_staff_fkey;
