import { EventBridgeClient, PutEventsCommand, ListRulesCommand } from '@aws-sdk/client-eventbridge';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  LocalEventBus,
  startPutEventsServer,
  type EventBridgeEvent,
  type PutEventsServer,
} from '../src/bus/index';

const credentials = { accessKeyId: 'local', secretAccessKey: 'local' };

describe('PutEvents over HTTP with the real AWS SDK', () => {
  const received: EventBridgeEvent[] = [];
  const bus = new LocalEventBus({
    rules: [
      {
        name: 'scoring',
        pattern: { source: ['assay.session'], 'detail-type': ['session.submitted'] },
        target: async (event) => void received.push(event),
      },
    ],
  });
  let server: PutEventsServer;
  let client: EventBridgeClient;

  beforeAll(async () => {
    server = await startPutEventsServer({ bus });
    client = new EventBridgeClient({ region: 'us-east-1', endpoint: server.url, credentials });
  });

  afterAll(async () => {
    client.destroy();
    await server.close();
    await bus.close();
  });

  it('serves on 127.0.0.1 with a random port', () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });

  it('accepts entries, answers per entry, and delivers to matching rules', async () => {
    const time = new Date('2025-05-05T10:00:00Z');
    const response = await client.send(
      new PutEventsCommand({
        Entries: [
          {
            Source: 'assay.session',
            DetailType: 'session.submitted',
            Detail: JSON.stringify({ sessionId: 's-1' }),
            Time: time,
            Resources: ['arn:aws:assay:::session/s-1'],
          },
          { Source: 'assay.session', DetailType: 'session.submitted', Detail: 'not json' },
        ],
      }),
    );
    await bus.idle();

    expect(response.FailedEntryCount).toBe(1);
    const [accepted, rejected] = response.Entries ?? [];
    expect(accepted?.EventId).toMatch(/^[0-9a-f-]{36}$/);
    expect(rejected).toEqual({
      ErrorCode: 'MalformedDetail',
      ErrorMessage: 'Detail is malformed.',
    });
    expect(received).toEqual([
      expect.objectContaining({
        id: accepted?.EventId,
        time: '2025-05-05T10:00:00Z',
        resources: ['arn:aws:assay:::session/s-1'],
        detail: { sessionId: 's-1' },
      }),
    ]);
  });

  it('is found through AWS_ENDPOINT_URL_EVENTBRIDGE, as the services will find it', async () => {
    const previous = process.env.AWS_ENDPOINT_URL_EVENTBRIDGE;
    process.env.AWS_ENDPOINT_URL_EVENTBRIDGE = server.url;
    const fromEnv = new EventBridgeClient({ region: 'eu-west-1', credentials });
    try {
      const response = await fromEnv.send(
        new PutEventsCommand({
          Entries: [{ Source: 'assay.content', DetailType: 'playbook.published', Detail: '{}' }],
        }),
      );
      expect(response.FailedEntryCount).toBe(0);
    } finally {
      fromEnv.destroy();
      if (previous === undefined) delete process.env.AWS_ENDPOINT_URL_EVENTBRIDGE;
      else process.env.AWS_ENDPOINT_URL_EVENTBRIDGE = previous;
    }
  });

  it('turns a malformed request into an AWS ValidationException', async () => {
    const put = client.send(new PutEventsCommand({ Entries: [] }));
    await expect(put).rejects.toMatchObject({
      name: 'ValidationException',
      $metadata: { httpStatusCode: 400 },
    });
  });

  it('answers an operation it does not implement with UnknownOperationException', async () => {
    await expect(client.send(new ListRulesCommand({}))).rejects.toMatchObject({
      name: 'UnknownOperationException',
      $metadata: { httpStatusCode: 400 },
    });
  });

  it('answers a body that is not JSON with SerializationException', async () => {
    const response = await fetch(server.url, {
      method: 'POST',
      headers: {
        'x-amz-target': 'AWSEvents.PutEvents',
        'content-type': 'application/x-amz-json-1.1',
      },
      body: '{',
    });
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toBe('application/x-amz-json-1.1');
    expect(await response.json()).toEqual({
      __type: 'SerializationException',
      message: 'Request body is not valid JSON',
    });
  });
});
