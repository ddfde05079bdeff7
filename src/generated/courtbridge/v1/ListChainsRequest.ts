// Original file: courtbridge/v1/chain.proto


export interface ListChainsRequest {
}

export interface ListChainsRequest__Output {
}
