-- Run once by the postgres image on an empty data volume: one database per service that owns data, as each would
-- have its own in production. The services' migrations (the *-seed steps of docker-compose.yml) create the tables.
CREATE DATABASE orders;
CREATE DATABASE products;
CREATE DATABASE docs;
-- The host's conversation record (decision 0025); its roles migrate it at start, under an advisory lock.
CREATE DATABASE host;
