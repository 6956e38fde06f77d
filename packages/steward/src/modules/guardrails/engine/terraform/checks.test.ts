// Each Terraform check against a production-shaped AWS/GCP module: one change that must produce the
// finding (with the peers' ids for that case and the offending attribute's line), and the hardened
// module, which must not. Lines come from the source text, since hcl2json gives none.
import { beforeAll, describe, expect, it } from 'vitest';
import { mutate, scanTexts } from '../kubernetes/manifests.test-support.ts';
import { scanner } from '../scanners.ts';

const storage = `# Log archive for the payments platform.
resource "aws_s3_bucket" "logs" {
  bucket = "acme-payments-logs"

  tags = {
    owner       = "payments"
    environment = "production"
  }
}

resource "aws_s3_bucket_public_access_block" "logs" {
  bucket                  = aws_s3_bucket.logs.id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_s3_bucket_server_side_encryption_configuration" "logs" {
  bucket = aws_s3_bucket.logs.id
  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm     = "aws:kms"
      kms_master_key_id = aws_kms_key.logs.arn
    }
  }
}

resource "aws_ebs_volume" "data" {
  availability_zone = "eu-west-1a"
  size              = 100
  encrypted         = true
}

resource "aws_db_instance" "ledger" {
  identifier           = "ledger"
  engine               = "postgres"
  engine_version       = "16.4"
  instance_class       = "db.r6g.large"
  allocated_storage    = 200
  storage_encrypted    = true
  publicly_accessible  = false
  db_subnet_group_name = aws_db_subnet_group.private.name
  tags = {
    Owner = "group:default/ledger"
  }
}
`;

const network = `resource "aws_security_group" "db" {
  name   = "ledger-db"
  vpc_id = var.vpc_id

  ingress {
    description = "HTTPS from anywhere"
    from_port   = 443
    to_port     = 443
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }

  ingress {
    description = "PostgreSQL from the VPC"
    from_port   = 5432
    to_port     = 5432
    protocol    = "tcp"
    cidr_blocks = [var.vpc_cidr]
  }
}

resource "aws_security_group_rule" "bastion_ssh" {
  type              = "ingress"
  from_port         = 22
  to_port           = 22
  protocol          = "tcp"
  cidr_blocks       = ["10.20.0.0/16"]
  security_group_id = aws_security_group.db.id
}

resource "aws_vpc_security_group_ingress_rule" "rdp" {
  security_group_id = aws_security_group.db.id
  cidr_ipv4         = "10.20.0.0/16"
  from_port         = 3389
  to_port           = 3389
  ip_protocol       = "tcp"
}
`;

const iam = `resource "aws_iam_policy" "deployer" {
  name = "deployer"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect   = "Allow"
        Action   = ["ecs:UpdateService", "ecs:DescribeServices"]
        Resource = "*"
      },
    ]
  })
}

resource "aws_iam_role_policy" "reader" {
  name = "reader"
  role = aws_iam_role.reader.id
  policy = <<EOF
{
  "Version": "2012-10-17",
  "Statement": [
    { "Effect": "Allow", "Action": "s3:GetObject", "Resource": "*" }
  ]
}
EOF
}

data "aws_iam_policy_document" "ci" {
  statement {
    actions   = ["ecr:*"]
    resources = ["*"]
  }
}

resource "google_storage_bucket_iam_member" "assets" {
  bucket = google_storage_bucket.assets.name
  role   = "roles/storage.objectViewer"
  member = "group:web@acme.example"
}
`;

const files = { 'infra/storage.tf': storage, 'infra/network.tf': network, 'infra/iam.tf': iam };

function scan(changes: Partial<typeof files> & Record<string, string> = {}) {
  return scanTexts({ ...files, ...changes });
}

function lineOf(text: string, needle: string, nth = 0): number {
  let seen = 0;
  return (
    text.split('\n').findIndex((l) => {
      if (!l.includes(needle)) return false;
      return seen++ === nth;
    }) + 1
  );
}

beforeAll(async () => {
  await scanner.prepare([{ path: 'main.tf' }]);
});

