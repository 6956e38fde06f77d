// The alerts API as the portal calls it: the list with its filters, one alert with its hops and
// timeline, acknowledge and resolve, and an alert's notification deliveries.
// Shapes come from the server's own schemas (@steward/steward/api), never redeclared here.
import type { AlertDetail, AlertView, DeliveryView, NoiseAnswer } from '@steward/steward/api';
import { get, post } from './http.ts';

export type { AlertDetail, AlertView, DeliveryView, NoiseAnswer };
export type AlertStatus = AlertView['status'];
export const alertStatuses: AlertStatus[] = ['triggered', 'acknowledged', 'resolved'];

export interface AlertFilters {
  status?: string;
  service?: string;
  team?: string;
}

interface List<T> {
  items: T[];
}

const segment = encodeURIComponent;

/** Newest first; every filter given (and not empty) narrows the answer. */
export function listAlerts(filters: AlertFilters): Promise<AlertView[]> {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(filters)) if (value) params.set(name, value);
  return get<{ items: AlertView[] }>(`/api/v1/alerts?${params}`).then((list) => list.items);
}

export const fetchAlert = (id: string) => get<AlertDetail>(`/api/v1/alerts/${segment(id)}`);
export const acknowledgeAlert = (id: string) =>
  post<AlertDetail>(`/api/v1/alerts/${segment(id)}/acknowledge`);
export const resolveAlert = (id: string) => post<AlertDetail>(`/api/v1/alerts/${segment(id)}/resolve`);

export const listDeliveries = (alertId: string) =>
  get<List<DeliveryView>>(`/api/v1/notifications/deliveries?alert=${segment(alertId)}`).then(
    (list) => list.items,
  );

/** A team's noise report over the last `days` days. */
export const fetchNoise = (team: string, days: number) =>
  get<NoiseAnswer>(`/api/v1/noise?${new URLSearchParams({ team, days: String(days) })}`);
