DROP TABLE unused_staging;
