// Notifications' manifest: contact methods, notification rules, and durable delivery with retries.
import { defineModule } from '../../platform/module.ts';
import type { NotificationsService } from './index.ts';
import type { NotificationsNeeds } from './notifications-module.ts';

export const notificationsModule = defineModule<NotificationsNeeds, NotificationsService>({
  name: 'notifications',
  migrations: new URL('./migrations/', import.meta.url),
  create: async (platform, needs) =>
    (await import('./notifications-module.ts')).notificationsModuleOf(platform, needs),
});
