import { z } from 'zod';
import type { EventDefinition } from './define-event';

/** The committed catalog: one JSON Schema per event version plus a markdown index. */
export function catalogFiles(events: readonly EventDefinition[]): Map<string, string> {
  const files = new Map<string, string>();
  const rows: string[] = [];
  for (const def of events) {
    const file = `${def.type}.v${def.version}.schema.json`;
    const schema = {
      $id: `https://assay.dev/events/${file}`,
      title: `${def.type} v${def.version}`,
      description: def.description,
      'x-source': def.source,
      ...z.toJSONSchema(def.detail, { io: 'input' }),
    };
    files.set(file, `${JSON.stringify(schema, null, 2)}\n`);
    rows.push(
      `| \`${def.type}\` | ${def.version} | \`${def.source}\` | [${file}](${file}) | ${def.description} |`,
    );
  }
  files.set(
    'README.md',
    [
      '# Event catalog',
      '',
      'Generated from `events/src` by `pnpm catalog`; CI fails when it drifts. Every event is put on the',
      'bus with `source` and `detail-type` as below; `detail` is the envelope `{ eventId, type, version,',
      'occurredAt, tenantId, correlationId, causationId?, data }`.',
      '',
      '| detail-type | version | source | schema | description |',
      '|---|---|---|---|---|',
      ...rows,
      '',
    ].join('\n'),
  );
  return files;
}
