// Reading files to import: what they are and the ASL inside them (see README.md).

export { readImportText, describeReading, type ImportReading, type ImportKind } from './detect'
export {
  extractStateMachines,
  isTemplate,
  resolveString,
  quoteBarePlaceholders,
  STATE_MACHINE_TYPES,
  type TemplateMachine,
  type TemplateDefinition,
  type StateMachineResourceType,
} from './template'
export { parseCloudFormationYaml, type CfnYamlResult, type YamlProblem } from './cfnYaml'
