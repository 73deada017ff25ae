// @assay/playbooks — the playbook format, its validator and hash, and the built-in library.
export * from './format';
export { validatePlaybook, pointer, type PlaybookError, type PlaybookValidation } from './validate';
export { playbookHash } from './hash';
export { playbookJsonSchema } from './json-schema';
export { builtinPlaybooks, findBuiltin } from './builtin';
export * from './forms';
