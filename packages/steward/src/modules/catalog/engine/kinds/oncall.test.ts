// Schedule and EscalationPolicy as PRODUCT.md writes them, and each bad input the issue names with
// its line and column counted by hand (1-based; a problem points at the offending value or key).
import { describe, expect, it } from 'vitest';
import type { CatalogEntity, CatalogProblem } from '../model.ts';
import { validateCatalog } from '../validate-catalog.ts';
import { readEscalationPolicySpec, readScheduleSpec } from './oncall-spec.ts';

const lines = (...text: string[]) => `${text.join('\n')}\n`;

/** The people and team the examples name, in a file of their own. */
const org = ['payments', 'alice', 'bob', 'carol']
  .map((name, i) =>
    lines(
      'apiVersion: backstage.io/v1alpha1',
      `kind: ${i === 0 ? 'Group' : 'User'}`,
      `metadata: { name: ${name} }`,
      i === 0 ? 'spec: { type: team, children: [] }' : 'spec: { memberOf: [payments] }',
    ),
  )
  .join('---\n');

const check = (content: string, withOrg = true) =>
  validateCatalog([
    { file: 'oncall.yaml', content },
    ...(withOrg ? [{ file: 'org.yaml', content: org }] : []),
  ]);
const found = (content: string) =>
  [...check(content).errors, ...check(content).warnings].map(
    (p: CatalogProblem) => `${p.line}:${p.column} ${p.severity} ${p.code}`,
  );
const messages = (content: string) => check(content).errors.map((p) => p.message);

// Verbatim from PRODUCT.md's "On-call as code".
const productExample = lines(
  'apiVersion: steward.dev/v1',
  'kind: Schedule',
  'metadata: { name: payments-primary }',
  'spec:',
  '  owner: group:payments',
  '  timeZone: Europe/Berlin            # IANA; every time below is wall time there',
  '  layers:                            # a later layer wins wherever it has someone',
  '    - name: weekly',
  '      start: "2026-01-05T09:00"      # where the rotation starts counting',
  '      rotation: P1W                  # ISO 8601 duration: PT12H, P1D, P1W, P2W',
  '      members: [alice, user:bob]     # User refs, in turn',
  '      restrictions:                  # optional: when this layer is active',
  '        - { days: [mon, tue, wed, thu, fri], from: "09:00", to: "17:00" }',
  '---',
  'apiVersion: steward.dev/v1',
  'kind: EscalationPolicy',
  'metadata: { name: payments }',
  'spec:',
  '  owner: group:payments',
  '  repeat: 2                          # runs of the whole policy while nobody acknowledges',
  '  steps:',
  '    - notify: [schedule:payments-primary]   # Schedule, User or Group refs',
  '      escalateAfter: PT15M',
  '    - notify: [user:carol]',
);

/** A schedule whose lines 6, 9, 10, 11 and 13–15 can be replaced, the rest staying where they are. */
function schedule(
  change: Partial<Record<'zone' | 'start' | 'rotation' | 'members' | 'days' | 'from' | 'to', string>>,
) {
  return lines(
    'apiVersion: steward.dev/v1',
    'kind: Schedule',
    'metadata: { name: payments-primary }',
    'spec:',
    '  owner: group:payments',
    `  timeZone: ${change.zone ?? 'Europe/Berlin'}`,
    '  layers:',
    '    - name: weekly',
    `      start: ${change.start ?? '2026-01-05T09:00'}`,
    `      rotation: ${change.rotation ?? 'P1W'}`,
    `      members: ${change.members ?? '[alice, user:bob]'}`,
    '      restrictions:',
    `        - days: ${change.days ?? '[mon, tue]'}`,
    `          from: ${change.from ?? '09:00'}`,
    `          to: ${change.to ?? '17:00'}`,
  );
}

/** A policy whose line 8 (the first step's notify) and 9 (a field of it) can be replaced. */
function policy(notify = '[user:carol]', field = 'escalateAfter: PT15M', steps?: string) {
  return lines(
    'apiVersion: steward.dev/v1',
    'kind: EscalationPolicy',
    'metadata: { name: payments }',
    'spec:',
    '  owner: group:payments',
    '  repeat: 2',
    ...(steps === undefined
      ? ['  steps:', `    - notify: ${notify}`, `      ${field}`]
      : [`  steps: ${steps}`]),
  );
}

