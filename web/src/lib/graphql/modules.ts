import { gql, type TypedDocumentNode } from '@apollo/client';
import type { ModuleConfiguration } from './types.js';

const MODULE_FIELDS = gql`
  fragment ModuleFields on ModuleConfiguration {
    guildId
    module
    enabled
    config
    version
  }
`;

export const MODULES: TypedDocumentNode<
  { guild: { id: string; modules: ModuleConfiguration[] } },
  { id: string }
> = gql`
  ${MODULE_FIELDS}
  query Modules($id: ID!) {
    guild(id: $id) {
      id
      modules {
        ...ModuleFields
      }
    }
  }
`;

type ModuleVariables = { guildId: string; module: string; expectedVersion: number };

export const ENABLE_MODULE: TypedDocumentNode<
  { enableModule: ModuleConfiguration },
  ModuleVariables & { config?: unknown }
> = gql`
  ${MODULE_FIELDS}
  mutation EnableModule($guildId: ID!, $module: String!, $expectedVersion: Int!, $config: JSON) {
    enableModule(guildId: $guildId, module: $module, expectedVersion: $expectedVersion, config: $config) {
      ...ModuleFields
    }
  }
`;

export const UPDATE_MODULE: TypedDocumentNode<
  { updateModuleConfig: ModuleConfiguration },
  ModuleVariables & { config: unknown }
> = gql`
  ${MODULE_FIELDS}
  mutation UpdateModuleConfig($guildId: ID!, $module: String!, $expectedVersion: Int!, $config: JSON!) {
    updateModuleConfig(guildId: $guildId, module: $module, expectedVersion: $expectedVersion, config: $config) {
      ...ModuleFields
    }
  }
`;

export const DISABLE_MODULE: TypedDocumentNode<{ disableModule: ModuleConfiguration }, ModuleVariables> = gql`
  ${MODULE_FIELDS}
  mutation DisableModule($guildId: ID!, $module: String!, $expectedVersion: Int!) {
    disableModule(guildId: $guildId, module: $module, expectedVersion: $expectedVersion) {
      ...ModuleFields
    }
  }
`;

export const MODULE_CHANGED: TypedDocumentNode<{ moduleChanged: ModuleConfiguration }, { guildId: string }> =
  gql`
  ${MODULE_FIELDS}
  subscription ModuleChanged($guildId: ID!) {
    moduleChanged(guildId: $guildId) {
      ...ModuleFields
    }
  }
`;
