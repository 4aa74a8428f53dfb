import { describe, it, expect } from "vitest";
import Ajv, { type ErrorObject, type ValidateFunction } from "ajv";
import Ajv2020 from "ajv/dist/2020.js";
import { parse, parseDocument } from "yaml";
import { existsSync, readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describeSchemaErrors } from "../src/parse/compose/schema-messages";
import { editDistance } from "../src/util/suggest";

const testDir = path.dirname(fileURLToPath(import.meta.url));
const projectRoot = path.resolve(testDir, "..");
const ourSchemaPath = path.resolve(projectRoot, "schemas/compose.schema.json");
const canonicalSchemaPath = path.resolve(testDir, "../../shared/schemas/compose-spec.json");
const corpusDir = path.resolve(testDir, "../../shared/corpus");

const ourSchema = JSON.parse(readFileSync(ourSchemaPath, "utf8")) as object;
const validate: ValidateFunction = new Ajv({ allErrors: true, strict: false }).compile(ourSchema);

function check(yamlText: string): { ok: boolean; errors: ErrorObject[]; data: unknown } {
  const data: unknown = parse(yamlText, { merge: true });
  const ok = validate(data);
  return { ok, errors: validate.errors ?? [], data };
}

function messages(yamlText: string): string[] {
  const { errors, data } = check(yamlText);
  return describeSchemaErrors(errors, data).map((p) => p.message);
}

const VALID_RECENT = `
name: demo
include:
  - ./common.yaml
  - path: [./a.yaml, ./b.yaml]
    env_file: .env.shared
    project_directory: ..
x-defaults: &defaults
  restart: unless-stopped
  logging:
    driver: json-file
    options: { max-size: 10m }
services:
  web:
    <<: *defaults
    build:
      context: .
      dockerfile_inline: |
        FROM alpine
        RUN echo hi
      tags: ["example/web:latest", "example/web:1.0"]
      args: [VERSION=1]
      ssh: [default]
      cache_from: [type=local,src=/tmp/cache]
      cache_to: [type=local,dest=/tmp/cache]
      additional_contexts: { shared: ../shared }
      entitlements: [network.host]
      platforms: [linux/amd64, linux/arm64]
      secrets: [npm_token]
      ulimits: { nofile: 1024 }
      shm_size: 256m
      no_cache: false
      pull: true
      privileged: false
      x-build-note: ok
    image: example/web
    ports:
      - "8080:80"
      - 9090
      - "\${HOST_PORT:-8443}:443"
      - name: admin
        target: 9000
        published: "9000-9005"
        host_ip: 127.0.0.1
        protocol: tcp
        app_protocol: http
        mode: host
    volumes:
      - ./src:/app/src:ro
      - type: bind
        source: ./conf
        target: /etc/app
        read_only: true
        bind: { propagation: rprivate, create_host_path: true, selinux: z, recursive: readonly }
      - type: volume
        source: data
        target: /data
        volume: { nocopy: true, subpath: sub }
      - type: tmpfs
        target: /tmp
        tmpfs: { size: 64m, mode: 1777 }
      - type: image
        source: example/assets:1
        target: /assets
        image: { subpath: www }
    labels:
      - com.example.team=web
      - com.example.empty
    label_file: [./app.labels]
    environment:
      - MODE=prod
      - DEBUG
    env_file:
      - .env
      - path: .env.local
        required: false
        format: raw
    depends_on:
      db:
        condition: service_healthy
        restart: true
        required: false
      cache:
        condition: service_started
    develop:
      watch:
        - path: ./src
          action: sync+exec
          target: /app/src
          ignore: [node_modules/]
          include: "*.ts"
          initial_sync: true
          exec:
            command: ["npm", "run", "reload"]
            user: node
        - path: package.json
          action: rebuild
    gpus: all
    post_start:
      - command: chown -R app /data
        user: root
        privileged: true
        working_dir: /data
        environment: { FOO: bar }
    pre_stop:
      - command: ["./drain.sh"]
    use_api_socket: true
    models:
      llm:
        endpoint_var: LLM_URL
        model_var: LLM_NAME
    cpus: \${CPUS:-0.5}
    mem_limit: 512m
    pull_policy: every_12h
    healthcheck:
      test: ["CMD", "curl", "-f", "http://localhost"]
      interval: 30s
      timeout: 5s
      retries: 3
      start_period: 10s
      start_interval: 2s
    deploy:
      mode: replicated
      replicas: \${REPLICAS:-2}
      resources:
        limits: { cpus: "0.5", memory: 256M, pids: 100 }
        reservations:
          devices:
            - driver: nvidia
              count: all
              capabilities: [gpu]
      restart_policy: { condition: on-failure, max_attempts: 3 }
      update_config: { parallelism: 1, order: start-first }
      placement: { constraints: [node.role == manager] }
    networks:
      front:
        aliases: [www]
        interface_name: eth1
        gw_priority: 1
      back:
    extra_hosts:
      somehost: 162.242.195.82
    sysctls: [net.core.somaxconn=1024]
    ulimits:
      nproc: 65535
      nofile: { soft: 20000, hard: 40000 }
    x-service-note: anything
  worker:
    image: example/worker
    restart: on-failure:5
    gpus:
      - driver: nvidia
        count: 2
    extends: { service: web, file: ./base.yaml }
    provider:
      type: awesomecloud
      options: { size: small, replicas: 2, tags: [a, b] }
    models: [llm]
    pull_refresh_after: 24h
    networks: [back]
  db:
    image: postgres:16
    restart: "\${DB_RESTART:-always}"
  cache:
    image: redis
networks:
  front:
  back:
    driver: bridge
    enable_ipv4: true
    enable_ipv6: false
    internal: true
    attachable: true
    ipam:
      config:
        - subnet: 172.28.0.0/16
          gateway: 172.28.0.1
  outside:
    external: true
volumes:
  data:
  named:
    name: my-named
    external: true
secrets:
  npm_token:
    environment: NPM_TOKEN
configs:
  app_conf:
    content: |
      key=value
models:
  llm:
    model: ai/smollm2
    context_size: 4096
    runtime_flags: ["--threads", "4"]
x-anything: {}
`;

