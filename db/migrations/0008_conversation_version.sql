ALTER TABLE "conversations" ADD COLUMN "version" bigint DEFAULT 0 NOT NULL;-- hand-written below
-- The open-count changes of the current transaction, for its realtime events (server/realtime/announce.ts): every
-- statement that opens, closes, assigns or moves conversations appends [workspace, assignee, team, delta] entries
-- to a transaction-local setting, so browsers can adjust their view counts instead of refetching them. A setting
-- (not a table) because it is private to the transaction, costs no write, and a savepoint rolled back takes its
-- entries with it.
CREATE OR REPLACE FUNCTION nafidha_note_open_count_changes() RETURNS trigger LANGUAGE plpgsql AS $fn$
DECLARE
  changes jsonb;
BEGIN
  IF TG_OP = 'INSERT' THEN
    SELECT jsonb_agg(jsonb_build_array(workspace_id, assignee_id, team_id, n)) INTO changes
    FROM (SELECT workspace_id, assignee_id, team_id, count(*) AS n FROM new_rows WHERE status = 'open' GROUP BY 1, 2, 3) c;
  ELSIF TG_OP = 'DELETE' THEN
    SELECT jsonb_agg(jsonb_build_array(workspace_id, assignee_id, team_id, n)) INTO changes
    FROM (SELECT workspace_id, assignee_id, team_id, -count(*) AS n FROM old_rows WHERE status = 'open' GROUP BY 1, 2, 3) c;
  ELSE
    SELECT jsonb_agg(jsonb_build_array(workspace_id, assignee_id, team_id, n)) INTO changes
    FROM (
      SELECT workspace_id, assignee_id, team_id, sum(d) AS n
      FROM (
        SELECT workspace_id, assignee_id, team_id, -1 AS d FROM old_rows WHERE status = 'open'
        UNION ALL
        SELECT workspace_id, assignee_id, team_id, 1 FROM new_rows WHERE status = 'open'
      ) u
      GROUP BY 1, 2, 3
      HAVING sum(d) <> 0
    ) c;
  END IF;
  IF changes IS NOT NULL THEN
    PERFORM set_config('nafidha.open_count_changes',
      (coalesce(nullif(current_setting('nafidha.open_count_changes', true), ''), '[]')::jsonb || changes)::text, true);
  END IF;
  RETURN NULL;
END $fn$;
--> statement-breakpoint
CREATE TRIGGER conversations_note_open_count_insert AFTER INSERT ON conversations
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION nafidha_note_open_count_changes();
--> statement-breakpoint
CREATE TRIGGER conversations_note_open_count_delete AFTER DELETE ON conversations
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION nafidha_note_open_count_changes();
--> statement-breakpoint
CREATE TRIGGER conversations_note_open_count_update AFTER UPDATE ON conversations
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION nafidha_note_open_count_changes();
