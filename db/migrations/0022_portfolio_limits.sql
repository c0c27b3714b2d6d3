CREATE TABLE "account_alerts" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "account_alerts_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"workspace_id" uuid NOT NULL,
	"waba_id" text,
	"entity_type" text NOT NULL,
	"entity_id" text NOT NULL,
	"alert_type" text NOT NULL,
	"severity" text,
	"status" text,
	"description" text,
	"occurred_at" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "number_health" ADD COLUMN "code_verification_status" text;--> statement-breakpoint
ALTER TABLE "number_health" ADD COLUMN "account_mode" text;--> statement-breakpoint
ALTER TABLE "contacts" ADD COLUMN "whatsapp_unreachable_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "contacts" ADD COLUMN "whatsapp_unreachable_code" text;--> statement-breakpoint
ALTER TABLE "account_alerts" ADD CONSTRAINT "account_alerts_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "account_alerts_once_key" ON "account_alerts" USING btree ("workspace_id","entity_id","alert_type","occurred_at");--> statement-breakpoint
CREATE INDEX "account_alerts_workspace_idx" ON "account_alerts" USING btree ("workspace_id","occurred_at" DESC NULLS LAST);