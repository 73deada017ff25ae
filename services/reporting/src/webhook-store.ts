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
import { reportingService } from './service';

/**
 * Webhook items of the reporting table; every key begins with the tenant:
 *   pk T#<t>#WHEP   sk EP#<endpointId>   an endpoint, its secrets (never logged, never listed)
 *   pk T#<t>#WHDL   sk DL#<deliveryId>   one event × endpoint delivery with its attempts; the
 *                                        id derives from both, so a redelivered event finds it
 * Writes are conditional on `version`, so a replay racing a scheduled retry cannot lose one.
 */
export class WebhookStore {
  constructor(
    private readonly db: DynamoDBClient,
    readonly table = tableName(reportingService.table),
  ) {}

  async putEndpoint(tenantId: string, endpoint: Endpoint, expectedVersion?: number): Promise<void> {
    await this.put(epPk(tenantId), `EP#${endpoint.endpointId}`, endpoint, expectedVersion);
  }

  async endpoint(tenantId: string, endpointId: string): Promise<Endpoint | undefined> {
    return this.get<Endpoint>(epPk(tenantId), `EP#${endpointId}`);
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
      out.push(...(page.Items ?? []).map((i) => strip<Endpoint>(unmarshall(i))));
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
      await this.put(dlPk(tenantId), `DL#${delivery.deliveryId}`, delivery);
      return true;
    } catch (err) {
      if (err instanceof ConditionalCheckFailedException) return false;
      throw err;
    }
  }

  async putDelivery(tenantId: string, delivery: Delivery, expectedVersion: number): Promise<void> {
    await this.put(dlPk(tenantId), `DL#${delivery.deliveryId}`, delivery, expectedVersion);
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

const epPk = (tenantId: string) => `T#${tenantId}#WHEP`;
const dlPk = (tenantId: string) => `T#${tenantId}#WHDL`;

function strip<T>(item: Record<string, unknown>): T {
  const { pk: _pk, sk: _sk, ...rest } = item;
  return rest as T;
}
