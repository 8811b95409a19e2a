-- Dead billing jobs now raise `billing_failing:{store}` and dead fulfillment write-back jobs
-- `fulfillment_writeback_failing:{store}` (one alert per store, counted), where they raised
-- `job_dead:{job kind}:{store}` and, for write-backs, also `fulfillment_writeback_failing:{store}:{fulfillment}` per
-- shipment. Nothing settles those legacy keys any more: left open they would stay open for good, or stand beside a
-- second alert for the same dead jobs. Where the store still has dead jobs of the kind and no open alert under the
-- new key, its most recently seen legacy alert becomes that alert (its count the store's dead jobs of the kind, its
-- message kept); every other open legacy alert of the two kinds is closed. A store is `none` for jobs without one.
WITH "legacy" AS (
  SELECT "id", "last_seen", 'netsuite.fulfillment-billing' AS "job_kind", 'billing_failing' AS "new_kind",
    split_part("dedupe_key", ':', 3) AS "store"
  FROM "alerts"
  WHERE "acknowledged_at" IS NULL AND "kind" = 'job_dead'
    AND split_part("dedupe_key", ':', 1) = 'job_dead'
    AND split_part("dedupe_key", ':', 2) = 'netsuite.fulfillment-billing'
  UNION ALL
  SELECT "id", "last_seen", 'netsuite.fulfillment', 'fulfillment_writeback_failing', split_part("dedupe_key", ':', 3)
  FROM "alerts"
  WHERE "acknowledged_at" IS NULL AND "kind" = 'job_dead'
    AND split_part("dedupe_key", ':', 1) = 'job_dead'
    AND split_part("dedupe_key", ':', 2) = 'netsuite.fulfillment'
  UNION ALL
  SELECT "id", "last_seen", 'netsuite.fulfillment', 'fulfillment_writeback_failing',
    CASE split_part("dedupe_key", ':', 2) WHEN 'undefined' THEN 'none' ELSE split_part("dedupe_key", ':', 2) END
  FROM "alerts"
  WHERE "acknowledged_at" IS NULL AND "kind" = 'fulfillment_writeback_failing'
    AND split_part("dedupe_key", ':', 1) = 'fulfillment_writeback_failing'
    AND split_part("dedupe_key", ':', 3) <> ''
),
"dead" AS (
  SELECT "kind" AS "job_kind", coalesce("payload" ->> 'connectionId', 'none') AS "store", count(*)::integer AS "n"
  FROM "jobs"
  WHERE "state" = 'dead' AND "kind" IN ('netsuite.fulfillment-billing', 'netsuite.fulfillment')
  GROUP BY 1, 2
),
"chosen" AS (
  SELECT DISTINCT ON ("legacy"."job_kind", "legacy"."store")
    "legacy"."id", "legacy"."new_kind", "legacy"."store", "dead"."n"
  FROM "legacy"
  JOIN "dead" ON "dead"."job_kind" = "legacy"."job_kind" AND "dead"."store" = "legacy"."store"
  WHERE NOT EXISTS (
    SELECT 1 FROM "alerts" AS "current"
    WHERE "current"."acknowledged_at" IS NULL
      AND "current"."dedupe_key" = "legacy"."new_kind" || ':' || "legacy"."store"
  )
  ORDER BY "legacy"."job_kind", "legacy"."store", "legacy"."last_seen" DESC, "legacy"."id" DESC
)
UPDATE "alerts"
SET "kind" = "chosen"."new_kind", "dedupe_key" = "chosen"."new_kind" || ':' || "chosen"."store", "count" = "chosen"."n"
FROM "chosen"
WHERE "alerts"."id" = "chosen"."id";
--> statement-breakpoint
UPDATE "alerts"
SET "acknowledged_at" = now()
WHERE "acknowledged_at" IS NULL
  AND (
    ("kind" = 'job_dead'
      AND split_part("dedupe_key", ':', 1) = 'job_dead'
      AND split_part("dedupe_key", ':', 2) IN ('netsuite.fulfillment-billing', 'netsuite.fulfillment'))
    OR ("kind" = 'fulfillment_writeback_failing'
      AND split_part("dedupe_key", ':', 1) = 'fulfillment_writeback_failing'
      AND split_part("dedupe_key", ':', 3) <> '')
  );
