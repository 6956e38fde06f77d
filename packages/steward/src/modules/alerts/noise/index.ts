// The noise report: which of a team's alerts fire often, resolve by themselves, flap or wake people up,
// and what to do about each. Pure: the alerts module reads the alerts and hands them in.
export type {
  AlertGroupNoise,
  Durations,
  NoiseAlert,
  NoiseNotification,
  NoiseOptions,
  NoiseReport,
  PersonPages,
  Share,
} from './model.ts';
export { noiseReport, resolvedByItself } from './report.ts';
