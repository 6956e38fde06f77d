// The second Steward server of bench/stream-fanout's two-server run, in a process of its own as a
// second `steward serve` would be: it shares the first one's PostgreSQL, publishes nothing, and
// serves its share of the subscribers with what LISTEN/NOTIFY brings it. Told {tickMs, databaseUrl};
// answers {url}; stops when told {type: 'stop'}.
import { serveSteward } from './steward-server.ts';

process.once('message', async ({ tickMs, databaseUrl }: { tickMs: number; databaseUrl: string }) => {
  try {
    const served = await serveSteward(tickMs, databaseUrl);
    process.on('message', async (message: { type?: string }) => {
      if (message.type !== 'stop') return;
      await served.close();
      process.exit(0);
    });
    process.send?.({ url: served.url });
  } catch (error) {
    console.error(`bench second server: ${(error as Error).message}`);
    process.exit(1);
  }
});
