// Original file: courtbridge/v1/evidence.proto

/**
 * How a document was served.
 */
export const ServiceChannel = {
  /**
   * Never valid.
   */
  SERVICE_CHANNEL_UNSPECIFIED: 'SERVICE_CHANNEL_UNSPECIFIED',
  /**
   * Electronic service (platform, e-mail, SMS link).
   */
  SERVICE_CHANNEL_ELECTRONIC: 'SERVICE_CHANNEL_ELECTRONIC',
  /**
   * Postal service.
   */
  SERVICE_CHANNEL_POSTAL: 'SERVICE_CHANNEL_POSTAL',
  /**
   * Handed over in person.
   */
  SERVICE_CHANNEL_IN_PERSON: 'SERVICE_CHANNEL_IN_PERSON',
  /**
   * Service by public announcement.
   */
  SERVICE_CHANNEL_PUBLICATION: 'SERVICE_CHANNEL_PUBLICATION',
} as const;

/**
 * How a document was served.
 */
export type ServiceChannel =
  /**
   * Never valid.
   */
  | 'SERVICE_CHANNEL_UNSPECIFIED'
  | 0
  /**
   * Electronic service (platform, e-mail, SMS link).
   */
  | 'SERVICE_CHANNEL_ELECTRONIC'
  | 1
  /**
   * Postal service.
   */
  | 'SERVICE_CHANNEL_POSTAL'
  | 2
  /**
   * Handed over in person.
   */
  | 'SERVICE_CHANNEL_IN_PERSON'
  | 3
  /**
   * Service by public announcement.
   */
  | 'SERVICE_CHANNEL_PUBLICATION'
  | 4

/**
 * How a document was served.
 */
export type ServiceChannel__Output = typeof ServiceChannel[keyof typeof ServiceChannel]
