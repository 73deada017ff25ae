import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { services } from '../src/index';
import { OPENAPI_FILE, openApiText } from '../src/openapi';

writeFileSync(OPENAPI_FILE, openApiText(services));
console.log(`wrote ${fileURLToPath(OPENAPI_FILE)}`);
