// Original file: courtbridge/v1/mediation.proto


export interface GetCaseRequest {
  /**
   * Case to fetch.
   */
  'caseId'?: (string);
}

export interface GetCaseRequest__Output {
  /**
   * Case to fetch.
   */
  'caseId': (string);
}
