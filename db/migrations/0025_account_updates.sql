ALTER TABLE "contact_identities" ADD COLUMN "username" text;--> statement-breakpoint
ALTER TABLE "account_alerts" ADD COLUMN "source" text DEFAULT 'account_alerts' NOT NULL;--> statement-breakpoint
ALTER TABLE "account_alerts" ADD COLUMN "details" jsonb;--> statement-breakpoint
ALTER TABLE "account_alerts" ADD COLUMN "expires_at" timestamp with time zone;--> statement-breakpoint
CREATE INDEX "contact_identities_username_idx" ON "contact_identities" USING btree ("workspace_id",lower("username") text_pattern_ops) WHERE "contact_identities"."username" is not null;