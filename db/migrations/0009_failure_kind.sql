CREATE TYPE "public"."failure_kind" AS ENUM('transient', 'permanent');--> statement-breakpoint
ALTER TABLE "messages" ADD COLUMN "failure_kind" "failure_kind";--> statement-breakpoint
ALTER TABLE "messages" ADD COLUMN "error_data" jsonb;--> statement-breakpoint
-- hand-written below
-- Failed messages stored before the verdict was kept: the codes the adapters treat as transient (the old retry list,
-- plus the rate limits 80007 and 4 and a bare HTTP 429 it missed) are transient, everything else permanent. The
-- attempt count the English reason ended with becomes data, so the reason can be said in any language.
UPDATE "messages" SET
  "failure_kind" = CASE WHEN "error_code" IN ('SIM_UNAVAILABLE', 'ADAPTER_ERROR', 'NO_MESSAGE_ID', 'TIMEOUT', 'HTTP_5XX', 'HTTP_429',
    '130429', '131056', '80007', '4', '131000', '131057') THEN 'transient'::"failure_kind" ELSE 'permanent'::"failure_kind" END,
  "error_data" = CASE WHEN "error_reason" ~ '\(gave up after \d+ attempts\)$'
    THEN jsonb_build_object('attempts', (substring("error_reason" from '\(gave up after (\d+) attempts\)$'))::int) END
WHERE "status" = 'failed' AND "direction" = 'out';
