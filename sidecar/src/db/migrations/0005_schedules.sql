CREATE TABLE "schedules" (
	"name" text PRIMARY KEY NOT NULL,
	"cadence_ms" bigint NOT NULL,
	"next_run_at" timestamp with time zone NOT NULL,
	"last_started_at" timestamp with time zone,
	"last_finished_at" timestamp with time zone,
	"last_outcome" text,
	"last_result" jsonb,
	"running_by" text,
	"lease_until" timestamp with time zone,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
