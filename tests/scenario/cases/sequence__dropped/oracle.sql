DROP SEQUENCE old_counter;
