// Kubernetes resource quantities (`250m`, `1Gi`, `2`, `1e3`), read as the API server reads them, so
// a sizes file is refused here rather than by `kubectl apply`.

const pattern = /^([+-]?(?:\d+(?:\.\d*)?|\.\d+))(Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E|[eE][+-]?\d+)?$/;

const factors: Record<string, number> = {
  Ki: 2 ** 10,
  Mi: 2 ** 20,
  Gi: 2 ** 30,
  Ti: 2 ** 40,
  Pi: 2 ** 50,
  Ei: 2 ** 60,
  n: 1e-9,
  u: 1e-6,
  m: 1e-3,
  k: 1e3,
  M: 1e6,
  G: 1e9,
  T: 1e12,
  P: 1e15,
  E: 1e18,
};

/** The quantity's value in base units (cores, bytes, counts), or null when it is not a quantity. */
export function quantityValue(text: string): number | null {
  const match = pattern.exec(text);
  if (!match) return null;
  const [, number, suffix] = match as unknown as [string, string, string | undefined];
  const base = Number(number);
  if (suffix === undefined) return base;
  if (/^[eE][+-]?\d/.test(suffix)) return base * 10 ** Number(suffix.slice(1));
  return base * (factors[suffix] as number);
}
