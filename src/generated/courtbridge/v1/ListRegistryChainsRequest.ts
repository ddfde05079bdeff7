// Original file: courtbridge/v1/alliance.proto


export interface ListRegistryChainsRequest {
}

export interface ListRegistryChainsRequest__Output {
}
