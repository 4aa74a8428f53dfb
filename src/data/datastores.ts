/** Container ports of datastores (RULES.md no-public-datastore). */
export const DATASTORE_PORTS: readonly { start: number; end: number; name: string }[] = [
  { start: 5432, end: 5432, name: "PostgreSQL" },
  { start: 3306, end: 3306, name: "MySQL" },
  { start: 33060, end: 33060, name: "MySQL X" },
  { start: 1433, end: 1433, name: "SQL Server" },
  { start: 1521, end: 1521, name: "Oracle" },
  { start: 27017, end: 27019, name: "MongoDB" },
  { start: 6379, end: 6379, name: "Redis" },
  { start: 9200, end: 9200, name: "Elasticsearch" },
  { start: 9300, end: 9300, name: "Elasticsearch transport" },
  { start: 11211, end: 11211, name: "Memcached" },
  { start: 5984, end: 5984, name: "CouchDB" },
  { start: 9042, end: 9042, name: "Cassandra" },
  { start: 7000, end: 7001, name: "Cassandra cluster" },
  { start: 8086, end: 8086, name: "InfluxDB" },
  { start: 5672, end: 5672, name: "RabbitMQ" },
  { start: 15672, end: 15672, name: "RabbitMQ management" },
  { start: 9092, end: 9092, name: "Kafka" },
  { start: 2181, end: 2181, name: "ZooKeeper" },
];

/**
 * Images of datastores (by the last part of the repository name) and the container ports their
 * datastore listens on by default — only those count: redis-stack's 8001 is a web UI.
 */
const DATASTORE_IMAGES: ReadonlyMap<string, readonly (number | [number, number])[]> = new Map<string, readonly (number | [number, number])[]>([
  ["postgres", [5432]], ["postgis", [5432]], ["timescaledb", [5432]],
  ["mysql", [3306, 33060]], ["mariadb", [3306]], ["percona", [3306, 33060]],
  ["mongo", [[27017, 27019]]], ["mongodb", [[27017, 27019]]],
  ["redis", [6379]], ["redis-stack", [6379]], ["redis-stack-server", [6379]], ["valkey", [6379]], ["keydb", [6379]], ["dragonfly", [6379]],
  ["elasticsearch", [9200, 9300]], ["opensearch", [9200, 9300]], ["memcached", [11211]], ["couchdb", [5984]],
  ["couchbase", [[8091, 8096], [11210, 11211]]], ["cassandra", [9042, [7000, 7001]]], ["scylla", [9042, [7000, 7001]]],
  ["influxdb", [8086, 8181]], ["rabbitmq", [5672, 15672]], ["kafka", [9092]], ["zookeeper", [2181]], ["mssql-server", [1433]],
  ["oracle-database", [1521]], ["clickhouse-server", [8123, 9000]], ["neo4j", [7474, 7687]], ["etcd", [2379, 2380]],
  ["cockroach", [26257]], ["questdb", [8812, 9000, 9009]], ["arangodb", [8529]],
]);

/** The default datastore ports of an image, or null when it is not a known datastore image. */
export function datastoreImagePorts(repository: string): readonly { start: number; end: number }[] | null {
  const ports = DATASTORE_IMAGES.get(repository.slice(repository.lastIndexOf("/") + 1));
  return ports ? ports.map((p) => (typeof p === "number" ? { start: p, end: p } : { start: p[0], end: p[1] })) : null;
}
