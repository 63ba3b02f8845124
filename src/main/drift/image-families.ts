/**
 * Families of images that are drop-in equivalents of one another (a laptop on MariaDB and
 * production on MySQL speak the same protocol and keep data the same way), and the kind of
 * backing service each family is. Data, not rules: add a family or a member here.
 */
export interface ImageFamily {
  /** The family's name, as evidence prints it. */
  family: string;
  /** What the service is to its clients. */
  kind: 'database' | 'cache' | 'search' | 'queue';
  /** Image names (the last part of a repository) in the family. */
  members: readonly string[];
}

/** The known families. */
export const IMAGE_FAMILIES: readonly ImageFamily[] = [
  {
    family: 'mysql',
    kind: 'database',
    members: ['mysql', 'mariadb', 'percona', 'percona-server', 'mysql-server'],
  },
  {
    family: 'postgres',
    kind: 'database',
    members: ['postgres', 'postgresql', 'postgis', 'timescaledb', 'timescaledb-ha'],
  },
  {
    family: 'mongodb',
    kind: 'database',
    members: ['mongo', 'mongodb', 'mongodb-community-server', 'percona-server-mongodb'],
  },
  { family: 'cassandra', kind: 'database', members: ['cassandra', 'scylla'] },
  { family: 'mssql', kind: 'database', members: ['mssql', 'mssql-server', 'azure-sql-edge'] },
  {
    family: 'redis',
    kind: 'cache',
    members: ['redis', 'valkey', 'keydb', 'redis-stack', 'redis-stack-server'],
  },
  { family: 'memcached', kind: 'cache', members: ['memcached'] },
  { family: 'elasticsearch', kind: 'search', members: ['elasticsearch', 'opensearch'] },
  { family: 'rabbitmq', kind: 'queue', members: ['rabbitmq'] },
  { family: 'kafka', kind: 'queue', members: ['kafka', 'cp-kafka', 'redpanda'] },
  { family: 'nats', kind: 'queue', members: ['nats'] },
];

const BY_MEMBER = new Map(IMAGE_FAMILIES.flatMap((f) => f.members.map((m) => [m, f] as const)));

/** The family of an image repository (`library/mariadb`, `bitnami/postgresql`), or null. */
export function familyOf(repository: string): ImageFamily | null {
  return BY_MEMBER.get((repository.split('/').at(-1) ?? repository).toLowerCase()) ?? null;
}

// Words a service's name uses for its kind, beside its engine's names (`catalog-db`,
// `catalog-mysql`, `orders-database`, `session-cache`): one word per kind for name matching.
const KIND_WORDS: Record<ImageFamily['kind'], readonly string[]> = {
  database: ['db', 'database', 'datastore', 'pg', 'sql'],
  cache: ['cache'],
  search: ['search', 'es'],
  queue: ['queue', 'mq', 'broker'],
};

const WORD_KIND = new Map<string, string>([
  ...Object.entries(KIND_WORDS).flatMap(([kind, words]) => words.map((w) => [w, kind] as const)),
  ...IMAGE_FAMILIES.flatMap((f) => f.members.map((m) => [m, f.kind] as const)),
]);

/** A name token as names compare: an engine's name or a word for a kind becomes that kind. */
export function kindWord(token: string): string {
  return WORD_KIND.get(token) ?? token;
}
