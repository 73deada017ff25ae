export * from './dynamodb/create-tables';
export * from './dynamodb/dynamodb-local';
export * from './dynamodb/java';
export * from './http/http-host';
export * from './stack/local-stack';
export * from './stack/demo-tenant';
export * from './streams/outbox-relay';
export * from './stack/bench-stack';