describe("compose.schema.json", () => {
  it("compiles with the default Ajv build, non-strict and strict (with allowUnionTypes)", () => {
    expect(() => new Ajv({ allErrors: true, strict: false }).compile(ourSchema)).not.toThrow();
    expect(() => new Ajv({ allErrors: true, strict: true, allowUnionTypes: true }).compile(ourSchema)).not.toThrow();
  });

  it("accepts a file using many recent keys", () => {
    const { ok, errors, data } = check(VALID_RECENT);
    expect(describeSchemaErrors(errors, data)).toEqual([]);
    expect(ok).toBe(true);
  });

  it.each([
    ["minimal", "services:\n  web:\n    image: nginx\n"],
    ["obsolete version", "version: '3.8'\nservices:\n  web:\n    image: nginx\n"],
    ["empty top-level maps and null definitions", "services:\n  web:\n    image: nginx\n    deploy:\nvolumes:\n  data:\nnetworks: {}\n"],
    ["build as string", "services:\n  web:\n    build: ./app\n"],
    ["environment as map with null and numbers", "services:\n  web:\n    image: a\n    environment:\n      A: 1\n      B:\n      C: 'true'\n"],
    ["depends_on list", "services:\n  a:\n    image: a\n    depends_on: [b]\n  b:\n    image: b\n"],
    ["env_file string", "services:\n  a:\n    image: a\n    env_file: .env\n"],
    ["extends string", "services:\n  a:\n    extends: b\n  b:\n    image: b\n"],
    ["extra_hosts list", "services:\n  a:\n    image: a\n    extra_hosts: ['somehost=1.2.3.4', 'h:::1']\n"],
    ["interpolated numbers and booleans", "services:\n  a:\n    image: a\n    init: ${INIT:-true}\n    scale: ${SCALE}\n    ports: [{target: '${PORT}'}]\n"],
    ["interpolated enum values", "services:\n  a:\n    image: a\n    pull_policy: ${PULL:-always}\n    deploy: {mode: '${MODE}'}\n"],
    ["healthcheck disabled", "services:\n  a:\n    image: a\n    healthcheck: {disable: true}\n"],
    ["devices long syntax", "services:\n  a:\n    image: a\n    devices:\n      - /dev/ttyUSB0:/dev/ttyUSB0\n      - {source: /dev/sda, target: /dev/xvda, permissions: rwm}\n"],
    ["command null", "services:\n  a:\n    image: a\n    command:\n"],
  ])("accepts: %s", (_name, yamlText) => {
    const { ok, errors, data } = check(yamlText);
    expect(describeSchemaErrors(errors, data)).toEqual([]);
    expect(ok).toBe(true);
  });

  it.each([
    ["unknown service key", "services:\n  web:\n    image: a\n    prvileged: true\n"],
    ["bad restart", "services:\n  web:\n    image: a\n    restart: sometimes\n"],
    ["unknown top-level key", "servces:\n  web:\n    image: a\n"],
    ["port target not a port", "services:\n  web:\n    image: a\n    ports: [{target: x}]\n"],
    ["port long syntax without target", "services:\n  web:\n    image: a\n    ports: [{published: 80}]\n"],
    ["bad port protocol", "services:\n  web:\n    image: a\n    ports: [{target: 80, protocol: http}]\n"],
    ["bad pull_policy", "services:\n  web:\n    image: a\n    pull_policy: sometimes\n"],
    ["bad deploy.mode", "services:\n  web:\n    image: a\n    deploy: {mode: single}\n"],
    ["bad depends_on condition", "services:\n  a:\n    image: a\n    depends_on: {b: {condition: service_ready}}\n  b:\n    image: b\n"],
    ["bad volume type", "services:\n  web:\n    image: a\n    volumes: [{type: disk, source: a, target: /a}]\n"],
    ["volume long syntax without type", "services:\n  web:\n    image: a\n    volumes: [{source: a, target: /a}]\n"],
    ["bad watch action", "services:\n  web:\n    image: a\n    develop: {watch: [{path: ., action: reload}]}\n"],
    ["environment as a string", "services:\n  web:\n    image: a\n    environment: FOO=bar\n"],
    ["cpus as a list", "services:\n  web:\n    image: a\n    cpus: [1]\n"],
    ["unknown build key", "services:\n  web:\n    build: {contxt: .}\n"],
    ["unknown network key", "services:\n  web:\n    image: a\nnetworks:\n  n:\n    drivr: bridge\n"],
    ["model without model", "models:\n  m:\n    context_size: 10\n"],
    ["include item without path", "include:\n  - env_file: .env\n"],
    ["service is a string", "services:\n  web: nginx\n"],
    ["bad service name", "services:\n  'my web':\n    image: a\n"],
    ["numeric user (Compose wants a string)", "services:\n  web:\n    image: a\n    user: 1000\n"],
    ["duration as a bare number", "services:\n  web:\n    image: a\n    healthcheck: {interval: 30}\n"],
    ["depends_on long syntax without condition", "services:\n  a:\n    image: a\n    depends_on: {b: {restart: true}}\n  b:\n    image: b\n"],
    ["limits.devices (only valid in reservations)", "services:\n  web:\n    image: a\n    deploy: {resources: {limits: {devices: []}}}\n"],
  ])("rejects: %s", (_name, yamlText) => {
    const { ok, errors, data } = check(yamlText);
    expect(ok).toBe(false);
    expect(describeSchemaErrors(errors, data).length).toBeGreaterThan(0);
  });
});