describe('a hardened module', () => {
  it('produces no finding, and lists each resource with the owner its tags name', () => {
    const result = scan();
    expect(result.problems).toEqual([]);
    expect(result.findings).toEqual([]);
    const subjects = result.subjects.filter((s) => s.owner);
    expect(subjects.map((s) => [s.id, s.owner]).sort()).toEqual([
      ['aws_db_instance.ledger', 'group:default/ledger'],
      ['aws_s3_bucket.logs', 'payments'],
    ]);
  });
});

describe('S3', () => {
  it('a public-read-write ACL: Checkov CKV_AWS_20 and CKV_AWS_57, at the acl line', () => {
    const text = mutate(
      storage,
      '  bucket = "acme-payments-logs"\n',
      '  bucket = "acme-payments-logs"\n  acl    = "public-read-write"\n',
    );
    const [f] = scan({ 'infra/storage.tf': text }).findings;
    expect(f).toMatchObject({
      ruleId: 'tf-s3-public-acl',
      resource: 'aws_s3_bucket.logs',
      line: lineOf(text, 'acl    ='),
      column: 3,
      severity: 'high',
    });
    expect(f?.aliases).toEqual([
      'checkov:CKV_AWS_20',
      'checkov:CKV_AWS_57',
      'trivy:AWS-0092',
      'trivy:AVD-AWS-0092',
    ]);
  });

  it('an aws_s3_bucket_acl resource granting public-read', () => {
    const text = `${storage}\nresource "aws_s3_bucket_acl" "logs" {\n  bucket = aws_s3_bucket.logs.id\n  acl    = "public-read"\n}\n`;
    const found = scan({ 'infra/storage.tf': text }).findings;
    expect(found.map((f) => [f.ruleId, f.resource, f.line])).toEqual([
      ['tf-s3-public-acl', 'aws_s3_bucket_acl.logs', lineOf(text, 'public-read')],
    ]);
  });

  it('no public access block for the bucket (it may be in another file); a setting left false', () => {
    const without = storage.replace(/resource "aws_s3_bucket_public_access_block"[\s\S]*?\n}\n/, '');
    expect(without).not.toContain('public_access_block');
    const [missing] = scan({ 'infra/storage.tf': without }).findings;
    expect(missing).toMatchObject({
      ruleId: 'tf-s3-public-access-block',
      line: 2,
      aliases: ['checkov:CKV2_AWS_6', 'trivy:AWS-0094', 'trivy:AVD-AWS-0094'],
    });
    const block = storage.match(/resource "aws_s3_bucket_public_access_block"[\s\S]*?\n}\n/)?.[0] ?? '';
    expect(scan({ 'infra/storage.tf': without, 'infra/guards.tf': block }).findings).toEqual([]);
    const weak = mutate(storage, 'block_public_policy     = true', 'block_public_policy     = false');
    const [setting] = scan({ 'infra/storage.tf': weak }).findings;
    expect(setting).toMatchObject({
      resource: 'aws_s3_bucket_public_access_block.logs',
      line: lineOf(weak, 'block_public_policy'),
    });
    expect(setting?.aliases).toEqual(['checkov:CKV_AWS_54', 'trivy:AWS-0087', 'trivy:AVD-AWS-0087']);
  });

  it('no server-side encryption, neither inline nor as its own resource', () => {
    const without = storage.replace(
      /resource "aws_s3_bucket_server_side_encryption_configuration"[\s\S]*?\n}\n/,
      '',
    );
    expect(scan({ 'infra/storage.tf': without }).findings.map((f) => [f.ruleId, f.aliases])).toEqual([
      ['tf-s3-encryption', ['checkov:CKV_AWS_19', 'trivy:AWS-0088', 'trivy:AVD-AWS-0088']],
    ]);
  });
});

