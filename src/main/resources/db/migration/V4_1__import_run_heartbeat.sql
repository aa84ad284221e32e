-- Feed imports (issue 6): a run in progress beats every 30 s, so that a run cut off by a crash
-- (a manual one: no db-scheduler execution revives it) is found by its stale heartbeat and marked failed.
alter table import_runs add column heartbeat_at timestamp with time zone;
