import {
  ConditionalCheckFailedException,
  DeleteItemCommand,
  GetItemCommand,
  PutItemCommand,
  QueryCommand,
  type AttributeValue,
  type DynamoDBClient,
} from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import { decodeCursor, encodeCursor, tableName } from '@assay/platform';
import type { Delivery, Endpoint } from './webhooks/model';
import type { SecretSealer } from './webhooks/secret-sealer';
import { reportingService } from './service';

/**
 * Webhook items of the reporting table; every key begins with the tenant:
 *   pk T#<t>#WHEP   sk EP#<endpointId>   an endpoint; its secrets sealed (`sealedSecrets`, envelope
 *                                        encryption bound to tenant and endpoint), never in clear
 *   pk T#<t>#WHDL   sk DL#<deliveryId>   one event × endpoint delivery with its attempts; the
 *                                        id derives from both, so a redelivered event finds it
 * Writes are conditional on `version`, so a replay racing a scheduled retry cannot lose one.
 */
export class WebhookStore {
  constructor(
    private readonly db: DynamoDBClient,
    private readonly sealer: SecretSealer,
    readonly table = tableName(reportingService.table),
  ) {}

  async putEndpoint(tenantId: string, endpoint: Endpoint, expectedVersion?: number): Promise<void> {
    const { secrets, ...rest } = endpoint;
    const sealedSecrets = await this.sealer.seal(
      JSON.stringify(secrets),
      secretContext(tenantId, endpoint.endpointId),
    );
    // `secrets: undefined` drops a clear copy written before sealing existed.
    await this.put(
      epPk(tenantId),
      `EP#${endpoint.endpointId}`,
      { ...rest, secrets: undefined, sealedSecrets },
      expectedVersion,
    );
  }

  async endpoint(tenantId: string, endpointId: string): Promise<Endpoint | undefined> {
    const item = await this.get<StoredEndpoint>(epPk(tenantId), `EP#${endpointId}`);
    return item && this.openEndpoint(tenantId, item);
  }

  async endpoints(tenantId: string): Promise<Endpoint[]> {
    const out: Endpoint[] = [];
    let start: Record<string, AttributeValue> | undefined;
    do {
      const page = await this.db.send(
        new QueryCommand({
          TableName: this.table,
          KeyConditionExpression: 'pk = :pk',
          ExpressionAttributeValues: marshall({ ':pk': epPk(tenantId) }),
          ConsistentRead: true,
          ExclusiveStartKey: start,
        }),
      );
      for (const item of page.Items ?? [])
        out.push(await this.openEndpoint(tenantId, strip<StoredEndpoint>(unmarshall(item))));
      start = page.LastEvaluatedKey;
    } while (start);
    return out;
  }

  async deleteEndpoint(tenantId: string, endpointId: string): Promise<boolean> {
    const out = await this.db.send(
      new DeleteItemCommand({
        TableName: this.table,
        Key: marshall({ pk: epPk(tenantId), sk: `EP#${endpointId}` }),
        ReturnValues: 'ALL_OLD',
      }),
    );
    return out.Attributes !== undefined;
  }

  /** False when the delivery exists already (the event was delivered to the bus twice). */
  async createDelivery(tenantId: string, delivery: Delivery): Promise<boolean> {
    try {
      await this.put(dlPk(tenantId), `DL#${delivery.deliveryId}`, withTtl(delivery));
      return true;
    } catch (err) {
      if (err instanceof ConditionalCheckFailedException) return false;
      throw err;
    }
  }

  async putDelivery(tenantId: string, delivery: Delivery, expectedVersion: number): Promise<void> {
    await this.put(dlPk(tenantId), `DL#${delivery.deliveryId}`, withTtl(delivery), expectedVersion);
  }

  async delivery(tenantId: string, deliveryId: string): Promise<Delivery | undefined> {
    return this.get<Delivery>(dlPk(tenantId), `DL#${deliveryId}`);
  }

  /** Newest first (delivery ids begin with the event's ULID). */
  async deliveries(
    tenantId: string,
    limit: number,
    cursor?: string,
  ): Promise<{ items: Delivery[]; cursor?: string }> {
    const page = await this.db.send(
      new QueryCommand({
        TableName: this.table,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: marshall({ ':pk': dlPk(tenantId) }),
        ScanIndexForward: false,
        Limit: limit,
        ExclusiveStartKey: cursor ? decodeCursor(cursor, tenantId) : undefined,
      }),
    );
    return {
      items: (page.Items ?? []).map((i) => strip<Delivery>(unmarshall(i))),
      ...(page.LastEvaluatedKey ? { cursor: encodeCursor(page.LastEvaluatedKey) } : {}),
    };
  }

  /** Opens the sealed secrets; a clear `secrets` (written before sealing) is read as is. */
  private async openEndpoint(tenantId: string, item: StoredEndpoint): Promise<Endpoint> {
    const { sealedSecrets, ...rest } = item;
    if (!sealedSecrets) return rest as Endpoint;
    const secrets = JSON.parse(
      await this.sealer.open(sealedSecrets, secretContext(tenantId, item.endpointId)),
    ) as Endpoint['secrets'];
    return { ...rest, secrets };
  }

  private async get<T>(pk: string, sk: string): Promise<T | undefined> {
    const out = await this.db.send(
      new GetItemCommand({
        TableName: this.table,
        Key: marshall({ pk, sk }),
        ConsistentRead: true,
      }),
    );
    return out.Item && strip<T>(unmarshall(out.Item));
  }

  private async put(pk: string, sk: string, item: object, expectedVersion?: number) {
    await this.db.send(
      new PutItemCommand({
        TableName: this.table,
        Item: marshall({ ...item, pk, sk }, { removeUndefinedValues: true }),
        ...(expectedVersion === undefined
          ? { ConditionExpression: 'attribute_not_exists(pk)' }
          : {
              ConditionExpression: 'version = :v',
              ExpressionAttributeValues: marshall({ ':v': expectedVersion }),
            }),
      }),
    );
  }
}

type StoredEndpoint = Omit<Endpoint, 'secrets'> & {
  secrets?: Endpoint['secrets'];
  sealedSecrets?: string;
};

const epPk = (tenantId: string) => `T#${tenantId}#WHEP`;
const secretContext = (tenantId: string, endpointId: string) =>
  `webhook-endpoint:${tenantId}:${endpointId}`;
const dlPk = (tenantId: string) => `T#${tenantId}#WHDL`;

function strip<T>(item: Record<string, unknown>): T {
  const { pk: _pk, sk: _sk, ttl: _ttl, ...rest } = item;
  return rest as T;
}

/**
 * Delivery records are an operational log (payloads, the first 1 KB of each response): kept
 * 90 days after the delivery was created, well inside any tenant's retention, then removed by
 * the table's TTL.
 */
export const DELIVERY_RETENTION_DAYS = 90;

function withTtl(delivery: Delivery): Delivery & { ttl: number } {
  const created = Date.parse(delivery.createdAt);
  return { ...delivery, ttl: Math.ceil(created / 1000) + DELIVERY_RETENTION_DAYS * 86_400 };
}
