SELECT count(*) = 200 FROM events
SELECT count(*) = 0 FROM purchase_events
