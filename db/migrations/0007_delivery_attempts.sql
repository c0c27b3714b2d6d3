CREATE TYPE "public"."delivery_attempt_state" AS ENUM('calling', 'accepted', 'failed', 'throttled', 'unknown', 'lost');--> statement-breakpoint
CREATE SEQUENCE "public"."delivery_worker_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1 CYCLE;--> statement-breakpoint
CREATE TABLE "channel_breakers" (
	"channel_id" uuid PRIMARY KEY NOT NULL,
	"workspace_id" uuid NOT NULL,
	"state" text DEFAULT 'closed' NOT NULL,
	"consecutive_failures" integer DEFAULT 0 NOT NULL,
	"openings" integer DEFAULT 0 NOT NULL,
	"opened_at" timestamp with time zone,
	"open_until" timestamp with time zone,
	"probe_until" timestamp with time zone,
	"throttles" integer DEFAULT 0 NOT NULL,
	"throttled_until" timestamp with time zone,
	"last_error_code" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "delivery_attempts" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "delivery_attempts_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"workspace_id" uuid NOT NULL,
	"channel_id" uuid NOT NULL,
	"message_id" bigint NOT NULL,
	"worker_id" integer,
	"state" "delivery_attempt_state" DEFAULT 'calling' NOT NULL,
	"error_code" text,
	"error_reason" text,
	"provider_message_id" text,
	"started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "send_claims" (
	"job_id" uuid PRIMARY KEY NOT NULL,
	"workspace_id" uuid,
	"message_id" bigint NOT NULL,
	"channel_id" uuid,
	"worker_id" integer NOT NULL,
	"claimed_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "channel_breakers" ADD CONSTRAINT "channel_breakers_channel_id_channels_id_fk" FOREIGN KEY ("channel_id") REFERENCES "public"."channels"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "channel_breakers" ADD CONSTRAINT "channel_breakers_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "delivery_attempts" ADD CONSTRAINT "delivery_attempts_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "delivery_attempts" ADD CONSTRAINT "delivery_attempts_channel_id_channels_id_fk" FOREIGN KEY ("channel_id") REFERENCES "public"."channels"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "delivery_attempts" ADD CONSTRAINT "delivery_attempts_message_id_messages_id_fk" FOREIGN KEY ("message_id") REFERENCES "public"."messages"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "send_claims" ADD CONSTRAINT "send_claims_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "delivery_attempts_message_idx" ON "delivery_attempts" USING btree ("message_id","id");--> statement-breakpoint
CREATE UNIQUE INDEX "delivery_attempts_open_key" ON "delivery_attempts" USING btree ("message_id") WHERE "delivery_attempts"."state" in ('calling', 'unknown');--> statement-breakpoint
CREATE INDEX "delivery_attempts_calling_idx" ON "delivery_attempts" USING btree ("worker_id") WHERE "delivery_attempts"."state" = 'calling';--> statement-breakpoint
CREATE INDEX "send_claims_worker_idx" ON "send_claims" USING btree ("worker_id");