// The running scorecards: the catalog's Scorecards (or the built-in one while it has none) judged on
// read against current facts, so every server answers the same; per entity, per team, rolled up.
import { notFound } from '../../platform/errors.ts';
import { type CatalogEntity, parseEntityRef, stringifyEntityRef } from '../catalog/index.ts';
import { appliesTo, evaluateEntity, nextSteps, round1 } from './engine/evaluate.ts';
import type { EntityResult, Scorecard } from './engine/model.ts';
import { builtInScorecard, readScorecard } from './engine/read-scorecard.ts';
import { type RollupBy, rollUp } from './engine/rollups.ts';
import { type FactSources, gatherFacts } from './facts.ts';
import type {
  EntityResultView,
  EntityScorecards,
  RollupList,
  ScorecardDetail,
  ScorecardSummary,
} from './schemas.ts';

export interface Judged {
  scorecard: Scorecard;
  results: EntityResult[];
}

export interface ScorecardsService {
  list(query: { team?: string | undefined }): Promise<ScorecardSummary[]>;
  get(name: string, query: { team?: string | undefined }): Promise<ScorecardDetail>;
  rollups(name: string, by: RollupBy): Promise<RollupList>;
  /** Every scorecard that applies to this entity, with its result. */
  forEntity(ref: string): Promise<EntityScorecards['items']>;
  /** One scorecard and its results over every entity it applies to (campaigns read these). */
  judge(name: string): Promise<Judged>;
  scorecard(name: string): Promise<Scorecard>;
}

export function createScorecardsService(sources: FactSources): ScorecardsService {
  const scorecards = async (): Promise<Scorecard[]> => {
    const defined = await sources.catalog.entitiesOfKinds(['scorecard']);
    if (defined.length === 0) return [builtInScorecard];
    return defined.map(readScorecard).sort((a, b) => a.name.localeCompare(b.name));
  };
  const scorecard = async (name: string): Promise<Scorecard> => {
    const all = await scorecards();
    const found = all.find((s) => s.name === name);
    if (!found)
      throw notFound(
        `no scorecard ${name}: the scorecards are ${all.map((s) => s.name).join(', ')} (GET /api/v1/scorecards)`,
      );
    return found;
  };
  const judgeEntities = async (
    card: Scorecard,
    entities: readonly CatalogEntity[],
  ): Promise<EntityResult[]> => {
    const uses = new Set(card.rules.map((r) => r.check));
    const { facts, placement } = await gatherFacts(sources, entities, uses);
    return facts.map((f) => evaluateEntity(card, f, placement));
  };
  const judge = async (card: Scorecard, team?: string): Promise<EntityResult[]> => {
    const group = team === undefined ? undefined : teamRef(team);
    const entities = (await sources.catalog.entitiesOfKinds(card.appliesTo.kinds))
      .filter((e) => appliesTo(card, e))
      .filter((e) => group === undefined || e.owners.some((o) => o.ref === group && o.role === 'primary'))
      .sort((a, b) => a.ref.localeCompare(b.ref));
    return judgeEntities(card, entities);
  };
  return {
    async list({ team }) {
      return Promise.all((await scorecards()).map(async (card) => summary(card, await judge(card, team))));
    },
    async get(name, { team }) {
      const card = await scorecard(name);
      const results = await judge(card, team);
      return { ...summary(card, results), results: results.map((r) => view(card, r)) };
    },
    async rollups(name, by) {
      const card = await scorecard(name);
      return {
        scorecard: card.name,
        by,
        levels: card.levels,
        items: rollUp(card.levels, await judge(card), by),
      };
    },
    async forEntity(ref) {
      const [entity] = await sources.catalog.loadEntitiesByRef([ref]);
      if (!entity) throw notFound(`no entity ${ref} in the catalog`);
      const cards = (await scorecards()).filter((card) => appliesTo(card, entity));
      return Promise.all(
        cards.map(async (card) => {
          const [result] = await judgeEntities(card, [entity]);
          return {
            scorecard: { name: card.name, title: card.title, levels: card.levels },
            result: view(card, result as EntityResult),
          };
        }),
      );
    },
    async judge(name) {
      const card = await scorecard(name);
      return { scorecard: card, results: await judge(card) };
    },
    scorecard,
  };
}

function summary(card: Scorecard, results: readonly EntityResult[]): ScorecardSummary {
  const total = results.reduce((sum, r) => sum + r.score, 0);
  return {
    name: card.name,
    ref: card.ref,
    title: card.title,
    description: card.description,
    owner: card.owner,
    appliesTo: card.appliesTo,
    levels: card.levels,
    rules: card.rules,
    entities: results.length,
    averageScore: results.length === 0 ? 0 : round1(total / results.length),
    levelCounts: [...card.levels, null].map((level) => ({
      level,
      count: results.filter((r) => r.level === level).length,
    })),
  };
}

function view(card: Scorecard, result: EntityResult): EntityResultView {
  return { ...result, nextSteps: nextSteps(card, result) };
}

/** A team name or Group ref as a full, lower-case Group ref. */
export function teamRef(text: string): string {
  const parsed = parseEntityRef(text, { defaultKind: 'group', defaultNamespace: 'default' });
  return parsed.ok ? stringifyEntityRef(parsed.ref) : text.toLowerCase();
}
