// Original file: courtbridge/v1/alliance.proto


/**
 * One record type: its name, the prefix of its state keys and its secondary indexes.
 */
export interface ChainSchemaRecordType {
  'name'?: (string);
  'keyPrefix'?: (string);
  'indexes'?: (string)[];
}

/**
 * One record type: its name, the prefix of its state keys and its secondary indexes.
 */
export interface ChainSchemaRecordType__Output {
  'name': (string);
  'keyPrefix': (string);
  'indexes': (string)[];
}
