// Container images of third-party software: a deployment running one is infrastructure (a database, a broker, a
// proxy), never a package of the workspace, even when a library folder happens to share its name (libs/redis).

/** Software teams run rather than build, by image name (Docker Official Images and the usual vendor images). */
const THIRD_PARTY_SOFTWARE = new Set([
  'redis', 'postgres', 'postgis', 'mongo', 'mongodb', 'mongo-express', 'mysql', 'mariadb', 'rabbitmq', 'kafka', 'cp-kafka',
  'zookeeper', 'cp-zookeeper', 'nats', 'nats-streaming', 'nginx', 'traefik', 'envoy', 'haproxy', 'kong', 'memcached',
  'elasticsearch', 'kibana', 'logstash', 'opensearch', 'cassandra', 'couchdb', 'clickhouse-server', 'influxdb', 'minio',
  'localstack', 'mailhog', 'mailpit', 'jaeger', 'all-in-one', 'zipkin', 'prometheus', 'grafana', 'loki', 'vault', 'consul',
  'etcd', 'adminer', 'pgadmin4', 'redis-commander', 'redisinsight', 'kafka-ui', 'schema-registry', 'temporal', 'keycloak',
  'registry', 'busybox', 'alpine', 'node', 'debian', 'ubuntu', 'pulsar', 'nsq', 'emqx', 'mosquitto', 'eclipse-mosquitto',
  'neo4j', 'dynamodb-local', 'azurite', 'pubsub-emulator', 'opentelemetry-collector', 'otel-collector', 'valkey', 'dragonfly',
]);

/** Publishers whose images are all software the team runs, not builds. */
const THIRD_PARTY_PUBLISHERS = new Set([
  'library', 'bitnami', 'confluentinc', 'wurstmeister', 'grafana', 'prom', 'jaegertracing', 'openzipkin', 'minio', 'localstack',
  'hashicorp', 'elastic', 'provectuslabs', 'obsidiandynamics', 'dpage', 'axllent', 'redislabs', 'temporalio', 'clickhouse',
  'envoyproxy', 'linuxserver', 'otel', 'nginxinc', 'apache', 'rediscommander', 'mher', 'amazon', 'testcontainers', 'quay.io',
]);

/** `redis:7`, `bitnami/kafka:3`, `docker.io/library/postgres` are third-party; `acme/orders`, `registry:5000/shop/orders` are not. */
export function isThirdPartyImage(image: string): boolean {
  const name = image.replace(/@.*$/, '').replace(/:[^/]*$/, '').toLowerCase();
  const parts = name.split('/');
  const last = parts[parts.length - 1]!;
  if (THIRD_PARTY_SOFTWARE.has(last)) return true;
  const hasRegistry = parts.length > 1 && /[.:]|^localhost$/.test(parts[0]!);
  const publisher = hasRegistry ? parts[1] : parts.length > 1 ? parts[0] : undefined;
  return publisher !== undefined && parts.length > (hasRegistry ? 2 : 1) && THIRD_PARTY_PUBLISHERS.has(publisher);
}
