ALTER TABLE login_events NO INHERIT events;
