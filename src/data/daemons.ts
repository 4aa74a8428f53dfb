/**
 * Packages that install a long-running server daemon, mapped to the daemon they provide (so
 * `postgresql` and `postgresql-16` are one daemon). Client and tool packages are not listed.
 */
const EXACT = new Map<string, string>(Object.entries({
  nginx: "nginx", "nginx-full": "nginx", "nginx-extras": "nginx", "nginx-light": "nginx", "nginx-core": "nginx", openresty: "nginx",
  apache2: "apache", "apache2-bin": "apache", httpd: "apache", apache: "apache",
  lighttpd: "lighttpd", caddy: "caddy", "tomcat9": "tomcat", "tomcat10": "tomcat", tomcat: "tomcat",
  postgresql: "postgresql", "postgresql-server": "postgresql",
  "mysql-server": "mysql", "mariadb-server": "mysql", "default-mysql-server": "mysql", "mysql-community-server": "mysql", mariadb: "mysql",
  "mongodb-org": "mongodb", "mongodb-org-server": "mongodb", "mongodb-server": "mongodb", mongodb: "mongodb",
  "redis-server": "redis", redis: "redis", valkey: "redis", "valkey-server": "redis",
  memcached: "memcached", "rabbitmq-server": "rabbitmq", mosquitto: "mosquitto",
  elasticsearch: "elasticsearch", opensearch: "elasticsearch", influxdb: "influxdb", "grafana": "grafana", "grafana-server": "grafana",
  zookeeperd: "zookeeper", zookeeper: "zookeeper",
  "openssh-server": "sshd", "openssh-server-pam": "sshd", dropbear: "sshd", "dropbear-bin": "sshd", "dropbear-openrc": "sshd",
  "php-fpm": "php-fpm",
  vsftpd: "ftp", proftpd: "ftp", "proftpd-basic": "ftp", "pure-ftpd": "ftp",
  postfix: "mail", "exim4": "mail", "exim4-daemon-light": "mail", "exim4-daemon-heavy": "mail", sendmail: "mail", opensmtpd: "mail", "dovecot-core": "imap", dovecot: "imap",
  bind9: "dns", bind: "dns", dnsmasq: "dns", unbound: "dns",
  squid: "squid", haproxy: "haproxy", varnish: "varnish",
  "samba": "samba", "nfs-kernel-server": "nfs", slapd: "ldap", "openldap": "ldap",
  cron: "cron", cronie: "cron", "cronie-noanacron": "cron",
  "xrdp": "rdp", "tigervnc-standalone-server": "vnc", "x11vnc": "vnc", "tightvncserver": "vnc",
}));

const PATTERNS: [RegExp, string][] = [
  [/^postgresql-?\d+(\.\d+)?(-server)?$/, "postgresql"],
  [/^postgresql\d+-server$/, "postgresql"],
  [/^mysql-server-\d/, "mysql"],
  [/^mariadb-server-\d/, "mysql"],
  [/^php[\d.]*-fpm$/, "php-fpm"],
  [/^php\d*-fpm$/, "php-fpm"],
];

/** Managers where the plain `openssh` package contains the SSH server. */
const OPENSSH_IS_SERVER = new Set(["apk", "pacman"]);

export function daemonOf(pkg: string, manager: string): string | null {
  if (pkg === "openssh") return OPENSSH_IS_SERVER.has(manager) ? "sshd" : null;
  // Debian and Ubuntu's `ssh` is a metapackage that pulls in openssh-server.
  if (pkg === "ssh") return manager === "apt" ? "sshd" : null;
  // On RHEL, Fedora and SUSE `postgresql`, `mariadb` and `mysql` are the clients; the servers are `*-server`.
  if ((manager === "yum" || manager === "zypper") && (pkg === "postgresql" || pkg === "mariadb" || pkg === "mysql" || /^postgresql\d+$/.test(pkg))) return null;
  // A Map: a package named `constructor` or `toString` is not a daemon.
  const exact = EXACT.get(pkg);
  if (exact) return exact;
  if (!/^(?:postgresql|mysql|mariadb|php)/.test(pkg)) return null;
  for (const [re, id] of PATTERNS) if (re.test(pkg)) return id;
  return null;
}

/** Process supervisors and init systems: running one means running several services. */
export const SUPERVISORS = new Set(["supervisord", "s6-svscan", "runsvdir", "runit", "systemd", "forego", "foreman", "honcho", "circusd", "multirun"]);

/** Full init systems (a VM's boot) as a container's start command. */
export const INIT_SYSTEMS = new Set(["/sbin/init", "/usr/sbin/init", "init", "systemd", "/lib/systemd/systemd", "/usr/lib/systemd/systemd", "/bin/systemd", "/usr/bin/systemd"]);

/** Minimal inits that sit in front of one process and are fine as PID 1. */
export const MINIMAL_INITS = new Set(["tini", "tini-static", "dumb-init", "docker-init", "catatonit"]);
