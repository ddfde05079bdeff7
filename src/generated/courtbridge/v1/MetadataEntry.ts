// Original file: courtbridge/v1/evidence.proto


/**
 * One metadata entry (a repeated pair instead of a map so the claim encodes deterministically).
 */
export interface MetadataEntry {
  /**
   * Name, e.g. "media_type", "case_id"; entries sorted by name, names unique.
   */
  'name'?: (string);
  /**
   * Value (no personal identifiers in clear).
   */
  'value'?: (string);
}

/**
 * One metadata entry (a repeated pair instead of a map so the claim encodes deterministically).
 */
export interface MetadataEntry__Output {
  /**
   * Name, e.g. "media_type", "case_id"; entries sorted by name, names unique.
   */
  'name': (string);
  /**
   * Value (no personal identifiers in clear).
   */
  'value': (string);
}
