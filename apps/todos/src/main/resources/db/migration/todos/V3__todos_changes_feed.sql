-- Runs with search_path = the app's schema: no schema names here.

-- The kit's changes feed for todos, each user's own (GET /todos/changes): adds todos.version, the triggers, and every
-- todo already there as a change a device's first sync reads.
SELECT petdb_feed_track('todos', 'user_id');
