// Original file: courtbridge/v1/types.proto


/**
 * Marker for "the latest trusted height".
 */
export interface LatestHeight {
}

/**
 * Marker for "the latest trusted height".
 */
export interface LatestHeight__Output {
}
