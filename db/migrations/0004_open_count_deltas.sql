CREATE TABLE "conversation_open_counts" (
	"workspace_id" uuid NOT NULL,
	"assignee_id" uuid,
	"team_id" uuid,
	"delta" integer NOT NULL
);
--> statement-breakpoint
DROP INDEX "conversations_open_counts_idx";--> statement-breakpoint
CREATE INDEX "conversation_open_counts_workspace_idx" ON "conversation_open_counts" USING btree ("workspace_id");--> statement-breakpoint
-- Open counts as deltas, written by statement-level triggers that see every changed row at once (transition
-- tables): a statement that opens, closes, assigns or moves many conversations adds one row per (workspace,
-- assignee, team) it changed, and one that changes none of those (read marks, previews) adds nothing.
CREATE OR REPLACE FUNCTION nafidha_open_counts_after_insert() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  INSERT INTO conversation_open_counts (workspace_id, assignee_id, team_id, delta)
  SELECT workspace_id, assignee_id, team_id, count(*) FROM new_rows WHERE status = 'open' GROUP BY 1, 2, 3;
  RETURN NULL;
END $fn$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION nafidha_open_counts_after_delete() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  INSERT INTO conversation_open_counts (workspace_id, assignee_id, team_id, delta)
  SELECT workspace_id, assignee_id, team_id, -count(*) FROM old_rows WHERE status = 'open' GROUP BY 1, 2, 3;
  RETURN NULL;
END $fn$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION nafidha_open_counts_after_update() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  INSERT INTO conversation_open_counts (workspace_id, assignee_id, team_id, delta)
  SELECT workspace_id, assignee_id, team_id, sum(d)
  FROM (
    SELECT workspace_id, assignee_id, team_id, -1 AS d FROM old_rows WHERE status = 'open'
    UNION ALL
    SELECT workspace_id, assignee_id, team_id, 1 FROM new_rows WHERE status = 'open'
  ) changes
  GROUP BY 1, 2, 3
  HAVING sum(d) <> 0;
  RETURN NULL;
END $fn$;
--> statement-breakpoint
CREATE TRIGGER conversations_open_counts_insert AFTER INSERT ON conversations
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION nafidha_open_counts_after_insert();
--> statement-breakpoint
CREATE TRIGGER conversations_open_counts_delete AFTER DELETE ON conversations
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION nafidha_open_counts_after_delete();
--> statement-breakpoint
CREATE TRIGGER conversations_open_counts_update AFTER UPDATE ON conversations
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION nafidha_open_counts_after_update();
--> statement-breakpoint
-- The starting point, taken while no one can write conversations (the migration's transaction holds the lock).
LOCK TABLE conversations IN SHARE ROW EXCLUSIVE MODE;
--> statement-breakpoint
INSERT INTO conversation_open_counts (workspace_id, assignee_id, team_id, delta)
SELECT workspace_id, assignee_id, team_id, count(*) FROM conversations WHERE status = 'open' GROUP BY 1, 2, 3;
