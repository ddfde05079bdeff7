import type * as grpc from '@grpc/grpc-js';
import type { EnumTypeDefinition, MessageTypeDefinition } from '@grpc/proto-loader';

import type { ActionTarget as _courtbridge_v1_ActionTarget, ActionTarget__Output as _courtbridge_v1_ActionTarget__Output } from './courtbridge/v1/ActionTarget.js';

type SubtypeConstructor<Constructor extends new (...args: any) => any, Subtype> = {
  new(...args: ConstructorParameters<Constructor>): Subtype;
};

export interface ProtoGrpcType {
  courtbridge: {
    v1: {
      ActionKind: EnumTypeDefinition
      ActionStatus: EnumTypeDefinition
      ActionTarget: MessageTypeDefinition<_courtbridge_v1_ActionTarget, _courtbridge_v1_ActionTarget__Output>
    }
  }
}

