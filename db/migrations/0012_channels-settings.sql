ALTER TYPE "public"."channel_status" ADD VALUE 'disconnected';--> statement-breakpoint
ALTER TABLE "channels" ADD COLUMN "default_team_id" uuid;--> statement-breakpoint
ALTER TABLE "channels" ADD CONSTRAINT "channels_default_team_id_teams_id_fk" FOREIGN KEY ("default_team_id") REFERENCES "public"."teams"("id") ON DELETE set null ON UPDATE no action;