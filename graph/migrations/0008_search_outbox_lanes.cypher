// Search outbox lanes: every entry records the lane that pushes it (`lane`: 'fresh' for
// an interactive edit, 'backlog' for bulk writes; entries from before this have none and count as
// backlog). The fresh lane is polled several times a second, so it finds its few pending entries
// through this index instead of reading past a large pending backlog.
CREATE RANGE INDEX search_outbox_lane IF NOT EXISTS FOR (e:SearchOutbox) ON (e.done, e.lane, e.createdAt);
