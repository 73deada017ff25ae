import { createHash } from 'node:crypto';
import {
  GetItemCommand,
  TransactWriteItemsCommand,
  TransactionCanceledException,
  type DynamoDBClient,
} from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import { tableName } from '@assay/platform';
import { reportingService } from '../../service';

/** One test Greenhouse sent: the invitation it became and what Greenhouse is told about it. */
export interface Interview {
  /** The `partner_interview_id`: the invitation's id. */
  partnerInterviewId: string;
  assessmentId: string;
  /** Greenhouse's completion URL from `send_test`, PATCHed when the session is scored. */
  completionUrl: string;
  /** The partner key Greenhouse presented (the PATCH authenticates with it), sealed. */
  sealedKey: string;
  /** The candidate's link (the tenant hands it on: Assay sends no email), sealed. */
  sealedLink: string;
  status: 'invited' | 'in_progress' | 'complete';
  sessionId?: string;
  startedAt?: string;
  total?: number;
  band?: string;
  scoredAt?: string;
  createdAt: string;
  version: number;
}

/**
 * Greenhouse items of the reporting table, all under the tenant's partition `T#<t>#GH`:
 *   sk GHI#<invitationId>   the interview
 *   sk GHU#<sha256(url)>    send_test's completion URL → interview (Greenhouse may retry a send)
 *   sk GHS#<sessionId>      session → interview (score events name only the session)
 */
export class GreenhouseStore {
  constructor(
    private readonly db: DynamoDBClient,
    readonly table = tableName(reportingService.table),
  ) {}

  async interview(tenantId: string, partnerInterviewId: string): Promise<Interview | undefined> {
    return this.get<Interview>(tenantId, `GHI#${partnerInterviewId}`);
  }

  async interviewForUrl(tenantId: string, url: string): Promise<Interview | undefined> {
    const link = await this.get<{ partnerInterviewId: string }>(tenantId, `GHU#${sha(url)}`);
    return link && this.interview(tenantId, link.partnerInterviewId);
  }

  async interviewForSession(tenantId: string, sessionId: string): Promise<Interview | undefined> {
    const link = await this.get<{ partnerInterviewId: string }>(tenantId, `GHS#${sessionId}`);
    return link && this.interview(tenantId, link.partnerInterviewId);
  }

  /** False when another send_test with the same URL won the race. */
  async create(tenantId: string, interview: Interview): Promise<boolean> {
    const pk = ghPk(tenantId);
    try {
      await this.db.send(
        new TransactWriteItemsCommand({
          TransactItems: [
            {
              Put: {
                TableName: this.table,
                Item: marshall({ pk, sk: `GHI#${interview.partnerInterviewId}`, ...interview }),
                ConditionExpression: 'attribute_not_exists(pk)',
              },
            },
            {
              Put: {
                TableName: this.table,
                Item: marshall({
                  pk,
                  sk: `GHU#${sha(interview.completionUrl)}`,
                  partnerInterviewId: interview.partnerInterviewId,
                }),
                ConditionExpression: 'attribute_not_exists(pk)',
              },
            },
          ],
        }),
      );
      return true;
    } catch (err) {
      if (err instanceof TransactionCanceledException) return false;
      throw err;
    }
  }

  /** Conditional on `version`; the session link is written with the first start. */
  async update(tenantId: string, next: Interview, expectedVersion: number): Promise<void> {
    const pk = ghPk(tenantId);
    const items: NonNullable<
      ConstructorParameters<typeof TransactWriteItemsCommand>[0]['TransactItems']
    > = [
      {
        Put: {
          TableName: this.table,
          Item: marshall(
            { pk, sk: `GHI#${next.partnerInterviewId}`, ...next },
            { removeUndefinedValues: true },
          ),
          ConditionExpression: 'version = :v',
          ExpressionAttributeValues: marshall({ ':v': expectedVersion }),
        },
      },
    ];
    if (next.sessionId) {
      items.push({
        Put: {
          TableName: this.table,
          Item: marshall({
            pk,
            sk: `GHS#${next.sessionId}`,
            partnerInterviewId: next.partnerInterviewId,
          }),
        },
      });
    }
    await this.db.send(new TransactWriteItemsCommand({ TransactItems: items }));
  }

  private async get<T>(tenantId: string, sk: string): Promise<T | undefined> {
    const out = await this.db.send(
      new GetItemCommand({
        TableName: this.table,
        Key: marshall({ pk: ghPk(tenantId), sk }),
        ConsistentRead: true,
      }),
    );
    if (!out.Item) return undefined;
    const { pk: _pk, sk: _sk, ...rest } = unmarshall(out.Item);
    return rest as T;
  }
}

const ghPk = (tenantId: string) => `T#${tenantId}#GH`;
const sha = (text: string) => createHash('sha256').update(text).digest('hex');
