// What a domain event is: a name and the schema of its data. Data stays small (refs and ids, not whole
// entities): a subscriber reads the current state itself, so delivering an event twice does no harm.
import type { z } from 'zod';
import { invalid } from '../errors.ts';

export interface EventDefinition<Data> {
  /** Unique across Steward, `<module>.<what happened>`, e.g. `catalog.entities-changed`. */
  readonly name: string;
  /** Checks data on emit and again on delivery (stored rows outlive code), naming the field. */
  parse(value: unknown): Data;
}

export function defineEvent<Data>(name: string, schema: z.ZodType<Data>): EventDefinition<Data> {
  if (!/^[a-z][a-z0-9-]*(\.[a-z][a-z0-9-]*)+$/.test(name)) {
    throw invalid(`event name ${JSON.stringify(name)} must look like module.what-happened (a-z, 0-9, -)`);
  }
  return {
    name,
    parse(value) {
      const parsed = schema.safeParse(value);
      if (parsed.success) return parsed.data;
      const issue = parsed.error.issues[0];
      const where = issue?.path.length ? `data.${issue.path.join('.')}` : 'data';
      throw invalid(`the ${name} event's ${where}: ${issue?.message ?? 'does not fit its schema'}`);
    },
  };
}