describe("describeSchemaErrors", () => {
  it("names the unknown key, the service and suggests the closest allowed key", () => {
    const { errors, data } = check("services:\n  web:\n    image: a\n    prvileged: true\n");
    const problems = describeSchemaErrors(errors, data);
    expect(problems).toEqual([
      {
        path: ["services", "web", "prvileged"],
        key: "prvileged",
        message: 'unknown key "prvileged" in service "web" (did you mean "privileged"?)',
      },
    ]);
  });

  it("describes unknown top-level keys and nested unknown keys", () => {
    expect(messages("servces:\n  web:\n    image: a\n")).toEqual(['unknown top-level key "servces" (did you mean "services"?)']);
    expect(messages("services:\n  web:\n    build: {contxt: .}\n")).toEqual([
      'unknown key "contxt" in build of service "web" (did you mean "context"?)',
    ]);
    expect(messages("services:\n  web:\n    image: a\n    replicas: 2\n")).toEqual([
      'unknown key "replicas" in service "web" (it belongs under "deploy")',
    ]);
    expect(messages("services:\n  web:\n    image: a\n    contxt: .\n")).toEqual([
      'unknown key "contxt" in service "web" (did you mean "build.context"?)',
    ]);
  });

  it("states the restart enum once", () => {
    const { errors, data } = check("services:\n  web:\n    image: a\n    restart: sometimes\n");
    const problems = describeSchemaErrors(errors, data);
    expect(problems).toHaveLength(1);
    expect(problems[0]?.path).toEqual(["services", "web", "restart"]);
    expect(problems[0]?.message).toContain("restart must be one of no, always, on-failure, unless-stopped");
    expect(problems[0]?.message).toContain('(service "web")');
  });

  it("collapses anyOf branch failures into one message per path", () => {
    const { errors, data } = check("services:\n  web:\n    image: a\n    environment: FOO=bar\n    cpus: [1]\n");
    expect(errors.length).toBeGreaterThan(2); // ajv reports every branch
    const problems = describeSchemaErrors(errors, data);
    expect(problems).toHaveLength(2); // the caller sorts findings by line; order is not significant
    expect(problems).toEqual(expect.arrayContaining([
      {
        path: ["services", "web", "environment"],
        message: 'environment must be a map or a list of "KEY=value" strings (service "web")',
      },
      { path: ["services", "web", "cpus"], message: 'cpus must be a number or a string (service "web")' },
    ]));
  });

  it("reports the field inside the branch that fits the value's type", () => {
    expect(messages("services:\n  web:\n    image: a\n    ports: [{published: 80}]\n")).toEqual([
      'ports[0].target is required (service "web")',
    ]);
    expect(messages("services:\n  web:\n    image: a\n    ports: [{target: x}]\n")).toEqual([
      'ports[0].target must be a port number (service "web")',
    ]);
    expect(messages("services:\n  web:\n    image: a\n    ports: [{target: 80, protocol: http}]\n")).toEqual([
      'ports[0].protocol must be one of tcp, udp, sctp (service "web")',
    ]);
    expect(messages("services:\n  web:\n    image: a\n    volumes: [{type: volume, target: /a, bnd: {}}]\n")).toEqual([
      'unknown key "bnd" in volumes[0] of service "web" (did you mean "bind"?)',
    ]);
    const problems = describeSchemaErrors(
      ...(() => {
        const r = check("services:\n  web:\n    image: a\n    ports: [{published: 80}]\n");
        return [r.errors, r.data] as const;
      })(),
    );
    expect(problems[0]).toMatchObject({ path: ["services", "web", "ports", 0], key: "target" });
  });

  it("uses the schema's wording for scalar type errors", () => {
    expect(messages("services:\n  web:\n    image: a\n    healthcheck: {interval: 30}\n")).toEqual([
      'healthcheck.interval must be a duration such as 10s or 1m30s (service "web")',
    ]);
    expect(messages("services:\n  web:\n    image: a\n    deploy: {replicas: [2]}\n")).toEqual([
      'deploy.replicas must be an integer or a string (service "web")',
    ]);
  });

  it("names networks, models and invalid service names", () => {
    expect(messages("networks:\n  n:\n    drivr: bridge\n")).toEqual([
      'unknown key "drivr" in network "n" (did you mean "driver"?)',
    ]);
    expect(messages("models:\n  m:\n    context_size: 10\n")).toEqual(['model is required (model "m")']);
    expect(messages("services:\n  web: nginx\n")).toEqual(['service "web" must be a map']);
    expect(messages("services:\n  'my web':\n    image: a\n")).toEqual([
      '"my web" is not a valid service name (use only letters, digits, ".", "_" and "-")',
    ]);
  });

  it("computes restricted Damerau-Levenshtein distances", () => {
    expect(editDistance("prvileged", "privileged")).toBe(1);
    expect(editDistance("imgae", "image")).toBe(1);
    expect(editDistance("ports", "ports")).toBe(0);
    expect(editDistance("", "abc")).toBe(3);
  });
});

