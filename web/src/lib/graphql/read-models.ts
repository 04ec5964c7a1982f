import { graphql } from './generated/gql.js';

export const READ_MODEL_CHANGED = graphql(`
  subscription ReadModelChanged($guildId: ID!, $readModels: [ReadModel!]) {
    readModelChanged(guildId: $guildId, readModels: $readModels) {
      guildId
      readModel
      position
    }
  }
`);
