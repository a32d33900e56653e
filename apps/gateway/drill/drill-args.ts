// `--name value` pairs of the drill and bench scripts, checked: a typo is an error, not a default.

export function parseDrillArgs<T extends Record<string, number>>(argv: string[], defaults: T): T {
  const out: Record<string, number> = { ...defaults };
  for (let i = 0; i < argv.length; i += 2) {
    const flag = argv[i]!;
    const name = flag.replace(/^--/, '');
    if (!flag.startsWith('--') || !(name in defaults)) {
      throw new Error(
        `unknown option '${flag}'; expected ${Object.keys(defaults)
          .map((k) => `--${k}`)
          .join(', ')}`,
      );
    }
    const value = Number(argv[i + 1]);
    if (!Number.isFinite(value) || value < 0) throw new Error(`--${name} needs a number >= 0, got '${String(argv[i + 1])}'`);
    out[name] = value;
  }
  return out as T;
}
