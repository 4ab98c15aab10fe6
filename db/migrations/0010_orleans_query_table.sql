-- Orleans' ADO.NET providers read every query they run from this table at start-up
-- (SELECT QueryKey, QueryText FROM OrleansQuery); the providers ship no SQL of their own.
-- Unquoted identifiers fold to lower case, which the providers' unquoted SELECT expects.
CREATE TABLE IF NOT EXISTS OrleansQuery (
    QueryKey  varchar(64) PRIMARY KEY,
    QueryText text        NOT NULL
);
