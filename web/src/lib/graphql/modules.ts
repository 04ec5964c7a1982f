import { graphql } from './generated/gql.js';
import type { ModuleFieldsFragment } from './generated/graphql.js';

export const MODULE_FIELDS = graphql(`
  fragment ModuleFields on ModuleConfiguration {
    guildId
    module
    enabled
    config
    version
  }
`);

/** A module's configuration in a guild, as the forms edit it. */
export type ModuleConfiguration = ModuleFieldsFragment;

export const MODULES = graphql(`
  query Modules($id: ID!) {
    guild(id: $id) {
      id
      modules {
        ...ModuleFields
      }
    }
  }
`);

export const ENABLE_MODULE = graphql(`
  mutation EnableModule($guildId: ID!, $module: String!, $expectedVersion: Int!, $config: JSON) {
    enableModule(guildId: $guildId, module: $module, expectedVersion: $expectedVersion, config: $config) {
      ...ModuleFields
    }
  }
`);

export const UPDATE_MODULE = graphql(`
  mutation UpdateModuleConfig($guildId: ID!, $module: String!, $expectedVersion: Int!, $config: JSON!) {
    updateModuleConfig(guildId: $guildId, module: $module, expectedVersion: $expectedVersion, config: $config) {
      ...ModuleFields
    }
  }
`);

export const DISABLE_MODULE = graphql(`
  mutation DisableModule($guildId: ID!, $module: String!, $expectedVersion: Int!) {
    disableModule(guildId: $guildId, module: $module, expectedVersion: $expectedVersion) {
      ...ModuleFields
    }
  }
`);

export const MODULE_CHANGED = graphql(`
  subscription ModuleChanged($guildId: ID!) {
    moduleChanged(guildId: $guildId) {
      ...ModuleFields
    }
  }
`);
