// Structured logs with pino: JSON for machines, pretty on a terminal.
import pino, { type Logger } from 'pino';
import type { ServeConfig } from './config.ts';

export type { Logger };

export function createLogger(config: Pick<ServeConfig, 'logLevel' | 'logFormat'>): Logger {
  const options: pino.LoggerOptions = {
    level: config.logLevel,
    base: { service: 'steward' },
    redact: {
      paths: ['req.headers.authorization', 'req.headers.cookie', '*.password', '*.token'],
      censor: '***',
    },
  };
  if (config.logFormat === 'pretty') {
    return pino({ ...options, transport: { target: 'pino-pretty', options: { translateTime: 'HH:MM:ss' } } });
  }
  return pino(options);
}

export function silentLogger(): Logger {
  return pino({ level: 'silent' });
}
