// The Terraform rules. Aliases are Checkov's CKV_AWS_* / CKV2_AWS_* / CKV_GCP_* and Trivy's AVD ids
// for the same check, taken from their documentation and check sources; findings narrow them where a
// peer flags only some cases (port 22 vs 3389, which public access block setting).
import type { Rule, Severity } from '../model.ts';

/** Trivy names a cloud check two ways (`AWS-0107`, and its AVD id `AVD-AWS-0107`); a finding carries both. */
function trivy(id: string): string[] {
  return [`trivy:${id}`, `trivy:AVD-${id}`];
}

function rule(id: string, severity: Severity, title: string, fix: string, aliases: string[]): Rule {
  return { id, severity, title, fix, aliases, enabledByDefault: true };
}

export const tf = {
  s3PublicAcl: rule(
    'tf-s3-public-acl',
    'high',
    'S3 bucket ACL grants public access',
    'Set acl = "private" (or drop the ACL and use bucket policies); serve public files through CloudFront with an origin access control.',
    ['checkov:CKV_AWS_20', 'checkov:CKV_AWS_57', ...trivy('AWS-0092')],
  ),
  s3PublicAccessBlock: rule(
    'tf-s3-public-access-block',
    'high',
    'S3 bucket not protected by a public access block',
    'Add an aws_s3_bucket_public_access_block for the bucket with block_public_acls, block_public_policy, ignore_public_acls and restrict_public_buckets all true.',
    [
      'checkov:CKV2_AWS_6',
      'checkov:CKV_AWS_53',
      'checkov:CKV_AWS_54',
      'checkov:CKV_AWS_55',
      'checkov:CKV_AWS_56',
      ...trivy('AWS-0094'),
      ...trivy('AWS-0086'),
      ...trivy('AWS-0087'),
      ...trivy('AWS-0091'),
      ...trivy('AWS-0093'),
    ],
  ),
  s3Encryption: rule(
    'tf-s3-encryption',
    'medium',
    'S3 bucket has no server-side encryption configured',
    'Add an aws_s3_bucket_server_side_encryption_configuration for the bucket (sse_algorithm = "aws:kms" with your key, or "AES256").',
    ['checkov:CKV_AWS_19', ...trivy('AWS-0088')],
  ),
  ebsEncryption: rule(
    'tf-ebs-encryption',
    'high',
    'EBS volume is not encrypted',
    'Set encrypted = true (and kms_key_id for your own key) on the volume; turn on EBS encryption by default for the account.',
    ['checkov:CKV_AWS_3', ...trivy('AWS-0026')],
  ),
  rdsEncryption: rule(
    'tf-rds-encryption',
    'high',
    'RDS storage is not encrypted',
    'Set storage_encrypted = true (with kms_key_id for your own key); an existing instance must be restored from an encrypted snapshot copy.',
    ['checkov:CKV_AWS_16', ...trivy('AWS-0080')],
  ),
  rdsPublic: rule(
    'tf-rds-public',
    'critical',
    'Database is reachable from the internet (publicly_accessible = true)',
    'Set publicly_accessible = false and reach the database through the VPC (a bastion, SSM or VPN).',
    ['checkov:CKV_AWS_17', ...trivy('AWS-0082')],
  ),
  openAdminPort: rule(
    'tf-open-admin-port',
    'critical',
    'Security group opens an administrative or database port to the whole internet',
    'Replace 0.0.0.0/0 and ::/0 with the CIDRs that need it (VPN, office, load balancer security group), or use SSM Session Manager instead of SSH/RDP.',
    ['checkov:CKV_AWS_24', 'checkov:CKV_AWS_25', ...trivy('AWS-0107')],
  ),
  iamAdmin: rule(
    'tf-iam-admin',
    'critical',
    'IAM policy grants every action on every resource',
    'Grant the actions and resources the role needs (e.g. "s3:GetObject" on "arn:aws:s3:::bucket/*"); use AdministratorAccess only for break-glass roles.',
    ['checkov:CKV_AWS_1', 'checkov:CKV_AWS_62', 'checkov:CKV_AWS_63', ...trivy('AWS-0057')],
  ),
  gcsPublic: rule(
    'tf-gcs-public',
    'high',
    'Cloud Storage bucket is readable by allUsers or allAuthenticatedUsers',
    'Remove allUsers / allAuthenticatedUsers from the bucket IAM; grant named principals, or serve through a CDN with signed URLs.',
    ['checkov:CKV_GCP_28', ...trivy('GCP-0001')],
  ),
};

export const terraformRules: Rule[] = Object.values(tf);
