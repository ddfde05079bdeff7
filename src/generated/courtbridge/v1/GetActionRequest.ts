// Original file: courtbridge/v1/action_service.proto


export interface GetActionRequest {
  /**
   * Action to fetch.
   */
  'actionId'?: (string);
}

export interface GetActionRequest__Output {
  /**
   * Action to fetch.
   */
  'actionId': (string);
}
