// Original file: courtbridge/v1/verification.proto


/**
 * Text for people: zh-CN first, English kept.
 */
export interface LocalizedText {
  /**
   * Simplified Chinese.
   */
  'zhCn'?: (string);
  /**
   * English.
   */
  'en'?: (string);
}

/**
 * Text for people: zh-CN first, English kept.
 */
export interface LocalizedText__Output {
  /**
   * Simplified Chinese.
   */
  'zhCn': (string);
  /**
   * English.
   */
  'en': (string);
}
