-- Action hooks: delivered batches and the delivery log are kept for KEYWAY_HOOK_RETENTION_DAYS, then deleted in
-- slices; these indexes let the deletes (and nothing else) find the old rows without scanning.
create index hook_batches_finished_idx on hook_batches (state, finished_at);
create index hook_deliveries_attempted_idx on hook_deliveries (attempted_at);
