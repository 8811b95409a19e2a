CREATE TABLE "netsuite_permits" (
	"account_id" text NOT NULL,
	"slot" integer NOT NULL,
	"holder" text,
	"expires_at" timestamp with time zone,
	CONSTRAINT "netsuite_permits_account_id_slot_pk" PRIMARY KEY("account_id","slot")
);
