// Thrown (one shared instance, no stack to build) when the fast parser meets YAML outside its subset;
// the caller then reads the whole file with the `yaml` package instead.
export const bail: Error = new Error('outside the fast YAML subset');
