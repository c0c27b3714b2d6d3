CREATE TYPE "public"."closing_note_mode" AS ENUM('off', 'optional', 'required');--> statement-breakpoint
DROP INDEX "teams_workspace_name_key";--> statement-breakpoint
ALTER TABLE "teams" ADD COLUMN "archived_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "workspace_settings" ADD COLUMN "closing_note" "closing_note_mode" DEFAULT 'optional' NOT NULL;--> statement-breakpoint
ALTER TABLE "workspace_settings" ADD COLUMN "time_zone" text;--> statement-breakpoint
ALTER TABLE "workspace_settings" ADD COLUMN "auto_close_hours" integer;--> statement-breakpoint
ALTER TABLE "workspace_settings" ADD COLUMN "version" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
-- Team names become unique per workspace whatever the case. A database from before may hold "Sales" and "sales" in one
-- workspace: every such name but the first (in byte order, then id) gets the first free " (n)" suffix, n from 2, cut
-- to the 60 characters a team name may have. Only names change: members, conversations and channels keep their team.
DO $$
DECLARE
  dup record;
  n integer;
  candidate text;
BEGIN
  FOR dup IN
    SELECT id, workspace_id, name FROM (
      SELECT id, workspace_id, name,
        row_number() OVER (PARTITION BY workspace_id, lower(name) ORDER BY name COLLATE "C", id) AS rank
      FROM teams
    ) ranked
    WHERE rank > 1
    ORDER BY workspace_id, lower(name), rank
  LOOP
    n := 2;
    LOOP
      candidate := left(dup.name, 60 - length(' (' || n || ')')) || ' (' || n || ')';
      EXIT WHEN NOT EXISTS (SELECT 1 FROM teams WHERE workspace_id = dup.workspace_id AND lower(name) = lower(candidate));
      n := n + 1;
    END LOOP;
    UPDATE teams SET name = candidate WHERE id = dup.id;
  END LOOP;
END $$;--> statement-breakpoint
CREATE UNIQUE INDEX "teams_workspace_name_key" ON "teams" USING btree ("workspace_id",lower("name")) WHERE "teams"."archived_at" is null;--> statement-breakpoint
ALTER TABLE "workspace_settings" ADD CONSTRAINT "workspace_settings_auto_close_hours_check" CHECK ("workspace_settings"."auto_close_hours" between 1 and 720);