describe('EBS and RDS', () => {
  it('EBS encrypted = false, and absent (reported at the block)', () => {
    const off = mutate(storage, 'encrypted         = true', 'encrypted         = false');
    expect(scan({ 'infra/storage.tf': off }).findings.map((f) => [f.ruleId, f.line])).toEqual([
      ['tf-ebs-encryption', lineOf(off, 'encrypted         = false')],
    ]);
    const absent = mutate(storage, '  encrypted         = true\n', '');
    expect(scan({ 'infra/storage.tf': absent }).findings.map((f) => [f.ruleId, f.line])).toEqual([
      ['tf-ebs-encryption', lineOf(absent, 'resource "aws_ebs_volume"')],
    ]);
  });

  it('RDS storage_encrypted absent: Checkov CKV_AWS_16; publicly_accessible = true: CKV_AWS_17', () => {
    const text = mutate(
      mutate(storage, '  storage_encrypted    = true\n', ''),
      'publicly_accessible  = false',
      'publicly_accessible  = true',
    );
    const found = scan({ 'infra/storage.tf': text }).findings;
    expect(found.map((f) => [f.ruleId, f.line, f.aliases])).toEqual([
      [
        'tf-rds-encryption',
        lineOf(text, 'resource "aws_db_instance"'),
        ['checkov:CKV_AWS_16', 'trivy:AWS-0080', 'trivy:AVD-AWS-0080'],
      ],
      [
        'tf-rds-public',
        lineOf(text, 'publicly_accessible'),
        ['checkov:CKV_AWS_17', 'trivy:AWS-0082', 'trivy:AVD-AWS-0082'],
      ],
    ]);
    expect(found[1]?.severity).toBe('critical');
  });
});

describe('security groups', () => {
  it('an inline ingress opening PostgreSQL to 0.0.0.0/0, at that ingress block; HTTPS to the world is fine', () => {
    const text = mutate(network, 'cidr_blocks = [var.vpc_cidr]', 'cidr_blocks = ["0.0.0.0/0"]');
    const found = scan({ 'infra/network.tf': text }).findings;
    expect(found.map((f) => [f.ruleId, f.resource, f.line, f.aliases])).toEqual([
      [
        'tf-open-admin-port',
        'aws_security_group.db',
        lineOf(text, 'ingress {', 1),
        ['trivy:AWS-0107', 'trivy:AVD-AWS-0107'],
      ],
    ]);
    expect(found[0]?.message).toContain('5432 (PostgreSQL)');
  });

  it('an aws_security_group_rule for SSH from anywhere: Checkov CKV_AWS_24', () => {
    const text = mutate(network, 'cidr_blocks       = ["10.20.0.0/16"]', 'cidr_blocks       = ["0.0.0.0/0"]');
    const [f] = scan({ 'infra/network.tf': text }).findings;
    expect(f).toMatchObject({
      resource: 'aws_security_group_rule.bastion_ssh',
      line: lineOf(text, 'cidr_blocks       ='),
    });
    expect(f?.aliases).toEqual(['checkov:CKV_AWS_24', 'trivy:AWS-0107', 'trivy:AVD-AWS-0107']);
  });

  it('an aws_vpc_security_group_ingress_rule for RDP from ::/0: Checkov CKV_AWS_25', () => {
    const text = mutate(network, 'cidr_ipv4         = "10.20.0.0/16"', 'cidr_ipv6         = "::/0"');
    const [f] = scan({ 'infra/network.tf': text }).findings;
    expect(f).toMatchObject({
      resource: 'aws_vpc_security_group_ingress_rule.rdp',
      line: lineOf(text, 'cidr_ipv6'),
    });
    expect(f?.aliases).toEqual(['checkov:CKV_AWS_25', 'trivy:AWS-0107', 'trivy:AVD-AWS-0107']);
  });

  it('all traffic (protocol -1) from anywhere exposes every administrative port', () => {
    const allTraffic = mutate(
      network,
      'protocol    = "tcp"\n    cidr_blocks = ["0.0.0.0/0"]',
      'protocol    = "-1"\n    cidr_blocks = ["0.0.0.0/0"]',
    );
    const [f] = scan({ 'infra/network.tf': allTraffic }).findings;
    expect(f?.aliases).toEqual([
      'checkov:CKV_AWS_24',
      'checkov:CKV_AWS_25',
      'trivy:AWS-0107',
      'trivy:AVD-AWS-0107',
    ]);
  });
});

