// Scorecards through the API on both engines: the built-in scorecard while the catalog has none,
// then the catalog's own, its results, roll-ups and an entity's card worked out by hand; campaigns
// created, edited and closed by those allowed to, with their progress.
//
// The scorecard `readiness` weighs 7: has-owner 2 and has-description 1 (Bronze), has-escalation-policy
// 2 (Silver), has-runbook 1 and no high findings 1 (Gold). checkout passes all (Gold, 100); search-api
// has no policy and no runbook (Bronze, 4 of 7 = 57.1); orphan's owner is not in the catalog, nor is
// any policy or runbook (none, 2 of 7 = 28.6). The database Resource is out of scope. Last, a scan
// uploaded with a high finding on checkout's Deployment takes it down to Silver (6 of 7 = 85.7).
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachEngine } from '../../server/test-engines.ts';
import { type SeededOrg, seedOrg, startTestSteward, type TestSteward } from '../../server/test-steward.ts';

const catalog = [
  'apiVersion: steward.dev/v1',
  'kind: Scorecard',
  'metadata: { name: readiness, title: Readiness }',
  'spec:',
  '  owner: group:payments',
  '  rules:',
  '    - { id: owner, title: Has an owner, check: has-owner, level: Bronze, weight: 2 }',
  '    - { id: description, title: Says what it does, check: has-description, level: Bronze }',
  '    - id: policy',
  '      title: Pages someone',
  '      check: has-escalation-policy',
  '      level: Silver',
  '      weight: 2',
  '      howToFix: Give your team an EscalationPolicy in oncall.yaml.',
  '    - { id: runbook, title: Has a runbook, check: has-runbook, level: Gold }',
  '    - { id: clean, title: No high findings, check: no-findings-at-or-above, params: { severity: high }, level: Gold }',
  '---',
  'apiVersion: steward.dev/v1',
  'kind: EscalationPolicy',
  'metadata: { name: payments }',
  'spec: { owner: group:payments, steps: [{ notify: [user:mia] }] }',
  '---',
  'apiVersion: backstage.io/v1alpha1',
  'kind: Component',
  'metadata:',
  '  name: checkout',
  '  description: Takes the money.',
  '  links: [{ url: "https://runbooks.example/checkout", title: Runbook }]',
  'spec: { type: service, lifecycle: production, owner: payments }',
  '---',
  'apiVersion: backstage.io/v1alpha1',
  'kind: Component',
  'metadata: { name: search-api, description: Finds things. }',
  'spec: { type: service, lifecycle: production, owner: search }',
  '---',
  'apiVersion: backstage.io/v1alpha1',
  'kind: Component',
  'metadata: { name: orphan, description: Nobody knows. }',
  'spec: { type: service, lifecycle: production, owner: ghost }',
  '---',
  'apiVersion: backstage.io/v1alpha1',
  'kind: Resource',
  'metadata: { name: database }',
  'spec: { type: database, owner: payments }',
  '',
].join('\n');

