CREATE TYPE "public"."closing_note_mode" AS ENUM('off', 'optional', 'required');--> statement-breakpoint
DROP INDEX "teams_workspace_name_key";--> statement-breakpoint
ALTER TABLE "teams" ADD COLUMN "archived_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "workspace_settings" ADD COLUMN "closing_note" "closing_note_mode" DEFAULT 'optional' NOT NULL;--> statement-breakpoint
ALTER TABLE "workspace_settings" ADD COLUMN "time_zone" text;--> statement-breakpoint
ALTER TABLE "workspace_settings" ADD COLUMN "auto_close_hours" integer;--> statement-breakpoint
ALTER TABLE "workspace_settings" ADD COLUMN "version" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "teams_workspace_name_key" ON "teams" USING btree ("workspace_id",lower("name")) WHERE "teams"."archived_at" is null;--> statement-breakpoint
ALTER TABLE "workspace_settings" ADD CONSTRAINT "workspace_settings_auto_close_hours_check" CHECK ("workspace_settings"."auto_close_hours" between 1 and 720);