// Storage and database checks: public S3 ACLs and missing public access blocks, unencrypted S3, EBS
// and RDS, databases reachable from the internet, public GCS buckets. S3 settings may live in the
// bucket or in their own resources (AWS provider v4+), found across every scanned file.
import type { TfResource } from './parse-file.ts';
import { at, type Report, report } from './report.ts';
import { tf } from './rules.ts';
import { blocks, bool, list, refersTo, text } from './values.ts';

const publicAcls = new Set(['public-read', 'public-read-write', 'authenticated-read']);
const accessBlockSettings = [
  ['block_public_acls', 'checkov:CKV_AWS_53', 'AWS-0086'],
  ['block_public_policy', 'checkov:CKV_AWS_54', 'AWS-0087'],
  ['ignore_public_acls', 'checkov:CKV_AWS_55', 'AWS-0091'],
  ['restrict_public_buckets', 'checkov:CKV_AWS_56', 'AWS-0093'],
] as const;

const trivy = (id: string) => [`trivy:${id}`, `trivy:AVD-${id}`];

export function checkStorage(resources: TfResource[], emit: Report): void {
  const of = (type: string) => resources.filter((r) => r.type === type && r.keyword === 'resource');
  const buckets = of('aws_s3_bucket');
  const about = (bucket: TfResource, type: string) =>
    of(type).filter(
      (r) =>
        refersTo(r.body.bucket, 'aws_s3_bucket', bucket.name) ||
        (text(bucket.body.bucket) !== undefined && r.body.bucket === bucket.body.bucket),
    );
  for (const bucket of buckets) {
    checkAcl(bucket, emit);
    if (about(bucket, 'aws_s3_bucket_public_access_block').length === 0) {
      const aliases = ['checkov:CKV2_AWS_6', ...trivy('AWS-0094')];
      emit(
        report(
          bucket,
          tf.s3PublicAccessBlock,
          bucket.place.start,
          `${bucket.id} has no aws_s3_bucket_public_access_block`,
          'public_access_block',
          aliases,
        ),
      );
    }
    const encrypted =
      blocks(bucket.body, 'server_side_encryption_configuration').length > 0 ||
      about(bucket, 'aws_s3_bucket_server_side_encryption_configuration').length > 0;
    if (!encrypted)
      emit(
        report(
          bucket,
          tf.s3Encryption,
          bucket.place.start,
          `${bucket.id} has no server-side encryption configuration`,
          'server_side_encryption_configuration',
        ),
      );
  }
  for (const acl of of('aws_s3_bucket_acl')) checkAcl(acl, emit);
  for (const guard of of('aws_s3_bucket_public_access_block')) {
    for (const [setting, checkov, avd] of accessBlockSettings) {
      if (
        bool(guard.body[setting]) === true ||
        (guard.body[setting] !== undefined && bool(guard.body[setting]) === undefined)
      )
        continue;
      const message = `${guard.id} leaves ${setting} ${guard.body[setting] === undefined ? 'unset (false)' : 'false'}`;
      emit(
        report(guard, tf.s3PublicAccessBlock, at(guard, setting), message, setting, [checkov, ...trivy(avd)]),
      );
    }
  }
  for (const volume of of('aws_ebs_volume')) {
    if (bool(volume.body.encrypted) !== true && !isExpression(volume.body.encrypted)) {
      emit(
        report(
          volume,
          tf.ebsEncryption,
          at(volume, 'encrypted'),
          `${volume.id} is not encrypted`,
          'encrypted',
        ),
      );
    }
  }
  for (const db of [...of('aws_db_instance'), ...of('aws_rds_cluster')]) {
    const instance = db.type === 'aws_db_instance';
    const replica = db.body.replicate_source_db !== undefined;
    if (!replica && bool(db.body.storage_encrypted) !== true && !isExpression(db.body.storage_encrypted)) {
      // Checkov and Trivy ids here are for DB instances; Aurora clusters have their own.
      emit(
        report(
          db,
          tf.rdsEncryption,
          at(db, 'storage_encrypted'),
          `${db.id} stores its data unencrypted`,
          'storage_encrypted',
          instance ? undefined : [],
        ),
      );
    }
    if (instance && bool(db.body.publicly_accessible) === true) {
      emit(
        report(
          db,
          tf.rdsPublic,
          at(db, 'publicly_accessible'),
          `${db.id} is publicly accessible`,
          'publicly_accessible',
        ),
      );
    }
  }
  for (const grant of [
    ...of('google_storage_bucket_iam_member'),
    ...of('google_storage_bucket_iam_binding'),
  ]) {
    const members = [...list(grant.body.member), ...list(grant.body.members)].map(text);
    const open = members.find((m) => m === 'allUsers' || m === 'allAuthenticatedUsers');
    if (open) {
      const key = grant.body.member !== undefined ? 'member' : 'members';
      emit(
        report(
          grant,
          tf.gcsPublic,
          at(grant, key),
          `${grant.id} grants ${text(grant.body.role) ?? 'a role'} to ${open}`,
          key,
        ),
      );
    }
  }
}

function checkAcl(resource: TfResource, emit: Report): void {
  const acl = text(resource.body.acl);
  if (acl === undefined || !publicAcls.has(acl)) return;
  const aliases = [
    ...(acl === 'authenticated-read' ? [] : ['checkov:CKV_AWS_20']),
    ...(acl === 'public-read-write' ? ['checkov:CKV_AWS_57'] : []),
    ...trivy('AWS-0092'),
  ];
  emit(
    report(
      resource,
      tf.s3PublicAcl,
      at(resource, 'acl'),
      `${resource.id} has acl = "${acl}"`,
      'acl',
      aliases,
    ),
  );
}

function isExpression(value: unknown): boolean {
  return typeof value === 'string' && value.includes('${');
}
