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

/** Images of datastores (repository names without registry for Docker Hub), by their last path part. */
const DATASTORE_IMAGES = new Set([
  "postgres", "postgis", "timescaledb", "mysql", "mariadb", "percona", "mongo", "mongodb", "redis", "redis-stack", "valkey", "keydb",
  "elasticsearch", "opensearch", "memcached", "couchdb", "couchbase", "cassandra", "scylla", "influxdb", "rabbitmq", "kafka",
  "zookeeper", "mssql-server", "oracle-database", "clickhouse-server", "neo4j", "etcd", "cockroach", "questdb", "arangodb", "dragonfly",
]);

export function isDatastoreImage(repository: string): boolean {
  const last = repository.slice(repository.lastIndexOf("/") + 1);
  return DATASTORE_IMAGES.has(last);
}