describe('Schedule and EscalationPolicy (steward.dev/v1)', () => {
  it("accepts PRODUCT.md's example as written, with owners and relations", () => {
    const result = check(productExample);
    expect([...result.errors, ...result.warnings]).toEqual([]);
    const byRef = new Map(result.entities.map((e) => [e.ref, e]));
    const rota = byRef.get('schedule:default/payments-primary');
    expect(rota?.owners.map((o) => `${o.ref} ${o.role}`)).toEqual(['group:default/payments primary']);
    const declared = (ref: string) =>
      byRef
        .get(ref)
        ?.relations.filter((r) => r.origin === 'declared')
        .map((r) => `${r.type} ${r.targetRef} ${r.position.line}:${r.position.column}`);
    expect(declared('schedule:default/payments-primary')).toEqual([
      'ownedBy group:default/payments 5:10',
      'hasOnCallMember user:default/alice 11:17',
      'hasOnCallMember user:default/bob 11:24',
    ]);
    expect(declared('escalationpolicy:default/payments')).toEqual([
      'ownedBy group:default/payments 19:10',
      'notifies schedule:default/payments-primary 22:16',
      'notifies user:default/carol 24:16',
    ]);
    const inverse = (ref: string) =>
      byRef
        .get(ref)
        ?.relations.filter((r) => r.origin === 'inverse')
        .map((r) => `${r.type} ${r.targetRef}`);
    expect(inverse('user:default/alice')).toContain('onCallIn schedule:default/payments-primary');
    expect(inverse('schedule:default/payments-primary')).toEqual([
      'notifiedBy escalationpolicy:default/payments',
    ]);
  });

  it('reads the specs for the modules that act on them: refs in full, defaults filled in', () => {
    const [rota, policy] = check(productExample).entities;
    expect(readScheduleSpec(rota as CatalogEntity)).toEqual({
      ref: 'schedule:default/payments-primary',
      owner: 'group:default/payments',
      timeZone: 'Europe/Berlin',
      layers: [
        {
          name: 'weekly',
          start: '2026-01-05T09:00',
          rotation: 'P1W',
          members: ['user:default/alice', 'user:default/bob'],
          restrictions: [{ days: ['mon', 'tue', 'wed', 'thu', 'fri'], from: '09:00', to: '17:00' }],
        },
      ],
    });
    expect(readEscalationPolicySpec(policy as CatalogEntity)).toEqual({
      ref: 'escalationpolicy:default/payments',
      owner: 'group:default/payments',
      repeat: 2,
      steps: [
        { notify: ['schedule:default/payments-primary'], escalateAfter: 'PT15M', strategy: 'all' },
        { notify: ['user:default/carol'], escalateAfter: 'PT30M', strategy: 'all' },
      ],
    });
  });

  it('reads unquoted wall times and dates as text, and the optional fields', () => {
    const content = schedule({
      start: '2026-01-05T09:00:30',
      from: '22:00',
      to: '24:00',
      days: '[sat, sun]',
    });
    expect(found(content)).toEqual([]);
    const full = policy('[group:payments, user:alice]', 'strategy: round-robin').concat(
      '  acknowledgeTimeout: PT4H\n  workingHours: { timeZone: America/New_York, days: [mon], from: "09:00", to: "17:00" }\n',
    );
    expect(found(full)).toEqual([]);
  });

  it('an unknown zone, a rotation that is not a duration, and an offset in start: invalid-value at the value', () => {
    expect(found(schedule({ zone: 'Mars/Olympus' }))).toEqual(['6:13 error invalid-value']);
    expect(messages(schedule({ zone: 'Mars/Olympus' }))[0]).toContain('e.g. Europe/Berlin');
    expect(messages(schedule({ zone: 'europe/berlin' }))[0]).toContain('IANA writes it Europe/Berlin');
    expect(messages(schedule({ zone: '"+02:00"' }))[0]).toContain('an offset is not a zone');
    expect(found(schedule({ rotation: 'weekly' }))).toEqual(['10:17 error invalid-value']);
    expect(messages(schedule({ rotation: 'P1M' }))[0]).toContain('months and years vary in length');
    expect(messages(schedule({ rotation: 'PT0H' }))[0]).toContain('a duration of zero never ends');
    expect(found(schedule({ start: '"2026-01-05T09:00+01:00"' }))).toEqual(['9:14 error invalid-value']);
    expect(messages(schedule({ start: '"2026-01-05T09:00+01:00"' }))[0]).toContain(
      'it is wall time in spec.timeZone, so it has no offset',
    );
    expect(found(schedule({ start: '2026-02-30T09:00' }))).toEqual(['9:14 error invalid-value']);
  });

  it('members who do not exist: missing-target errors at each, and the schedule is not kept', () => {
    const content = schedule({ members: '[alice, user:dave, erin]' });
    expect(found(content)).toEqual(['11:24 error missing-target', '11:35 error missing-target']);
    const result = check(content);
    expect(result.errors[0]).toMatchObject({
      target: 'user:default/dave',
      entity: 'schedule:default/payments-primary',
    });
    expect(result.errors[0]?.message).toContain('spec.layers[0].members[1] refers to user:default/dave');
    expect(result.entities.map((e) => e.ref)).not.toContain('schedule:default/payments-primary');
    // Valid but for the missing members: a server keeps it when another source has them.
    expect(result.awaitingTargets.map((e) => e.ref)).toEqual(['schedule:default/payments-primary']);
  });

  it('a layer with no members, restriction days that are not weekdays, times that are not HH:MM', () => {
    expect(found(schedule({ members: '[]' }))).toEqual(['11:16 error invalid-value']);
    expect(messages(schedule({ members: '[]' }))[0]).toContain('a layer with nobody in it pages nobody');
    expect(found(schedule({ days: '[mon, funday]' }))).toEqual(['13:23 error invalid-value']);
    expect(found(schedule({ from: '"9:00"', to: '"25:00"' }))).toEqual([
      '14:17 error invalid-value',
      '15:15 error invalid-value',
    ]);
    expect(messages(schedule({ from: '"9:00"' }))[0]).toContain('two digits for the hour (09:00)');
    expect(found(schedule({ from: '"24:00"' }))).toEqual(['14:17 error invalid-value']);
  });

  it('two layers of one name: duplicate-name at the second name; an unknown field at its key', () => {
    const twice = `${schedule({})}    - { name: weekly, start: "2026-01-05T09:00", rotation: P1D, members: [carol] }\n`;
    expect(found(twice)).toEqual(['16:15 error duplicate-name']);
    expect(messages(twice)[0]).toContain(
      'spec.layers[1].name "weekly" is already the name of spec.layers[0]',
    );
    const typo = schedule({}).replace('      rotation: P1W', '      rotaton: P1W');
    expect(found(typo)).toEqual(['8:7 error missing-field', '10:7 error unknown-field']);
  });

  it('a policy naming a missing schedule, user or group: missing-target errors, not dangling-ref warnings', () => {
    expect(found(policy('[schedule:nope, user:zed, group:ghosts]'))).toEqual([
      '8:16 error missing-target',
      '8:31 error missing-target',
      '8:41 error missing-target',
    ]);
    expect(messages(policy('[schedule:nope]'))[0]).toContain(
      'spec.steps[0].notify[0] refers to schedule:default/nope, which is not among the entities read',
    );
  });

  it('notify refs name their kind; steps, repeat, strategy and delays are checked', () => {
    expect(found(policy('[carol]'))).toEqual(['8:16 error invalid-ref']);
    // Backstage's fields only warn of an unusual kind; nobody can be paged through a Component.
    expect(found(policy('[component:ledger]'))).toEqual(['8:16 error invalid-ref']);
    expect(messages(policy('[component:ledger]'))[0]).toContain('points at a component, where');
    expect(found(schedule({ members: '[group:payments]' }))).toEqual(['11:17 error invalid-ref']);
    expect(found(policy(undefined, undefined, '[]'))).toEqual(['7:10 error invalid-value']);
    expect(found(policy(undefined, 'strategy: random'))).toEqual(['9:17 error invalid-value']);
    expect(found(policy(undefined, 'escalateAfter: 15m'))).toEqual(['9:22 error invalid-value']);
    expect(found(policy().replace('repeat: 2', 'repeat: -1'))).toEqual(['6:11 error invalid-value']);
  });

  it('a Steward Service names its escalation policy; the policy learns it', () => {
    const service = lines(
      'apiVersion: steward.dev/v1',
      'kind: Service',
      'metadata: { name: ledger }',
      'spec:',
      '  lifecycle: production',
      '  tier: 1',
      '  owners: [{ ref: group:payments, role: primary }]',
      '  escalationPolicy: payments',
    );
    const result = check(`${service}---\n${policy('[user:carol]')}`);
    expect([...result.errors, ...result.warnings]).toEqual([]);
    const ledger = result.entities.find((e) => e.ref === 'service:default/ledger');
    expect(ledger?.relations.map((r) => `${r.type} ${r.targetRef}`)).toContain(
      'escalatesWith escalationpolicy:default/payments',
    );
    const named = result.entities.find((e) => e.ref === 'escalationpolicy:default/payments');
    expect(named?.relations.map((r) => `${r.type} ${r.targetRef}`)).toContain(
      'escalationPolicyOf service:default/ledger',
    );
    // A policy that is not there is a dangling ref as for any other field: a warning.
    const alone = check(service.replace('escalationPolicy: payments', 'escalationPolicy: nope'));
    expect(alone.warnings.map((w) => `${w.line}:${w.column} ${w.code}`)).toEqual(['8:21 dangling-ref']);
  });
  it('any entity may name its policy in the annotation steward.dev/escalation-policy', () => {
    const team = (policyName: string) =>
      lines(
        'apiVersion: backstage.io/v1alpha1',
        'kind: Group',
        'metadata:',
        '  name: checkout',
        '  annotations:',
        `    steward.dev/escalation-policy: ${policyName}`,
        'spec: { type: team, children: [] }',
      );
    const result = check(`${team('payments')}---\n${policy()}`);
    expect([...result.errors, ...result.warnings]).toEqual([]);
    const checkout = result.entities.find((e) => e.ref === 'group:default/checkout');
    expect(
      checkout?.relations.map((r) => `${r.type} ${r.targetRef} ${r.position.line}:${r.position.column}`),
    ).toEqual(['escalatesWith escalationpolicy:default/payments 6:36']);
    const missing = check(team('escalationpolicy:nope'));
    expect(missing.warnings.map((w) => `${w.line}:${w.column} ${w.code}`)).toEqual(['6:36 dangling-ref']);
    expect(missing.warnings[0]?.message).toContain(
      'metadata.annotations.steward.dev/escalation-policy refers to escalationpolicy:default/nope',
    );
  });
});
