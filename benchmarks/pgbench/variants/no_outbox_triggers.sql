DROP TRIGGER outbox_booking_details ON bookmeatoz.outbox; DROP TRIGGER outbox_booking_series ON bookmeatoz.outbox;
