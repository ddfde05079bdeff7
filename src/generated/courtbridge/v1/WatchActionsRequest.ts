// Original file: courtbridge/v1/action_service.proto


export interface WatchActionsRequest {
  /**
   * Actions to follow (1 to 100).
   */
  'actionIds'?: (string)[];
}

export interface WatchActionsRequest__Output {
  /**
   * Actions to follow (1 to 100).
   */
  'actionIds': (string)[];
}
