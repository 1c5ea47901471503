// Command line of `npm run bench`.
export interface BenchOptions {
  /** Fewer seconds per load test and fewer repetitions: for trying the bench while developing. */
  quick: boolean;
  /** Only rows whose operation matches (case-insensitive regular expression); setup still runs. */
  only: RegExp | undefined;
  skipCity: boolean;
  skipEmbedded: boolean;
  skipBundle: boolean;
  skipImport: boolean;
  /** The PostgreSQL server to create the bench databases on (as a user allowed to create them). */
  adminUrl: string;
  /** The city database to copy. */
  cityDatabase: string;
  /** The city run waits until the city database has this many members (it is generated in steps). */
  cityMinMembers: number;
  /** Seconds each concurrent load test runs. */
  loadSeconds: number;
}

const HELP = `npm run bench -- [options]
  --quick            short load tests and fewer repetitions (development)
  --only <pattern>   run only the rows whose operation matches (regular expression, case-insensitive)
  --skip-city        no city-scale run
  --skip-embedded    no embedded-database comparison
  --skip-bundle      no client bundle sizes (skips the vite build)
  --skip-import      no import-check rows
  --city-db <name>   the city database to copy (default wgdt_city_full)
  --city-min-members <n>  the city run needs at least this many members (default 500000)
  --seconds <n>      seconds per concurrent load test (default 10, --quick 3)
environment: BENCH_DATABASE_URL — admin URL of the PostgreSQL server
  (default postgres://postgres@127.0.0.1:5432/postgres)`;

export function readOptions(argv: string[], env: NodeJS.ProcessEnv = process.env): BenchOptions {
  const flags = new Set<string>();
  const values = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--help' || arg === '-h') {
      console.log(HELP);
      process.exit(0);
    }
    const [name, inline] = arg.split('=', 2) as [string, string | undefined];
    if (['--only', '--city-db', '--seconds', '--city-min-members'].includes(name)) {
      const value = inline ?? argv[++i];
      if (value === undefined) throw new Error(`${name} needs a value\n${HELP}`);
      values.set(name, value);
    } else if (['--quick', '--skip-city', '--skip-embedded', '--skip-bundle', '--skip-import'].includes(name)) {
      flags.add(name);
    } else {
      throw new Error(`unknown option ${arg}\n${HELP}`);
    }
  }
  const quick = flags.has('--quick');
  const seconds = values.has('--seconds') ? Number(values.get('--seconds')) : quick ? 3 : 10;
  if (!(seconds > 0)) throw new Error('--seconds must be a positive number');
  const only = values.get('--only');
  return {
    quick,
    only: only ? new RegExp(only, 'i') : undefined,
    skipCity: flags.has('--skip-city'),
    skipEmbedded: flags.has('--skip-embedded'),
    skipBundle: flags.has('--skip-bundle'),
    skipImport: flags.has('--skip-import'),
    adminUrl: env.BENCH_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres',
    cityDatabase: values.get('--city-db') ?? 'wgdt_city_full',
    cityMinMembers: values.has('--city-min-members') ? Number(values.get('--city-min-members')) : 500_000,
    loadSeconds: seconds,
  };
}
