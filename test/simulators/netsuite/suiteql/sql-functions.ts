import {
  COMMIT_INVENTORY_LABEL,
  ITEM_TYPE_LABEL,
  PRICE_LEVEL_LABEL,
  STATUS_LABEL,
  TRANSACTION_TYPE_LABEL,
} from './labels.ts';

/**
 * What SuiteQL has on top of PostgreSQL, as SQL: Oracle functions whose PostgreSQL namesakes differ (`ns_compat`, searched
 * before `pg_catalog`), NetSuite's `BUILTIN.DF` display functions (`builtin`), and the simulator clock (`ns_internal`).
 * Bodies name `public.` tables, which are created later (so function bodies are not checked at creation).
 */
export function setupSql(): string {
  return `
SET TIME ZONE 'UTC';
SET DateStyle = 'ISO, MDY';
SET check_function_bodies = off;
CREATE SCHEMA ns_internal;
CREATE SCHEMA ns_compat;
CREATE SCHEMA builtin;

CREATE TABLE ns_internal.label (kind text, context text, code text, label text, PRIMARY KEY (kind, context, code));
INSERT INTO ns_internal.label VALUES ${labelRows().join(',\n')};

CREATE FUNCTION ns_internal.label(kind text, context text, code text) RETURNS text LANGUAGE sql STABLE AS $$
  SELECT label FROM ns_internal.label l WHERE l.kind = $1 AND l.context = $2 AND l.code = $3 $$;

-- Oracle's SYSDATE is the simulator clock, set per query.
CREATE FUNCTION ns_internal.sysdate() RETURNS timestamp LANGUAGE sql STABLE AS $$
  SELECT COALESCE(NULLIF(current_setting('ns.now', true), ''), localtimestamp(0)::text)::timestamp $$;

-- Oracle's TO_DATE keeps the time of day (an Oracle DATE is a datetime); PostgreSQL's would drop it.
CREATE FUNCTION ns_compat.to_date(text, text) RETURNS timestamp LANGUAGE sql STABLE AS $$
  SELECT pg_catalog.to_timestamp($1, $2)::timestamp $$;
CREATE FUNCTION ns_compat.to_date(text) RETURNS timestamp LANGUAGE sql STABLE AS $$
  SELECT pg_catalog.to_timestamp($1, 'MM/DD/YYYY')::timestamp $$;
CREATE FUNCTION ns_compat.to_timestamp(text, text) RETURNS timestamp LANGUAGE sql STABLE AS $$
  SELECT pg_catalog.to_timestamp($1, $2)::timestamp $$;
CREATE FUNCTION ns_compat.trunc(timestamp) RETURNS timestamp LANGUAGE sql IMMUTABLE AS $$
  SELECT pg_catalog.date_trunc('day', $1) $$;
CREATE FUNCTION ns_compat.nvl2(anyelement, anycompatible, anycompatible) RETURNS anycompatible LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE WHEN $1 IS NOT NULL THEN $2 ELSE $3 END $$;
CREATE FUNCTION ns_compat.instr(text, text) RETURNS integer LANGUAGE sql IMMUTABLE AS $$
  SELECT pg_catalog.strpos($1, $2) $$;
CREATE FUNCTION ns_compat.trunc(timestamp, text) RETURNS timestamp LANGUAGE sql IMMUTABLE AS $$
  SELECT pg_catalog.date_trunc(CASE upper($2) WHEN 'YYYY' THEN 'year' WHEN 'YEAR' THEN 'year' WHEN 'Q' THEN 'quarter'
    WHEN 'MM' THEN 'month' WHEN 'MONTH' THEN 'month' WHEN 'IW' THEN 'week' WHEN 'HH' THEN 'hour' WHEN 'HH24' THEN 'hour'
    WHEN 'MI' THEN 'minute' ELSE 'day' END, $1) $$;
CREATE FUNCTION ns_compat.to_number(text) RETURNS numeric LANGUAGE sql IMMUTABLE AS $$ SELECT $1::numeric $$;
CREATE FUNCTION ns_compat.to_number(numeric) RETURNS numeric LANGUAGE sql IMMUTABLE AS $$ SELECT $1 $$;
CREATE FUNCTION ns_compat.to_char(numeric) RETURNS text LANGUAGE sql IMMUTABLE AS $$ SELECT $1::text $$;
CREATE FUNCTION ns_compat.to_char(timestamp) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT pg_catalog.to_char($1, 'FMMM/FMDD/YYYY') $$;
CREATE FUNCTION ns_compat.add_months(timestamp, integer) RETURNS timestamp LANGUAGE sql IMMUTABLE AS $$
  SELECT $1 + pg_catalog.make_interval(months => $2) $$;
CREATE FUNCTION ns_compat.last_day(timestamp) RETURNS timestamp LANGUAGE sql IMMUTABLE AS $$
  SELECT pg_catalog.date_trunc('month', $1) + interval '1 month - 1 day' + ($1 - pg_catalog.date_trunc('day', $1)) $$;
CREATE FUNCTION ns_compat.months_between(timestamp, timestamp) RETURNS numeric LANGUAGE sql IMMUTABLE AS $$
  SELECT ((extract(year FROM $1) - extract(year FROM $2)) * 12 + extract(month FROM $1) - extract(month FROM $2)
    + (extract(day FROM $1) - extract(day FROM $2)) / 31.0)::numeric $$;
-- Oracle replaces every match; PostgreSQL only the first unless told 'g'.
CREATE FUNCTION ns_compat.regexp_replace(text, text, text) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT pg_catalog.regexp_replace($1, $2, $3, 'g') $$;
CREATE FUNCTION ns_compat.bitand(bigint, bigint) RETURNS bigint LANGUAGE sql IMMUTABLE AS $$ SELECT $1 & $2 $$;

CREATE FUNCTION builtin.df(anyelement) RETURNS text LANGUAGE sql IMMUTABLE AS $$ SELECT $1::text $$;
CREATE FUNCTION builtin.df_type(text) RETURNS text LANGUAGE sql STABLE AS $$
  SELECT COALESCE(ns_internal.label('type', '', $1), $1) $$;
CREATE FUNCTION builtin.df_status(text, text) RETURNS text LANGUAGE sql STABLE AS $$
  SELECT COALESCE(ns_internal.label('type', '', $2) || ' : ' || ns_internal.label('status', $2, $1), $1) $$;
CREATE FUNCTION builtin.df_itemtype(text) RETURNS text LANGUAGE sql STABLE AS $$
  SELECT COALESCE(ns_internal.label('itemtype', '', $1), $1) $$;
CREATE FUNCTION builtin.df_commitinventory(bigint) RETURNS text LANGUAGE sql STABLE AS $$
  SELECT COALESCE(ns_internal.label('commitinventory', '', $1::text), $1::text) $$;
CREATE FUNCTION builtin.df_pricelevel(bigint) RETURNS text LANGUAGE sql STABLE AS $$
  SELECT COALESCE(ns_internal.label('pricelevel', '', $1::text), $1::text) $$;
CREATE FUNCTION builtin.df_entity(bigint) RETURNS text LANGUAGE sql STABLE AS $$
  SELECT COALESCE((
    SELECT COALESCE(CASE WHEN isperson = 'T' THEN NULLIF(concat_ws(' ', firstname, lastname), '') ELSE companyname END, entityid)
    FROM public.customer WHERE id = $1), $1::text) $$;
CREATE FUNCTION builtin.df_item(bigint) RETURNS text LANGUAGE sql STABLE AS $$
  SELECT COALESCE((SELECT itemid FROM public.item WHERE id = $1), $1::text) $$;
CREATE FUNCTION builtin.df_location(bigint) RETURNS text LANGUAGE sql STABLE AS $$
  SELECT COALESCE((SELECT fullname FROM public.location WHERE id = $1), $1::text) $$;
CREATE FUNCTION builtin.df_subsidiary(bigint) RETURNS text LANGUAGE sql STABLE AS $$
  SELECT COALESCE((SELECT fullname FROM public.subsidiary WHERE id = $1), $1::text) $$;
CREATE FUNCTION builtin.df_currency(bigint) RETURNS text LANGUAGE sql STABLE AS $$
  SELECT COALESCE((SELECT name FROM public.currency WHERE id = $1), $1::text) $$;
CREATE FUNCTION builtin.df_account(bigint) RETURNS text LANGUAGE sql STABLE AS $$
  SELECT COALESCE((SELECT accountsearchdisplayname FROM public.account WHERE id = $1), $1::text) $$;
CREATE FUNCTION builtin.df_transaction(bigint) RETURNS text LANGUAGE sql STABLE AS $$
  SELECT COALESCE((
    SELECT COALESCE(ns_internal.label('type', '', type), type) || COALESCE(' #' || tranid, '')
    FROM public.transaction WHERE id = $1), $1::text) $$;

SET search_path TO ns_compat, public, pg_catalog;
`;
}

function labelRows(): string[] {
  const row = (kind: string, context: string, code: string, label: string) =>
    `(${[kind, context, code, label].map(literal).join(', ')})`;
  const flat = (kind: string, labels: Record<string, string>) =>
    Object.entries(labels).map(([code, label]) => row(kind, '', code, label));
  return [
    ...flat('type', TRANSACTION_TYPE_LABEL),
    ...flat('itemtype', ITEM_TYPE_LABEL),
    ...flat('commitinventory', COMMIT_INVENTORY_LABEL),
    ...flat('pricelevel', PRICE_LEVEL_LABEL),
    ...Object.entries(STATUS_LABEL).flatMap(([type, labels]) =>
      Object.entries(labels).map(([code, label]) => row('status', type, code, label)),
    ),
  ];
}

const literal = (value: string) => `'${value.replaceAll("'", "''")}'`;
