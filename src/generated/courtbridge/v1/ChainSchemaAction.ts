// Original file: courtbridge/v1/alliance.proto


/**
 * One action a court may order: its kind (as orders name it) and the record type its target names
 * (several joined by "|").
 */
export interface ChainSchemaAction {
  'kind'?: (string);
  'targetRecordType'?: (string);
}

/**
 * One action a court may order: its kind (as orders name it) and the record type its target names
 * (several joined by "|").
 */
export interface ChainSchemaAction__Output {
  'kind': (string);
  'targetRecordType': (string);
}