// ---------------------------------------------------------------------------------------------
// Differential test against the canonical Compose Specification schema.

const COMPOSE_FILE_NAME = /^(docker-)?compose(\..+)?\.ya?ml$/;

function findComposeFiles(dir: string): string[] {
  const found: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) found.push(...findComposeFiles(full));
    else if (entry.isFile() && COMPOSE_FILE_NAME.test(entry.name)) found.push(full);
  }
  return found.sort();
}

function loadYamlMap(file: string): Record<string, unknown> | undefined {
  try {
    const doc = parseDocument(readFileSync(file, "utf8"), { merge: true });
    if (doc.errors.length > 0) return undefined;
    const value: unknown = doc.toJS({ maxAliasCount: 1000 });
    if (typeof value !== "object" || value === null || Array.isArray(value)) return undefined;
    return value as Record<string, unknown>;
  } catch {
    return undefined;
  }
}

describe.skipIf(!existsSync(corpusDir) || !existsSync(canonicalSchemaPath))("differential: corpus vs canonical schema", () => {
  it("accepts every corpus Compose file that the canonical schema accepts", () => {
    const canonical = new Ajv2020({ strict: false, allErrors: true, logger: false }).compile(
      JSON.parse(readFileSync(canonicalSchemaPath, "utf8")) as object,
    );
    const files = findComposeFiles(corpusDir);
    let checked = 0;
    let canonicalAccepts = 0;
    let oursAccepts = 0;
    const oursStricter: string[] = [];
    const oursLooser: string[] = [];
    for (const file of files) {
      const data = loadYamlMap(file);
      if (data === undefined) continue;
      checked++;
      const canonicalOk = canonical(data);
      const oursOk = validate(data);
      if (canonicalOk) canonicalAccepts++;
      if (oursOk) oursAccepts++;
      const rel = path.relative(corpusDir, file);
      if (canonicalOk && !oursOk) {
        const problems = describeSchemaErrors(validate.errors ?? [], data).map((p) => p.message);
        oursStricter.push(`${rel}\n    ${problems.join("\n    ")}\n    raw: ${JSON.stringify(validate.errors)}`);
      }
      if (!canonicalOk && oursOk) oursLooser.push(`${rel}: ${JSON.stringify(canonical.errors?.slice(0, 3))}`);
    }
    console.log(
      `compose corpus: ${files.length} files found, ${checked} parsed, canonical accepts ${canonicalAccepts}, ours accepts ${oursAccepts}; ` +
        `ours rejects ${oursStricter.length} that canonical accepts, ours accepts ${oursLooser.length} that canonical rejects`,
    );
    if (oursLooser.length > 0) console.log(`accepted by ours only:\n  ${oursLooser.join("\n  ")}`);
    expect(checked).toBeGreaterThan(0);
    expect(oursStricter, `files the canonical schema accepts but ours rejects:\n${oursStricter.join("\n")}`).toEqual([]);
  });
});
