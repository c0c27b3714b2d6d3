ALTER TABLE "conversations" ADD COLUMN "version" bigint DEFAULT 0 NOT NULL;-- hand-written below
-- Open-count changes, computed once per statement by one trigger function that does both jobs with them:
-- * inserts them into conversation_open_counts as deltas (what 0004's three triggers did; their functions are
--   replaced here), so counts stay a sum of a handful of rows;
-- * appends them as [workspace, assignee, team, delta] entries to a transaction-local setting, read by the
--   transaction's realtime announcement (server/realtime/announce.ts) so browsers adjust their view counts instead
--   of refetching them. A setting (not a table) because it is private to the transaction, costs no write, and a
--   savepoint rolled back takes its entries with it.
-- Statement-level with transition tables: a statement changing many conversations adds one entry per (workspace,
-- assignee, team) it changed, and one that changes none of those (read marks, previews, version bumps) adds nothing.
CREATE OR REPLACE FUNCTION nafidha_open_count_changes() RETURNS trigger LANGUAGE plpgsql AS $fn$
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
    INSERT INTO conversation_open_counts (workspace_id, assignee_id, team_id, delta)
    SELECT (e->>0)::uuid, (e->>1)::uuid, (e->>2)::uuid, (e->>3)::integer FROM jsonb_array_elements(changes) e;
    PERFORM set_config('nafidha.open_count_changes',
      (coalesce(nullif(current_setting('nafidha.open_count_changes', true), ''), '[]')::jsonb || changes)::text, true);
  END IF;
  RETURN NULL;
END $fn$;
--> statement-breakpoint
DROP TRIGGER conversations_open_counts_insert ON conversations;
--> statement-breakpoint
DROP TRIGGER conversations_open_counts_delete ON conversations;
--> statement-breakpoint
DROP TRIGGER conversations_open_counts_update ON conversations;
--> statement-breakpoint
DROP FUNCTION nafidha_open_counts_after_insert();
--> statement-breakpoint
DROP FUNCTION nafidha_open_counts_after_delete();
--> statement-breakpoint
DROP FUNCTION nafidha_open_counts_after_update();
--> statement-breakpoint
CREATE TRIGGER conversations_open_counts_insert AFTER INSERT ON conversations
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION nafidha_open_count_changes();
--> statement-breakpoint
CREATE TRIGGER conversations_open_counts_delete AFTER DELETE ON conversations
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION nafidha_open_count_changes();
--> statement-breakpoint
CREATE TRIGGER conversations_open_counts_update AFTER UPDATE ON conversations
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION nafidha_open_count_changes();
