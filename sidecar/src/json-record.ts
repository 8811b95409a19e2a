/**
 * A JSON object read as a record of unknown fields: NetSuite's and the storefronts' replies are checked field by field
 * where they are used, and anything that is not an object (null, a scalar, an array) reads as an empty record.
 */
export const recordOf = (value: unknown): Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
