// The one shape of every list the API answers: `{ items: [...] }`, so clients page and parse alike.
import { z } from 'zod';

export const listOf = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item) });
