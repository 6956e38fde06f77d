// The gate lets `limit` writes run at once and refuses the next at once, never queueing it.
import { describe, expect, it } from 'vitest';
import { IngestGate } from './ingest-gate.ts';

describe('IngestGate', () => {
  it('refuses beyond the limit while slots are taken, and frees a slot when work ends or fails', async () => {
    const gate = new IngestGate(2);
    let release: () => void = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    const first = gate.run(() => held);
    const second = gate.run(() => held);
    expect(await gate.run(async () => 'third')).toBeNull();
    expect(gate.busy).toBe(2);
    release();
    await Promise.all([first, second]);
    await expect(gate.run(() => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(gate.busy).toBe(0);
    expect(await gate.run(async () => 'after')).toEqual({ value: 'after' });
  });
});
