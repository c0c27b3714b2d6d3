CREATE TYPE "public"."failure_kind" AS ENUM('transient', 'permanent');--> statement-breakpoint
ALTER TABLE "messages" ADD COLUMN "failure_kind" "failure_kind";--> statement-breakpoint
ALTER TABLE "messages" ADD COLUMN "error_data" jsonb;--> statement-breakpoint
-- hand-written below
-- Failed messages stored before the verdict was kept: the codes the adapters treat as transient (the old retry list,
-- plus the rate limits 80007 and 4 and a bare HTTP 429 it missed) are transient, everything else permanent. What the
-- English reason said becomes data, so the reason can be said in any language: the attempt count it ended with, the
-- HTTP status of an `HTTP_<status>` code, and the reason itself as the provider's words (shown only for a code the
-- catalogs have no sentence for, such as a Meta code we never mapped).
UPDATE "messages" SET
  "failure_kind" = CASE WHEN "error_code" IN ('SIM_UNAVAILABLE', 'ADAPTER_ERROR', 'NO_MESSAGE_ID', 'TIMEOUT', 'HTTP_5XX', 'HTTP_429',
    '130429', '131056', '80007', '4', '131000', '131057') THEN 'transient'::"failure_kind" ELSE 'permanent'::"failure_kind" END,
  "error_data" = nullif(jsonb_strip_nulls(jsonb_build_object(
    'attempts', (substring("error_reason" from '\(gave up after (\d+) attempts\)$'))::int,
    'httpStatus', (substring("error_code" from '^HTTP_(\d+)$'))::int,
    'details', nullif(regexp_replace("error_reason", '\s*\(gave up after \d+ attempts\)$', ''), ''))), '{}'::jsonb)
WHERE "status" = 'failed' AND "direction" = 'out';