describeEachEngine('scorecards through the API', ({ db }) => {
  let steward: TestSteward;
  let org: SeededOrg;
  const get = (url: string, token = steward.adminToken) => steward.call('GET', url, { token });
  const send = (method: string, url: string, token: string, body?: unknown) =>
    steward.call(method, url, { token, body });

  beforeAll(async () => {
    steward = await startTestSteward(db());
    org = await seedOrg(steward);
  });
  afterAll(() => steward?.close());

  it('judges by the built-in scorecard while the catalog defines none', async () => {
    const list = (await get('/api/v1/scorecards')).json();
    expect(list.items.map((s: { name: string; ref: string | null }) => [s.name, s.ref])).toEqual([
      ['production-readiness', null],
    ]);
    expect(list.items[0].levels).toEqual(['Bronze', 'Silver', 'Gold']);
  });

  it("uses the catalog's scorecard once read: levels, scores and next steps per entity", async () => {
    const job = await steward.jobOf(
      await send('POST', '/api/v1/catalog/sources', steward.adminToken, {
        kind: 'upload',
        name: 'acme',
        files: [{ path: 'catalog-info.yaml', content: catalog }],
      }),
    );
    expect(job.result.errors).toEqual([]);
    const list = (await get('/api/v1/scorecards')).json();
    expect(list.items).toHaveLength(1);
    expect(list.items[0]).toMatchObject({
      name: 'readiness',
      ref: 'scorecard:default/readiness',
      title: 'Readiness',
      owner: 'group:default/payments',
      entities: 3,
      // (100 + 57.1 + 28.6) / 3 = 61.9
      averageScore: 61.9,
      levelCounts: [
        { level: 'Bronze', count: 1 },
        { level: 'Silver', count: 0 },
        { level: 'Gold', count: 1 },
        { level: null, count: 1 },
      ],
    });
    const detail = (await get('/api/v1/scorecards/readiness')).json();
    expect(
      detail.results.map((r: { entity: string; level: string | null; score: number }) => [
        r.entity,
        r.level,
        r.score,
      ]),
    ).toEqual([
      ['component:default/checkout', 'Gold', 100],
      ['component:default/orphan', null, 28.6],
      ['component:default/search-api', 'Bronze', 57.1],
    ]);
    const orphan = detail.results[1];
    expect(orphan.rules[0]).toMatchObject({
      id: 'owner',
      pass: false,
      evidence: 'names group:default/ghost as owner, but the catalog has no such entity',
    });
  });

  it("narrows to a team's entities, with the next step for each failing rule", async () => {
    const search = (await get('/api/v1/scorecards/readiness?team=search')).json();
    expect(search.results).toHaveLength(1);
    expect(search.results[0].nextLevel).toBe('Silver');
    expect(
      search.results[0].nextSteps.map((s: { id: string; howToFix: string }) => [s.id, s.howToFix]),
    ).toEqual([
      ['policy', 'Give your team an EscalationPolicy in oncall.yaml.'],
      [
        'runbook',
        'Link the runbook: spec.runbook (Steward kinds), a link of type runbook, or the annotation steward.dev/runbook.',
      ],
    ]);
    expect(search.results[0].nextSteps[0].evidence).toContain('an alert for it would page nobody');
    const checkout = (await get('/api/v1/scorecards/readiness?team=group:payments')).json();
    expect(checkout.results[0].rules[2].evidence).toMatch(
      /^an alert for it follows escalationpolicy:default\/payments: /,
    );
  });

  it('rolls up per team', async () => {
    const rollups = (await get('/api/v1/scorecards/readiness/rollups?by=team')).json();
    expect(
      rollups.items.map((r: { group: string; entities: number; averageScore: number }) => [
        r.group,
        r.entities,
        r.averageScore,
      ]),
    ).toEqual([
      ['group:default/ghost', 1, 28.6],
      ['group:default/payments', 1, 100],
      ['group:default/search', 1, 57.1],
    ]);
    expect(rollups.items[2].worstRules.map((w: { id: string }) => w.id)).toEqual(['policy', 'runbook']);
  });

  it("answers an entity's scorecards; none for a kind out of scope; 404 and 400 name what is wrong", async () => {
    const card = (await get('/api/v1/entities/component/default/checkout/scorecards')).json();
    expect(card.items).toHaveLength(1);
    expect(card.items[0].scorecard.name).toBe('readiness');
    expect(card.items[0].result.level).toBe('Gold');
    expect((await get('/api/v1/entities/resource/default/database/scorecards')).json().items).toEqual([]);
    const missing = await get('/api/v1/entities/component/default/nothing/scorecards');
    expect(missing.statusCode).toBe(404);
    const unknown = await get('/api/v1/scorecards/nope');
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().detail).toBe(
      'no scorecard nope: the scorecards are readiness (GET /api/v1/scorecards)',
    );
    expect((await get('/api/v1/scorecards/readiness/rollups?by=owner')).statusCode).toBe(400);
  });

  it("lets the scorecard's owning team and admins run campaigns, with progress per team", async () => {
    const body = {
      name: 'Everyone pages someone',
      scorecard: 'readiness',
      level: 'Silver',
      deadline: '2999-01-31',
      message: 'Every production service pages its owners.',
    };
    expect((await send('POST', '/api/v1/campaigns', org.tokens.outsider, body)).statusCode).toBe(403);
    expect((await send('POST', '/api/v1/campaigns', org.tokens.viewer, body)).statusCode).toBe(403);
    const created = await send('POST', '/api/v1/campaigns', org.tokens.member, body);
    expect(created.statusCode).toBe(201);
    const campaign = created.json();
    expect(campaign).toMatchObject({ state: 'open', level: 'Silver', teams: [], createdBy: 'mia' });
    // Only checkout holds Silver of the three.
    expect(campaign.progress).toMatchObject({ inScope: 3, passing: 1, percent: 33.3, overdue: false });

    const narrowed = await send('PATCH', `/api/v1/campaigns/${campaign.id}`, steward.adminToken, {
      teams: ['payments', 'group:search'],
      deadline: '2020-01-31',
    });
    expect(narrowed.statusCode).toBe(200);
    expect(narrowed.json().teams).toEqual(['group:default/payments', 'group:default/search']);
    expect(narrowed.json().progress).toMatchObject({
      inScope: 2,
      passing: 1,
      percent: 50,
      overdue: true,
      teams: [
        { team: 'group:default/payments', inScope: 1, passing: 1 },
        { team: 'group:default/search', inScope: 1, passing: 0 },
      ],
      remaining: [
        { entity: 'component:default/search-api', owner: 'group:default/search', failing: ['policy'] },
      ],
    });

    const closed = await send('POST', `/api/v1/campaigns/${campaign.id}/close`, org.tokens.teammate);
    expect(closed.json()).toMatchObject({ state: 'closed' });
    expect(closed.json().progress.overdue).toBe(false);
    expect(
      (await send('PATCH', `/api/v1/campaigns/${campaign.id}`, org.tokens.member, { name: 'x' })).statusCode,
    ).toBe(409);
    expect((await get('/api/v1/campaigns?state=open')).json().items).toEqual([]);
    expect((await get('/api/v1/campaigns?scorecard=readiness')).json().items).toHaveLength(1);
  });

  it('answers 400 naming each field of a campaign that does not fit the scorecard', async () => {
    const answer = await send('POST', '/api/v1/campaigns', steward.adminToken, {
      name: 'Bad',
      scorecard: 'readiness',
      level: 'Platinum',
      rules: ['runbook', 'nope'],
      teams: ['nobody'],
      deadline: '2999-01-01',
      message: 'x',
    });
    expect(answer.statusCode).toBe(400);
    expect(answer.json().errors).toEqual([
      { field: 'body.level', message: 'Platinum is not a level of readiness: one of Bronze, Silver, Gold' },
      {
        field: 'body.rules.1',
        message: 'nope is not a rule of readiness: one of owner, description, policy, runbook, clean',
      },
      { field: 'body.teams.0', message: 'group:default/nobody is not a Group in the catalog' },
    ]);
    const noGoal = await send('POST', '/api/v1/campaigns', steward.adminToken, {
      name: 'No goal',
      scorecard: 'readiness',
      deadline: '2999-01-01',
      message: 'x',
    });
    expect(noGoal.json().errors).toEqual([
      { field: 'body', message: 'give the goal: a level to reach, rules to pass, or both' },
    ]);
    const noCard = await send('POST', '/api/v1/campaigns', steward.adminToken, {
      ...{ name: 'x', deadline: '2999-01-01', message: 'x', level: 'Gold' },
      scorecard: 'gone',
    });
    expect(noCard.statusCode).toBe(400);
    expect(noCard.json().errors[0].field).toBe('body.scorecard');
  });

  it('counts the open findings of an uploaded scan against the entity they are attributed to', async () => {
    const finding = (ruleId: string, severity: string) => ({
      ruleId,
      severity,
      message: `${ruleId} here`,
      file: 'deploy/checkout.yaml',
      line: 12,
      column: 3,
      resource: 'Deployment/shop/checkout',
      owner: null,
      aliases: [],
      fingerprint: `fp-${ruleId}`,
    });
    const scan = {
      findings: [finding('k8s-host-path', 'high'), finding('k8s-image-tag', 'medium')],
      exemptions: [],
      exempted: [],
      problems: [],
      baselined: 0,
    };
    const put = await send(
      'PUT',
      '/api/v1/guardrails/scans/github.com%2Facme%2Fshop',
      org.tokens.member,
      scan,
    );
    expect(put.statusCode, put.body).toBe(200);
    const [card] = (await get('/api/v1/entities/component/default/checkout/scorecards')).json().items;
    expect([card.result.level, card.result.score]).toEqual(['Silver', 85.7]);
    expect(card.result.nextSteps.map((s: { id: string; evidence: string }) => [s.id, s.evidence])).toEqual([
      ['clean', '1 open: k8s-host-path (high) on github.com/acme/shop'],
    ]);
  });
});
