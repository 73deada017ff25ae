import { describe, expect, it } from 'vitest';
import { createEvent, playbookPublished } from '../src/index';

const data = {
  playbookId: 'pb-1',
  version: '1.0.0',
  hash: `sha256:${'a'.repeat(64)}`,
  title: 'Billing',
  publishedAt: '2026-11-23T10:00:00.000Z',
  playbook: { id: 'pb-1' },
};

describe('defineEvent', () => {
  it('derives both rule patterns from the one definition', () => {
    expect(playbookPublished.pattern).toEqual({
      source: ['assay.content'],
      'detail-type': ['playbook.published'],
    });
    expect(playbookPublished.cdkPattern).toEqual({
      source: ['assay.content'],
      detailType: ['playbook.published'],
    });
  });

  it('builds an envelope with a ULID, the type, version and context', () => {
    const now = new Date('2026-11-23T10:00:00.000Z');
    const detail = createEvent(
      playbookPublished,
      { tenantId: 't1', correlationId: 'c1', causationId: 'e0' },
      data,
      now,
    );
    expect(detail).toMatchObject({
      type: 'playbook.published',
      version: 1,
      occurredAt: now.toISOString(),
      tenantId: 't1',
      correlationId: 'c1',
      causationId: 'e0',
      data,
    });
    expect(detail.eventId).toMatch(/^[0-9A-HJKMNP-TV-Z]{26}$/);
  });

  it('gives ids that sort in creation order', () => {
    const ids = Array.from(
      { length: 50 },
      () => createEvent(playbookPublished, { tenantId: 't', correlationId: 'c' }, data).eventId,
    );
    expect([...ids].sort()).toEqual(ids);
  });

  it('refuses data that breaks the contract, naming the field', () => {
    expect(() =>
      createEvent(
        playbookPublished,
        { tenantId: 't', correlationId: 'c' },
        { ...data, version: 'one' },
      ),
    ).toThrow(/version/);
  });

  it('consumers parse the detail with the same schema', () => {
    const detail = createEvent(playbookPublished, { tenantId: 't', correlationId: 'c' }, data);
    expect(playbookPublished.detail.parse(JSON.parse(JSON.stringify(detail)))).toEqual(detail);
    expect(playbookPublished.detail.safeParse({ ...detail, eventId: 'nope' }).success).toBe(false);
  });
});
