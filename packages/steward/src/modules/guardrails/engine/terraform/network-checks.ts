// Security groups open to the whole internet (0.0.0.0/0 or ::/0) on an administrative or database
// port, in the three ways Terraform writes an ingress rule: inline `ingress` blocks of
// aws_security_group, aws_security_group_rule (type = "ingress") and aws_vpc_security_group_ingress_rule.
import type { TfResource } from './parse-file.ts';
import { at, type Report, report } from './report.ts';
import { tf } from './rules.ts';
import { blocks, list, num, text } from './values.ts';

const adminPorts: [number, string][] = [
  [22, 'SSH'],
  [23, 'Telnet'],
  [3389, 'RDP'],
  [5985, 'WinRM'],
  [5986, 'WinRM'],
  [2375, 'Docker API'],
  [3306, 'MySQL'],
  [5432, 'PostgreSQL'],
  [1433, 'SQL Server'],
  [1521, 'Oracle'],
  [27017, 'MongoDB'],
  [6379, 'Redis'],
  [9200, 'Elasticsearch'],
  [5984, 'CouchDB'],
  [11211, 'Memcached'],
];
const everywhere = new Set(['0.0.0.0/0', '::/0']);

interface Ingress {
  from: number | undefined;
  to: number | undefined;
  protocol: string | undefined;
  cidrs: unknown[];
}

export function checkSecurityGroups(resources: TfResource[], emit: Report): void {
  for (const resource of resources) {
    if (resource.keyword !== 'resource') continue;
    const body = resource.body;
    if (resource.type === 'aws_security_group') {
      blocks(body, 'ingress').forEach((rule, i) => {
        const ingress = {
          from: num(rule.from_port),
          to: num(rule.to_port),
          protocol: text(rule.protocol),
          cidrs: [...list(rule.cidr_blocks), ...list(rule.ipv6_cidr_blocks)],
        };
        judge(resource, ingress, at(resource, 'ingress', i), `ingress[${i}]`, emit);
      });
    } else if (resource.type === 'aws_security_group_rule' && text(body.type) === 'ingress') {
      const ingress = {
        from: num(body.from_port),
        to: num(body.to_port),
        protocol: text(body.protocol),
        cidrs: [...list(body.cidr_blocks), ...list(body.ipv6_cidr_blocks)],
      };
      judge(resource, ingress, at(resource, 'cidr_blocks'), 'rule', emit);
    } else if (resource.type === 'aws_vpc_security_group_ingress_rule') {
      const ingress = {
        from: num(body.from_port),
        to: num(body.to_port),
        protocol: text(body.ip_protocol),
        cidrs: [body.cidr_ipv4, body.cidr_ipv6],
      };
      const key =
        everywhere.has(text(body.cidr_ipv6) ?? '') && !everywhere.has(text(body.cidr_ipv4) ?? '')
          ? 'cidr_ipv6'
          : 'cidr_ipv4';
      judge(resource, ingress, at(resource, key), 'rule', emit);
    }
  }
}

function judge(resource: TfResource, ingress: Ingress, line: number, anchor: string, emit: Report): void {
  const open = ingress.cidrs.map(text).filter((c): c is string => c !== undefined && everywhere.has(c));
  if (open.length === 0) return;
  const allTraffic = ingress.protocol === '-1' || ingress.protocol === 'all';
  const from = allTraffic ? 0 : (ingress.from ?? 0);
  const to = allTraffic ? 65535 : (ingress.to ?? ingress.from ?? 65535);
  const exposed = adminPorts.filter(([port]) => from <= port && port <= to);
  if (exposed.length === 0) return;
  const ports = exposed.map(([port, name]) => `${port} (${name})`);
  const shown =
    ports.length > 4 ? `${ports.slice(0, 4).join(', ')} and ${ports.length - 4} more` : ports.join(', ');
  const covers = (port: number) => exposed.some(([p]) => p === port);
  const aliases = [
    ...(covers(22) ? ['checkov:CKV_AWS_24'] : []),
    ...(covers(3389) ? ['checkov:CKV_AWS_25'] : []),
    'trivy:AWS-0107',
    'trivy:AVD-AWS-0107',
  ];
  const message = `${resource.id} ${anchor === 'rule' ? '' : `${anchor} `}lets ${open.join(' and ')} reach port ${shown}`;
  emit(report(resource, tf.openAdminPort, line, message, anchor, aliases));
}
