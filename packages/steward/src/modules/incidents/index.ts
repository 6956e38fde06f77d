// Incidents: declared by hand or from alerts, run with roles, status updates and a timeline, learned
// from in a postmortem with follow-ups. Other modules import only from here.

import type { IncidentView } from './schemas.ts';
import type { Severity } from './severities.ts';

export interface IncidentsApi {
  getIncident(id: string): Promise<IncidentView>;
  /** Most severe first. */
  severities(): readonly Severity[];
}

export { type IncidentState, incidentStates } from './lifecycle.ts';
export {
  type FollowUp,
  followUpListSchema,
  followUpSchema,
  type IncidentMetrics,
  type IncidentView,
  incidentListSchema,
  incidentMetricsSchema,
  incidentSchema,
  incidentTimelineSchema,
  postmortemSchema,
  severityListSchema,
  statusUpdateListSchema,
  type TimelineItem,
} from './schemas.ts';
export type { Severity } from './severities.ts';
