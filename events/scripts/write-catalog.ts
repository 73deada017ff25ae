import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { allEvents, catalogFiles } from '../src/index';

const dir = new URL('../catalog/', import.meta.url);
mkdirSync(dir, { recursive: true });
for (const name of readdirSync(dir)) rmSync(new URL(name, dir));
const files = catalogFiles(allEvents);
for (const [name, text] of files) writeFileSync(new URL(name, dir), text);
console.log(`wrote ${files.size} files to events/catalog/`);