describe('IAM', () => {
  it('jsonencode with Action "*" on Resource "*"', () => {
    const text = mutate(iam, 'Action   = ["ecs:UpdateService", "ecs:DescribeServices"]', 'Action   = "*"');
    const [f] = scan({ 'infra/iam.tf': text }).findings;
    expect(f).toMatchObject({
      ruleId: 'tf-iam-admin',
      resource: 'aws_iam_policy.deployer',
      line: lineOf(text, 'policy = jsonencode'),
    });
    expect(f?.aliases).toEqual([
      'checkov:CKV_AWS_62',
      'checkov:CKV_AWS_63',
      'trivy:AWS-0057',
      'trivy:AVD-AWS-0057',
    ]);
  });

  it('a heredoc JSON policy, and a policy document statement', () => {
    const heredoc = mutate(iam, '"Action": "s3:GetObject"', '"Action": ["*"]');
    expect(scan({ 'infra/iam.tf': heredoc }).findings.map((f) => f.resource)).toEqual([
      'aws_iam_role_policy.reader',
    ]);
    const document = mutate(iam, 'actions   = ["ecr:*"]', 'actions   = ["*"]');
    const [f] = scan({ 'infra/iam.tf': document }).findings;
    expect(f).toMatchObject({
      resource: 'data.aws_iam_policy_document.ci',
      line: lineOf(document, 'statement {'),
    });
    expect(f?.aliases).toEqual(['checkov:CKV_AWS_1', 'trivy:AWS-0057', 'trivy:AVD-AWS-0057']);
  });
});

describe('GCS', () => {
  it('a bucket IAM member allUsers', () => {
    const text = mutate(iam, 'member = "group:web@acme.example"', 'member = "allUsers"');
    const [f] = scan({ 'infra/iam.tf': text }).findings;
    expect(f).toMatchObject({
      ruleId: 'tf-gcs-public',
      line: lineOf(text, 'allUsers'),
      aliases: ['checkov:CKV_GCP_28', 'trivy:GCP-0001', 'trivy:AVD-GCP-0001'],
    });
  });
});

describe('exemption comments', () => {
  const open = mutate(network, 'cidr_blocks       = ["10.20.0.0/16"]', 'cidr_blocks       = ["0.0.0.0/0"]');

  it("Trivy's above the block, Checkov's inside it", () => {
    const trivy = mutate(
      open,
      'resource "aws_security_group_rule"',
      '#trivy:ignore:AVD-AWS-0107\nresource "aws_security_group_rule"',
    );
    const result = scan({ 'infra/network.tf': trivy });
    expect(result.findings).toEqual([]);
    expect(result.exemptions.map((u) => [u.exemption.syntax, u.exemption.resource])).toEqual([
      ['trivy', 'aws_security_group_rule.bastion_ssh'],
    ]);
    const checkov = mutate(
      open,
      '  type              = "ingress"',
      '  # checkov:skip=CKV_AWS_24: bastion, source IPs filtered upstream\n  type              = "ingress"',
    );
    expect(scan({ 'infra/network.tf': checkov }).findings).toEqual([]);
  });

  it('an exemption on one resource leaves another alone', () => {
    const text = mutate(
      open,
      'resource "aws_security_group" "db" {',
      '#trivy:ignore:AWS-0107\nresource "aws_security_group" "db" {',
    );
    expect(scan({ 'infra/network.tf': text }).findings.map((f) => f.resource)).toEqual([
      'aws_security_group_rule.bastion_ssh',
    ]);
  });
});

describe('invalid HCL', () => {
  it('is a positioned problem for that file; the other files are still checked', () => {
    const broken = 'resource "aws_s3_bucket" "x" {\n  bucket = \n}\n';
    const result = scan({
      'infra/broken.tf': broken,
      'infra/network.tf': mutate(
        network,
        'cidr_blocks       = ["10.20.0.0/16"]',
        'cidr_blocks       = ["0.0.0.0/0"]',
      ),
    });
    expect(result.problems).toEqual([
      expect.objectContaining({
        file: 'infra/broken.tf',
        line: 2,
        message: expect.stringContaining('not valid HCL'),
      }),
    ]);
    expect(result.findings.map((f) => f.resource)).toEqual(['aws_security_group_rule.bastion_ssh']);
  });
});
