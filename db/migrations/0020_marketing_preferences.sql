ALTER TYPE "public"."conversation_event_type" ADD VALUE 'marketing_preference';--> statement-breakpoint
ALTER TABLE "contacts" ADD COLUMN "marketing_opt_out_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "contacts" ADD COLUMN "marketing_preference_at" timestamp with time zone;