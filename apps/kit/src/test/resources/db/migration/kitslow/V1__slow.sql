-- longer than the idle_in_transaction_session_timeout the test gives the role
CREATE TABLE slow (id int);
SELECT pg_sleep(3);
