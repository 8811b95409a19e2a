-- A GL template no longer names an item: the SKU mapping decides every line's item (it is what commits and fulfils
-- stock), and a template's revenue account reaches the ledger by a reclassification journal on billing. Settings saved
-- with an `itemId` would no longer parse, so it is taken out of every stored template; the rest is kept as it was.
UPDATE "connections"
SET "settings" = jsonb_set(
  "settings",
  '{glTemplates}',
  (
    SELECT jsonb_agg(template - 'itemId' ORDER BY position)
    FROM jsonb_array_elements("settings" -> 'glTemplates') WITH ORDINALITY AS templates(template, position)
  )
)
WHERE jsonb_typeof("settings" -> 'glTemplates') = 'array'
  AND jsonb_array_length("settings" -> 'glTemplates') > 0;
