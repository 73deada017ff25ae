import { Duration, Fn, RemovalPolicy, Stack, Validations, type CfnElement } from 'aws-cdk-lib';
import type { HttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import {
  AllowedMethods,
  CachePolicy,
  Distribution,
  Function as CloudFrontFunction,
  FunctionCode,
  FunctionEventType,
  FunctionRuntime,
  HeadersFrameOption,
  HeadersReferrerPolicy,
  HttpVersion,
  OriginProtocolPolicy,
  OriginRequestPolicy,
  PriceClass,
  ResponseHeadersPolicy,
  ViewerProtocolPolicy,
} from 'aws-cdk-lib/aws-cloudfront';
import { HttpOrigin, S3BucketOrigin } from 'aws-cdk-lib/aws-cloudfront-origins';
import { BlockPublicAccess, Bucket, BucketEncryption, ObjectOwnership } from 'aws-cdk-lib/aws-s3';
import { BucketDeployment, CacheControl, Source } from 'aws-cdk-lib/aws-s3-deployment';
import { Construct, type IConstruct } from 'constructs';
import type { Stage } from './stage';

/** Where the candidate app's files live in the bucket and under the distribution. */
export const WEB_ASSETS_PREFIX = 'take/assets/';

/**
 * The page carries the candidate token in its URL: no referrer may leak it, and nothing but the
 * page's own files runs. The API is reached on the same origin (`/v1/*`), so `'self'` covers it.
 */
export const CANDIDATE_CSP =
  "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

export interface CandidateWebProps {
  stage: Stage;
  /** The folder of static files (`index.html`, `app.js`, `app.css`). */
  source: string;
  /** The HTTP API, served on the same origin under `/v1/*` so the page calls it without CORS. */
  api: HttpApi;
}

// `/take/<token>` is the page; its script and style are `/take/assets/<file>`.
const REWRITE = `function handler(event) {
  var request = event.request;
  if (/^\\/take\\/[^/]+$/.test(request.uri)) request.uri = '/${WEB_ASSETS_PREFIX}index.html';
  return request;
}`;

/**
 * The candidate web page: a private S3 bucket read only by CloudFront (Origin Access Control), a
 * distribution with security headers, and the region's HTTP API behind `/v1/*`.
 */
export class CandidateWeb extends Construct {
  readonly bucket: Bucket;
  readonly distribution: Distribution;
  readonly deployment: BucketDeployment;

  constructor(scope: Construct, id: string, props: CandidateWebProps) {
    super(scope, id);
    const { stage } = props;
    this.bucket = new Bucket(this, 'Bucket', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      // Rebuilt from the repository on every deploy: nothing in it needs keeping.
      removalPolicy: RemovalPolicy.DESTROY,
      autoDeleteObjects: false,
    });

    const headers = new ResponseHeadersPolicy(this, 'SecurityHeaders', {
      comment: `Assay ${stage.name} candidate page security headers`,
      securityHeadersBehavior: {
        contentSecurityPolicy: { contentSecurityPolicy: CANDIDATE_CSP, override: true },
        referrerPolicy: { referrerPolicy: HeadersReferrerPolicy.NO_REFERRER, override: true },
        strictTransportSecurity: {
          accessControlMaxAge: Duration.days(730),
          includeSubdomains: true,
          preload: true,
          override: true,
        },
        contentTypeOptions: { override: true },
        frameOptions: { frameOption: HeadersFrameOption.DENY, override: true },
      },
    });

    const rewrite = new CloudFrontFunction(this, 'PageRewrite', {
      code: FunctionCode.fromInline(REWRITE),
      runtime: FunctionRuntime.JS_2_0,
      comment: 'Serves the candidate page for /take/<token>',
    });

    // The API endpoint is https://<id>.execute-api.<region>.amazonaws.com: its host is the origin.
    const apiHost = Fn.select(2, Fn.split('/', props.api.apiEndpoint));
    this.distribution = new Distribution(this, 'Distribution', {
      comment: `Assay ${stage.name} candidate page (${Stack.of(this).region})`,
      httpVersion: HttpVersion.HTTP2_AND_3,
      priceClass: PriceClass.PRICE_CLASS_100,
      defaultBehavior: {
        origin: S3BucketOrigin.withOriginAccessControl(this.bucket),
        viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        cachePolicy: CachePolicy.CACHING_OPTIMIZED,
        responseHeadersPolicy: headers,
        functionAssociations: [{ function: rewrite, eventType: FunctionEventType.VIEWER_REQUEST }],
      },
      additionalBehaviors: {
        '/v1/*': {
          origin: new HttpOrigin(apiHost, { protocolPolicy: OriginProtocolPolicy.HTTPS_ONLY }),
          viewerProtocolPolicy: ViewerProtocolPolicy.HTTPS_ONLY,
          allowedMethods: AllowedMethods.ALLOW_ALL,
          cachePolicy: CachePolicy.CACHING_DISABLED,
          originRequestPolicy: OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
          responseHeadersPolicy: headers,
        },
      },
    });

    // Source.asset zips the folder locally: no Docker, no network at synth time.
    this.deployment = new BucketDeployment(this, 'Deploy', {
      sources: [Source.asset(props.source)],
      destinationBucket: this.bucket,
      destinationKeyPrefix: WEB_ASSETS_PREFIX,
      // File names carry no hash: a short cache, and the deployment invalidates the page.
      cacheControl: [CacheControl.setPublic(), CacheControl.maxAge(Duration.minutes(5))],
      distribution: this.distribution,
      distributionPaths: ['/take/*'],
      memoryLimit: 256,
      prune: true,
      // The files leave with the stack, so the (DESTROY) bucket can be deleted.
      retainOnDelete: false,
    });

    this.acknowledge(props.stage);
  }

  /** The page's public address, e.g. for invitation links. */
  get url(): string {
    return `https://${this.distribution.distributionDomainName}`;
  }

  private acknowledge(stage: Stage): void {
    const ack = (construct: IConstruct, id: string, reason: string) =>
      Validations.of(construct).acknowledge({ id, reason });
    ack(
      this.bucket,
      'AwsSolutions::AwsSolutions-S1',
      'Holds three public, rebuilt-from-git files read only through CloudFront; requests are logged by the API access log and CloudFront metrics.',
    );
    ack(
      this.distribution,
      'AwsSolutions::AwsSolutions-CFR1',
      'Candidates take assessments from anywhere; restricting countries is a tenant decision, not a platform one.',
    );
    ack(
      this.distribution,
      'AwsSolutions::AwsSolutions-CFR2',
      `WAF is not part of the ${stage.name} baseline: the API throttles at the stage and candidate tokens are single-purpose; add a web ACL when a tenant requires one.`,
    );
    ack(
      this.distribution,
      'AwsSolutions::AwsSolutions-CFR3',
      'Standard logging needs an ACL-enabled bucket; every API call is already in the JSON access log of the HTTP API.',
    );
    ack(
      this.distribution,
      'AwsSolutions::AwsSolutions-CFR4',
      'Uses the default *.cloudfront.net certificate, whose TLS policy CloudFront fixes; a custom domain with TLSv1.2_2021 replaces it when a tenant brings one.',
    );
    ack(
      this.distribution,
      'AwsSolutions::AwsSolutions-CFR5',
      'The API origin is HTTPS only; the S3 origin uses Origin Access Control over HTTPS.',
    );
    // The deployment's custom resource is a CDK-owned singleton Lambda at stack level.
    const stack = Stack.of(this);
    for (const child of stack.node.children) {
      if (!child.node.id.startsWith('Custom::CDKBucketDeployment')) continue;
      const reason = (what: string) =>
        `CDK's BucketDeployment handler, run only at deploy time by CloudFormation: ${what}`;
      ack(
        child,
        'AwsSolutions::AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
        reason('its role uses AWSLambdaBasicExecutionRole as CDK defines it.'),
      );
      // It reads the CDK asset bucket and writes this bucket, with the grants CDK defines.
      const bucketId = stack.getLogicalId(this.bucket.node.defaultChild as CfnElement);
      for (const finding of [
        'Resource::*',
        'Action::s3:GetObject*',
        'Action::s3:GetBucket*',
        'Action::s3:List*',
        'Action::s3:DeleteObject*',
        'Action::s3:Abort*',
        `Resource::arn:<AWS::Partition>:s3:::cdk-hnb659fds-assets-<AWS::AccountId>-${stack.region}/*`,
        `Resource::<${bucketId}.Arn>/*`,
      ]) {
        ack(
          child,
          `AwsSolutions::AwsSolutions-IAM5[${finding}]`,
          reason(
            'it copies the asset objects into this bucket and invalidates this distribution (CloudFront invalidations take no resource).',
          ),
        );
      }
      ack(child, 'AwsSolutions::AwsSolutions-L1', reason('its Python runtime is pinned by CDK.'));
      ack(
        child,
        'Serverless::Serverless-LambdaLatestVersion',
        reason('its Python runtime is pinned by CDK.'),
      );
      ack(
        child,
        'Serverless::Serverless-LambdaStarPermissions',
        reason('it copies the asset objects into this bucket and invalidates this distribution.'),
      );
      ack(
        child,
        'Serverless::Serverless-LambdaDLQ',
        reason('CloudFormation invokes it and reports its failure as a failed deployment.'),
      );
      ack(
        child,
        'Serverless::Serverless-LambdaAsyncFailureDestination',
        reason('CloudFormation invokes it and reports its failure as a failed deployment.'),
      );
      ack(
        child,
        'Serverless::Serverless-LambdaTracing',
        reason('deploy-time only; its failures surface in the CloudFormation events.'),
      );
    }
  }
}
