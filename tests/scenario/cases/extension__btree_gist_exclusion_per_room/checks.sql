SELECT count(*) = 3000 AND bool_and(room = id % 5) FROM bookings
