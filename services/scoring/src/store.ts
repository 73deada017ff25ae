import {
  ConditionalCheckFailedException,
  PutItemCommand,
  QueryCommand,
  type DynamoDBClient,
} from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import { tableName } from '@assay/platform';
import { scoringService } from './service';

/**
 * The scoring table keeps its own copy of every published playbook version (the rubric it
 * scores with), keyed by tenant, playbook and version:
 *   pk T#<tenant>  sk RUBRIC#<playbookId>#<version>
 */
export interface RubricVersion {
  playbookId: string;
  version: string;
  hash: string;
  recordedAt: string;
  /** The event that delivered it; redelivery of the same event is a no-op. */
  sourceEventId: string;
  playbook: Record<string, unknown>;
}

export class ScoringStore {
  constructor(
    private readonly db: DynamoDBClient,
    readonly table = tableName(scoringService.table),
  ) {}

  /** Stores a version once; returns false when it was already there (replay, redelivery). */
  async recordRubric(tenantId: string, rubric: RubricVersion): Promise<boolean> {
    const { playbook, ...rest } = rubric;
    try {
      await this.db.send(
        new PutItemCommand({
          TableName: this.table,
          Item: marshall({
            pk: `T#${tenantId}`,
            sk: `RUBRIC#${rubric.playbookId}#${rubric.version}`,
            ...rest,
            playbook: JSON.stringify(playbook),
          }),
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
      return true;
    } catch (err) {
      if (err instanceof ConditionalCheckFailedException) return false;
      throw err;
    }
  }

  async listRubricVersions(
    tenantId: string,
    playbookId: string,
  ): Promise<Omit<RubricVersion, 'playbook'>[]> {
    const out = await this.db.send(
      new QueryCommand({
        TableName: this.table,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
        ExpressionAttributeValues: marshall({
          ':pk': `T#${tenantId}`,
          ':prefix': `RUBRIC#${playbookId}#`,
        }),
        ProjectionExpression: 'playbookId, version, #h, recordedAt, sourceEventId',
        ExpressionAttributeNames: { '#h': 'hash' },
        ConsistentRead: true,
      }),
    );
    return (out.Items ?? []).map((i) => unmarshall(i) as Omit<RubricVersion, 'playbook'>);
  }
}
