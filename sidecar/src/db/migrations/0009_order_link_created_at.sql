ALTER TABLE "order_links" ADD COLUMN "created_at" timestamp with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
-- Links made before this column existed: their last update is the best known bound for their first write.
UPDATE "order_links" SET "created_at" = "updated_at";--> statement-breakpoint
CREATE INDEX "order_links_created_idx" ON "order_links" USING btree ("created_at");
