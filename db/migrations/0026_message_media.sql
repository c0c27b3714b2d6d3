CREATE TYPE "public"."media_state" AS ENUM('pending', 'stored', 'unavailable');--> statement-breakpoint
CREATE TYPE "public"."media_unavailable_reason" AS ENUM('empty', 'too_large', 'refused_type', 'executable', 'wrong_kind', 'expired', 'sha_mismatch', 'download_failed', 'storage_failed');--> statement-breakpoint
CREATE TABLE "message_media" (
	"message_id" bigint PRIMARY KEY NOT NULL,
	"workspace_id" uuid NOT NULL,
	"provider_media_id" text,
	"provider_uploaded_at" timestamp with time zone,
	"mime_type" text,
	"size_bytes" bigint,
	"sha256" text,
	"file_name" text,
	"width" integer,
	"height" integer,
	"duration_seconds" real,
	"voice" boolean DEFAULT false NOT NULL,
	"animated" boolean DEFAULT false NOT NULL,
	"storage_key" text,
	"state" "media_state" DEFAULT 'pending' NOT NULL,
	"unavailable_reason" "media_unavailable_reason",
	"attempts" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "conversations" ADD COLUMN "preview_media" jsonb;--> statement-breakpoint
ALTER TABLE "message_media" ADD CONSTRAINT "message_media_message_id_messages_id_fk" FOREIGN KEY ("message_id") REFERENCES "public"."messages"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "message_media" ADD CONSTRAINT "message_media_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "message_media_workspace_idx" ON "message_media" USING btree ("workspace_id");--> statement-breakpoint
CREATE INDEX "message_media_pending_idx" ON "message_media" USING btree ("created_at") WHERE "message_media"."state" = 'pending';